/**
 * Uniform-price double auction (the "call market" / clearing house of Friedman & Rust 1993, ch. 1; Wilson 1985).
 *
 * Rule. Volume = the maximal efficient quantity: buy orders sorted by bid descending and sell orders by ask
 * ascending are matched while bid ≥ ask (efficient-cross.ts), so every kWh with bid ≥ ask trades. Let bLast, aLast
 * be the bid and ask of the last matched (marginal) pair and bNext, aNext the bid of the first buy kWh and the ask
 * of the first sell kWh left unmatched (−∞/+∞ when none). Every price in [max(aLast, bNext), min(bLast, aNext)]
 * is market-clearing: all traded bids are ≥ it, all traded asks ≤ it, no untraded bid is above it and no untraded
 * ask below it. All trades settle at one price p in that interval [lo, hi], chosen by `priceRule`:
 *   0 'midpoint' (default): p = (lo + hi)/2;
 *   1 'k':        p = lo + k·(hi − lo), k ∈ [0, 1] (k-double auction pricing, Satterthwaite & Williams 1989, on the
 *                 clearing interval, so the price always lies inside the reported priceInterval);
 *   2 'buyer':    p = hi (k = 1);
 *   3 'seller':   p = lo (k = 0).
 * Since aLast ≤ lo ≤ hi ≤ bLast, nobody pays above their bid or receives below their ask, and the market is
 * budget-balanced (marketSurplus = 0 up to rounding).
 *
 * Tie-breaking and marginal rationing: among equal bids (asks) the order earlier in the columns has priority
 * (stable sort; clearMarket lowers the book in a seeded random priority drawn per interval,
 * ts/market/tie-break-priority.ts), so the marginal kWh go to the first such order at the marginal price; only the marginal order on each side
 * can be partly filled. No crossing (or an empty side): nothing trades, price and interval are absent.
 *
 * Divisibility: quantities are divisible kWh; `divisible: false` is rejected by validation (a partial fill of
 * the marginal order cannot be avoided without giving up the efficient volume).
 *
 * Twin of assembly/market/uniform-price.ts (same name, arguments and statuses; typed arrays for pointers).
 */
import { KernelStatus } from '../../status.js';
import { Summary } from './summary-slots.js';
import { efficientBaseline, intervalHi, intervalLo, resetSummary, settleFilled } from './efficient-cross.js';

/** Price rule codes of clearUniform. */
export const UniformPriceRule = { midpoint: 0, k: 1, buyer: 2, seller: 3 } as const;

/** Clears a uniform-price double auction; bo/so are the sorted permutations (bids descending, asks ascending). */
export function clearUniform(
  bp: Float64Array, bq: Float64Array, bo: Int32Array, nb: number,
  sp: Float64Array, sq: Float64Array, so: Int32Array, ns: number,
  priceRule: number, k: number,
  bFill: Float64Array, bPrice: Float64Array, sFill: Float64Array, sPrice: Float64Array, summary: Float64Array,
): number {
  if (nb < 0 || ns < 0 || priceRule < 0 || priceRule > 3) return KernelStatus.INVALID_INPUT;
  resetSummary(summary);
  efficientBaseline(bp, bq, bo, nb, sp, sq, so, ns, bFill, sFill, null, null, null, summary);
  const at = Summary.INFO;
  let p = NaN;
  if (summary[at] > 0) {
    const lo = intervalLo(summary, at);
    const hi = intervalHi(summary, at);
    if (priceRule === 0) p = (lo + hi) / 2;
    else if (priceRule === 1) p = Math.min(Math.max(lo + k * (hi - lo), lo), hi); // clamp: rounding at k = 0 or 1
    else if (priceRule === 2) p = hi;
    else p = lo;
    summary[Summary.LO] = lo;
    summary[Summary.HI] = hi;
    summary[Summary.PRICE] = p;
  }
  settleFilled(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, p, p, summary);
  return KernelStatus.OK;
}
