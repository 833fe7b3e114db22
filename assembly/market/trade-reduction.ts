// McAfee (1992) trade reduction, order-level, long side rationed pro rata. Exact rule, tie-breaking and
// reference: ts/market/auctions/trade-reduction.ts (the TS twin, same name and arguments).
import { OK, INVALID_INPUT } from '../status';
import { ldf, stf, ldi } from './memory-access';
import {
  efficientBaseline, resetSummary, settleFilled, zeroF64,
  S_INFO, S_PRICE, S_BUYER_PRICE, S_SELLER_PRICE,
} from './efficient-cross';

/** Scales the fills of the orders at sorted positions [0, end) to quantity * ratio. */
export function fillPrefix(q: usize, ord: usize, end: i32, ratio: f64, fill: usize): void {
  for (let t = 0; t < end; t++) { const o = ldi(ord, t); stf(fill, o, ratio == 1 ? ldf(q, o) : ldf(q, o) * ratio); }
}

/** Sum of the quantities of the orders at sorted positions [0, end), in sorted order. */
export function sumPrefix(q: usize, ord: usize, end: i32): f64 {
  let s = 0.0;
  for (let t = 0; t < end; t++) s += ldf(q, ldi(ord, t));
  return s;
}

/** McAfee's trade reduction; see the TS twin for the rule. */
export function clearTradeReduction(
  bp: usize, bq: usize, bo: usize, nb: i32, sp: usize, sq: usize, so: usize, ns: i32,
  outsideBid: f64, outsideAsk: f64,
  bFill: usize, bPrice: usize, sFill: usize, sPrice: usize, summary: usize,
): i32 {
  if (nb < 0 || ns < 0) return INVALID_INPUT;
  resetSummary(summary);
  efficientBaseline(bp, bq, bo, nb, sp, sq, so, ns, bFill, sFill, 0, 0, 0, summary);
  const info = summary + (<usize>S_INFO << 3);
  const kb = <i32>ldf(info, 1);
  const ks = <i32>ldf(info, 2);
  const bLast = ldf(info, 3);
  const aLast = ldf(info, 4);
  // The first excluded bid and ask; the retailer's fictitious outside bid/ask (NaN: none) where the book has none.
  const bNext = kb + 1 < nb ? ldf(bp, ldi(bo, kb + 1)) : outsideBid;
  const aNext = ks + 1 < ns ? ldf(sp, ldi(so, ks + 1)) : outsideAsk;
  if (ldf(info, 0) > 0 && !isNaN(bNext) && !isNaN(aNext)) {
    // McAfee's first case: the midpoint of the first excluded pair supports every efficient trade.
    const p0 = (bNext + aNext) / 2;
    if (aLast <= p0 && p0 <= bLast) {
      stf(summary, S_PRICE, p0);
      stf(summary, S_BUYER_PRICE, p0);
      stf(summary, S_SELLER_PRICE, p0);
      settleFilled(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, p0, p0, summary);
      return OK;
    }
  }
  zeroF64(bFill, nb);
  zeroF64(sFill, ns);
  if (ldf(info, 0) > 0) {
    const qb = sumPrefix(bq, bo, kb);
    const qs = sumPrefix(sq, so, ks);
    const v = min(qb, qs);
    if (v > 0) {
      fillPrefix(bq, bo, kb, qb > v ? v / qb : 1, bFill);
      fillPrefix(sq, so, ks, qs > v ? v / qs : 1, sFill);
      stf(summary, S_BUYER_PRICE, bLast);
      stf(summary, S_SELLER_PRICE, aLast);
    }
  }
  settleFilled(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, bLast, aLast, summary);
  return OK;
}
