// Huang, Scheller-Wolf & Sycara (2002) multi-unit double auction, divisible quantities. Exact rule, tie-breaking
// and reference: ts/market/auctions/huang.ts (the TS twin, same name and arguments).
import { OK, INVALID_INPUT } from '../status';
import { ldf, stf, ldi } from './memory-access';
import { sortAscendingF64 } from './radix-sort';
import {
  efficientBaseline, resetSummary, settleFilled, zeroF64,
  S_INFO, S_BUYER_PRICE, S_SELLER_PRICE,
} from './efficient-cross';
import { fillPrefix, sumPrefix } from './trade-reduction';
import { DUST } from './efficient-cross';

/**
 * Reduces the long side by `gap` in total: each of the m orders at sorted positions [0, m) gives up an equal
 * share s, an order whose quantity is below s drops out entirely and the rest re-share. keys: f64[m] scratch,
 * perm: i32[m] scratch, work: sortWorkspaceBytes(m).
 */
function shareGap(q: usize, ord: usize, m: i32, gap: f64, fill: usize, keys: usize, perm: usize, work: usize): void {
  for (let t = 0; t < m; t++) stf(keys, t, ldf(q, ldi(ord, t)));
  sortAscendingF64(keys, m, perm, work);
  // Smallest quantities first: the first one at or above its running share fixes s (water-filling on Σ min(q, s) = gap).
  let s = Infinity;
  let dropped = 0.0;
  for (let t = 0; t < m; t++) {
    const share = (gap - dropped) / <f64>(m - t);
    const qt = ldf(keys, ldi(perm, t));
    if (qt >= share) { s = share; break; }
    dropped += qt;
  }
  for (let t = 0; t < m; t++) {
    const o = ldi(ord, t);
    const qo = ldf(q, o);
    // A quantity within rounding of the share trades nothing rather than a dust fill.
    stf(fill, o, qo - s > DUST * qo ? qo - s : 0);
  }
}

/** Huang et al.'s mechanism; see the TS twin for the rule. keys/perm/work: scratch for max(nb, ns) orders. */
export function clearHuang(
  bp: usize, bq: usize, bo: usize, nb: i32, sp: usize, sq: usize, so: usize, ns: i32,
  keys: usize, perm: usize, work: usize,
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
  zeroF64(bFill, nb);
  zeroF64(sFill, ns);
  if (ldf(info, 0) > 0) {
    const qb = sumPrefix(bq, bo, kb);
    const qs = sumPrefix(sq, so, ks);
    if (qb > 0 && qs > 0) {
      if (qb > qs) {
        shareGap(bq, bo, kb, qb - qs, bFill, keys, perm, work);
        fillPrefix(sq, so, ks, 1, sFill);
      } else if (qs > qb) {
        fillPrefix(bq, bo, kb, 1, bFill);
        shareGap(sq, so, ks, qs - qb, sFill, keys, perm, work);
      } else {
        fillPrefix(bq, bo, kb, 1, bFill);
        fillPrefix(sq, so, ks, 1, sFill);
      }
      stf(summary, S_BUYER_PRICE, bLast);
      stf(summary, S_SELLER_PRICE, aLast);
    }
  }
  settleFilled(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, bLast, aLast, summary);
  return OK;
}
