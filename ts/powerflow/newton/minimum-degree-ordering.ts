/**
 * Drives the minimum-degree ordering kernel (assembly/powerflow/fill-reducing-ordering.ts, twin in
 * baseline/minimum-degree-ordering.ts): sizes its pool, retries with a doubled pool on WORKSPACE_TOO_SMALL, and
 * hands back the order. Runs once per topology, in the symbolic setup.
 */
import { KernelStatus } from '../../status.js';
import { minimumDegreeOrder } from './baseline/minimum-degree-ordering.js';

/** A fill-reducing elimination order. */
export interface EliminationOrder {
  /** order[k] = node eliminated k-th (active nodes only). */
  order: Int32Array;
  /** colWeight[v] = Σ weight of v's uneliminated neighbours when v is eliminated (factor column count below the
   *  diagonal, in weighted units); 0 for inactive nodes. */
  colWeight: Int32Array;
}

/** One engine's minimum-degree ordering of a symmetric CSR graph's active nodes, weighted column counts included. */
export type MinimumDegreeOrdering = (
  n: number,
  adjPtr: Int32Array,
  adjIdx: Int32Array,
  active: Int32Array,
  weight: Int32Array,
) => EliminationOrder;

/** Initial pool size (i32 entries) for a graph with `nnz` adjacency entries: room for moderate fill. */
export function initialOrderingPool(n: number, nnz: number): number {
  return 3 * nnz + 4 * n + 64;
}

/** The pure-TypeScript engine of the ordering. */
export const minimumDegreeTs: MinimumDegreeOrdering = (n, adjPtr, adjIdx, active, weight) => {
  let count = 0;
  for (let i = 0; i < n; i++) if (active[i]) count++;
  const order = new Int32Array(count);
  const colWeight = new Int32Array(n);
  const ws = () => new Int32Array(n);
  const [start, len, head, next, prev, mark] = [ws(), ws(), ws(), ws(), ws(), ws()];
  for (let cap = initialOrderingPool(n, adjPtr[n]); ; cap *= 2) {
    const st = minimumDegreeOrder(n, adjPtr, adjIdx, active, weight, order, colWeight, new Int32Array(cap),
      new Int32Array(cap), cap, start, len, head, next, prev, mark);
    if (st === KernelStatus.OK) return { order, colWeight };
    if (st !== KernelStatus.WORKSPACE_TOO_SMALL) throw new RangeError(`minimumDegreeOrder failed with status ${st}`);
  }
};
