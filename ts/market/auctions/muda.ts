/**
 * MUDA, the Multi-Unit Double Auction of E. Segal-Halevi, A. Hassidim & Y. Aumann ("MUDA: A Truthful Multi-Unit
 * Double-Auction Mechanism", AAAI 2018, arXiv:1712.06848), with divisible quantities.
 *
 * Rule. Prosumers are split at random into two halves with an explicit seed (ts/random.ts Rng; each prosumer, in
 * order of first appearance in the book, goes to half 1 when rng.next() ≥ 0.5; all of a prosumer's orders share
 * its half). In each half h the competitive price p_h is the midpoint of that half's interval of market-clearing
 * prices [max(aLast, bNext), min(bLast, aNext)] (efficient-cross.ts; when the half does not cross this is
 * [best bid, best ask]); a half with an empty side has no price. Half h then trades at the OTHER half's price
 * p = p_{1−h}, so no trader's report affects its own price: buy orders with bid ≥ p demand their quantity, sell
 * orders with ask ≤ p supply theirs, the short side trades fully and the long side is rationed pro rata (the
 * paper allows any value-independent rationing; it draws a random lottery, we divide pro rata so the result
 * depends on the seed only through the split). No price for the other half: half h does not trade.
 * Each half is budget-balanced (all its trades at one price). Individual rationality: bid ≥ p, ask ≤ p.
 *
 * Results: clearingPrices = [price paid in half 0, price paid in half 1]; clearingPrice is null.
 * Divisibility: `divisible: false` is rejected by validation (pro rata rationing fills the long side partly).
 *
 * Twin of assembly/market/muda.ts (same name, arguments and statuses; typed arrays for pointers).
 */
import { KernelStatus } from '../../status.js';
import { Summary } from './summary-slots.js';
import { crossCurves, efficientBaseline, intervalHi, intervalLo, outcomeSums, resetSummary } from './efficient-cross.js';

function halfPrice(info: Float64Array, at: number): number {
  const lo = intervalLo(info, at);
  const hi = intervalHi(info, at);
  return Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : NaN;
}

function tradeHalf(
  bp: Float64Array, bq: Float64Array, nb: number, sp: Float64Array, sq: Float64Array, ns: number,
  bHalf: Int32Array, sHalf: Int32Array, h: number, p: number,
  bFill: Float64Array, bPrice: Float64Array, sFill: Float64Array, sPrice: Float64Array,
): void {
  if (Number.isNaN(p)) return;
  let d = 0;
  let s = 0;
  for (let i = 0; i < nb; i++) if (bHalf[i] === h && bp[i] >= p) d += bq[i];
  for (let j = 0; j < ns; j++) if (sHalf[j] === h && sp[j] <= p) s += sq[j];
  const v = Math.min(d, s);
  if (!(v > 0)) return;
  const rb = d > v ? v / d : 1;
  const rs = s > v ? v / s : 1;
  for (let i = 0; i < nb; i++) {
    if (bHalf[i] === h && bp[i] >= p) {
      bFill[i] = rb === 1 ? bq[i] : bq[i] * rb;
      bPrice[i] = p;
    }
  }
  for (let j = 0; j < ns; j++) {
    if (sHalf[j] === h && sp[j] <= p) {
      sFill[j] = rs === 1 ? sq[j] : sq[j] * rs;
      sPrice[j] = p;
    }
  }
}

/** Clears MUDA; bHalf/sHalf hold 0 or 1 per order (the seeded split). */
export function clearMuda(
  bp: Float64Array, bq: Float64Array, bo: Int32Array, nb: number,
  sp: Float64Array, sq: Float64Array, so: Int32Array, ns: number,
  bHalf: Int32Array, sHalf: Int32Array,
  bFill: Float64Array, bPrice: Float64Array, sFill: Float64Array, sPrice: Float64Array, summary: Float64Array,
): number {
  if (nb < 0 || ns < 0) return KernelStatus.INVALID_INPUT;
  for (let i = 0; i < nb; i++) if (bHalf[i] !== 0 && bHalf[i] !== 1) return KernelStatus.INVALID_INPUT;
  for (let j = 0; j < ns; j++) if (sHalf[j] !== 0 && sHalf[j] !== 1) return KernelStatus.INVALID_INPUT;
  resetSummary(summary);
  efficientBaseline(bp, bq, bo, nb, sp, sq, so, ns, bFill, sFill, null, null, null, summary);
  crossCurves(bp, bq, bo, nb, sp, sq, so, ns, bHalf, sHalf, 0, null, null, null, null, null, summary, Summary.HALF0_INFO);
  crossCurves(bp, bq, bo, nb, sp, sq, so, ns, bHalf, sHalf, 1, null, null, null, null, null, summary, Summary.HALF1_INFO);
  const p0 = halfPrice(summary, Summary.HALF0_INFO);
  const p1 = halfPrice(summary, Summary.HALF1_INFO);
  bFill.fill(0, 0, nb);
  sFill.fill(0, 0, ns);
  bPrice.fill(0, 0, nb);
  sPrice.fill(0, 0, ns);
  tradeHalf(bp, bq, nb, sp, sq, ns, bHalf, sHalf, 0, p1, bFill, bPrice, sFill, sPrice);
  tradeHalf(bp, bq, nb, sp, sq, ns, bHalf, sHalf, 1, p0, bFill, bPrice, sFill, sPrice);
  summary[Summary.HALF0_PRICE] = p1;
  summary[Summary.HALF1_PRICE] = p0;
  outcomeSums(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, summary);
  return KernelStatus.OK;
}
