/**
 * Pure-TypeScript twin of assembly/powerflow/ybus.ts: fills the bus admittance matrix's values into a pattern
 * fixed by the symbolic analysis, exactly as MATPOWER's makeYbus builds it. The per-branch π model comes from
 * branchAdmittance (ts/powerflow/branch-admittance.ts), whose operations are the kernel's, in the kernel's order.
 */
import { KernelStatus } from '../../../status.js';
import { branchAdmittance } from '../../branch-admittance.js';

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
  const a = new Float64Array(8);
  for (let l = 0; l < nBranch; l++) {
    const ff = posFf[l];
    if (ff < 0) continue;
    if (!branchAdmittance(rPu[l], xPu[l], bPu[l], tap[l], shiftRad[l], a)) return KernelStatus.INVALID_INPUT;
    yRe[ff] += a[0];
    yIm[ff] += a[1];
    const ft = posFt[l];
    yRe[ft] += a[2];
    yIm[ft] += a[3];
    const tf = posTf[l];
    yRe[tf] += a[4];
    yIm[tf] += a[5];
    const tt = posTt[l];
    yRe[tt] += a[6];
    yIm[tt] += a[7];
  }
  for (let i = 0; i < nBus; i++) {
    const p = diagPos[i];
    if (p < 0) continue;
    yRe[p] += gsPu[i];
    yIm[p] += bsPu[i];
  }
  return KernelStatus.OK;
}
