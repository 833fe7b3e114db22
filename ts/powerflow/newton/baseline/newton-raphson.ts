/**
 * Pure-TypeScript twin of assembly/powerflow/newton-raphson.ts: the polar Newton-Raphson loop of MATPOWER's
 * newtonpf over the patterns, ordering and workspace planned once by the symbolic setup.
 */
import { KernelStatus } from '../../../status.js';
import { fillJacobian, powerMismatch } from './jacobian.js';
import { luFactor, luRefactor, luSolve } from './sparse-lu.js';

/** A mismatch above this (p.u.), or a non-finite one, means the iteration blew up. */
export const DIVERGENCE_MISMATCH_PU = 1e10;

/**
 * Runs Newton-Raphson from vm/va (p.u., rad), updating va on pvpq buses and vm on pq buses in place, until
 * ‖F‖∞ ≤ tol (p.u.) or maxIter updates. luState[0] = 1 says L/U hold a pivot order and pattern for this Jacobian
 * pattern (from an earlier iteration or solve) that luRefactor may reuse; the kernel keeps it up to date. Writes out[0] = iterations, out[1] = final ‖F‖∞. Returns OK,
 * MAX_ITERATIONS, SINGULAR, DIVERGED, INVALID_INPUT (non-finite start) or WORKSPACE_TOO_SMALL (LU fill; vm/va may
 * then hold a partial update, so the caller retries from its own copy).
 */
export function newtonSolve(
  nBus: number,
  yPtr: Int32Array,
  yIdx: Int32Array,
  yRe: Float64Array,
  yIm: Float64Array,
  nPvpq: number,
  nPq: number,
  pvpqBus: Int32Array,
  pqBus: Int32Array,
  jP: Int32Array,
  jI: Int32Array,
  jSrc: Int32Array,
  jX: Float64Array,
  q: Int32Array,
  sRe: Float64Array,
  sIm: Float64Array,
  vm: Float64Array,
  va: Float64Array,
  vRe: Float64Array,
  vIm: Float64Array,
  iRe: Float64Array,
  iIm: Float64Array,
  ds: Float64Array,
  f: Float64Array,
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
  luState: Int32Array,
  tol: number,
  maxIter: number,
  out: Float64Array,
): number {
  const n = nPvpq + nPq;
  const nnzJ = jP[n];
  let norm = powerMismatch(nBus, yPtr, yIdx, yRe, yIm, vm, va, vRe, vIm, iRe, iIm, sRe, sIm, nPvpq, nPq, pvpqBus, pqBus, f);
  out[0] = 0;
  out[1] = norm;
  if (!(norm < Infinity)) return KernelStatus.INVALID_INPUT;
  if (norm <= tol) return KernelStatus.OK;
  for (let it = 1; it <= maxIter; it++) {
    fillJacobian(nBus, yPtr, yIdx, yRe, yIm, vm, vRe, vIm, iRe, iIm, ds, nnzJ, jSrc, jX);
    // Reuse the last pivot order and pattern while its pivots stay acceptable; else factor with pivot search.
    let st: number = luState[0] === 1 ? luRefactor(n, jP, jI, jX, q, lP, lI, lX, uP, uI, uX, pinv, x) : KernelStatus.SINGULAR;
    if (st !== KernelStatus.OK) {
      luState[0] = 0;
      st = luFactor(n, jP, jI, jX, q, lP, lI, lX, lCap, uP, uI, uX, uCap, pinv, x, xi, mark);
      if (st !== KernelStatus.OK) return st;
      luState[0] = 1;
    }
    luSolve(n, lP, lI, lX, uP, uI, uX, pinv, q, f, x);
    // f now holds J⁻¹F; the Newton step is its negative.
    for (let t = 0; t < nPvpq; t++) va[pvpqBus[t]] -= f[t];
    for (let t = 0; t < nPq; t++) vm[pqBus[t]] -= f[nPvpq + t];
    norm = powerMismatch(nBus, yPtr, yIdx, yRe, yIm, vm, va, vRe, vIm, iRe, iIm, sRe, sIm, nPvpq, nPq, pvpqBus, pqBus, f);
    out[0] = it;
    out[1] = norm;
    if (!(norm <= DIVERGENCE_MISMATCH_PU)) return KernelStatus.DIVERGED;
    if (norm <= tol) return KernelStatus.OK;
  }
  return KernelStatus.MAX_ITERATIONS;
}
