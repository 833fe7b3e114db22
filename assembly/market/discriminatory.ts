// Discriminatory (pairwise) matching: pay-as-bid, pay-as-offer, pair midpoint. Exact rule, tie-breaking and
// reference: ts/market/auctions/discriminatory.ts (the TS twin, same name and arguments).
import { OK, INVALID_INPUT } from '../status';
import { ldf, stf, ldi } from './memory-access';
import { efficientBaseline, outcomeSums, resetSummary, S_PAIRS } from './efficient-cross';

/**
 * Rules: 0 pay-as-bid (pair price = bid), 1 pay-as-offer (= ask), 2 midpoint ((bid + ask) / 2). Pairs go to
 * pairB/pairS/pairQ/pairP (capacity nb + ns); each order's price is the quantity-weighted mean over its pairs.
 */
export function clearDiscriminatory(
  bp: usize, bq: usize, bo: usize, nb: i32, sp: usize, sq: usize, so: usize, ns: i32, rule: i32,
  bFill: usize, bPrice: usize, sFill: usize, sPrice: usize,
  pairB: usize, pairS: usize, pairQ: usize, pairP: usize, summary: usize,
): i32 {
  if (nb < 0 || ns < 0 || rule < 0 || rule > 2) return INVALID_INPUT;
  resetSummary(summary);
  const np = efficientBaseline(bp, bq, bo, nb, sp, sq, so, ns, bFill, sFill, pairB, pairS, pairQ, summary);
  for (let i = 0; i < nb; i++) stf(bPrice, i, 0);
  for (let j = 0; j < ns; j++) stf(sPrice, j, 0);
  // Accumulate money per order in pair order.
  for (let t = 0; t < np; t++) {
    const bi = ldi(pairB, t);
    const sj = ldi(pairS, t);
    const b = ldf(bp, bi);
    const a = ldf(sp, sj);
    const p = rule == 0 ? b : rule == 1 ? a : (b + a) / 2;
    const q = ldf(pairQ, t);
    stf(pairP, t, p);
    stf(bPrice, bi, ldf(bPrice, bi) + p * q);
    stf(sPrice, sj, ldf(sPrice, sj) + p * q);
  }
  // Mean price = money / fill; the fill equals the pair sum up to rounding, so clamp to the order's own limit
  // (every pair price lies between ask and bid) to keep individual rationality exact.
  for (let i = 0; i < nb; i++) {
    const f = ldf(bFill, i);
    stf(bPrice, i, f > 0 ? min(ldf(bPrice, i) / f, ldf(bp, i)) : 0);
  }
  for (let j = 0; j < ns; j++) {
    const f = ldf(sFill, j);
    stf(sPrice, j, f > 0 ? max(ldf(sPrice, j) / f, ldf(sp, j)) : 0);
  }
  stf(summary, S_PAIRS, <f64>np);
  outcomeSums(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, summary);
  return OK;
}
