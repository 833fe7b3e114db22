/**
 * The DC network's reduced susceptance matrix B_nn (B_bus without the reference bus's row and column) in LU form,
 * so θ_n = B_nn⁻¹·(net injection) and PTDF rows cost one sparse solve each instead of a dense inverse.
 *
 * B_bus = Cftᵀ·diag(b)·Cft is symmetric; with one reference bus and every bus connected through in-service
 * branches B_nn is nonsingular, but PEGASE's negative reactances make it indefinite, so the factorization is the
 * Newton solver's sparse LU with threshold partial pivoting (powerflow/newton/baseline/sparse-lu.ts) after a
 * minimum-degree ordering of the bus graph, not a Cholesky.
 */
import { minimumDegreeTs } from '../powerflow/newton/minimum-degree-ordering.js';
import { luFactor, luSolve } from '../powerflow/newton/baseline/sparse-lu.js';
import { KernelStatus } from '../status.js';
import type { DcOpfModel } from './dc-opf-model.js';

/** LU factors of B_nn for a network with exactly one reference bus. */
export interface ReducedSusceptance {
  /** Bus row of the reference bus (its angle is fixed; B_nn leaves it out). */
  ref: number;
  /**
   * Solves B_nn·v_n = rhs_n in place: `rhs` has one entry per bus row, its reference entry is ignored on input and
   * set to 0 on output (the PTDF convention: injections are balanced at the reference bus).
   */
  solve(rhs: Float64Array): void;
}

/**
 * Factors B_nn of a B-θ model (its θ columns hold −B_bus in the balance rows, dc-opf-model.ts); null when the
 * network has several reference buses or B_nn is singular (a bus not connected to the reference through in-service
 * branches), where the caller keeps the B-θ formulation.
 */
export function factorReducedSusceptance(model: DcOpfModel): ReducedSusceptance | null {
  const net = model.network;
  if (net.refBuses.length !== 1) return null;
  const n = net.busIds.length, ref = net.refBuses[0]!;
  // B_nn kept at full size with the reference's row and column replaced by a unit diagonal, so solves need no
  // index mapping and return 0 at the reference for a 0 there. The balance rows come first in every θ column.
  const { starts: mS, indices: mI, values: mV } = model.lp.matrix;
  const starts = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    let c = 0;
    if (j === ref) c = 1;
    else for (let p = mS[j]!; p < mS[j + 1]! && mI[p]! < n; p++) if (mI[p] !== ref) c++;
    starts[j + 1] = starts[j]! + c;
  }
  const indices = new Int32Array(starts[n]!), values = new Float64Array(starts[n]!);
  for (let j = 0; j < n; j++) {
    let q = starts[j]!;
    if (j === ref) {
      indices[q] = ref;
      values[q] = 1;
      continue;
    }
    for (let p = mS[j]!; p < mS[j + 1]! && mI[p]! < n; p++) {
      if (mI[p] === ref) continue;
      indices[q] = mI[p]!;
      values[q++] = -mV[p]!;
    }
  }
  const { order: q, colWeight } = minimumDegreeTs(n, starts, indices, new Int32Array(n).fill(1), new Int32Array(n).fill(1));
  let estimate = n;
  for (let i = 0; i < n; i++) estimate += colWeight[i]!;
  const lP = new Int32Array(n + 1), uP = new Int32Array(n + 1), pinv = new Int32Array(n);
  const x = new Float64Array(n), xi = new Int32Array(2 * n), mark = new Int32Array(n);
  for (let cap = 2 * estimate + n; ; cap *= 2) {
    const lI = new Int32Array(cap), lX = new Float64Array(cap), uI = new Int32Array(cap), uX = new Float64Array(cap);
    const st = luFactor(n, starts, indices, values, q, lP, lI, lX, cap, uP, uI, uX, cap, pinv, x, xi, mark);
    if (st === KernelStatus.SINGULAR) return null;
    if (st !== KernelStatus.OK) continue;
    return {
      ref,
      solve(rhs: Float64Array): void {
        rhs[ref] = 0;
        luSolve(n, lP, lI, lX, uP, uI, uX, pinv, q, rhs, x);
      },
    };
  }
}
