/**
 * Discriminatory (pairwise) double auction: pay-as-bid, pay-as-offer and pair-midpoint matching.
 *
 * Rule. The highest bids are matched with the lowest asks exactly as in the uniform auction's efficient crossing
 * (efficient-cross.ts): the same maximal efficient volume, but each matched pair (bid b, ask a, q kWh) trades at
 * its own price: rule 0 'pay-as-bid' p = b, rule 1 'pay-as-offer' p = a, rule 2 'midpoint' p = (a + b)/2 (the
 * split-the-difference rule of bilateral matching; see e.g. Tushar et al., IEEE Signal Process. Mag. 2018 and
 * Khorasany, Mishra & Ledwich 2018 for its use in P2P energy markets). The buyer pays and the seller receives the
 * same pair price, so the market is budget-balanced. An order matched in several pairs reports the
 * quantity-weighted mean of its pair prices (the exact pair prices are in `trades`), clamped to its own limit to
 * absorb rounding, so nobody pays above their bid or receives below their ask.
 *
 * Tie-breaking: equal bids (asks) are served in column order (stable sort), which clearMarket draws as a seeded
 * random priority per interval (ts/market/tie-break-priority.ts); pairs are listed in matching order.
 * Divisibility: divisible kWh; `divisible: false` is rejected by validation.
 *
 * Twin of assembly/market/discriminatory.ts (same name, arguments and statuses; typed arrays for pointers).
 */
import { KernelStatus } from '../../status.js';
import { Summary } from './summary-slots.js';
import { efficientBaseline, outcomeSums, resetSummary } from './efficient-cross.js';

/** Pair-price rule codes of clearDiscriminatory. */
export const DiscriminatoryRule = { 'pay-as-bid': 0, 'pay-as-offer': 1, midpoint: 2 } as const;

/** Clears a discriminatory double auction; pair arrays need capacity nb + ns. */
export function clearDiscriminatory(
  bp: Float64Array, bq: Float64Array, bo: Int32Array, nb: number,
  sp: Float64Array, sq: Float64Array, so: Int32Array, ns: number, rule: number,
  bFill: Float64Array, bPrice: Float64Array, sFill: Float64Array, sPrice: Float64Array,
  pairB: Int32Array, pairS: Int32Array, pairQ: Float64Array, pairP: Float64Array, summary: Float64Array,
): number {
  if (nb < 0 || ns < 0 || rule < 0 || rule > 2) return KernelStatus.INVALID_INPUT;
  resetSummary(summary);
  const np = efficientBaseline(bp, bq, bo, nb, sp, sq, so, ns, bFill, sFill, pairB, pairS, pairQ, summary);
  bPrice.fill(0, 0, nb);
  sPrice.fill(0, 0, ns);
  for (let t = 0; t < np; t++) {
    const bi = pairB[t];
    const sj = pairS[t];
    const b = bp[bi];
    const a = sp[sj];
    const p = rule === 0 ? b : rule === 1 ? a : (b + a) / 2;
    const q = pairQ[t];
    pairP[t] = p;
    bPrice[bi] = bPrice[bi] + p * q;
    sPrice[sj] = sPrice[sj] + p * q;
  }
  for (let i = 0; i < nb; i++) {
    const f = bFill[i];
    bPrice[i] = f > 0 ? Math.min(bPrice[i] / f, bp[i]) : 0;
  }
  for (let j = 0; j < ns; j++) {
    const f = sFill[j];
    sPrice[j] = f > 0 ? Math.max(sPrice[j] / f, sp[j]) : 0;
  }
  summary[Summary.PAIRS] = np;
  outcomeSums(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, summary);
  return KernelStatus.OK;
}
