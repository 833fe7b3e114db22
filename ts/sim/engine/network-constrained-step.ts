/**
 * The simulation's market step under `market.mechanism: 'network-constrained'`: each step's book is cleared with
 * the feeder inside the problem (ts/market/network-constrained/, LinDistFlow LP with DLMPs), so PV is curtailed
 * before delivery where the grid needs it instead of after the fact.
 *
 * The model of a household in this clearing:
 * - demand is inflexible: a buy order (the household's deficit) is served in full, from peers or from the retailer
 *   at the substation (`fixedDemand`);
 * - PV is curtailable: a sell order (the surplus) may be cut back; what is cut is curtailed PV (the simulation lowers
 *   the prosumer's net injection and records it per prosumer). Every seller's energy enters at the sellers' floor
 *   (feed-in + its P2P charges: the price it can always get from the retailer), whatever its bid, so PV is curtailed
 *   only where a limit needs it and bids do not change the outcome; prices are the DLMPs;
 * - the rest of the feeder is as in the power flow: the network's own loads at buses without prosumers (background)
 *   and every prosumer's reactive demand, held fixed;
 * - a step whose limits the inflexible load alone breaks (LP infeasible) is cleared with soft limits at
 *   SOFT_LIMIT_PENALTY_PER_KWH and counted (`relaxedSteps`); its remaining violations show in the power flow.
 * The AC power flow of the cleared injections then measures what LinDistFlow (lossless, linearised) missed.
 */
import type { LpSolver } from '../../lp/lp-solver.js';
import type { CompiledNetwork } from '../../network/compiled-network.js';
import type { Order, Tariffs } from '../../market/order.js';
import { linDistFlowFeeder, type LinDistFlowFeeder } from '../../market/network-constrained/lindistflow-feeder.js';
import {
  clearNetworkConstrainedMarket, type NetworkConstrainedClearingResult,
} from '../../market/network-constrained/network-constrained-market.js';
import { sellerFloorPerKwh } from '../../market/tariffs/rationality-bounds.js';
import { ClearingWarmStart } from '../../market/network-constrained/clearing-warm-start.js';

/** Penalty of soft limits in steps the inflexible load alone makes infeasible, currency per kWh (or per 0.001 p.u.²). */
export const SOFT_LIMIT_PENALTY_PER_KWH = 100;

/** Clears the steps of one run with the grid inside (see the file header). */
export class NetworkConstrainedStep {
  /** The run's feeder in LinDistFlow form. */
  readonly feeder: LinDistFlowFeeder;
  /** Steps that needed an LP (the single-node optimum broke a limit). */
  lpSteps = 0;
  /** Steps cleared with soft limits (the inflexible load alone breaks a limit). */
  relaxedSteps = 0;
  /** Steps the LP could not clear even with soft limits (cleared without P2P: everyone with the retailer). */
  failedSteps = 0;
  private readonly bgPKw: Float64Array;
  private readonly bgQKvar: Float64Array;
  private readonly qKvar: Float64Array;
  private readonly book: Order[] = [];
  /** The LP kept open from step to step (warm starts when a step's LP has the last one's structure). */
  readonly warmStart = new ClearingWarmStart();

  constructor(
    private readonly network: CompiledNetwork,
    private readonly busOfProsumer: Int32Array,
    private readonly solver: LpSolver,
    private readonly dtHours: number,
  ) {
    this.feeder = linDistFlowFeeder(network);
    const n = network.nBus;
    const kwPerPu = network.baseMva * 1000;
    const hosts = new Uint8Array(n);
    for (let i = 0; i < busOfProsumer.length; i++) hosts[busOfProsumer[i]!] = 1;
    // The power flow keeps the network's own loads only where no prosumer sits (grid/feeder-state.ts): so does this.
    this.bgPKw = new Float64Array(n);
    this.bgQKvar = new Float64Array(n);
    for (let b = 0; b < n; b++) {
      if (hosts[b]) continue;
      this.bgPKw[b] = network.pLoadPu[b]! * kwPerPu;
      this.bgQKvar[b] = network.qLoadPu[b]! * kwPerPu;
    }
    this.qKvar = new Float64Array(n);
  }

  /**
   * Clears one step's book. `prosumerQKvar`: each prosumer's reactive injection (−demand), kvar. Returns null when
   * no clearing was possible (the step then settles everything with the retailer).
   */
  clear(orders: readonly Order[], tariffs: Tariffs, prosumerQKvar: Float64Array): NetworkConstrainedClearingResult | null {
    const q = this.qKvar;
    q.set(this.bgQKvar);
    for (let i = 0; i < this.busOfProsumer.length; i++) q[this.busOfProsumer[i]!] -= prosumerQKvar[i]!;
    const floor = sellerFloorPerKwh(tariffs);
    const book = this.book;
    book.length = 0;
    for (const o of orders) book.push(o.side === 'sell' && floor !== null ? { ...o, pricePerKwh: floor } : o);
    const options = {
      mechanism: 'network-constrained' as const,
      network: this.feeder,
      solver: this.solver,
      tariffs,
      intervalHours: this.dtHours,
      backgroundLoad: { pKw: this.bgPKw, qKvar: q },
      fixedDemand: true,
      warmStart: this.warmStart,
    };
    let r = clearNetworkConstrainedMarket(book, options);
    if (r.network.lpSolved) this.lpSteps++;
    if (r.status === 'infeasible') {
      this.relaxedSteps++;
      r = clearNetworkConstrainedMarket(book, { ...options, limitPenaltyPerKwh: SOFT_LIMIT_PENALTY_PER_KWH });
    }
    if (r.status !== 'optimal') {
      this.failedSteps++;
      return null;
    }
    return r;
  }

  /** Frees the open LP. */
  dispose(): void {
    this.warmStart.dispose();
  }
}
