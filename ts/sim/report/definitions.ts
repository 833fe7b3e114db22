/**
 * Definitions of every figure of the comparison, as the report prints them (its "Definitions" section; every column
 * header links to its entry). 'currency' in a text is replaced by the scenario's currency code.
 */

/** One defined term. */
export interface Definition {
  /** HTML id of the entry. */
  anchor: string;
  term: string;
  text: string;
  /** Comparison column keys the entry defines. */
  keys: readonly string[];
}

/** Every definition, in the order the report lists them. */
export const DEFINITIONS: readonly Definition[] = [
  {
    anchor: 'def-cost',
    term: 'Cost and savings',
    keys: ['cost', 'savings', 'savingsPercent'],
    text:
      'Cost (currency): what the prosumers paid over the horizon — P2P purchases at their prices plus the P2P charges, grid purchases at retail, minus P2P sales and grid sales at feed-in, plus the net imbalance cost in the gate-closure mode. Savings: the cost of the same metered flows settled with the retailer only (no-P2P baseline) minus the cost; savings % = savings / |baseline cost|.',
  },
  {
    anchor: 'def-p2p',
    term: 'P2P volume and effective prices',
    keys: ['p2pVolumeKwh', 'p2pBuyerPricePerKwh', 'p2pSellerPricePerKwh', 'networkChargesPaid'],
    text:
      'P2P (kWh): energy traded between prosumers. P2P buy (currency/kWh): Σ what buyers paid for P2P energy, P2P charges included, / Σ kWh bought. P2P sell: Σ what sellers received / Σ kWh sold. P2P charges: the network charge (and levies) paid on P2P kWh — the network operator\'s (and the state\'s) revenue from P2P trade.',
  },
  {
    anchor: 'def-welfare',
    term: 'Welfare',
    keys: ['welfare', 'operatorSurplus', 'welfareAtReservation'],
    text:
      "Welfare (currency): Σ over steps of the market's gains from trade at the orders' limit prices, Σ bid·q over buy fills − Σ ask·q over sell fills. With truthful bids the limit prices are the reservation values (a buyer's retail price minus the P2P charges, a seller's feed-in), so welfare is the value the market created; with other strategies it is measured at declared prices. Operator surplus (currency): what the market operator keeps — buyers' payments minus sellers' receipts in the P2P market (trade reduction, Huang and MUDA keep a budget surplus; 0 for budget-balanced mechanisms). Welfare at reservation values (currency): the prosumers' savings plus the operator surplus, i.e. the gains measured at every prosumer's alternative with the retailer whatever it bid (zero-intelligence or mark-up bids included).",
  },
  {
    anchor: 'def-gini',
    term: 'Gini coefficient of savings',
    keys: ['giniSavings'],
    text:
      'G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄) over the per-prosumer savings x: 0 = everyone saves the same, (n−1)/n = one prosumer gets all savings. Undefined (–) when the mean saving is not positive. Savings can be negative, so G can exceed 1 (gains concentrated on few, with losers).',
  },
  {
    anchor: 'def-jain',
    term: "Jain's fairness index of savings",
    keys: ['jainSavings'],
    text: "J = (Σ xᵢ)² / (n Σ xᵢ²) over the per-prosumer savings: 1 = equal savings, 1/n = one prosumer gets everything; all zeros give 1.",
  },
  {
    anchor: 'def-self',
    term: 'Self-sufficiency and self-consumption',
    keys: ['selfSufficiencyPercent', 'selfConsumptionPercent', 'settledSelfSufficiencyPercent', 'settledSelfConsumptionPercent'],
    text:
      "Physical, at the community's boundary: self-sufficiency = 1 − Σ per step of the community's net import / consumption (load + EV charging); self-consumption = 1 − net export / PV used. Settled: 1 − energy bought from (sold to) the retailer / consumption (PV used) — the market's share, which P2P raises towards the physical value.",
  },
  {
    anchor: 'def-imbalance',
    term: 'Imbalance (gate-closure mode)',
    keys: ['imbalanceKwh', 'imbalanceCost'],
    text:
      "Each prosumer's order is its forecast net injection; delivery is its actual. Short = delivered less (or used more) than the cleared position, bought at the short price; long = delivered more, sold at the long price. Imbalance cost (currency) = Σ short·short price − Σ long·long price.",
  },
  {
    anchor: 'def-physics',
    term: 'Peak, losses, violations',
    keys: ['peakImportKw', 'lossesKwh', 'voltageViolations', 'voltageViolationHours', 'thermalViolations', 'thermalViolationHours', 'worstVoltageExcessPu', 'worstOverloadPoints', 'linDistFlowErrorPu'],
    text:
      "Peak import (kW): highest power drawn at the substation. Losses (kWh): Σ branch losses of the power flow. Violations: bus-steps outside the network's voltage limits, branch-steps above 100 % of their rating, and the hours with any ('no ratings' when the network has no thermal ratings); worst excess: the largest distance outside a voltage limit (p.u.) and the largest loading above 100 % (percentage points). LinDistFlow error (network-constrained only): the largest gap between the AC power flow's bus voltage and the clearing's linearised (LinDistFlow) voltage over the run, p.u.",
  },
  {
    anchor: 'def-curtailment',
    term: 'Curtailment',
    keys: ['curtailedKwh', 'curtailedExportLimitKwh', 'curtailedTransformerKwh', 'curtailedNetworkKwh', 'curtailedClearingKwh'],
    text:
      "PV energy not produced (kWh), by reason: each connection's export limit, the transformer limit on the community's net export, the corrective action on over-voltages and reverse-flow overloads after the market (V/thermal), and, under network-constrained clearing, the clearing itself keeping the feeder's limits (in clearing). The four add up to the total.",
  },
  {
    anchor: 'def-coalition',
    term: 'Coalition view (v(N), Shapley value)',
    keys: [],
    text:
      "v(S) (currency): what a group S of households saves by pooling their no-P2P net positions — each step, S's imports are netted against S's exports, which saves retail − feed-in − P2P charges per netted kWh (nothing when the charges exceed the spread). v(N) is that for the whole community over the horizon. A household's Shapley value is its average marginal contribution v(S ∪ {i}) − v(S) over every order in which the community can form (sampled for more than a handful of households, with a 95 % interval). Share of v(N): the mechanism's total savings / v(N). Distance from Shapley: Σ |saving − Shapley value| / v(N). Households below Shapley: those whose saving is below their Shapley value by more than its sampling half-width.",
  },
];

/** The anchor of the definition of a comparison column, or undefined. */
export function definitionAnchor(key: string): string | undefined {
  return DEFINITIONS.find((d) => d.keys.includes(key))?.anchor;
}
