/**
 * One partition of the consensus ADMM: a contiguous range of agents that runs the local and price updates for its
 * own entries, on either engine, and trades only boundary proposals (entries whose mirror belongs to another
 * partition) with the others. Used as is in one thread, and inside each worker by ./admm-worker.ts; both run the
 * same operations in the same order, so 1, 2 or 4 partitions give bit-identical iterates.
 *
 * Protocol of `step` (one call per iteration and partition):
 *   1. write the other partitions' boundary proposals (from their previous local update) into tradeNew;
 *   2. unless this is the first call, finish the previous iteration: price update + residuals of own entries;
 *   3. local update of own agents with this call's ρ; return own boundary proposals, grouped by destination.
 */
import { KernelStatus, statusName } from '../../status.js';
import { admmLocalUpdate, admmPriceUpdate } from './admm-baseline.js';
import { newBilateralKernelInstance } from './bilateral-kernel-module.js';

/** Everything a partition needs, as plain typed arrays (structured-clonable for workers). */
export interface AdmmPartitionSetup {
  /** Kernel engine. */
  engine: 'wasm' | 'ts';
  /** Agents [agentLo, agentHi) are this partition's. */
  agentLo: number;
  /** End of the agent range (exclusive). */
  agentHi: number;
  /** CSR of the whole trade graph (./trade-graph.ts). */
  start: Int32Array;
  /** Preference cost per entry, currency/kWh. */
  cost: Float64Array;
  /** Mirror entry per entry. */
  mirror: Int32Array;
  /** a_n, b_n, pMin_n, pMax_n of all agents. */
  quad: Float64Array;
  /** b_n, currency/kWh. */
  lin: Float64Array;
  /** pMin_n, kW. */
  pMin: Float64Array;
  /** pMax_n, kW. */
  pMax: Float64Array;
  /** Largest degree (scratch size). */
  maxDegree: number;
  /** Initial proposals and prices of all entries (warm start or zeros / a price guess). */
  trade0: Float64Array;
  /** Initial prices, currency/kWh. */
  price0: Float64Array;
  /** For each other partition p: the own entries whose mirrors p owns, in the order p expects them. */
  sendEntries: Int32Array[];
  /** For each other partition p: the entries (p's own, mirrors of ours) whose values p sends, in its order. */
  recvEntries: Int32Array[];
}

/** Residuals of one finished iteration of one partition. */
export interface AdmmStepOutcome {
  /** Own boundary proposals per destination partition (empty arrays for itself). */
  outgoing: Float64Array[];
  /** max |P_nm + P_mn| over own entries (NaN on the first call). */
  primal: number;
  /** max |ΔP_nm| over own entries (NaN on the first call). */
  delta: number;
}

/** A running partition; see the module header. */
export class AdmmPartition {
  private readonly s: AdmmPartitionSetup;
  private readonly kLo: number;
  private readonly kHi: number;
  private lastRho = 0;
  private readonly local: (rho: number) => number;
  private readonly priceStep: (rho: number) => number;
  private readonly residuals: () => Float64Array;
  /** Current proposals of all entries (own ones authoritative). */
  readonly trade: () => Float64Array;
  private readonly tradeNew: () => Float64Array;
  /** Current prices of all entries (own ones authoritative). */
  readonly price: () => Float64Array;

  constructor(setup: AdmmPartitionSetup) {
    this.s = setup;
    const { start, agentLo, agentHi } = setup;
    this.kLo = start[agentLo]!;
    this.kHi = start[agentHi]!;
    const nE = setup.cost.length;
    const scratchLen = 2 * setup.maxDegree + 2;
    if (setup.engine === 'ts') {
      const trade = Float64Array.from(setup.trade0);
      const price = Float64Array.from(setup.price0);
      const tradeNew = new Float64Array(nE);
      const scratch = new Float64Array(scratchLen);
      const res = new Float64Array(2);
      this.trade = () => trade;
      this.price = () => price;
      this.tradeNew = () => tradeNew;
      this.residuals = () => res;
      this.local = (rho) => admmLocalUpdate(agentLo, agentHi, start, setup.cost, setup.mirror, setup.quad, setup.lin, setup.pMin, setup.pMax, trade, price, rho, tradeNew, scratch);
      this.priceStep = (rho) => admmPriceUpdate(this.kLo, this.kHi, setup.mirror, trade, tradeNew, price, rho, res);
    } else {
      const { exports: x, arena } = newBilateralKernelInstance();
      const startP = arena.pushI32(start);
      const costP = arena.pushF64(setup.cost);
      const mirrorP = arena.pushI32(setup.mirror);
      const quadP = arena.pushF64(setup.quad);
      const linP = arena.pushF64(setup.lin);
      const pMinP = arena.pushF64(setup.pMin);
      const pMaxP = arena.pushF64(setup.pMax);
      const tradeP = arena.pushF64(setup.trade0);
      const priceP = arena.pushF64(setup.price0);
      const tradeNewP = arena.allocF64(nE);
      const scratchP = arena.allocF64(scratchLen);
      const resP = arena.allocF64(2);
      // Every block is allocated above, so the memory never grows again and these views stay valid.
      const trade = arena.f64(tradeP, nE);
      const price = arena.f64(priceP, nE);
      const tradeNew = arena.f64(tradeNewP, nE);
      const res = arena.f64(resP, 2);
      this.trade = () => trade;
      this.price = () => price;
      this.tradeNew = () => tradeNew;
      this.residuals = () => res;
      this.local = (rho) => x.admmLocalUpdate(agentLo, agentHi, startP, costP, mirrorP, quadP, linP, pMinP, pMaxP, tradeP, priceP, rho, tradeNewP, scratchP);
      this.priceStep = (rho) => x.admmPriceUpdate(this.kLo, this.kHi, mirrorP, tradeP, tradeNewP, priceP, rho, resP);
    }
  }

  /** One call of the protocol in the module header; `incoming[p]` are partition p's values for us (null first). */
  step(incoming: Float64Array[] | null, rho: number): AdmmStepOutcome {
    const tradeNew = this.tradeNew();
    let primal = NaN;
    let delta = NaN;
    if (incoming !== null) {
      const recv = this.s.recvEntries;
      for (let p = 0; p < recv.length; p++) {
        const idx = recv[p]!;
        const vals = incoming[p]!;
        for (let i = 0; i < idx.length; i++) tradeNew[idx[i]!] = vals[i]!;
      }
      check(this.priceStep(this.lastRho));
      // Mirrors owned elsewhere are read by the next local update from trade: take their new values too.
      const trade = this.trade();
      for (let p = 0; p < recv.length; p++) {
        const idx = recv[p]!;
        for (let i = 0; i < idx.length; i++) trade[idx[i]!] = tradeNew[idx[i]!]!;
      }
      const r = this.residuals();
      primal = r[0]!;
      delta = r[1]!;
    }
    check(this.local(rho));
    this.lastRho = rho;
    const send = this.s.sendEntries;
    const outgoing = send.map((idx) => {
      const out = new Float64Array(idx.length);
      for (let i = 0; i < idx.length; i++) out[i] = tradeNew[idx[i]!]!;
      return out;
    });
    return { outgoing, primal, delta };
  }

  /** Own entries' current proposals and prices (copies), for the final projection. */
  ownState(): { kLo: number; trade: Float64Array; price: Float64Array } {
    return { kLo: this.kLo, trade: this.trade().slice(this.kLo, this.kHi), price: this.price().slice(this.kLo, this.kHi) };
  }
}

function check(status: number): void {
  if (status !== KernelStatus.OK) throw new Error(`bilateral ADMM kernel returned '${statusName(status)}'`);
}
