/**
 * Pure-TypeScript twin of assembly/powerflow/sparse-lu.ts: left-looking sparse LU (Gilbert–Peierls, as CSparse's
 * cs_lu) with threshold partial pivoting that prefers the diagonal.
 *
 * Why this pivoting: the column order q comes from a minimum-degree ordering of the symmetric pattern, planned for
 * diagonal pivots. Pure static diagonal pivoting is unsafe on cases with negative series reactances (PEGASE
 * equivalents), where a Jacobian diagonal can be small or cancel; so each column takes its diagonal when
 * |diag| ≥ PIVOT_TOLERANCE · max|candidate| (keeping the planned fill) and otherwise the largest candidate (keeping
 * the factorization stable, at the price of extra fill). The pattern of L and U is rediscovered per factorization
 * by a depth-first reach, so a changed pivot never needs a new symbolic step; if the fill outgrows the workspace
 * the kernel returns WORKSPACE_TOO_SMALL and the wrapper enlarges it and retries.
 */
import { KernelStatus } from '../../../status.js';

/** Diagonal-preference threshold of the partial pivoting (KLU uses 1e-3; we keep more safety margin). */
export const PIVOT_TOLERANCE = 0.01;

/** A pivot below this fraction of its column's largest entry in A counts as zero (numerically singular). */
export const SINGULAR_PIVOT_RATIO = 1e-14;

/**
 * Factors P·A·Q = L·U for the n×n CSC matrix (aP, aI, aX), columns taken in the order q. L is unit lower
 * triangular (diagonal stored first in each column), U upper triangular (diagonal stored last), both CSC with
 * row indices in pivot order. pinv[row] = pivot position. Workspace: x (n f64), xi (2n i32), mark (n i32).
 * Returns OK, SINGULAR (no pivot candidate above SINGULAR_PIVOT_RATIO times the column's largest entry of A) or WORKSPACE_TOO_SMALL (lCap/uCap exceeded).
 */
export function luFactor(
  n: number,
  aP: Int32Array,
  aI: Int32Array,
  aX: Float64Array,
  q: Int32Array,
  lP: Int32Array,
  lI: Int32Array,
  lX: Float64Array,
  lCap: number,
  uP: Int32Array,
  uI: Int32Array,
  uX: Float64Array,
  uCap: number,
  pinv: Int32Array,
  x: Float64Array,
  xi: Int32Array,
  mark: Int32Array,
): number {
  for (let i = 0; i < n; i++) {
    x[i] = 0;
    pinv[i] = -1;
    mark[i] = -1;
  }
  let lnz = 0;
  let unz = 0;
  for (let k = 0; k < n; k++) {
    lP[k] = lnz;
    uP[k] = unz;
    const col = q[k];
    // Reach: the rows that L \ A(:,col) may touch, in topological order xi[top..n).
    let top = n;
    for (let p = aP[col]; p < aP[col + 1]; p++) {
      const r = aI[p];
      if (mark[r] === k) continue;
      // Iterative depth-first search from r over the graph of L (pivotal rows only); xi[n..2n) holds positions.
      let head = 0;
      xi[0] = r;
      while (head >= 0) {
        const j = xi[head];
        const jn = pinv[j];
        if (mark[j] !== k) {
          mark[j] = k;
          xi[n + head] = jn < 0 ? 0 : lP[jn] + 1;
        }
        let done = true;
        const p2 = jn < 0 ? 0 : lP[jn + 1];
        for (let pp = xi[n + head]; pp < p2; pp++) {
          const i = lI[pp];
          if (mark[i] === k) continue;
          xi[n + head] = pp + 1;
          xi[++head] = i;
          done = false;
          break;
        }
        if (done) {
          head--;
          xi[--top] = j;
        }
      }
    }
    const reach = n - top;
    if (lnz + reach + 1 > lCap || unz + reach + 1 > uCap) return KernelStatus.WORKSPACE_TOO_SMALL;
    // Sparse triangular solve x = L \ A(:,col).
    let anorm = 0;
    for (let p = aP[col]; p < aP[col + 1]; p++) {
      x[aI[p]] = aX[p];
      const t = Math.abs(aX[p]);
      if (t > anorm) anorm = t;
    }
    for (let px = top; px < n; px++) {
      const j = xi[px];
      const jn = pinv[j];
      if (jn < 0) continue;
      const xj = x[j];
      for (let p = lP[jn] + 1; p < lP[jn + 1]; p++) x[lI[p]] -= lX[p] * xj;
    }
    // Pivot choice among the non-pivotal rows; pivotal rows go to U.
    let ipiv = -1;
    let amax = -1;
    for (let px = top; px < n; px++) {
      const i = xi[px];
      if (pinv[i] < 0) {
        const t = Math.abs(x[i]);
        if (t > amax) {
          amax = t;
          ipiv = i;
        }
      } else {
        uI[unz] = pinv[i];
        uX[unz++] = x[i];
      }
    }
    if (ipiv < 0 || !(amax > anorm * SINGULAR_PIVOT_RATIO) || amax === Infinity) return KernelStatus.SINGULAR;
    if (pinv[col] < 0 && Math.abs(x[col]) >= amax * PIVOT_TOLERANCE) ipiv = col;
    const pivot = x[ipiv];
    uI[unz] = k;
    uX[unz++] = pivot;
    pinv[ipiv] = k;
    lI[lnz] = ipiv;
    lX[lnz++] = 1;
    for (let px = top; px < n; px++) {
      const i = xi[px];
      if (pinv[i] < 0) {
        lI[lnz] = i;
        lX[lnz++] = x[i] / pivot;
      }
      x[i] = 0;
    }
  }
  lP[n] = lnz;
  uP[n] = unz;
  for (let p = 0; p < lnz; p++) lI[p] = pinv[lI[p]];
  return KernelStatus.OK;
}

/**
 * Numeric refactorization: recomputes L and U for new values of a matrix with the same pattern, reusing the pivot
 * order and the L/U patterns of the last successful luFactor (no depth-first search, no pivot search). U's
 * off-diagonal rows are stored in the topological order luFactor found, which stays valid. Each pivot must still
 * pass the threshold test |pivot| ≥ PIVOT_TOLERANCE · max|L candidates| (and the singular test), else the
 * kernel returns SINGULAR and the caller falls back to luFactor, which may choose other pivots. x (n f64) is
 * scratch.
 */
export function luRefactor(
  n: number,
  aP: Int32Array,
  aI: Int32Array,
  aX: Float64Array,
  q: Int32Array,
  lP: Int32Array,
  lI: Int32Array,
  lX: Float64Array,
  uP: Int32Array,
  uI: Int32Array,
  uX: Float64Array,
  pinv: Int32Array,
  x: Float64Array,
): number {
  for (let i = 0; i < n; i++) x[i] = 0;
  for (let k = 0; k < n; k++) {
    const col = q[k];
    let anorm = 0;
    for (let p = aP[col]; p < aP[col + 1]; p++) {
      x[pinv[aI[p]]] = aX[p];
      const t = Math.abs(aX[p]);
      if (t > anorm) anorm = t;
    }
    const ue = uP[k + 1] - 1;
    for (let p = uP[k]; p < ue; p++) {
      const j = uI[p];
      const xj = x[j];
      uX[p] = xj;
      x[j] = 0;
      for (let pp = lP[j] + 1; pp < lP[j + 1]; pp++) x[lI[pp]] -= lX[pp] * xj;
    }
    const pivot = x[k];
    x[k] = 0;
    const apiv = Math.abs(pivot);
    let amax = apiv;
    const l0 = lP[k] + 1;
    const l1 = lP[k + 1];
    for (let p = l0; p < l1; p++) {
      const t = Math.abs(x[lI[p]]);
      if (t > amax) amax = t;
    }
    if (!(apiv >= amax * PIVOT_TOLERANCE) || !(amax > anorm * SINGULAR_PIVOT_RATIO) || amax === Infinity) {
      return KernelStatus.SINGULAR;
    }
    uX[ue] = pivot;
    for (let p = l0; p < l1; p++) {
      const i = lI[p];
      lX[p] = x[i] / pivot;
      x[i] = 0;
    }
  }
  return KernelStatus.OK;
}

/**
 * Solves A·x = b in place in `b` with the factors of luFactor; `x` (n f64) is scratch. Returns OK.
 */
export function luSolve(
  n: number,
  lP: Int32Array,
  lI: Int32Array,
  lX: Float64Array,
  uP: Int32Array,
  uI: Int32Array,
  uX: Float64Array,
  pinv: Int32Array,
  q: Int32Array,
  b: Float64Array,
  x: Float64Array,
): number {
  for (let i = 0; i < n; i++) x[pinv[i]] = b[i];
  for (let j = 0; j < n; j++) {
    const xj = x[j];
    if (xj === 0) continue;
    for (let p = lP[j] + 1; p < lP[j + 1]; p++) x[lI[p]] -= lX[p] * xj;
  }
  for (let j = n - 1; j >= 0; j--) {
    const e = uP[j + 1] - 1;
    const xj = x[j] / uX[e];
    x[j] = xj;
    if (xj === 0) continue;
    for (let p = uP[j]; p < e; p++) x[uI[p]] -= uX[p] * xj;
  }
  for (let k = 0; k < n; k++) b[q[k]] = x[k];
  return KernelStatus.OK;
}
