// Bus admittance matrix values (MATPOWER makeYbus) written into a pattern fixed by the symbolic analysis.
// Twin: ts/powerflow/newton/baseline/ybus.ts.
import { OK, INVALID_INPUT } from '../status';
import { ldf, stf, ldi } from './newton-memory';

/**
 * Writes Ybus values (p.u.) into yRe/yIm (nnzY, zeroed here). Branch l with posFf[l] >= 0 adds the pi model:
 * ys = 1/(r+jx), charging b/2 per end, tap t·e^{jθ} on the from side: Yff = (ys+jb/2)/t², Yft = −ys·e^{jθ}/t,
 * Ytf = −ys·e^{−jθ}/t, Ytt = ys+jb/2. Bus i with diagPos[i] >= 0 adds gs+j·bs. INVALID_INPUT if r = x = 0 or t = 0.
 */
export function buildYbus(
  nBus: i32, nBranch: i32, rPu: usize, xPu: usize, bPu: usize, tap: usize, shiftRad: usize, gsPu: usize, bsPu: usize,
  posFf: usize, posFt: usize, posTf: usize, posTt: usize, diagPos: usize, nnzY: i32, yRe: usize, yIm: usize,
): i32 {
  for (let k = 0; k < nnzY; k++) {
    stf(yRe, k, 0);
    stf(yIm, k, 0);
  }
  for (let l = 0; l < nBranch; l++) {
    const ff = ldi(posFf, l);
    if (ff < 0) continue;
    const r = ldf(rPu, l);
    const x = ldf(xPu, l);
    const d = r * r + x * x;
    const t = ldf(tap, l);
    if (d == 0 || t == 0) return INVALID_INPUT;
    const gs = r / d;
    const bs = -x / d;
    const bc = ldf(bPu, l) * 0.5;
    const sh = ldf(shiftRad, l);
    const c = Math.cos(sh);
    const s = Math.sin(sh);
    const t2 = t * t;
    stf(yRe, ff, ldf(yRe, ff) + gs / t2);
    stf(yIm, ff, ldf(yIm, ff) + (bs + bc) / t2);
    const tt = ldi(posTt, l);
    stf(yRe, tt, ldf(yRe, tt) + gs);
    stf(yIm, tt, ldf(yIm, tt) + (bs + bc));
    const ft = ldi(posFt, l);
    stf(yRe, ft, ldf(yRe, ft) + -(gs * c - bs * s) / t);
    stf(yIm, ft, ldf(yIm, ft) + -(gs * s + bs * c) / t);
    const tf = ldi(posTf, l);
    stf(yRe, tf, ldf(yRe, tf) + -(gs * c + bs * s) / t);
    stf(yIm, tf, ldf(yIm, tf) + -(bs * c - gs * s) / t);
  }
  for (let i = 0; i < nBus; i++) {
    const p = ldi(diagPos, i);
    if (p < 0) continue;
    stf(yRe, p, ldf(yRe, p) + ldf(gsPu, i));
    stf(yIm, p, ldf(yIm, p) + ldf(bsPu, i));
  }
  return OK;
}
