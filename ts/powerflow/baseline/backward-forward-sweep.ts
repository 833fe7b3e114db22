// Pure-TypeScript twin of assembly/powerflow/backward-forward-sweep.ts: same name, same arguments (typed arrays for
// pointers), same statuses, same floating-point operations in the same order, so the two engines agree bit for bit.
import { KernelStatus } from '../../status.js';

/**
 * Runs sweeps until the largest voltage change |ΔV| (p.u.) drops below `tolPu` or `maxIterations` is reached.
 * Positions are topological from the slack (position 0, held): parent[i] < i. Dense (n entries): parent, zRe/zIm
 * (series impedance seen from the child, p.u.), pLoad/qLoad (constant-power consumption, p.u.), vRe/vIm (start in,
 * solution out), jRe/jIm (workspace). Sparse: ratioPos (ascending positions ≥ 1) with mRe/mIm, the complex voltage
 * ratio of each; shuntPos (ascending positions ≥ 1) with yRe/yIm, the shunt admittance, p.u.
 * zip ≠ 0 enables the voltage-dependent loads pI/qI (constant current) and pZ/qZ (constant impedance), p.u. at
 * 1 p.u. voltage, whose constant-power equivalent is P = p + |V|·(pI + |V|·pZ).
 * info[0] = iterations, info[1] = last max |ΔV| (p.u.).
 */
export function backwardForwardSweep(
  n: number,
  parent: Int32Array,
  zRe: Float64Array,
  zIm: Float64Array,
  pLoad: Float64Array,
  qLoad: Float64Array,
  vRe: Float64Array,
  vIm: Float64Array,
  jRe: Float64Array,
  jIm: Float64Array,
  nRatio: number,
  ratioPos: Int32Array,
  mRe: Float64Array,
  mIm: Float64Array,
  nShunt: number,
  shuntPos: Int32Array,
  yRe: Float64Array,
  yIm: Float64Array,
  zip: number,
  pI: Float64Array,
  qI: Float64Array,
  pZ: Float64Array,
  qZ: Float64Array,
  tolPu: number,
  maxIterations: number,
  info: Float64Array,
): number {
  info[0] = 0;
  info[1] = 0;
  if (n < 1 || nRatio < 0 || nShunt < 0 || maxIterations < 0 || !(tolPu >= 0)) return KernelStatus.INVALID_INPUT;
  if (n === 1) return KernelStatus.OK;
  const tol2 = tolPu * tolPu;
  let maxD2 = 0;
  jRe.fill(0, 0, n);
  jIm.fill(0, 0, n);
  for (let it = 1; it <= maxIterations; it++) {
    jRe[0] = 0;
    jIm[0] = 0;
    let ri = nRatio - 1;
    let rp = ri >= 0 ? ratioPos[ri] : -1;
    let si = nShunt - 1;
    let sp = si >= 0 ? shuntPos[si] : -1;
    for (let i = n - 1; i >= 1; i--) {
      const vr = vRe[i];
      const vi = vIm[i];
      let p = pLoad[i];
      let q = qLoad[i];
      const d = vr * vr + vi * vi;
      if (zip !== 0) {
        const m = Math.sqrt(d);
        p += m * (pI[i] + m * pZ[i]);
        q += m * (qI[i] + m * qZ[i]);
      }
      const inv = 1.0 / d;
      let cr = (p * vr + q * vi) * inv + jRe[i];
      let ci = (p * vi - q * vr) * inv + jIm[i];
      if (i === sp) {
        const g = yRe[si];
        const b = yIm[si];
        cr += g * vr - b * vi;
        ci += g * vi + b * vr;
        si--;
        sp = si >= 0 ? shuntPos[si] : -1;
      }
      jRe[i] = cr;
      jIm[i] = ci;
      const pi = parent[i];
      if (i === rp) {
        const ar = mRe[ri];
        const ai = mIm[ri];
        jRe[pi] = jRe[pi] + (ar * cr + ai * ci);
        jIm[pi] = jIm[pi] + (ar * ci - ai * cr);
        ri--;
        rp = ri >= 0 ? ratioPos[ri] : -1;
      } else {
        jRe[pi] = jRe[pi] + cr;
        jIm[pi] = jIm[pi] + ci;
      }
    }
    maxD2 = 0;
    let sum = 0;
    let fi = 0;
    let fp = nRatio > 0 ? ratioPos[0] : n;
    for (let i = 1; i < n; i++) {
      const pi = parent[i];
      let ur = vRe[pi];
      let ui = vIm[pi];
      if (i === fp) {
        const ar = mRe[fi];
        const ai = mIm[fi];
        const tr = ar * ur - ai * ui;
        ui = ar * ui + ai * ur;
        ur = tr;
        fi++;
        fp = fi < nRatio ? ratioPos[fi] : n;
      }
      const zr = zRe[i];
      const zi = zIm[i];
      const cr = jRe[i];
      const ci = jIm[i];
      jRe[i] = 0;
      jIm[i] = 0;
      const nr = ur - (zr * cr - zi * ci);
      const ni = ui - (zr * ci + zi * cr);
      const dr = nr - vRe[i];
      const di = ni - vIm[i];
      const d2 = dr * dr + di * di;
      sum += d2;
      if (d2 > maxD2) maxD2 = d2;
      vRe[i] = nr;
      vIm[i] = ni;
    }
    info[0] = it;
    if (!(sum - sum === 0)) {
      info[1] = Infinity;
      return KernelStatus.DIVERGED;
    }
    info[1] = Math.sqrt(maxD2);
    if (maxD2 <= tol2) return KernelStatus.OK;
  }
  return KernelStatus.MAX_ITERATIONS;
}
