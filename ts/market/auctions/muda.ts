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
 * orders with ask ≤ p supply theirs, the short side trades fully and the long side is rationed by the paper's
 * random lottery: its orders are served in a seeded random order (the tie-break priority of the lowering,
 * ts/market/tie-break-priority.ts), each fully, the last one served partly, until the short side's volume is
 * used up. Unlike pro-rata rationing, the lottery does not reward overstating a quantity: a buyer's usable kWh
 * (min(fill, true need)) is the same whatever quantity above its need it reports, in every draw (pro rata gave a
 * buyer 1.33 kWh for a truthful 2 kWh and 1.71 kWh for a reported 4 kWh; test/market/auctions/muda.test.ts).
 * No price for the other half: half h does not trade.
 * Each half is budget-balanced (all its trades at one price). Individual rationality: bid ≥ p, ask ≤ p.
 * Truthfulness: the paper proves MUDA truthful for unit-demand traders (and for multi-unit traders with
 * diminishing marginal values under its own allocation rule); with divisible multi-kWh orders at one limit price
 * we do not claim more than the unit-demand result.
 *
 * Results: clearingPrices = [price paid in half 0, price paid in half 1]; clearingPrice is null.
 * Divisibility: `divisible: false` is rejected by validation (the lottery fills the last served order partly).
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
  // Lottery: the long side is served in column order (the seeded random priority of the lowering) until v runs out.
  let left = v;
  for (let i = 0; i < nb; i++) {
    if (bHalf[i] === h && bp[i] >= p && left > 0) {
      const q = bq[i];
      const f = d > v && left < q ? left : q;
      left -= f;
      bFill[i] = f;
      bPrice[i] = p;
    }
  }
  left = v;
  for (let j = 0; j < ns; j++) {
    if (sHalf[j] === h && sp[j] <= p && left > 0) {
      const q = sq[j];
      const f = s > v && left < q ? left : q;
      left -= f;
      sFill[j] = f;
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
