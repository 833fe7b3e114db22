/**
 * Minimum-degree ordering of a symmetric sparsity pattern, with its exact elimination fill.
 *
 * Runs once per topology (symbolic setup), so it lives in TypeScript and serves both engines. It eliminates on an
 * explicit graph (adjacency sets) rather than AMD's quotient graph: power-system graphs are near-planar with small
 * fill, so the explicit graph stays small (case13659pegase: tens of thousands of fill edges) and the exact degree
 * is cheap; ties break on the lowest node index so the order is deterministic.
 */

/** A fill-reducing elimination order and the fill it produces. */
export interface EliminationOrder {
  /** order[k] = node eliminated k-th. */
  order: Int32Array;
  /** Uneliminated neighbours of each node at the moment it is eliminated (its column of L below the diagonal),
   *  indexed by node. */
  laterNeighbours: Int32Array[];
  /** Off-diagonal entries of the Cholesky-like factor L (= of U) under this order. */
  fillNnz: number;
}

/**
 * Orders the nodes of an undirected graph (CSR adjacency, symmetric, self loops ignored) by minimum degree.
 * `active[i] = 0` leaves node i out (it gets no position in the order).
 */
export function minimumDegreeOrder(n: number, adjPtr: Int32Array, adjIdx: Int32Array, active?: Uint8Array): EliminationOrder {
  const adj: Set<number>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = new Set<number>();
    if (!active || active[i]) {
      for (let p = adjPtr[i]; p < adjPtr[i + 1]; p++) {
        const j = adjIdx[p];
        if (j !== i && (!active || active[j])) s.add(j);
      }
    }
    adj[i] = s;
  }
  // Binary min-heap of (degree, node) with lazy deletion: stale entries are skipped on pop.
  const heap = new MinHeap();
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (active && !active[i]) continue;
    heap.push(adj[i].size, i);
    count++;
  }
  const order = new Int32Array(count);
  const later: Int32Array[] = new Array(n);
  const done = new Uint8Array(n);
  let fill = 0;
  let k = 0;
  while (k < count) {
    const node = heap.pop();
    const v = node & 0x7fffffff;
    const deg = Math.floor(node / 0x80000000);
    if (done[v] || deg !== adj[v].size) continue;
    done[v] = 1;
    order[k++] = v;
    const nb = Int32Array.from(adj[v]);
    nb.sort();
    later[v] = nb;
    fill += nb.length;
    for (let a = 0; a < nb.length; a++) {
      const sa = adj[nb[a]];
      sa.delete(v);
      for (let b = 0; b < nb.length; b++) if (b !== a) sa.add(nb[b]);
    }
    for (let a = 0; a < nb.length; a++) heap.push(adj[nb[a]].size, nb[a]);
    adj[v].clear();
  }
  for (let i = 0; i < n; i++) if (!later[i]) later[i] = new Int32Array(0);
  return { order, laterNeighbours: later, fillNnz: fill };
}

/** Min-heap of keys degree·2³¹ + node (exact in a double for degree < 2²¹), so ties pop the lowest node. */
class MinHeap {
  private a: number[] = [];
  push(degree: number, node: number): void {
    const a = this.a;
    const key = degree * 0x80000000 + node;
    let i = a.length;
    a.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= key) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = key;
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    const n = a.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && a[c + 1] < a[c]) c++;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
