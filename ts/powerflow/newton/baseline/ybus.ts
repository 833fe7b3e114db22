/**
 * Pure-TypeScript twin of assembly/powerflow/ybus.ts: fills the bus admittance matrix's values into a pattern
 * fixed by the symbolic analysis, exactly as MATPOWER's makeYbus builds it.
 */
import { KernelStatus } from '../../../status.js';

/**
 * Writes Ybus values (p.u.) into `yRe`/`yIm` (length nnzY, zeroed here). Each branch with `posFf[l] >= 0` adds the
 * π model with series admittance 1/(r+jx), charging b/2 at each end and tap τ·e^{jθ} on the from side:
 * Yff = (ys + jb/2)/τ², Yft = −ys/(τe^{−jθ}), Ytf = −ys/(τe^{jθ}), Ytt = ys + jb/2. Each bus with `diagPos[i] >= 0`
 * adds its shunt gs + j·bs. Returns INVALID_INPUT when a branch has r = x = 0 or τ = 0.
 */
export function buildYbus(
  nBus: number,
  nBranch: number,
  rPu: Float64Array,
  xPu: Float64Array,
  bPu: Float64Array,
  tap: Float64Array,
  shiftRad: Float64Array,
  gsPu: Float64Array,
  bsPu: Float64Array,
  posFf: Int32Array,
  posFt: Int32Array,
  posTf: Int32Array,
  posTt: Int32Array,
  diagPos: Int32Array,
  nnzY: number,
  yRe: Float64Array,
  yIm: Float64Array,
): number {
  for (let k = 0; k < nnzY; k++) {
    yRe[k] = 0;
    yIm[k] = 0;
  }
  for (let l = 0; l < nBranch; l++) {
    const ff = posFf[l];
    if (ff < 0) continue;
    const r = rPu[l];
    const x = xPu[l];
    const d = r * r + x * x;
    const t = tap[l];
    if (d === 0 || t === 0) return KernelStatus.INVALID_INPUT;
    const gs = r / d;
    const bs = -x / d;
    const bc = bPu[l] * 0.5;
    const c = Math.cos(shiftRad[l]);
    const s = Math.sin(shiftRad[l]);
    const t2 = t * t;
    yRe[ff] += gs / t2;
    yIm[ff] += (bs + bc) / t2;
    const tt = posTt[l];
    yRe[tt] += gs;
    yIm[tt] += bs + bc;
    // −ys/(τe^{−jθ}) = −ys·e^{jθ}/τ and −ys/(τe^{jθ}) = −ys·e^{−jθ}/τ.
    const ft = posFt[l];
    yRe[ft] += -(gs * c - bs * s) / t;
    yIm[ft] += -(gs * s + bs * c) / t;
    const tf = posTf[l];
    yRe[tf] += -(gs * c + bs * s) / t;
    yIm[tf] += -(bs * c - gs * s) / t;
  }
  for (let i = 0; i < nBus; i++) {
    const p = diagPos[i];
    if (p < 0) continue;
    yRe[p] += gsPu[i];
    yIm[p] += bsPu[i];
  }
  return KernelStatus.OK;
}
