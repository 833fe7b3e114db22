/**
 * McAfee's trade-reduction double auction (R. P. McAfee, "A dominant strategy double auction", J. Econ. Theory
 * 56(2):434-450, 1992), generalised to divisible multi-kWh orders at the order level.
 *
 * Rule. Cross the book efficiently (efficient-cross.ts); let K and L be the sorted positions of the marginal
 * (last matched) buy and sell orders, with bid b_K and ask a_L.
 *   1. p0 = (b_{K+1} + a_{L+1})/2; if a_L ≤ p0 ≤ b_K, every efficient trade happens at the single price p0
 *      (McAfee's first case; no reduction, budget-balanced). Where the book has no order K+1 (L+1), McAfee's
 *      fictitious outside bid (ask) takes its place: the retailer's, i.e. the sellers' floor (feed-in + seller
 *      charges) as the outside bid and the buyers' ceiling (retail − buyer charges) as the outside ask
 *      (`outsideBid`/`outsideAsk`, NaN without a tariff on that side: then there is no p0 and case 2 applies).
 *   2. Otherwise the marginal buy order K and sell order L are excluded. Buy orders 0..K−1 (total Qb) and sell
 *      orders 0..L−1 (total Qs) trade V = min(Qb, Qs) kWh; buyers pay b_K, sellers receive a_L; the market keeps
 *      (b_K − a_L)·V ≥ 0 (weakly budget-balanced). The long side is rationed pro rata (each order gets q·V/Q_long),
 *      which does not depend on any reported price.
 * Individual rationality: traded bids ≥ b_K ≥ paid price, traded asks ≤ a_L ≤ received price.
 * Truthfulness: McAfee proves dominant-strategy truthfulness for unit-demand traders (one order of one unit
 * each). With multi-kWh orders it is NOT truthful: splitting an order (so that a small piece becomes the excluded
 * marginal order) or inflating a quantity can pay; test/market/auctions/truthfulness.test.ts shows an example.
 *
 * Tie-breaking: equal bids (asks) are ordered by column order (stable sort; a seeded random priority per interval
 * from clearMarket, ts/market/tie-break-priority.ts), which decides which of several equally
 * priced orders is "marginal" and excluded. Divisibility: `divisible: false` is rejected by validation (the pro
 * rata rationing fills the long side partly).
 *
 * Twin of assembly/market/trade-reduction.ts (same name, arguments and statuses; typed arrays for pointers).
 */
import { KernelStatus } from '../../status.js';
import { Summary } from './summary-slots.js';
import { efficientBaseline, resetSummary, settleFilled } from './efficient-cross.js';

/** Sets the fills of the orders at sorted positions [0, end) to quantity · ratio. */
export function fillPrefix(q: Float64Array, ord: Int32Array, end: number, ratio: number, fill: Float64Array): void {
  for (let t = 0; t < end; t++) {
    const o = ord[t];
    fill[o] = ratio === 1 ? q[o] : q[o] * ratio;
  }
}

/** Sum of the quantities of the orders at sorted positions [0, end), summed in sorted order, kWh. */
export function sumPrefix(q: Float64Array, ord: Int32Array, end: number): number {
  let s = 0;
  for (let t = 0; t < end; t++) s += q[ord[t]];
  return s;
}

/** Clears McAfee's trade-reduction double auction. */
export function clearTradeReduction(
  bp: Float64Array, bq: Float64Array, bo: Int32Array, nb: number,
  sp: Float64Array, sq: Float64Array, so: Int32Array, ns: number,
  outsideBid: number, outsideAsk: number,
  bFill: Float64Array, bPrice: Float64Array, sFill: Float64Array, sPrice: Float64Array, summary: Float64Array,
): number {
  if (nb < 0 || ns < 0) return KernelStatus.INVALID_INPUT;
  resetSummary(summary);
  efficientBaseline(bp, bq, bo, nb, sp, sq, so, ns, bFill, sFill, null, null, null, summary);
  const at = Summary.INFO;
  const kb = summary[at + 1];
  const ks = summary[at + 2];
  const bLast = summary[at + 3];
  const aLast = summary[at + 4];
  // The first excluded bid and ask; the retailer's fictitious outside bid/ask (NaN: none) where the book has none.
  const bNext = kb + 1 < nb ? bp[bo[kb + 1]] : outsideBid;
  const aNext = ks + 1 < ns ? sp[so[ks + 1]] : outsideAsk;
  if (summary[at] > 0 && !Number.isNaN(bNext) && !Number.isNaN(aNext)) {
    const p0 = (bNext + aNext) / 2;
    if (aLast <= p0 && p0 <= bLast) {
      summary[Summary.PRICE] = p0;
      summary[Summary.BUYER_PRICE] = p0;
      summary[Summary.SELLER_PRICE] = p0;
      settleFilled(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, p0, p0, summary);
      return KernelStatus.OK;
    }
  }
  bFill.fill(0, 0, nb);
  sFill.fill(0, 0, ns);
  if (summary[at] > 0) {
    const qb = sumPrefix(bq, bo, kb);
    const qs = sumPrefix(sq, so, ks);
    const v = Math.min(qb, qs);
    if (v > 0) {
      fillPrefix(bq, bo, kb, qb > v ? v / qb : 1, bFill);
      fillPrefix(sq, so, ks, qs > v ? v / qs : 1, sFill);
      summary[Summary.BUYER_PRICE] = bLast;
      summary[Summary.SELLER_PRICE] = aLast;
    }
  }
  settleFilled(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, bLast, aLast, summary);
  return KernelStatus.OK;
}
