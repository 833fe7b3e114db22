/**
 * The islanded mode of the simulation (scenario `grid: {mode: 'islanded', vollPerKwh}`): no retailer. Each step the
 * local market clears as usual (bids against the tariffs, which are here the island's reference prices), then
 * island-dispatch.ts balances what it left: storage, then load shedding; storage, then PV curtailment. The
 * power flow sees the final injections (the slack bus stands for the island's grid-forming unit and supplies only
 * the losses). The corrective curtailment on violations does not run in this mode (the island's dispatch sets the
 * injections; violations are counted).
 *
 * Settlement: market fills as cleared; each order's residual that was served (demand not shed, supply not
 * curtailed) is settled with the island operator at the step's balancing price — in the result's grid purchases and
 * sales, so "grid import/export" means "from/to the island pool" in this mode; storage owners are paid (or pay) that
 * price for the extra energy their batteries delivered (or stored). One price per step, so the pool balances.
 * Shed load is not paid for: it costs its consumer the value of lost load, reported as lostLoadCost (not in cost).
 * Metrics: energy not served, lost-load cost, hours with shedding (a loss-of-load expectation over the horizon),
 * curtailed and storage-dispatched energy, the served share of consumption; the island's energy balance (Σ final net
 * injections = 0) is checked every step: above 1e-6 kWh the step throws, as the simulation does for the market.
 */
import { ValidationError } from '../../errors.js';
import type { ClearingResult, GridTransaction } from '../../market/clearing-result.js';
import type { Order } from '../../market/order.js';
import type { Simulation } from '../engine/simulation.js';
import { createIslandOutcome, dispatchIsland, type IslandStepOutcome } from './island-dispatch.js';

/** Metrics of an islanded run (energies in kWh, money in currency). */
export interface IslandMetrics {
  /** Value of lost load, currency/kWh. */
  vollPerKwh: number;
  /** Load shed over the horizon, kWh. */
  energyNotServedKwh: number;
  /** energyNotServedKwh × vollPerKwh, currency (not part of cost: nobody is paid it). */
  lostLoadCost: number;
  /** Hours with any load shed (loss of load over the horizon), h. */
  sheddingHours: number;
  /** 1 − energy not served / consumption (null without consumption). */
  servedShare: number | null;
  /** PV curtailed by the island's balancing, kWh. */
  curtailedKwh: number;
  /** Extra energy batteries delivered to balance the island, kWh. */
  storageDischargeKwh: number;
  /** Extra energy batteries stored to balance the island, kWh. */
  storageChargeKwh: number;
  /** Largest |Σ final net injection|·dt of a step, kWh (rounding only). */
  maxBalanceErrorKwh: number;
  /** Per prosumer: energy not served and curtailed by the island's balancing, kWh. */
  prosumers: { id: string; energyNotServedKwh: number; curtailedKwh: number }[];
}

const BALANCE_LIMIT_KWH = 1e-6;

/** The islanded grid's per-step dispatch and running totals. */
export class IslandedGrid {
  /** Value of lost load, currency/kWh. */
  readonly vollPerKwh: number;
  /** Each prosumer's settled position of the step (market order after shedding/curtailment, before storage), kW. */
  readonly positionKw: Float64Array;
  /** The last step's balancing outcome. */
  readonly outcome: IslandStepOutcome;
  /** PV curtailed by the balancing in the last step, kWh. */
  stepCurtailedKwh = 0;
  private readonly residualDemandKwh: Float64Array;
  private readonly residualSupplyKwh: Float64Array;
  private readonly batteryKw: Float64Array;
  private readonly indexOf = new Map<string, number>();
  private readonly shedTotalKwh: Float64Array;
  private readonly curtailedTotalKwh: Float64Array;
  private storageDischargeKwh = 0;
  private storageChargeKwh = 0;
  private sheddingSteps = 0;
  private maxBalanceErrorKwh = 0;

  constructor(sim: Simulation, vollPerKwh: number) {
    if (sim.mechanism === 'network-constrained') {
      // A run's mechanism can be set after validation (createSimulation's option), so the schema's check is repeated.
      throw new ValidationError({ element: 'scenario', id: sim.scenario.name, field: 'market.mechanism', value: sim.mechanism }, 'the islanded grid cannot balance after a network-constrained clearing');
    }
    this.vollPerKwh = vollPerKwh;
    const n = sim.agents.length;
    sim.agents.forEach((a, i) => this.indexOf.set(a.id, i));
    this.positionKw = new Float64Array(n);
    this.residualDemandKwh = new Float64Array(n);
    this.residualSupplyKwh = new Float64Array(n);
    this.batteryKw = new Float64Array(n);
    this.shedTotalKwh = new Float64Array(n);
    this.curtailedTotalKwh = new Float64Array(n);
    this.outcome = createIslandOutcome(n);
    const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
    sim.addReporter('islandPricePerKwh', (s) => s.island!.outcome.pricePerKwh);
    sim.addReporter('energyNotServedKwh', (s) => sum(s.island!.outcome.shedKwh));
    sim.addReporter('islandCurtailedKwh', (s) => s.island!.stepCurtailedKwh);
    sim.addReporter('islandStorageKwh', (s) => sum(s.island!.outcome.storageKwh));
  }

  /**
   * Balances the step after the market (`clearing`, null without a market) and returns the clearing to settle: the
   * market's fills with every served residual settled with the island pool. Rewrites the simulation's net injections
   * (and battery set-points) to the final ones.
   */
  dispatch(sim: Simulation, book: readonly Order[], clearing: ClearingResult | null, retail: number, feedIn: number): ClearingResult {
    const dt = sim.grid.dtHours;
    const d = this.residualDemandKwh.fill(0);
    const s = this.residualSupplyKwh.fill(0);
    for (const o of book) (o.side === 'buy' ? d : s)[this.indexOf.get(o.prosumer)!] += o.quantityKwh;
    for (const f of clearing?.fills ?? []) (f.side === 'buy' ? d : s)[this.indexOf.get(f.prosumer)!] -= f.quantityKwh;
    for (let i = 0; i < d.length; i++) {
      d[i] = Math.max(0, d[i]!);
      s[i] = Math.max(0, s[i]!);
      this.batteryKw[i] = sim.agents[i]!.batteryKw;
    }
    const out = dispatchIsland(
      { dtHours: dt, vollPerKwh: this.vollPerKwh, retailPricePerKwh: retail, feedInPricePerKwh: feedIn, residualDemandKwh: d, residualSupplyKwh: s, batteries: sim.agents.map((a) => a.battery), batteryKw: this.batteryKw },
      this.outcome,
    );
    const purchases: GridTransaction[] = [];
    const sales: GridTransaction[] = [];
    let curtailed = 0;
    for (const o of book) {
      const i = this.indexOf.get(o.prosumer)!;
      const q = o.side === 'buy' ? d[i]! - out.shedKwh[i]! : s[i]! - out.curtailedKwh[i]!;
      if (q > 0) (o.side === 'buy' ? purchases : sales).push({ orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: q, pricePerKwh: out.pricePerKwh });
    }
    for (let i = 0; i < d.length; i++) {
      const a = sim.agents[i]!;
      const settledKw = (out.shedKwh[i]! - out.curtailedKwh[i]!) / dt;
      this.positionKw[i] = sim.netKw[i]! + settledKw;
      // Shedding and storage change what the prosumer would have injected; curtailment is what it did not.
      sim.netBeforeCurtailmentKw[i]! += out.shedKwh[i]! / dt + out.storageKwh[i]! / dt;
      sim.netKw[i]! += settledKw + out.storageKwh[i]! / dt;
      a.batteryKw = this.batteryKw[i]!;
      curtailed += out.curtailedKwh[i]!;
    }
    this.stepCurtailedKwh = curtailed;
    return { ...(clearing ?? noMarket()), gridPurchases: purchases, gridSales: sales };
  }

  /** After settlement: pays storage owners for their balancing energy, checks the island's balance, adds up totals. */
  record(sim: Simulation, step: number): void {
    const out = this.outcome;
    const dt = sim.grid.dtHours;
    let net = 0;
    let shed = 0;
    for (let i = 0; i < out.storageKwh.length; i++) {
      const e = out.storageKwh[i]!;
      sim.totals.cost[i]! -= e * out.pricePerKwh;
      sim.stepCost[i]! -= e * out.pricePerKwh;
      if (e > 0) this.storageDischargeKwh += e;
      else this.storageChargeKwh -= e;
      this.shedTotalKwh[i]! += out.shedKwh[i]!;
      this.curtailedTotalKwh[i]! += out.curtailedKwh[i]!;
      shed += out.shedKwh[i]!;
      net += sim.netKw[i]! * dt;
    }
    if (shed > 0) this.sheddingSteps++;
    const err = Math.abs(net);
    if (err > this.maxBalanceErrorKwh) this.maxBalanceErrorKwh = err;
    if (err > BALANCE_LIMIT_KWH) throw new Error(`simulation step ${step} (islanded): supply and demand differ by ${err} kWh (limit ${BALANCE_LIMIT_KWH} kWh)`);
  }

  /** PV curtailed by the island's balancing so far, kWh. */
  get curtailedKwh(): number {
    return this.curtailedTotalKwh.reduce((x, y) => x + y, 0);
  }

  /** Metrics of the steps run so far. */
  metrics(sim: Simulation): IslandMetrics {
    const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
    const ens = sum(this.shedTotalKwh);
    const consumption = sum(sim.totals.loadKwh) + sum(sim.totals.evKwh);
    return {
      vollPerKwh: this.vollPerKwh,
      energyNotServedKwh: ens,
      lostLoadCost: ens * this.vollPerKwh,
      sheddingHours: this.sheddingSteps * sim.grid.dtHours,
      servedShare: consumption > 0 ? 1 - ens / consumption : null,
      curtailedKwh: this.curtailedKwh,
      storageDischargeKwh: this.storageDischargeKwh,
      storageChargeKwh: this.storageChargeKwh,
      maxBalanceErrorKwh: this.maxBalanceErrorKwh,
      prosumers: sim.agents.map((a, i) => ({ id: a.id, energyNotServedKwh: this.shedTotalKwh[i]!, curtailedKwh: this.curtailedTotalKwh[i]! })),
    };
  }
}

/** The clearing of a step without a market (mechanism 'none'): every order is a residual. */
function noMarket(): ClearingResult {
  return {
    mechanism: 'none', fills: [], trades: null, gridPurchases: [], gridSales: [], tradedKwh: 0, welfare: 0, marketSurplus: 0,
    welfareAtReservation: null, prosumerSavings: null, networkOperatorRevenue: 0, clearingPricePerKwh: null, priceIntervalPerKwh: null,
    clearingPrice: null, priceInterval: null, maxWelfare: 0, maxTradableKwh: 0, welfarePercent: null, volumePercent: null,
  };
}
