// MUDA (Segal-Halevi, Hassidim & Aumann 2018), divisible quantities. Exact rule, tie-breaking and reference:
// ts/market/auctions/muda.ts (the TS twin, same name and arguments).
import { OK, INVALID_INPUT } from '../status';
import { ldf, stf, ldi } from './memory-access';
import {
  crossCurves, efficientBaseline, outcomeSums, resetSummary, zeroF64, intervalLo, intervalHi,
  S_HALF0_INFO, S_HALF1_INFO, S_HALF0_PRICE, S_HALF1_PRICE,
} from './efficient-cross';

/** Competitive price of one half: midpoint of its clearing-price interval, NaN when a side of it is empty. */
function halfPrice(info: usize): f64 {
  const lo = intervalLo(info);
  const hi = intervalHi(info);
  return isFinite(lo) && isFinite(hi) ? (lo + hi) / 2 : NaN;
}

/** Trades half h at price p: bids >= p buy, asks <= p sell, the long side by lottery (column order). */
function tradeHalf(
  bp: usize, bq: usize, nb: i32, sp: usize, sq: usize, ns: i32, bHalf: usize, sHalf: usize, h: i32, p: f64,
  bFill: usize, bPrice: usize, sFill: usize, sPrice: usize,
): void {
  if (isNaN(p)) return;
  let d = 0.0, s = 0.0;
  for (let i = 0; i < nb; i++) if (ldi(bHalf, i) == h && ldf(bp, i) >= p) d += ldf(bq, i);
  for (let j = 0; j < ns; j++) if (ldi(sHalf, j) == h && ldf(sp, j) <= p) s += ldf(sq, j);
  const v = min(d, s);
  if (!(v > 0)) return;
  // Lottery: the long side is served in column order (the seeded random priority of the lowering) until v runs out.
  let left = v;
  for (let i = 0; i < nb; i++) {
    if (ldi(bHalf, i) == h && ldf(bp, i) >= p && left > 0.0) {
      const q = ldf(bq, i);
      const f = d > v && left < q ? left : q;
      left -= f;
      stf(bFill, i, f);
      stf(bPrice, i, p);
    }
  }
  left = v;
  for (let j = 0; j < ns; j++) {
    if (ldi(sHalf, j) == h && ldf(sp, j) <= p && left > 0.0) {
      const q = ldf(sq, j);
      const f = s > v && left < q ? left : q;
      left -= f;
      stf(sFill, j, f);
      stf(sPrice, j, p);
    }
  }
}

/** MUDA; bHalf/sHalf: i32 0 or 1 per order (the seeded random split). See the TS twin for the rule. */
export function clearMuda(
  bp: usize, bq: usize, bo: usize, nb: i32, sp: usize, sq: usize, so: usize, ns: i32,
  bHalf: usize, sHalf: usize,
  bFill: usize, bPrice: usize, sFill: usize, sPrice: usize, summary: usize,
): i32 {
  if (nb < 0 || ns < 0) return INVALID_INPUT;
  for (let i = 0; i < nb; i++) { const h = ldi(bHalf, i); if (h != 0 && h != 1) return INVALID_INPUT; }
  for (let j = 0; j < ns; j++) { const h = ldi(sHalf, j); if (h != 0 && h != 1) return INVALID_INPUT; }
  resetSummary(summary);
  efficientBaseline(bp, bq, bo, nb, sp, sq, so, ns, bFill, sFill, 0, 0, 0, summary);
  const info0 = summary + (<usize>S_HALF0_INFO << 3);
  const info1 = summary + (<usize>S_HALF1_INFO << 3);
  crossCurves(bp, bq, bo, nb, sp, sq, so, ns, bHalf, sHalf, 0, 0, 0, 0, 0, 0, info0);
  crossCurves(bp, bq, bo, nb, sp, sq, so, ns, bHalf, sHalf, 1, 0, 0, 0, 0, 0, info1);
  const p0 = halfPrice(info0);
  const p1 = halfPrice(info1);
  zeroF64(bFill, nb);
  zeroF64(sFill, ns);
  zeroF64(bPrice, nb);
  zeroF64(sPrice, ns);
  // Each half trades at the other half's competitive price.
  tradeHalf(bp, bq, nb, sp, sq, ns, bHalf, sHalf, 0, p1, bFill, bPrice, sFill, sPrice);
  tradeHalf(bp, bq, nb, sp, sq, ns, bHalf, sHalf, 1, p0, bFill, bPrice, sFill, sPrice);
  stf(summary, S_HALF0_PRICE, p1);
  stf(summary, S_HALF1_PRICE, p0);
  outcomeSums(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, summary);
  return OK;
}
