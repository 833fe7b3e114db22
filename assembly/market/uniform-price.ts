// Uniform-price double auction. Exact rule, tie-breaking and reference: ts/market/auctions/uniform-price.ts
// (the TS twin, same name and arguments).
import { OK, INVALID_INPUT } from '../status';
import { ldf, stf } from './memory-access';
import {
  efficientBaseline, resetSummary, settleFilled, intervalLo, intervalHi,
  S_INFO, S_PRICE, S_LO, S_HI,
} from './efficient-cross';

/** Price rules on the clearing-price interval [lo, hi]: 0 midpoint, 1 lo + k·(hi − lo), 2 hi (buyer side), 3 lo (seller side). */
export function clearUniform(
  bp: usize, bq: usize, bo: usize, nb: i32, sp: usize, sq: usize, so: usize, ns: i32,
  priceRule: i32, k: f64, bFill: usize, bPrice: usize, sFill: usize, sPrice: usize, summary: usize,
): i32 {
  if (nb < 0 || ns < 0 || priceRule < 0 || priceRule > 3) return INVALID_INPUT;
  resetSummary(summary);
  efficientBaseline(bp, bq, bo, nb, sp, sq, so, ns, bFill, sFill, 0, 0, 0, summary);
  const info = summary + (<usize>S_INFO << 3);
  let p = NaN;
  if (ldf(info, 0) > 0) {
    const lo = intervalLo(info);
    const hi = intervalHi(info);
    if (priceRule == 0) p = (lo + hi) / 2;
    else if (priceRule == 1) p = min(max(lo + k * (hi - lo), lo), hi); // clamp: rounding at k = 0 or 1
    else if (priceRule == 2) p = hi;
    else p = lo;
    stf(summary, S_LO, lo);
    stf(summary, S_HI, hi);
    stf(summary, S_PRICE, p);
  }
  settleFilled(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, p, p, summary);
  return OK;
}
