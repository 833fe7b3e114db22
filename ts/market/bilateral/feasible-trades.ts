/**
 * Turns approximate trades into exactly feasible ones: reciprocity holds by construction (one number per pair,
 * P_ji = −P_ij), net positions are balanced inside each connected part of the trade graph and held within their
 * bounds, and Σ_m P_nm equals the agent's net position up to rounding. Used after both solvers: the central one
 * (whose flows between zero-cost clusters leave the routing inside a cluster open) and the ADMM (whose last iterate
 * is reciprocal only to its tolerance).
 *
 * Steps: clip each target net position to its bounds; move each part's imbalance onto the agents with room,
 * in proportion to their room; then route every agent's remaining residual p_n − Σ_m P_nm along a minimum-cost
 * spanning forest of the pairs (zero-cost pairs first, so a cluster's internal routing is free). A complete market
 * (no links, all costs 0) is routed sellers-to-buyers in index order (north-west corner), at most n − 1 trades.
 */
import type { CompiledBilateralMarket } from './compile-bilateral-market.js';
import { UnionFind } from './union-find.js';

/** Trades of a solution, one entry per pair with kw = P_ij (> 0: i sells to j). */
export interface PairTrades {
  /** Selling-side-agnostic first agent of each trade. */
  i: Int32Array;
  /** Second agent. */
  j: Int32Array;
  /** P_ij, kW. */
  kw: Float64Array;
  /** Pair index of each trade in the routed pair arrays (−1 for a complete market's north-west corner). */
  pair: Int32Array;
  /** Preference cost i pays, currency/kWh. */
  costI: Float64Array;
  /** Preference cost j pays, currency/kWh. */
  costJ: Float64Array;
}

/** Connected parts of the trade graph (one part when complete). */
export function tradeGraphParts(m: CompiledBilateralMarket): { label: Int32Array; count: number } {
  if (m.complete) return { label: new Int32Array(m.n), count: 1 };
  const uf = new UnionFind(m.n);
  for (let p = 0; p < m.nPairs; p++) uf.union(m.pairI[p]!, m.pairJ[p]!);
  return uf.labels();
}

/**
 * Feasibility check of the whole market: every connected part must be able to balance within bounds,
 * Σ pMin ≤ 0 ≤ Σ pMax. Returns the first failing part's label, or −1.
 */
export function firstInfeasiblePart(m: CompiledBilateralMarket, parts: { label: Int32Array; count: number }): number {
  const lo = new Float64Array(parts.count);
  const hi = new Float64Array(parts.count);
  for (let n = 0; n < m.n; n++) { lo[parts.label[n]!] += m.pMin[n]!; hi[parts.label[n]!] += m.pMax[n]!; }
  for (let c = 0; c < parts.count; c++) if (lo[c]! > 1e-9 * (1 + Math.abs(hi[c]!)) || hi[c]! < -1e-9 * (1 + Math.abs(lo[c]!))) return c;
  return -1;
}

/**
 * Clips net positions to bounds and moves each group's sum onto `target` (0 when absent) by shifting agents with
 * room in proportion to their room (in place). When `movable` is given, only those agents move, unless their room
 * does not suffice. Groups are parts of the trade graph (or any partition of the agents).
 */
export function balanceNetPositions(
  m: CompiledBilateralMarket, groups: { label: Int32Array; count: number }, p: Float64Array, target?: Float64Array,
  movable?: Uint8Array,
): void {
  const sum = new Float64Array(groups.count);
  for (let n = 0; n < m.n; n++) {
    p[n] = Math.min(m.pMax[n]!, Math.max(m.pMin[n]!, p[n]!));
    sum[groups.label[n]!] += p[n]!;
  }
  if (target) for (let c = 0; c < groups.count; c++) sum[c] -= target[c]!;
  const roomDown = new Float64Array(groups.count);
  const roomUp = new Float64Array(groups.count);
  const room = (only: Uint8Array | undefined): void => {
    roomDown.fill(0);
    roomUp.fill(0);
    for (let n = 0; n < m.n; n++) {
      if (only && !only[n]) continue;
      roomDown[groups.label[n]!] += p[n]! - m.pMin[n]!;
      roomUp[groups.label[n]!] += m.pMax[n]! - p[n]!;
    }
  };
  room(movable);
  const useAll = new Uint8Array(groups.count);
  if (movable) {
    for (let c = 0; c < groups.count; c++) if ((sum[c]! > 0 && roomDown[c]! < sum[c]!) || (sum[c]! < 0 && roomUp[c]! < -sum[c]!)) useAll[c] = 1;
    const down = roomDown.slice();
    const up = roomUp.slice();
    room(undefined);
    for (let c = 0; c < groups.count; c++) if (!useAll[c]) { roomDown[c] = down[c]!; roomUp[c] = up[c]!; }
  }
  for (let n = 0; n < m.n; n++) {
    const c = groups.label[n]!;
    if (movable && !useAll[c] && !movable[n]) continue;
    const s = sum[c]!;
    if (s > 0 && roomDown[c]! > 0) p[n] = p[n]! - (Math.min(s, roomDown[c]!) * (p[n]! - m.pMin[n]!)) / roomDown[c]!;
    else if (s < 0 && roomUp[c]! > 0) p[n] = p[n]! - (Math.max(s, -roomUp[c]!) * (m.pMax[n]! - p[n]!)) / roomUp[c]!;
    p[n] = Math.min(m.pMax[n]!, Math.max(m.pMin[n]!, p[n]!));
  }
}

/**
 * Exactly feasible trades reaching net positions `p` (balanced by balanceNetPositions): starts from `pairKw`
 * (P_ij per pair of `pairs`) and routes the residuals on those pairs; `pairs` null means a complete zero-cost market
 * (north-west corner). Returns only the non-zero trades.
 */
export function routeTrades(m: CompiledBilateralMarket, p: Float64Array, pairs: PairsView | null, pairKw: Float64Array | null): PairTrades {
  if (pairs === null) return northWestCorner(m, p);
  return routeOnForest(m.n, pairs, p, pairKw ?? new Float64Array(pairs.nPairs));
}

/** The pair arrays of a compiled market (or of its materialised complete graph). */
export type PairsView = Pick<CompiledBilateralMarket, 'nPairs' | 'pairI' | 'pairJ' | 'costIJ' | 'costJI'>;

function northWestCorner(m: CompiledBilateralMarket, p: Float64Array): PairTrades {
  const ti: number[] = [];
  const tj: number[] = [];
  const tk: number[] = [];
  const left = Float64Array.from(p);
  let b = 0;
  for (let s = 0; s < m.n; s++) {
    while (left[s]! > 0) {
      while (b < m.n && !(left[b]! < 0)) b++;
      if (b >= m.n) break; // rounding leftover: nothing left to buy it
      const q = Math.min(left[s]!, -left[b]!);
      ti.push(s); tj.push(b); tk.push(q);
      left[s] -= q;
      left[b] += q;
      if (left[s]! <= 0) left[s] = 0; // the exact minimum was taken
    }
  }
  return { i: Int32Array.from(ti), j: Int32Array.from(tj), kw: Float64Array.from(tk), pair: new Int32Array(tk.length).fill(-1), costI: new Float64Array(tk.length), costJ: new Float64Array(tk.length) };
}

function routeOnForest(n: number, m: PairsView, p: Float64Array, pairKw: Float64Array): PairTrades {
  const kw = Float64Array.from(pairKw);
  const residual = Float64Array.from(p);
  for (let e = 0; e < m.nPairs; e++) { residual[m.pairI[e]!] -= kw[e]!; residual[m.pairJ[e]!] += kw[e]!; }
  // Minimum-cost spanning forest (Kruskal on the pair's total preference cost, ties by pair index).
  const order = new Int32Array(m.nPairs);
  for (let e = 0; e < m.nPairs; e++) order[e] = e;
  const w = (e: number): number => m.costIJ[e]! + m.costJI[e]!;
  order.sort((a, b) => w(a) - w(b) || a - b);
  const uf = new UnionFind(n);
  const adjStart = new Int32Array(n + 1);
  const tree: number[] = [];
  for (let k = 0; k < order.length; k++) if (uf.union(m.pairI[order[k]!]!, m.pairJ[order[k]!]!)) tree.push(order[k]!);
  for (const e of tree) { adjStart[m.pairI[e]! + 1]++; adjStart[m.pairJ[e]! + 1]++; }
  for (let i = 0; i < n; i++) adjStart[i + 1] += adjStart[i]!;
  const adj = new Int32Array(2 * tree.length);
  const fill = adjStart.slice(0, n);
  for (const e of tree) { adj[fill[m.pairI[e]!]!++] = e; adj[fill[m.pairJ[e]!]!++] = e; }
  const bfs = new Int32Array(n);
  const parentPair = new Int32Array(n).fill(-1);
  const seen = new Uint8Array(n);
  let tail = 0;
  for (let root = 0; root < n; root++) {
    if (seen[root]) continue;
    seen[root] = 1;
    let head = tail;
    bfs[tail++] = root;
    while (head < tail) {
      const v = bfs[head++]!;
      for (let s = adjStart[v]!; s < adjStart[v + 1]!; s++) {
        const e = adj[s]!;
        const u = m.pairI[e] === v ? m.pairJ[e]! : m.pairI[e]!;
        if (seen[u]) continue;
        seen[u] = 1;
        parentPair[u] = e;
        bfs[tail++] = u;
      }
    }
  }
  // Leaves first: a node sells its residual to its parent (or buys it), which then carries it upwards.
  for (let k = n - 1; k >= 0; k--) {
    const v = bfs[k]!;
    const e = parentPair[v]!;
    if (e < 0) continue;
    const r = residual[v]!;
    if (r === 0) continue;
    const up = m.pairI[e] === v ? m.pairJ[e]! : m.pairI[e]!;
    kw[e] += m.pairI[e] === v ? r : -r;
    residual[v] = 0;
    residual[up] += r;
  }
  // Sub-rounding trades (a residual of 1e-17 kW pushed across a tree edge) are not trades.
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(p[i]!));
  const eps = 1e-13 * Math.max(1, scale);
  let nz = 0;
  for (let e = 0; e < m.nPairs; e++) {
    if (Math.abs(kw[e]!) <= eps) kw[e] = 0;
    else nz++;
  }
  const out = { i: new Int32Array(nz), j: new Int32Array(nz), kw: new Float64Array(nz), pair: new Int32Array(nz), costI: new Float64Array(nz), costJ: new Float64Array(nz) };
  nz = 0;
  for (let e = 0; e < m.nPairs; e++) {
    if (kw[e] === 0) continue;
    out.i[nz] = m.pairI[e]!;
    out.j[nz] = m.pairJ[e]!;
    out.pair[nz] = e;
    out.costI[nz] = m.costIJ[e]!;
    out.costJ[nz] = m.costJI[e]!;
    out.kw[nz++] = kw[e]!;
  }
  return out;
}
