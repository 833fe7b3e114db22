// Polar Newton-Raphson (MATPOWER newtonpf) over the patterns, order and workspace of the symbolic setup.
// Twin: ts/powerflow/newton/baseline/newton-raphson.ts.
import { OK, MAX_ITERATIONS, DIVERGED, INVALID_INPUT, SINGULAR } from '../status';
import { ldf, stf, ldi, sti } from './newton-memory';
import { fillJacobian, powerMismatch } from './jacobian';
import { luFactor, luRefactor, luSolve } from './sparse-lu';

/** A mismatch above this (p.u.), or a non-finite one, means the iteration blew up. */
export const DIVERGENCE_MISMATCH_PU: f64 = 1e10;

/**
 * Runs Newton-Raphson from vm/va (p.u., rad), updating va on pvpq and vm on pq buses in place, until ‖F‖∞ ≤ tol
 * (p.u.) or maxIter updates. luState[0] = 1: L/U hold a reusable pivot order and pattern (kept up to date here). out[0] = iterations, out[1] = final ‖F‖∞. Returns OK, MAX_ITERATIONS, SINGULAR,
 * DIVERGED, INVALID_INPUT (non-finite start) or WORKSPACE_TOO_SMALL (caller enlarges the LU space and retries).
 */
export function newtonSolve(
  nBus: i32, yPtr: usize, yIdx: usize, yRe: usize, yIm: usize,
  nPvpq: i32, nPq: i32, pvpqBus: usize, pqBus: usize,
  jP: usize, jI: usize, jSrc: usize, jX: usize, q: usize,
  sRe: usize, sIm: usize, vm: usize, va: usize,
  vRe: usize, vIm: usize, iRe: usize, iIm: usize, ds: usize, f: usize,
  lP: usize, lI: usize, lX: usize, lCap: i32, uP: usize, uI: usize, uX: usize, uCap: i32,
  pinv: usize, x: usize, xi: usize, mark: usize, luState: usize,
  tol: f64, maxIter: i32, out: usize,
): i32 {
  const n = nPvpq + nPq;
  const nnzJ = ldi(jP, n);
  let norm = powerMismatch(nBus, yPtr, yIdx, yRe, yIm, vm, va, vRe, vIm, iRe, iIm, sRe, sIm, nPvpq, nPq, pvpqBus, pqBus, f);
  stf(out, 0, 0);
  stf(out, 1, norm);
  if (!(norm < Infinity)) return INVALID_INPUT;
  if (norm <= tol) return OK;
  for (let it = 1; it <= maxIter; it++) {
    fillJacobian(nBus, yPtr, yIdx, yRe, yIm, vm, vRe, vIm, iRe, iIm, ds, nnzJ, jSrc, jX);
    let st = ldi(luState, 0) == 1 ? luRefactor(n, jP, jI, jX, q, lP, lI, lX, uP, uI, uX, pinv, x) : SINGULAR;
    if (st != OK) {
      sti(luState, 0, 0);
      st = luFactor(n, jP, jI, jX, q, lP, lI, lX, lCap, uP, uI, uX, uCap, pinv, x, xi, mark);
      if (st != OK) return st;
      sti(luState, 0, 1);
    }
    luSolve(n, lP, lI, lX, uP, uI, uX, pinv, q, f, x);
    for (let t = 0; t < nPvpq; t++) {
      const b = ldi(pvpqBus, t);
      stf(va, b, ldf(va, b) - ldf(f, t));
    }
    for (let t = 0; t < nPq; t++) {
      const b = ldi(pqBus, t);
      stf(vm, b, ldf(vm, b) - ldf(f, nPvpq + t));
    }
    norm = powerMismatch(nBus, yPtr, yIdx, yRe, yIm, vm, va, vRe, vIm, iRe, iIm, sRe, sIm, nPvpq, nPq, pvpqBus, pqBus, f);
    stf(out, 0, <f64>it);
    stf(out, 1, norm);
    if (!(norm <= DIVERGENCE_MISMATCH_PU)) return DIVERGED;
    if (norm <= tol) return OK;
  }
  return MAX_ITERATIONS;
}
