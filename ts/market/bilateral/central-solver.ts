/**
 * The central solution of the bilateral market, exploiting its structure instead of handing the plain trade
 * formulation (one variable per pair direction, a reciprocity row per pair) to a generic QP solver.
 *
 * 1. Links are uncapacitated, so only the pair's total cost w_ij = c_ij + c_ji matters, and pairs of zero total cost
 *    merge their agents into one price cluster (union-find): inside a cluster energy moves for free, so one balance
 *    row serves the whole cluster. A market without links is a single cluster: an n-variable economic dispatch.
 * 2. Between clusters, a pair with w > 0 becomes two non-negative flows (one per direction) costing w per kW.
 *    Pairs inside a cluster are dropped (a free route exists).
 * 3. This QP — n net positions, 2·(inter-cluster pairs) flows, one row per cluster — is solved by the
 *    interior-point method of ./network-qp-interior-point.ts, whose normal equations are a weighted graph
 *    Laplacian (linear memory, no fill-in). Agents with pMin = pMax, and all agents of a part whose bounds only
 *    allow Σ p = 0 at one end, are fixed beforehand (they have no interior).
 * 4. Trades: the inter-cluster flows, then every agent's residual routed along a minimum-cost spanning forest
 *    (free inside clusters) — exactly reciprocal and balanced (./feasible-trades.ts).
 * Prices: each cluster's balance dual is its agents' marginal price λ_n; a trade where i sells to j is priced
 * λ_i + c_ij (= λ_j − c_ji on a used link, by complementary slackness).
 */
import type { CompiledBilateralMarket } from './compile-bilateral-market.js';
import { buildBilateralResult, infeasibleResult, type BilateralMarketResult } from './bilateral-result.js';
import { balanceNetPositions, firstInfeasiblePart, routeTrades, tradeGraphParts } from './feasible-trades.js';
import { solveNetworkQp, type NetworkQp } from './network-qp-interior-point.js';
import { UnionFind } from './union-find.js';

/** Options of the central solver. */
export interface CentralSolverOptions {
  /** Relative tolerance of the interior-point method (default 1e-10). */
  tolerance?: number;
  /** Interior-point iteration limit (default 200). */
  maxIterations?: number;
}

/** Solves the compiled market centrally; see the module header. */
export function solveBilateralCentral(m: CompiledBilateralMarket, options: CentralSolverOptions = {}): BilateralMarketResult {
  const t0 = performance.now();
  const parts = tradeGraphParts(m);
  if (firstInfeasiblePart(m, parts) >= 0) return infeasibleResult(m, 'central', performance.now() - t0, 1);
  const n = m.n;

  // Price clusters: agents joined by zero-cost pairs.
  let cluster: Int32Array;
  let nClusters: number;
  if (m.complete) {
    cluster = new Int32Array(n);
    nClusters = 1;
  } else {
    const uf = new UnionFind(n);
    for (let e = 0; e < m.nPairs; e++) if (m.costIJ[e]! + m.costJI[e]! === 0) uf.union(m.pairI[e]!, m.pairJ[e]!);
    ({ label: cluster, count: nClusters } = uf.labels());
  }

  // Agents that cannot move: pMin = pMax, or a part whose bounds sum to zero at one end.
  const partLo = new Float64Array(parts.count);
  const partHi = new Float64Array(parts.count);
  for (let i = 0; i < n; i++) { partLo[parts.label[i]!] += m.pMin[i]!; partHi[parts.label[i]!] += m.pMax[i]!; }
  const fixedAt = new Float64Array(n);
  const free = new Uint8Array(n);
  let nFree = 0;
  for (let i = 0; i < n; i++) {
    const c = parts.label[i]!;
    if (m.pMin[i] === m.pMax[i] || partLo[c]! >= 0) fixedAt[i] = m.pMin[i]!;
    else if (partHi[c]! <= 0) fixedAt[i] = m.pMax[i]!;
    else { free[i] = 1; nFree++; }
  }

  const flowPairs: number[] = [];
  if (!m.complete) for (let e = 0; e < m.nPairs; e++) if (cluster[m.pairI[e]!] !== cluster[m.pairJ[e]!]) flowPairs.push(e);
  // A cluster with neither a free agent nor a flow (an isolated agent held at 0) has no row: its row would be empty.
  const rowOf = new Int32Array(nClusters).fill(-1);
  for (let i = 0; i < n; i++) if (free[i]) rowOf[cluster[i]!] = 0;
  for (const e of flowPairs) { rowOf[cluster[m.pairI[e]!]!] = 0; rowOf[cluster[m.pairJ[e]!]!] = 0; }
  let rows = 0;
  for (let c = 0; c < nClusters; c++) if (rowOf[c] === 0) rowOf[c] = rows++;
  const cols = nFree + 2 * flowPairs.length;
  const qp: NetworkQp = {
    rows, cols, rhs: new Float64Array(rows),
    q: new Float64Array(cols), c: new Float64Array(cols), lower: new Float64Array(cols), upper: new Float64Array(cols),
    row1: new Int32Array(cols), val1: new Float64Array(cols), row2: new Int32Array(cols).fill(-1), val2: new Float64Array(cols),
  };
  const colOf = new Int32Array(n).fill(-1);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (!free[i]) {
      if (rowOf[cluster[i]!]! >= 0) qp.rhs[rowOf[cluster[i]!]!] -= fixedAt[i]!;
      continue;
    }
    colOf[i] = j;
    qp.q[j] = m.costQuad[i]!;
    qp.c[j] = m.costLin[i]!;
    qp.lower[j] = m.pMin[i]!;
    qp.upper[j] = m.pMax[i]!;
    qp.row1[j] = rowOf[cluster[i]!]!;
    qp.val1[j] = 1;
    j++;
  }
  // Row c: Σ_{n∈c} p_n − (net sales of c) = 0; a flow "i's cluster sells to j's" leaves row i (−1), enters row j (+1).
  for (const e of flowPairs) {
    const ci = rowOf[cluster[m.pairI[e]!]!]!;
    const cj = rowOf[cluster[m.pairJ[e]!]!]!;
    const w = m.costIJ[e]! + m.costJI[e]!;
    for (let dir = 0; dir < 2; dir++) {
      qp.c[j] = w;
      qp.upper[j] = Infinity;
      qp.row1[j] = dir === 0 ? ci : cj;
      qp.val1[j] = -1;
      qp.row2[j] = dir === 0 ? cj : ci;
      qp.val2[j] = 1;
      j++;
    }
  }
  const sol = solveNetworkQp(qp, { tolerance: options.tolerance, maxIterations: options.maxIterations });

  const p = new Float64Array(n);
  // Purification: a variable the interior point leaves ~μ/z from an active bound is put on it; the clusters'
  // balancing below absorbs the (tiny) difference.
  const valueOf = (col: number): number => {
    const a = sol.active[col]!;
    return a < 0 ? qp.lower[col]! : a > 0 ? qp.upper[col]! : sol.x[col]!;
  };
  for (let i = 0; i < n; i++) p[i] = free[i] ? valueOf(colOf[i]!) : fixedAt[i]!;
  const pairKw = m.complete ? null : new Float64Array(m.nPairs);
  if (pairKw) flowPairs.forEach((e, k) => { pairKw[e] = valueOf(nFree + 2 * k) - valueOf(nFree + 2 * k + 1); });
  // Each part's remaining imbalance (interior-point accuracy) is taken up by agents strictly inside their bounds.
  const inside = new Uint8Array(n);
  for (let i = 0; i < n; i++) inside[i] = free[i] && sol.active[colOf[i]!] === 0 ? 1 : 0;
  balanceNetPositions(m, parts, p, undefined, inside);
  const trades = routeTrades(m, p, m.complete ? null : m, pairKw);
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rowOf[cluster[i]!]!;
    lambda[i] = row >= 0 ? sol.y[row]! : m.costLin[i]! + m.costQuad[i]! * p[i]!;
  }
  const price = new Float64Array(trades.kw.length);
  for (let t = 0; t < price.length; t++) {
    price[t] = trades.kw[t]! >= 0 ? lambda[trades.i[t]!]! + trades.costI[t]! : lambda[trades.j[t]!]! + trades.costJ[t]!;
  }
  return buildBilateralResult(m, trades, price, {
    status: sol.status === 'optimal' ? 'optimal' : 'max-iterations', method: 'central', iterations: sol.iterations,
    primalResidual: sol.primalResidual, dualResidual: sol.dualResidual, solveMs: performance.now() - t0, rho: null, workers: 1,
  }, p, lambda);
}
