/**
 * Pure-TypeScript twin of assembly/powerflow/jacobian.ts: complex bus voltages and currents, the power mismatch
 * and the polar power-flow Jacobian (MATPOWER's dSbus_dV), over the fixed sparsity patterns of the symbolic setup.
 */

/**
 * Computes V = vm·e^{j·va}, I = Ybus·V and the mismatch F = [ΔP(pvpq); ΔQ(pq)] of V·conj(I) − Sbus (p.u.).
 * Returns ‖F‖∞, or NaN when anything is not finite.
 */
export function powerMismatch(
  nBus: number,
  yPtr: Int32Array,
  yIdx: Int32Array,
  yRe: Float64Array,
  yIm: Float64Array,
  vm: Float64Array,
  va: Float64Array,
  vRe: Float64Array,
  vIm: Float64Array,
  iRe: Float64Array,
  iIm: Float64Array,
  sRe: Float64Array,
  sIm: Float64Array,
  nPvpq: number,
  nPq: number,
  pvpqBus: Int32Array,
  pqBus: Int32Array,
  f: Float64Array,
): number {
  for (let i = 0; i < nBus; i++) {
    const m = vm[i];
    const a = va[i];
    vRe[i] = m * Math.cos(a);
    vIm[i] = m * Math.sin(a);
  }
  for (let i = 0; i < nBus; i++) {
    let cr = 0;
    let ci = 0;
    for (let k = yPtr[i]; k < yPtr[i + 1]; k++) {
      const j = yIdx[k];
      const g = yRe[k];
      const b = yIm[k];
      const vr = vRe[j];
      const vi = vIm[j];
      cr += g * vr - b * vi;
      ci += g * vi + b * vr;
    }
    iRe[i] = cr;
    iIm[i] = ci;
  }
  let norm = 0;
  for (let t = 0; t < nPvpq; t++) {
    const i = pvpqBus[t];
    const p = vRe[i] * iRe[i] + vIm[i] * iIm[i] - sRe[i];
    f[t] = p;
    const ap = Math.abs(p);
    if (ap > norm || ap != ap) norm = ap; // a NaN sticks: nothing compares greater than it
  }
  for (let t = 0; t < nPq; t++) {
    const i = pqBus[t];
    const q = vIm[i] * iRe[i] - vRe[i] * iIm[i] - sIm[i];
    f[nPvpq + t] = q;
    const aq = Math.abs(q);
    if (aq > norm || aq != aq) norm = aq;
  }
  return norm;
}

/**
 * Fills the Jacobian values `jX` (CSC, nnzJ) from V and I: first the four partials of every Ybus entry (k, row i,
 * column j) into ds[4k..4k+3] = (Re ∂S_i/∂Va_j, Im ∂S_i/∂Va_j, Re ∂S_i/∂Vm_j, Im ∂S_i/∂Vm_j), then the gather
 * jX[p] = ds[jSrc[p]] that the symbolic setup planned.
 */
export function fillJacobian(
  nBus: number,
  yPtr: Int32Array,
  yIdx: Int32Array,
  yRe: Float64Array,
  yIm: Float64Array,
  vm: Float64Array,
  vRe: Float64Array,
  vIm: Float64Array,
  iRe: Float64Array,
  iIm: Float64Array,
  ds: Float64Array,
  nnzJ: number,
  jSrc: Int32Array,
  jX: Float64Array,
): void {
  for (let i = 0; i < nBus; i++) {
    const vri = vRe[i];
    const vii = vIm[i];
    for (let k = yPtr[i]; k < yPtr[i + 1]; k++) {
      const j = yIdx[k];
      const g = yRe[k];
      const b = yIm[k];
      const vrj = vRe[j];
      const vij = vIm[j];
      // A = V_i · conj(Y_ij · V_j)
      const yvr = g * vrj - b * vij;
      const yvi = g * vij + b * vrj;
      const ar = vri * yvr + vii * yvi;
      const ai = vii * yvr - vri * yvi;
      const o = 4 * k;
      if (j !== i) {
        const inv = 1 / vm[j];
        ds[o] = ai;
        ds[o + 1] = -ar;
        ds[o + 2] = ar * inv;
        ds[o + 3] = ai * inv;
      } else {
        // S_i = V_i · conj(I_i); ∂S/∂Va = j(S − A), ∂S/∂Vm = (A + S)/|V_i|
        const sr = vri * iRe[i] + vii * iIm[i];
        const si = vii * iRe[i] - vri * iIm[i];
        const inv = 1 / vm[i];
        ds[o] = ai - si;
        ds[o + 1] = sr - ar;
        ds[o + 2] = (ar + sr) * inv;
        ds[o + 3] = (ai + si) * inv;
      }
    }
  }
  for (let p = 0; p < nnzJ; p++) jX[p] = ds[jSrc[p]];
}
