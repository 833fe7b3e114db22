// Complex voltages and currents, the power mismatch and the polar Jacobian (MATPOWER dSbus_dV) over fixed patterns.
// Twin: ts/powerflow/newton/baseline/jacobian.ts.
import { ldf, stf, ldi } from './newton-memory';

/**
 * V = vm·e^{j·va}, I = Ybus·V, F = [ΔP(pvpq); ΔQ(pq)] of V·conj(I) − Sbus (p.u.). Returns ‖F‖∞ (NaN if not finite).
 */
export function powerMismatch(
  nBus: i32, yPtr: usize, yIdx: usize, yRe: usize, yIm: usize, vm: usize, va: usize, vRe: usize, vIm: usize,
  iRe: usize, iIm: usize, sRe: usize, sIm: usize, nPvpq: i32, nPq: i32, pvpqBus: usize, pqBus: usize, f: usize,
): f64 {
  for (let i = 0; i < nBus; i++) {
    const m = ldf(vm, i);
    const a = ldf(va, i);
    stf(vRe, i, m * Math.cos(a));
    stf(vIm, i, m * Math.sin(a));
  }
  for (let i = 0; i < nBus; i++) {
    let cr: f64 = 0;
    let ci: f64 = 0;
    const end = ldi(yPtr, i + 1);
    for (let k = ldi(yPtr, i); k < end; k++) {
      const j = ldi(yIdx, k);
      const g = ldf(yRe, k);
      const b = ldf(yIm, k);
      const vr = ldf(vRe, j);
      const vi = ldf(vIm, j);
      cr += g * vr - b * vi;
      ci += g * vi + b * vr;
    }
    stf(iRe, i, cr);
    stf(iIm, i, ci);
  }
  let norm: f64 = 0;
  for (let t = 0; t < nPvpq; t++) {
    const i = ldi(pvpqBus, t);
    const p = ldf(vRe, i) * ldf(iRe, i) + ldf(vIm, i) * ldf(iIm, i) - ldf(sRe, i);
    stf(f, t, p);
    const ap = Math.abs(p);
    if (ap > norm || ap != ap) norm = ap;
  }
  for (let t = 0; t < nPq; t++) {
    const i = ldi(pqBus, t);
    const q = ldf(vIm, i) * ldf(iRe, i) - ldf(vRe, i) * ldf(iIm, i) - ldf(sIm, i);
    stf(f, nPvpq + t, q);
    const aq = Math.abs(q);
    if (aq > norm || aq != aq) norm = aq;
  }
  return norm;
}

/**
 * Jacobian values jX (CSC, nnzJ): the four partials of each Ybus entry k (row i, column j) into ds[4k..4k+3] =
 * (Re ∂S_i/∂Va_j, Im ∂S_i/∂Va_j, Re ∂S_i/∂Vm_j, Im ∂S_i/∂Vm_j), then jX[p] = ds[jSrc[p]].
 */
export function fillJacobian(
  nBus: i32, yPtr: usize, yIdx: usize, yRe: usize, yIm: usize, vm: usize, vRe: usize, vIm: usize,
  iRe: usize, iIm: usize, ds: usize, nnzJ: i32, jSrc: usize, jX: usize,
): void {
  for (let i = 0; i < nBus; i++) {
    const vri = ldf(vRe, i);
    const vii = ldf(vIm, i);
    const end = ldi(yPtr, i + 1);
    for (let k = ldi(yPtr, i); k < end; k++) {
      const j = ldi(yIdx, k);
      const g = ldf(yRe, k);
      const b = ldf(yIm, k);
      const vrj = ldf(vRe, j);
      const vij = ldf(vIm, j);
      const yvr = g * vrj - b * vij;
      const yvi = g * vij + b * vrj;
      const ar = vri * yvr + vii * yvi;
      const ai = vii * yvr - vri * yvi;
      const o = k << 2;
      if (j != i) {
        const inv = 1 / ldf(vm, j);
        stf(ds, o, ai);
        stf(ds, o + 1, -ar);
        stf(ds, o + 2, ar * inv);
        stf(ds, o + 3, ai * inv);
      } else {
        const sr = vri * ldf(iRe, i) + vii * ldf(iIm, i);
        const si = vii * ldf(iRe, i) - vri * ldf(iIm, i);
        const inv = 1 / ldf(vm, i);
        stf(ds, o, ai - si);
        stf(ds, o + 1, sr - ar);
        stf(ds, o + 2, (ar + sr) * inv);
        stf(ds, o + 3, (ai + si) * inv);
      }
    }
  }
  for (let p = 0; p < nnzJ; p++) stf(jX, p, ldf(ds, ldi(jSrc, p)));
}
