// Minimum-degree ordering of a symmetric pattern by explicit elimination in caller-provided workspace: eliminating
// v rebuilds each neighbour's adjacency as adj(v) ∪ adj(u) − {u, v} at the top of a pool, compacting into a second
// pool when full (WORKSPACE_TOO_SMALL if still too small). Exact degrees, degree buckets (last inserted first).
// Power-system graphs are near-planar with small fill, so no quotient graph is needed.
// Twin: ts/powerflow/newton/baseline/minimum-degree-ordering.ts.
import { OK, WORKSPACE_TOO_SMALL } from '../status';
import { ldi, sti } from './newton-memory';

/**
 * Orders the active nodes of the symmetric CSR graph (adjPtr, adjIdx) by minimum degree into order[0..count) and
 * writes colWeight[v] = Σ weight[u] over v's uneliminated neighbours at v's elimination. Workspace: poolA, poolB
 * (poolCap i32 each), start, len, head, next, prev, mark (n i32 each). Returns OK or WORKSPACE_TOO_SMALL.
 */
export function minimumDegreeOrder(
  n: i32, adjPtr: usize, adjIdx: usize, active: usize, weight: usize, order: usize, colWeight: usize,
  poolA: usize, poolB: usize, poolCap: i32, start: usize, len: usize, head: usize, next: usize, prev: usize, mark: usize,
): i32 {
  let pool = poolA;
  let other = poolB;
  let top = 0;
  for (let i = 0; i < n; i++) {
    sti(mark, i, -1);
    sti(head, i, -1);
    sti(len, i, 0);
    sti(start, i, 0);
    sti(colWeight, i, 0);
  }
  for (let i = 0; i < n; i++) {
    if (ldi(active, i) == 0) continue;
    sti(start, i, top);
    const e = ldi(adjPtr, i + 1);
    for (let p = ldi(adjPtr, i); p < e; p++) {
      const j = ldi(adjIdx, p);
      if (j == i || ldi(active, j) == 0 || ldi(mark, j) == i) continue;
      if (top >= poolCap) return WORKSPACE_TOO_SMALL;
      sti(mark, j, i);
      sti(pool, top, j);
      top++;
    }
    sti(len, i, top - ldi(start, i));
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    sti(mark, i, -1);
    if (ldi(active, i) == 0) continue;
    count++;
    const d = ldi(len, i);
    const h = ldi(head, d);
    sti(prev, i, -1);
    sti(next, i, h);
    if (h >= 0) sti(prev, h, i);
    sti(head, d, i);
  }
  let minDeg = 0;
  for (let k = 0; k < count; k++) {
    while (ldi(head, minDeg) < 0) minDeg++;
    const v = ldi(head, minDeg);
    const nv = ldi(next, v);
    sti(head, minDeg, nv);
    if (nv >= 0) sti(prev, nv, -1);
    sti(order, k, v);
    const vs = ldi(start, v);
    const vl = ldi(len, v);
    let cw = 0;
    for (let p = vs; p < vs + vl; p++) {
      const u = ldi(pool, p);
      cw += ldi(weight, u);
      sti(mark, u, k);
    }
    sti(mark, v, k);
    sti(colWeight, v, cw);
    for (let a = 0; a < vl; a++) {
      const u = ldi(pool, ldi(start, v) + a);
      const need = vl + ldi(len, u);
      if (top + need > poolCap) {
        let t2 = 0;
        for (let i = 0; i < n; i++) {
          if (ldi(active, i) == 0 || (ldi(mark, i) == -2 && i != v)) continue;
          const s = ldi(start, i);
          const l = ldi(len, i);
          sti(start, i, t2);
          for (let p = 0; p < l; p++) sti(other, t2 + p, ldi(pool, s + p));
          t2 += l;
        }
        const tmp = pool;
        pool = other;
        other = tmp;
        top = t2;
        if (top + need > poolCap) return WORKSPACE_TOO_SMALL;
      }
      const ns = top;
      const vStart = ldi(start, v);
      for (let p = vStart; p < vStart + vl; p++) {
        const w = ldi(pool, p);
        if (w != u) {
          sti(pool, top, w);
          top++;
        }
      }
      const us = ldi(start, u);
      const ul = ldi(len, u);
      for (let p = us; p < us + ul; p++) {
        const w = ldi(pool, p);
        if (ldi(mark, w) != k) {
          sti(pool, top, w);
          top++;
        }
      }
      const od = ldi(len, u);
      const pu = ldi(prev, u);
      const nu = ldi(next, u);
      if (pu >= 0) sti(next, pu, nu);
      else sti(head, od, nu);
      if (nu >= 0) sti(prev, nu, pu);
      sti(start, u, ns);
      const nd = top - ns;
      sti(len, u, nd);
      const h = ldi(head, nd);
      sti(prev, u, -1);
      sti(next, u, h);
      if (h >= 0) sti(prev, h, u);
      sti(head, nd, u);
      if (nd < minDeg) minDeg = nd;
    }
    sti(mark, v, -2);
    sti(len, v, 0);
  }
  return OK;
}
