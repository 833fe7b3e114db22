/**
 * The decentralised solution: consensus ADMM (Sorin, Bobo & Pinson 2019) over the trade graph, its agents split
 * into contiguous partitions (./admm-partition.ts) that run in this thread or in comlink workers
 * (./admm-worker-pool.ts). One iteration loop drives both (a generator that yields "step every partition with
 * these boundary values and this ρ"), so the sequence of operations — and every iterate — is the same for any
 * number of partitions.
 *
 * Stopping rule: primal residual max |P_nm + P_mn| ≤ tolerance·S_p and dual residual ρ·max |ΔP_nm| ≤
 * tolerance·S_λ, where S_p = max(1, max_n (pMax − pMin)) kW and S_λ = max_n (|b_n| + a_n·max(|pMin|, |pMax|))
 * currency/kWh (at least 1e-6). Penalty: ρ₀ = S_λ / S_p, residual balancing every 10 iterations (×2 or ÷2 when one
 * scaled residual exceeds 10 times the other; λ is unscaled, so it needs no rescaling).
 * After the loop the last iterate is projected onto the feasible set (./feasible-trades.ts): each pair's trade is
 * the mean of both proposals, net positions are the agents' own (bounded) sums, balanced per part, and residuals
 * are routed on a minimum-cost spanning forest; the objective is recomputed from the returned trades.
 *
 * What a peer reveals per iteration: to each partner m, only its proposal P_nm on their link (one number); the
 * price λ_nm is then computed by both sides from the two proposals, so no cost, bound or other partner's trade is
 * disclosed. A coordinator (here: the partition driver) only sees the two residual maxima, for the stopping rule.
 */
import type { CompiledBilateralMarket } from './compile-bilateral-market.js';
import { materialisePairs } from './compile-bilateral-market.js';
import { buildBilateralResult, infeasibleResult, type BilateralMarketResult } from './bilateral-result.js';
import { balanceNetPositions, firstInfeasiblePart, routeTrades, tradeGraphParts, type PairsView } from './feasible-trades.js';
import { AdmmPartition, type AdmmPartitionSetup, type AdmmStepOutcome } from './admm-partition.js';
import { createTradeGraph, type TradeGraph } from './trade-graph.js';

/** Options of the ADMM solver. */
export interface AdmmSolverOptions {
  /** Kernel engine (default 'wasm'). */
  engine?: 'wasm' | 'ts';
  /** Relative tolerance of the stopping rule (default 1e-5). */
  tolerance?: number;
  /** Iteration limit (default 20,000). */
  maxIterations?: number;
  /** Initial penalty ρ, currency/kW² (default S_λ/S_p). */
  rho?: number;
  /** Initial price of every trade, currency/kWh (default: the mean of the agents' b_n). */
  initialPricePerKwh?: number;
}

/** A request of the iteration loop: step every partition. */
export interface AdmmStepRequest {
  /** Boundary values per partition (incoming[q][p] = from p to q), or null on the first call. */
  incoming: Float64Array[][] | null;
  /** Penalty for this call's local update. */
  rho: number;
}

/** The problem split into partitions, ready to run. */
export interface AdmmPlan {
  /** The compiled market. */
  market: CompiledBilateralMarket;
  /** The trade graph. */
  graph: TradeGraph;
  /** Pairs the graph was built from (materialised for a complete market). */
  pairs: PairsView;
  /** One setup per partition. */
  setups: AdmmPartitionSetup[];
  /** Tolerance, iteration limit and starting penalty. */
  tolerance: number;
  /** Iteration limit. */
  maxIterations: number;
  /** Starting penalty ρ₀, currency/kW². */
  rho0: number;
  /** S_p, kW. */
  pScale: number;
  /** S_λ, currency/kWh. */
  priceScale: number;
}

/** Splits the market into `partitions` contiguous agent ranges of about equal entry counts. */
export function planAdmm(m: CompiledBilateralMarket, partitions: number, options: AdmmSolverOptions = {}): AdmmPlan {
  const pairs = materialisePairs(m);
  const graph = createTradeGraph(m.n, pairs);
  let pScale = 1;
  let priceScale = 1e-6;
  let meanB = 0;
  for (let n = 0; n < m.n; n++) {
    pScale = Math.max(pScale, m.pMax[n]! - m.pMin[n]!);
    priceScale = Math.max(priceScale, Math.abs(m.costLin[n]!) + m.costQuad[n]! * Math.max(Math.abs(m.pMin[n]!), Math.abs(m.pMax[n]!)));
    meanB += m.costLin[n]! / m.n;
  }
  const bounds = [0];
  for (let p = 1; p < partitions; p++) {
    const target = (graph.nEntries * p) / partitions;
    let a = bounds[p - 1]!;
    while (a < m.n && graph.start[a]! < target) a++;
    bounds.push(a);
  }
  bounds.push(m.n);
  const owner = new Int32Array(graph.nEntries);
  for (let p = 0; p < partitions; p++) owner.fill(p, graph.start[bounds[p]!]!, graph.start[bounds[p + 1]!]!);
  const trade0 = new Float64Array(graph.nEntries);
  const price0 = new Float64Array(graph.nEntries).fill(options.initialPricePerKwh ?? meanB);
  // send[p][q]: p's entries whose mirror q owns, in entry order; q stores the values at the same entry indices.
  const send: number[][][] = Array.from({ length: partitions }, () => Array.from({ length: partitions }, () => []));
  for (let k = 0; k < graph.nEntries; k++) {
    const p = owner[k]!;
    const q = owner[graph.mirror[k]!]!;
    if (p !== q) send[p]![q]!.push(k);
  }
  const setups: AdmmPartitionSetup[] = [];
  for (let p = 0; p < partitions; p++) {
    setups.push({
      engine: options.engine ?? 'wasm', agentLo: bounds[p]!, agentHi: bounds[p + 1]!,
      start: graph.start, cost: graph.cost, mirror: graph.mirror,
      quad: m.costQuad, lin: m.costLin, pMin: m.pMin, pMax: m.pMax, maxDegree: graph.maxDegree, trade0, price0,
      sendEntries: send[p]!.map((list) => Int32Array.from(list)),
      recvEntries: send.map((row) => Int32Array.from(row[p]!)),
    });
  }
  return {
    market: m, graph, pairs, setups, tolerance: options.tolerance ?? 1e-5, maxIterations: options.maxIterations ?? 20_000,
    rho0: options.rho ?? priceScale / pScale, pScale, priceScale,
  };
}

/** Final iterate of the loop. */
export interface AdmmLoopOutcome {
  /** 'converged' or 'max-iterations'. */
  status: 'converged' | 'max-iterations';
  /** Finished iterations. */
  iterations: number;
  /** Last primal residual, kW. */
  primal: number;
  /** Last dual residual, currency/kWh. */
  dual: number;
  /** Penalty of the last finished iteration. */
  rho: number;
}

/** The iteration loop as a generator: yields step requests, receives every partition's outcome. */
export function* admmLoop(plan: AdmmPlan): Generator<AdmmStepRequest, AdmmLoopOutcome, AdmmStepOutcome[]> {
  const epsP = plan.tolerance * plan.pScale;
  const epsD = plan.tolerance * plan.priceScale;
  let rhoUsed = plan.rho0; // ρ of the local update the next outcomes finish
  let rhoNext = plan.rho0;
  let outs = yield { incoming: null, rho: rhoNext };
  let primal = Infinity;
  let dual = Infinity;
  for (let it = 1; ; it++) {
    const incoming = outs.map((_, q) => outs.map((o) => o.outgoing[q]!));
    const rhoFinishing = rhoUsed;
    rhoUsed = rhoNext;
    outs = yield { incoming, rho: rhoNext };
    primal = 0;
    let delta = 0;
    for (const o of outs) { primal = Math.max(primal, o.primal); delta = Math.max(delta, o.delta); }
    dual = rhoFinishing * delta;
    if (primal <= epsP && dual <= epsD) return { status: 'converged', iterations: it, primal, dual, rho: rhoFinishing };
    if (it >= plan.maxIterations) return { status: 'max-iterations', iterations: it, primal, dual, rho: rhoFinishing };
    if (it % 10 === 0) {
      const rp = primal / epsP;
      const rd = dual / epsD;
      if (rp > 10 * rd) rhoNext *= 2;
      else if (rd > 10 * rp) rhoNext /= 2;
    }
  }
}

/** Runs the loop with in-thread partitions (synchronous). */
export function runAdmmInThread(plan: AdmmPlan): { loop: AdmmLoopOutcome; trade: Float64Array; price: Float64Array } {
  const parts = plan.setups.map((s) => new AdmmPartition(s));
  const gen = admmLoop(plan);
  let req = gen.next();
  while (!req.done) {
    const { incoming, rho } = req.value;
    req = gen.next(parts.map((p, q) => p.step(incoming ? incoming[q]! : null, rho)));
  }
  return { loop: req.value, ...gatherState(plan, parts.map((p) => p.ownState())) };
}

/** Concatenates the partitions' own entries (contiguous ranges in entry order) into full arrays. */
export function gatherState(plan: AdmmPlan, states: Array<{ kLo: number; trade: Float64Array; price: Float64Array }>): { trade: Float64Array; price: Float64Array } {
  const trade = new Float64Array(plan.graph.nEntries);
  const price = new Float64Array(plan.graph.nEntries);
  for (const s of states) { trade.set(s.trade, s.kLo); price.set(s.price, s.kLo); }
  return { trade, price };
}

/** Projects the last iterate onto the feasible set and builds the result (see the module header). */
export function finishAdmm(
  plan: AdmmPlan, loop: AdmmLoopOutcome, trade: Float64Array, price: Float64Array, t0: number, workers: number,
): BilateralMarketResult {
  const m = plan.market;
  const g = plan.graph;
  const p = new Float64Array(m.n);
  const pairKw = new Float64Array(plan.pairs.nPairs);
  const pairPrice = new Float64Array(plan.pairs.nPairs);
  for (let n = 0; n < m.n; n++) {
    for (let k = g.start[n]!; k < g.start[n + 1]!; k++) {
      p[n] += trade[k]!;
      const e = g.pair[k]!;
      if (plan.pairs.pairI[e] === n) {
        pairKw[e] = 0.5 * (trade[k]! - trade[g.mirror[k]!]!);
        pairPrice[e] = 0.5 * (price[k]! + price[g.mirror[k]!]!);
      }
    }
  }
  const parts = tradeGraphParts(m);
  balanceNetPositions(m, parts, p);
  const trades = routeTrades(m, p, plan.pairs, pairKw);
  const tradePrice = Float64Array.from(trades.pair, (e) => pairPrice[e]!);
  // An agent's marginal price: what it gets (pays) per kWh net of its own preference cost, volume-weighted.
  const agentPrice = new Float64Array(m.n);
  const volume = new Float64Array(m.n);
  for (let t = 0; t < trades.kw.length; t++) {
    const kw = trades.kw[t]!;
    const w = Math.abs(kw);
    const sgn = kw > 0 ? 1 : -1;
    agentPrice[trades.i[t]!] += w * (tradePrice[t]! - sgn * trades.costI[t]!);
    agentPrice[trades.j[t]!] += w * (tradePrice[t]! + sgn * trades.costJ[t]!);
    volume[trades.i[t]!] += w;
    volume[trades.j[t]!] += w;
  }
  for (let n = 0; n < m.n; n++) agentPrice[n] = volume[n]! > 0 ? agentPrice[n]! / volume[n]! : m.costLin[n]! + m.costQuad[n]! * p[n]!;
  return buildBilateralResult(m, trades, tradePrice, {
    status: loop.status, method: 'admm', iterations: loop.iterations, primalResidual: loop.primal, dualResidual: loop.dual,
    solveMs: performance.now() - t0, rho: loop.rho, workers,
  }, p, agentPrice);
}

/** Solves the compiled market by ADMM in this thread. */
export function solveBilateralAdmm(m: CompiledBilateralMarket, options: AdmmSolverOptions = {}): BilateralMarketResult {
  const t0 = performance.now();
  if (firstInfeasiblePart(m, tradeGraphParts(m)) >= 0) return infeasibleResult(m, 'admm', performance.now() - t0, 1);
  const plan = planAdmm(m, 1, options);
  const { loop, trade, price } = runAdmmInThread(plan);
  return finishAdmm(plan, loop, trade, price, t0, 1);
}
