/**
 * Pure-TypeScript twin of assembly/powerflow/fill-reducing-ordering.ts: minimum-degree ordering of a symmetric
 * pattern by explicit elimination, in caller-provided workspace (no allocation).
 *
 * Each node's current adjacency (uneliminated neighbours) is a list in a pool. Eliminating v rebuilds every
 * neighbour u's list as adj(v) ∪ adj(u) − {u, v}, appended at the pool's top; when the pool is full the live lists
 * are copied to the second pool (compaction), and if that is still too small the kernel returns
 * WORKSPACE_TOO_SMALL so the caller can retry with more. Degrees are exact; the node of minimum degree comes from
 * degree buckets (doubly linked, last inserted first), which fixes the tie-breaking for both twins. Power-system
 * graphs are near-planar with small fill, so explicit elimination stays cheap and needs no quotient graph.
 */
import { KernelStatus } from '../../../status.js';

/**
 * Orders the active nodes (active[i] ≠ 0) of the undirected graph (adjPtr, adjIdx: CSR, symmetric; self loops,
 * duplicates and edges to inactive nodes ignored) by minimum degree. Writes order[0..count) (count = number of
 * active nodes) and colWeight[v] = Σ weight[u] over v's uneliminated neighbours u when v is eliminated (the
 * weighted column count of the factor below v's diagonal). Workspace: poolA and poolB (poolCap i32 each), start,
 * len, head, next, prev, mark (n i32 each). Returns OK or WORKSPACE_TOO_SMALL.
 */
export function minimumDegreeOrder(
  n: number,
  adjPtr: Int32Array,
  adjIdx: Int32Array,
  active: Int32Array,
  weight: Int32Array,
  order: Int32Array,
  colWeight: Int32Array,
  poolA: Int32Array,
  poolB: Int32Array,
  poolCap: number,
  start: Int32Array,
  len: Int32Array,
  head: Int32Array,
  next: Int32Array,
  prev: Int32Array,
  mark: Int32Array,
): number {
  let pool = poolA;
  let other = poolB;
  let top = 0;
  for (let i = 0; i < n; i++) {
    mark[i] = -1;
    head[i] = -1;
    len[i] = 0;
    start[i] = 0;
    colWeight[i] = 0;
  }
  // state: active[i] = 0 inactive; len/start valid for live nodes; eliminated nodes get mark −2.
  for (let i = 0; i < n; i++) {
    if (active[i] === 0) continue;
    start[i] = top;
    for (let p = adjPtr[i]; p < adjPtr[i + 1]; p++) {
      const j = adjIdx[p];
      if (j === i || active[j] === 0 || mark[j] === i) continue;
      if (top >= poolCap) return KernelStatus.WORKSPACE_TOO_SMALL;
      mark[j] = i;
      pool[top++] = j;
    }
    len[i] = top - start[i];
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    mark[i] = -1;
    if (active[i] === 0) continue;
    count++;
    const d = len[i];
    prev[i] = -1;
    next[i] = head[d];
    if (head[d] >= 0) prev[head[d]] = i;
    head[d] = i;
  }
  let minDeg = 0;
  for (let k = 0; k < count; k++) {
    while (head[minDeg] < 0) minDeg++;
    const v = head[minDeg];
    head[minDeg] = next[v];
    if (next[v] >= 0) prev[next[v]] = -1;
    order[k] = v;
    const vs = start[v];
    const vl = len[v];
    let cw = 0;
    for (let p = vs; p < vs + vl; p++) {
      const u = pool[p];
      cw += weight[u];
      mark[u] = k;
    }
    mark[v] = k;
    colWeight[v] = cw;
    for (let a = 0; a < vl; a++) {
      const u = pool[start[v] + a];
      const need = len[v] + len[u];
      if (top + need > poolCap) {
        // Compaction into the other pool: every live list (uneliminated active nodes, and v itself).
        let t2 = 0;
        for (let i = 0; i < n; i++) {
          if (active[i] === 0 || (mark[i] === -2 && i !== v)) continue;
          const s = start[i];
          const l = len[i];
          start[i] = t2;
          for (let p = 0; p < l; p++) other[t2 + p] = pool[s + p];
          t2 += l;
        }
        const tmp = pool;
        pool = other;
        other = tmp;
        top = t2;
        if (top + need > poolCap) return KernelStatus.WORKSPACE_TOO_SMALL;
      }
      const ns = top;
      const vStart = start[v];
      for (let p = vStart; p < vStart + vl; p++) {
        const w = pool[p];
        if (w !== u) pool[top++] = w;
      }
      const us = start[u];
      const ul = len[u];
      for (let p = us; p < us + ul; p++) {
        const w = pool[p];
        if (mark[w] !== k) pool[top++] = w;
      }
      // Move u to the bucket of its new degree.
      const od = len[u];
      if (prev[u] >= 0) next[prev[u]] = next[u];
      else head[od] = next[u];
      if (next[u] >= 0) prev[next[u]] = prev[u];
      start[u] = ns;
      const nd = top - ns;
      len[u] = nd;
      prev[u] = -1;
      next[u] = head[nd];
      if (head[nd] >= 0) prev[head[nd]] = u;
      head[nd] = u;
      if (nd < minDeg) minDeg = nd;
    }
    mark[v] = -2;
    len[v] = 0;
  }
  return KernelStatus.OK;
}
