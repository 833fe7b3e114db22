// Left-looking sparse LU (Gilbert–Peierls, as CSparse's cs_lu) with threshold partial pivoting preferring the
// diagonal: the minimum-degree column order is planned for diagonal pivots, but a diagonal smaller than
// PIVOT_TOLERANCE times the column's largest candidate (possible with the negative reactances of PEGASE cases)
// is passed over for the largest candidate, so the factorization stays stable. The pattern is found per column
// by a depth-first reach, so changed pivots need no new symbolic step. Twin: ts/powerflow/newton/baseline/sparse-lu.ts.
import { OK, SINGULAR, WORKSPACE_TOO_SMALL } from '../status';
import { ldf, stf, ldi, sti } from './newton-memory';

/** Diagonal-preference threshold of the partial pivoting (same value as the TS twin). */
export const PIVOT_TOLERANCE: f64 = 0.01;
/** A pivot below this fraction of its column's largest entry in A counts as zero (same value as the TS twin). */
export const SINGULAR_PIVOT_RATIO: f64 = 1e-14;

/**
 * Factors P·A·Q = L·U for the n×n CSC matrix (aP, aI, aX) with columns in order q. L unit lower (diagonal first
 * per column), U upper (diagonal last), row indices in pivot order; pinv[row] = pivot position. Workspace: x (n
 * f64), xi (2n i32), mark (n i32). Returns OK, SINGULAR (no pivot above SINGULAR_PIVOT_RATIO·max|A(:,col)|) or WORKSPACE_TOO_SMALL (lCap / uCap exceeded).
 */
export function luFactor(
  n: i32, aP: usize, aI: usize, aX: usize, q: usize,
  lP: usize, lI: usize, lX: usize, lCap: i32, uP: usize, uI: usize, uX: usize, uCap: i32,
  pinv: usize, x: usize, xi: usize, mark: usize,
): i32 {
  for (let i = 0; i < n; i++) {
    stf(x, i, 0);
    sti(pinv, i, -1);
    sti(mark, i, -1);
  }
  const ps = xi + (<usize>n << 2); // DFS position stack, xi[n..2n)
  let lnz = 0;
  let unz = 0;
  for (let k = 0; k < n; k++) {
    sti(lP, k, lnz);
    sti(uP, k, unz);
    const col = ldi(q, k);
    const a0 = ldi(aP, col);
    const a1 = ldi(aP, col + 1);
    let top = n;
    for (let p = a0; p < a1; p++) {
      const r = ldi(aI, p);
      if (ldi(mark, r) == k) continue;
      let head = 0;
      sti(xi, 0, r);
      while (head >= 0) {
        const j = ldi(xi, head);
        const jn = ldi(pinv, j);
        if (ldi(mark, j) != k) {
          sti(mark, j, k);
          sti(ps, head, jn < 0 ? 0 : ldi(lP, jn) + 1);
        }
        let done = true;
        const p2 = jn < 0 ? 0 : ldi(lP, jn + 1);
        for (let pp = ldi(ps, head); pp < p2; pp++) {
          const i = ldi(lI, pp);
          if (ldi(mark, i) == k) continue;
          sti(ps, head, pp + 1);
          head++;
          sti(xi, head, i);
          done = false;
          break;
        }
        if (done) {
          head--;
          top--;
          sti(xi, top, j);
        }
      }
    }
    const reach = n - top;
    if (lnz + reach + 1 > lCap || unz + reach + 1 > uCap) return WORKSPACE_TOO_SMALL;
    let anorm: f64 = 0;
    for (let p = a0; p < a1; p++) {
      const v = ldf(aX, p);
      stf(x, ldi(aI, p), v);
      const t = Math.abs(v);
      if (t > anorm) anorm = t;
    }
    for (let px = top; px < n; px++) {
      const j = ldi(xi, px);
      const jn = ldi(pinv, j);
      if (jn < 0) continue;
      const xj = ldf(x, j);
      const e = ldi(lP, jn + 1);
      for (let p = ldi(lP, jn) + 1; p < e; p++) {
        const i = ldi(lI, p);
        stf(x, i, ldf(x, i) - ldf(lX, p) * xj);
      }
    }
    let ipiv = -1;
    let amax: f64 = -1;
    for (let px = top; px < n; px++) {
      const i = ldi(xi, px);
      if (ldi(pinv, i) < 0) {
        const t = Math.abs(ldf(x, i));
        if (t > amax) {
          amax = t;
          ipiv = i;
        }
      } else {
        sti(uI, unz, ldi(pinv, i));
        stf(uX, unz, ldf(x, i));
        unz++;
      }
    }
    if (ipiv < 0 || !(amax > anorm * SINGULAR_PIVOT_RATIO) || amax == Infinity) return SINGULAR;
    if (ldi(pinv, col) < 0 && Math.abs(ldf(x, col)) >= amax * PIVOT_TOLERANCE) ipiv = col;
    const pivot = ldf(x, ipiv);
    sti(uI, unz, k);
    stf(uX, unz, pivot);
    unz++;
    sti(pinv, ipiv, k);
    sti(lI, lnz, ipiv);
    stf(lX, lnz, 1);
    lnz++;
    for (let px = top; px < n; px++) {
      const i = ldi(xi, px);
      if (ldi(pinv, i) < 0) {
        sti(lI, lnz, i);
        stf(lX, lnz, ldf(x, i) / pivot);
        lnz++;
      }
      stf(x, i, 0);
    }
  }
  sti(lP, n, lnz);
  sti(uP, n, unz);
  for (let p = 0; p < lnz; p++) sti(lI, p, ldi(pinv, ldi(lI, p)));
  return OK;
}

/**
 * Numeric refactorization reusing the pivot order and L/U patterns of the last successful luFactor (no search);
 * SINGULAR when a pivot fails the threshold or singular test, so the caller falls back to luFactor.
 * x (n f64) is scratch. Twin: luRefactor in ts/powerflow/newton/baseline/sparse-lu.ts.
 */
export function luRefactor(
  n: i32, aP: usize, aI: usize, aX: usize, q: usize,
  lP: usize, lI: usize, lX: usize, uP: usize, uI: usize, uX: usize, pinv: usize, x: usize,
): i32 {
  for (let i = 0; i < n; i++) stf(x, i, 0);
  for (let k = 0; k < n; k++) {
    const col = ldi(q, k);
    let anorm: f64 = 0;
    const a1 = ldi(aP, col + 1);
    for (let p = ldi(aP, col); p < a1; p++) {
      const v = ldf(aX, p);
      stf(x, ldi(pinv, ldi(aI, p)), v);
      const t = Math.abs(v);
      if (t > anorm) anorm = t;
    }
    const ue = ldi(uP, k + 1) - 1;
    for (let p = ldi(uP, k); p < ue; p++) {
      const j = ldi(uI, p);
      const xj = ldf(x, j);
      stf(uX, p, xj);
      stf(x, j, 0);
      const le = ldi(lP, j + 1);
      for (let pp = ldi(lP, j) + 1; pp < le; pp++) {
        const i = ldi(lI, pp);
        stf(x, i, ldf(x, i) - ldf(lX, pp) * xj);
      }
    }
    const pivot = ldf(x, k);
    stf(x, k, 0);
    const apiv = Math.abs(pivot);
    let amax = apiv;
    const l0 = ldi(lP, k) + 1;
    const l1 = ldi(lP, k + 1);
    for (let p = l0; p < l1; p++) {
      const t = Math.abs(ldf(x, ldi(lI, p)));
      if (t > amax) amax = t;
    }
    if (!(apiv >= amax * PIVOT_TOLERANCE) || !(amax > anorm * SINGULAR_PIVOT_RATIO) || amax == Infinity) return SINGULAR;
    stf(uX, ue, pivot);
    for (let p = l0; p < l1; p++) {
      const i = ldi(lI, p);
      stf(lX, p, ldf(x, i) / pivot);
      stf(x, i, 0);
    }
  }
  return OK;
}

/** Solves A·x = b in place in b with luFactor's factors; x (n f64) is scratch. Returns OK. */
export function luSolve(
  n: i32, lP: usize, lI: usize, lX: usize, uP: usize, uI: usize, uX: usize, pinv: usize, q: usize, b: usize, x: usize,
): i32 {
  for (let i = 0; i < n; i++) stf(x, ldi(pinv, i), ldf(b, i));
  for (let j = 0; j < n; j++) {
    const xj = ldf(x, j);
    if (xj == 0) continue;
    const e = ldi(lP, j + 1);
    for (let p = ldi(lP, j) + 1; p < e; p++) {
      const i = ldi(lI, p);
      stf(x, i, ldf(x, i) - ldf(lX, p) * xj);
    }
  }
  for (let j = n - 1; j >= 0; j--) {
    const e = ldi(uP, j + 1) - 1;
    const xj = ldf(x, j) / ldf(uX, e);
    stf(x, j, xj);
    if (xj == 0) continue;
    for (let p = ldi(uP, j); p < e; p++) {
      const i = ldi(uI, p);
      stf(x, i, ldf(x, i) - ldf(uX, p) * xj);
    }
  }
  for (let k = 0; k < n; k++) stf(b, ldi(q, k), ldf(x, k));
  return OK;
}
