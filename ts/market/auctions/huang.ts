/**
 * Huang, Scheller-Wolf & Sycara's multi-unit double auction (P. Huang, A. Scheller-Wolf, K. Sycara, "Design of a
 * multi-unit double auction e-market", Computational Intelligence 18(4):596-617, 2002), divisible quantities.
 *
 * Rule. Cross the book efficiently (efficient-cross.ts); the marginal (price-setting) buy order K (bid b_K) and
 * sell order L (ask a_L) are excluded. Buy orders at sorted positions 0..K−1 (total Qb) and sell orders 0..L−1
 * (total Qs) trade; buyers pay b_K and sellers receive a_L (the market keeps (b_K − a_L)·V ≥ 0: weakly
 * budget-balanced). The short side trades its full quantities, V = min(Qb, Qs). The long side (m orders) gives up
 * the gap G = |Qb − Qs| in equal shares: each order reduces by s = G/m; an order whose quantity is below its share
 * is dropped (trades 0) and the remaining orders re-share what is left, until every remaining order's quantity is
 * ≥ the share. Equivalently s solves Σ min(q_i, s) = G, found exactly by scanning the long side's quantities in
 * ascending order (radix sort); a quantity equal to s stays in and trades 0.
 * Individual rationality: traded bids ≥ b_K, traded asks ≤ a_L.
 * Truthfulness: Huang et al. prove it for traders with one valuation per unit who cannot split orders; with
 * multi-kWh orders, splitting (a decoy becomes the excluded marginal order) and quantity inflation (a larger
 * quantity keeps more after the equal-share reduction) can pay, as for trade reduction
 * (test/market/auctions/truthfulness.test.ts).
 *
 * Tie-breaking: equal bids (asks) by column order (stable sort; a seeded random priority per interval from
 * clearMarket, ts/market/tie-break-priority.ts), which decides which equally priced order is the
 * excluded marginal one. Divisibility: `divisible: false` is rejected by validation (the equal-share reduction
 * fills the long side partly).
 *
 * Twin of assembly/market/huang.ts (same name, arguments and statuses; typed arrays for pointers).
 */
import { KernelStatus } from '../../status.js';
import { Summary } from './summary-slots.js';
import { DUST, efficientBaseline, resetSummary, settleFilled } from './efficient-cross.js';
import { sortAscendingF64 } from './radix-sort.js';
import { fillPrefix, sumPrefix } from './trade-reduction.js';

/** Reduces the m long-side orders at sorted positions [0, m) by `gap` kWh in equal shares with drop-outs. */
function shareGap(
  q: Float64Array, ord: Int32Array, m: number, gap: number, fill: Float64Array,
  keys: Float64Array, perm: Int32Array, work: Float64Array,
): void {
  for (let t = 0; t < m; t++) keys[t] = q[ord[t]];
  sortAscendingF64(keys, m, perm, work);
  let s = Infinity;
  let dropped = 0;
  for (let t = 0; t < m; t++) {
    const share = (gap - dropped) / (m - t);
    const qt = keys[perm[t]];
    if (qt >= share) {
      s = share;
      break;
    }
    dropped += qt;
  }
  for (let t = 0; t < m; t++) {
    const o = ord[t];
    const qo = q[o];
    // A quantity within rounding of the share trades nothing rather than a dust fill.
    fill[o] = qo - s > DUST * qo ? qo - s : 0;
  }
}

/** Clears Huang et al.'s double auction. keys/perm/work: scratch for max(nb, ns) orders. */
export function clearHuang(
  bp: Float64Array, bq: Float64Array, bo: Int32Array, nb: number,
  sp: Float64Array, sq: Float64Array, so: Int32Array, ns: number,
  keys: Float64Array, perm: Int32Array, work: Float64Array,
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
  bFill.fill(0, 0, nb);
  sFill.fill(0, 0, ns);
  if (summary[at] > 0) {
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
      summary[Summary.BUYER_PRICE] = bLast;
      summary[Summary.SELLER_PRICE] = aLast;
    }
  }
  settleFilled(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, bLast, aLast, summary);
  return KernelStatus.OK;
}
