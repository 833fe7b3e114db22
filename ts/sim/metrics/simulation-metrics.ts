/**
 * Metrics of a run, per prosumer and for the community. Definitions (energies in kWh, money in currency):
 * - cost: P2P purchases at their prices + network charge on P2P purchases + grid purchases at retail − P2P sales at
 *   their prices − grid sales at feed-in. baselineCost: the same physical net settled with the retailer only.
 *   savings = baselineCost − cost (positive = P2P helped).
 * - consumption = load + EV charging (battery charging is storage, not consumption); PV used = PV − curtailed.
 * - Self-sufficiency and self-consumption are PHYSICAL: they measure energy flows at a meter, so they do not depend
 *   on who paid whom. Identical physical flows give identical values under every mechanism (the market changes
 *   money, not electrons: in this model no agent reacts to P2P prices, so 'none' and every P2P mechanism share the
 *   same flows and therefore the same self-sufficiency).
 *   - prosumer, at its own meter: selfSufficiency = 1 − imported / consumption, where imported = Σ max(0, −net)·dt of
 *     the actual delivery (= P2P bought + grid bought when the market clears on actuals) (the share of consumption its own PV and battery covered; below 0 only when a
 *     price-threshold battery imports energy it later loses or exports); selfConsumption = 1 − exported / PV used,
 *     exported = Σ max(0, net)·dt (the share of its PV used on site, battery included).
 *   - community, at the community's boundary (lossless; losses are reported separately): each step the prosumers'
 *     surpluses and deficits net out, so netImportKwh = Σ max(0, −Σᵢ netᵢ)·dt and netExportKwh = Σ max(0, Σᵢ netᵢ)·dt;
 *     selfSufficiency = 1 − netImportKwh / consumption, selfConsumption = 1 − netExportKwh / PV used.
 * - The market's share of that is CONTRACTUAL and differs by mechanism: settledSelfSufficiency = 1 − grid bought /
 *   consumption and settledSelfConsumption = 1 − grid sold / PV used count only what the retailer settled. In the
 *   no-P2P baseline every surplus is sold to and every deficit bought from the retailer, so the settled values are
 *   the sums of the prosumers' meter flows; P2P raises them towards the physical community values (equal when the market matches
 *   every step's surplus against its deficit; never above them).
 * - gate closure (market.gateClosure): the market settles each prosumer's forecast; the deviation of the actual is
 *   imbalance, short (bought at the short price) or long (sold at the long price); imbalanceCost is the net cost and
 *   is part of cost. The no-P2P baseline settles the actuals with the retailer, so savings include the imbalance cost.
 * - curtailment by reason: the connections' export limits, the transformer limit, the corrective action on
 *   voltage/thermal violations, the network-constrained clearing, and the islanded grid's balancing (the five add up
 *   to curtailedKwh).
 * - local balance (the Elecbay trial's measure, local-balance.ts): localBalance = P2P bought / (P2P bought + grid
 *   bought), the share of the deficit left after the prosumers' own PV and batteries that peers met; contractual, so
 *   it differs by mechanism (0 in the no-P2P baseline).
 * - welfare: Σ over steps of the market's welfare at the orders' own prices (ClearingResult.welfare).
 * - fairness: Gini and Jain of the per-prosumer savings (fairness.ts); null where undefined.
 * - peakImportKw: community — highest power drawn at the substation (physical, from the power flow); prosumer —
 *   highest net draw.
 * - violations: count = bus-steps (voltage) or branch-steps (thermal) outside limits; hours = steps with any × dt.
 * A ratio whose denominator is 0 is null (never NaN).
 */
import { giniCoefficient, jainIndex } from './fairness.js';
import type { Simulation } from '../engine/simulation.js';
import type { CommunitiesMetrics } from '../communities/community-metrics.js';
import type { IslandMetrics } from '../island/islanded-grid.js';

/** Metrics of one prosumer. */
export interface ProsumerMetrics {
  id: string;
  bus: string | number;
  loadKwh: number;
  evKwh: number;
  pvKwh: number;
  curtailedKwh: number;
  p2pBoughtKwh: number;
  p2pSoldKwh: number;
  gridImportKwh: number;
  gridExportKwh: number;
  cost: number;
  baselineCost: number;
  savings: number;
  selfSufficiency: number | null;
  selfConsumption: number | null;
  peakImportKw: number;
  /**
   * EV energy sessions asked for but could not get before departure, kWh (0 without an EV). A session still plugged
   * in when the horizon ends has not missed its deadline and is not counted.
   */
  evUnmetKwh: number;
  /** Gate closure: energy short of the cleared position, kWh. */
  imbalanceShortKwh: number;
  /** Gate closure: energy beyond the cleared position, kWh. */
  imbalanceLongKwh: number;
  /** Gate closure: net cost of imbalances, currency (part of cost). */
  imbalanceCost: number;
  /** Export limit of the connection, kW (null = none). */
  exportLimitKw: number | null;
}

/** Metrics of the community (all prosumers and the feeder). */
export interface CommunityMetrics {
  prosumers: number;
  consumptionKwh: number;
  pvKwh: number;
  curtailedKwh: number;
  /**
   * Curtailment by reason, kWh: export limits, transformer limit, corrective action on violations after the market
   * (network), the market's own clearing with the grid inside (clearing: 'network-constrained'), and the islanded
   * grid's balancing (island).
   */
  curtailedByReason: { exportLimitKwh: number; transformerKwh: number; networkKwh: number; clearingKwh: number; islandKwh: number };
  /** Hours in which the net exchange exceeded the transformer limit after curtailment (null without a limit). */
  transformerLimitExceededHours: number | null;
  /** Gate closure: Σ short and long imbalance and their net cost (null when the run cleared on actuals). */
  imbalance: { shortKwh: number; longKwh: number; cost: number } | null;
  /** EV energy not delivered before departure, kWh. */
  evUnmetKwh: number;
  p2pVolumeKwh: number;
  gridImportKwh: number;
  gridExportKwh: number;
  cost: number;
  baselineCost: number;
  savings: number;
  /** savings / |baselineCost| · 100, or null when the baseline cost is 0. */
  savingsPercent: number | null;
  networkChargesPaid: number;
  /** What a P2P buyer paid per kWh on average, P2P charges included, currency/kWh (null without P2P trade). */
  p2pBuyerPricePerKwh: number | null;
  /** What a P2P seller received per kWh on average, net of charges it bears, currency/kWh (null without P2P trade). */
  p2pSellerPricePerKwh: number | null;
  /** Physical: 1 − netImportKwh / consumption (mechanism-independent for the same flows), or null without consumption. */
  selfSufficiency: number | null;
  /** Physical: 1 − netExportKwh / PV used, or null without PV. */
  selfConsumption: number | null;
  /** Contractual: 1 − energy bought from the retailer / consumption, or null without consumption. */
  settledSelfSufficiency: number | null;
  /** Contractual: 1 − energy sold to the retailer / PV used, or null without PV. */
  settledSelfConsumption: number | null;
  /** Share of the settled deficit met by peers: P2P bought / (P2P bought + grid bought), or null without deficit. */
  localBalance: number | null;
  /** Σ per step of the community's net draw from the upstream grid (before losses), kWh. */
  netImportKwh: number;
  /** Σ per step of the community's net export to the upstream grid (before losses), kWh. */
  netExportKwh: number;
  welfare: number;
  marketSurplus: number;
  giniSavings: number | null;
  jainSavings: number | null;
  peakImportKw: number | null;
  lossesKwh: number;
  /** Bus-steps outside the voltage limits; worstExcessPu: the largest distance outside them, p.u. */
  voltageViolations: { count: number; hours: number; overVoltage: number; underVoltage: number; worstExcessPu: number };
  /** Branch-steps above 100 % loading; worstExcessPercent: the largest loading above 100 %, percentage points. */
  thermalViolations: { count: number; hours: number; worstExcessPercent: number };
  /**
   * 'network-constrained' only (null otherwise): steps that needed an LP, steps whose limits the inflexible load
   * alone broke (soft limits), and the largest |AC − LinDistFlow| bus voltage of the cleared steps, p.u.
   */
  gridClearing: { lpSteps: number; relaxedSteps: number; maxLinDistFlowErrorPu: number } | null;
  correctionRounds: number;
  /** Steps whose power flow did not converge (their losses and violations are unknown and not in the totals). */
  powerFlowFailures: number;
  /** The first such step: index, start (ISO 8601, UTC) and the power flow's status; null when every step solved. */
  firstPowerFlowFailure: { step: number; time: string; status: string } | null;
  maxBalanceErrorKwh: number;
}

/** Metrics of a run. */
export interface SimulationMetrics {
  community: CommunityMetrics;
  prosumers: ProsumerMetrics[];
  /** Nested communities, per community and for the whole (null or absent without scenario.communities). */
  communities?: CommunitiesMetrics | null;
  /** The islanded grid's metrics (null or absent when connected). */
  islanded?: IslandMetrics | null;
}

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/** Computes the metrics of the steps a simulation has run so far. */
export function computeMetrics(sim: Simulation): SimulationMetrics {
  const t = sim.totals;
  const c = sim.community;
  const dt = sim.grid.dtHours;
  const n = sim.agents.length;
  const savings = new Float64Array(n);
  const prosumers: ProsumerMetrics[] = sim.agents.map((a, i) => {
    const consumption = t.loadKwh[i]! + t.evKwh[i]!;
    const pvUsed = t.pvKwh[i]! - t.curtailedKwh[i]!;
    savings[i] = t.baselineCost[i]! - t.cost[i]!;
    return {
      id: a.id,
      bus: sim.feeder.net.busIds[a.busIndex]!,
      loadKwh: t.loadKwh[i]!,
      evKwh: t.evKwh[i]!,
      pvKwh: t.pvKwh[i]!,
      curtailedKwh: t.curtailedKwh[i]!,
      p2pBoughtKwh: t.p2pBoughtKwh[i]!,
      p2pSoldKwh: t.p2pSoldKwh[i]!,
      gridImportKwh: t.gridImportKwh[i]!,
      gridExportKwh: t.gridExportKwh[i]!,
      cost: t.cost[i]!,
      baselineCost: t.baselineCost[i]!,
      savings: savings[i]!,
      selfSufficiency: consumption > 0 ? 1 - t.meterImportKwh[i]! / consumption : null,
      selfConsumption: pvUsed > 0 ? 1 - t.meterExportKwh[i]! / pvUsed : null,
      peakImportKw: Math.max(0, t.peakImportKw[i]!),
      evUnmetKwh: a.ev?.unmetKwh ?? 0,
      imbalanceShortKwh: t.imbalanceShortKwh[i]!,
      imbalanceLongKwh: t.imbalanceLongKwh[i]!,
      imbalanceCost: t.imbalanceCost[i]!,
      exportLimitKw: Number.isFinite(sim.exportLimitKw[i]!) ? sim.exportLimitKw[i]! : null,
    };
  });
  const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
  const consumption = sum(t.loadKwh) + sum(t.evKwh);
  const pv = sum(t.pvKwh);
  const curtailed = sum(t.curtailedKwh);
  const gridImport = sum(t.gridImportKwh);
  const gridExport = sum(t.gridExportKwh);
  const cost = sum(t.cost);
  const baselineCost = sum(t.baselineCost);
  const stepsDone = sim.stepsDone;
  const converged = stepsDone - c.powerFlowFailures;
  return {
    prosumers,
    community: {
      prosumers: n,
      consumptionKwh: consumption,
      pvKwh: pv,
      curtailedKwh: curtailed,
      curtailedByReason: { exportLimitKwh: c.curtailedExportLimitKwh, transformerKwh: c.curtailedTransformerKwh, networkKwh: c.curtailedNetworkKwh, clearingKwh: c.curtailedClearingKwh, islandKwh: sim.island?.curtailedKwh ?? 0 },
      transformerLimitExceededHours: sim.scenario.limits.transformerKw === undefined ? null : c.transformerLimitExceededSteps * dt,
      imbalance: sim.gateClosure
        ? { shortKwh: sum(t.imbalanceShortKwh), longKwh: sum(t.imbalanceLongKwh), cost: sum(t.imbalanceCost) }
        : null,
      evUnmetKwh: prosumers.reduce((x, p) => x + p.evUnmetKwh, 0),
      p2pVolumeKwh: sum(t.p2pSoldKwh),
      gridImportKwh: gridImport,
      gridExportKwh: gridExport,
      cost,
      baselineCost,
      savings: baselineCost - cost,
      savingsPercent: baselineCost !== 0 ? ((baselineCost - cost) / Math.abs(baselineCost)) * 100 : null,
      networkChargesPaid: sum(t.networkChargeCost),
      p2pBuyerPricePerKwh: ratio(c.p2pBuyerPaid, sum(t.p2pBoughtKwh)),
      p2pSellerPricePerKwh: ratio(c.p2pSellerReceived, sum(t.p2pSoldKwh)),
      selfSufficiency: ratio(consumption - c.netImportKwh, consumption),
      selfConsumption: ratio(pv - curtailed - c.netExportKwh, pv - curtailed),
      settledSelfSufficiency: ratio(consumption - gridImport, consumption),
      settledSelfConsumption: ratio(pv - curtailed - gridExport, pv - curtailed),
      localBalance: ratio(sum(t.p2pBoughtKwh), sum(t.p2pBoughtKwh) + gridImport),
      netImportKwh: c.netImportKwh,
      netExportKwh: c.netExportKwh,
      welfare: c.welfare,
      marketSurplus: c.marketSurplus,
      giniSavings: giniCoefficient(savings),
      jainSavings: jainIndex(savings),
      peakImportKw: converged > 0 ? c.peakSubstationKw : null,
      lossesKwh: c.lossesKwh,
      voltageViolations: {
        count: c.voltageViolationCount,
        hours: c.voltageViolationSteps * dt,
        overVoltage: c.overVoltageCount,
        underVoltage: c.underVoltageCount,
        worstExcessPu: c.worstVoltageExcessPu,
      },
      thermalViolations: { count: c.thermalViolationCount, hours: c.thermalViolationSteps * dt, worstExcessPercent: c.worstOverloadPercent },
      gridClearing: sim.mechanism === 'network-constrained'
        ? { lpSteps: c.clearingLpSteps, relaxedSteps: c.clearingRelaxedSteps, maxLinDistFlowErrorPu: c.maxLinDistFlowErrorPu }
        : null,
      correctionRounds: c.correctionRounds,
      powerFlowFailures: c.powerFlowFailures,
      firstPowerFlowFailure:
        c.firstPowerFlowFailureStep < 0
          ? null
          : { step: c.firstPowerFlowFailureStep, time: new Date(sim.grid.timeMs(c.firstPowerFlowFailureStep)).toISOString(), status: c.firstPowerFlowFailureStatus },
      maxBalanceErrorKwh: c.maxBalanceErrorKwh,
    },
  };
}
