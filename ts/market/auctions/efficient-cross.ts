/**
 * The efficient crossing of the demand and supply step curves, shared by every auction mechanism, and the
 * outcome sums. TS twin of assembly/market/efficient-cross.ts: same functions, same arithmetic in the same order,
 * so both engines give bit-identical results.
 *
 * Rule: buy orders sorted by bid descending, sell orders by ask ascending, ties by column order (stable radix sort;
 * clearMarket lowers the book in a seeded random priority, ts/market/tie-break-priority.ts);
 * the highest remaining bid is matched with the lowest remaining ask for min(remaining quantities) while
 * bid ≥ ask. The matched volume is the maximal efficient quantity (every unit with bid ≥ ask trades) and its
 * welfare Σ bid·q − Σ ask·q is the maximum any allocation of the book can reach (the greedy merge of two sorted
 * step curves is exact for this transportation problem with one good; no LP is needed).
 */
import { Summary } from './summary-slots.js';

/**
 * Remainders at or below this fraction of an order's quantity count as used up: repeated subtraction leaves
 * rounding dust (about 1e-14 kWh) that would otherwise trade as a dust pair and could even become the marginal
 * pair that sets the price. The order's fill is then exactly its quantity.
 */
export const DUST = 1e-9;

/** Next sorted position >= i whose order is in `half` (every position when half < 0). */
function skip(ord: Int32Array, n: number, halves: Int32Array | null, half: number, i: number): number {
  if (half >= 0 && halves) while (i < n && halves[ord[i]] !== half) i++;
  return i;
}

/**
 * Matches highest bids with lowest asks while bid >= ask, restricted to orders whose half equals `half` (all when
 * half < 0). Writes per-order quantities into bFill/sFill when given (zeroed by the caller; a fully used order gets
 * exactly its quantity), pairs into pairB/pairS/pairQ when given, and the 7-slot info block at info[infoAt..].
 * Returns the number of pairs.
 */
export function crossCurves(
  bp: Float64Array, bq: Float64Array, bo: Int32Array, nb: number,
  sp: Float64Array, sq: Float64Array, so: Int32Array, ns: number,
  bHalf: Int32Array | null, sHalf: Int32Array | null, half: number,
  bFill: Float64Array | null, sFill: Float64Array | null,
  pairB: Int32Array | null, pairS: Int32Array | null, pairQ: Float64Array | null,
  info: Float64Array, infoAt: number,
): number {
  let i = skip(bo, nb, bHalf, half, 0);
  let j = skip(so, ns, sHalf, half, 0);
  let rb = i < nb ? bq[bo[i]] : 0;
  let rs = j < ns ? sq[so[j]] : 0;
  let volume = 0;
  let np = 0;
  let lastB = -1;
  let lastS = -1;
  let bLast = Infinity;
  let aLast = -Infinity;
  while (i < nb && j < ns) {
    const bi = bo[i];
    const sj = so[j];
    const b = bp[bi];
    const a = sp[sj];
    if (b < a) break;
    const q = rb < rs ? rb : rs;
    volume += q;
    if (pairB && pairS && pairQ) {
      pairB[np] = bi;
      pairS[np] = sj;
      pairQ[np] = q;
    }
    np++;
    lastB = i;
    lastS = j;
    bLast = b;
    aLast = a;
    rb -= q;
    rs -= q;
    if (rb <= DUST * bq[bi]) {
      if (bFill) bFill[bi] = bq[bi];
      i = skip(bo, nb, bHalf, half, i + 1);
      rb = i < nb ? bq[bo[i]] : 0;
    }
    if (rs <= DUST * sq[sj]) {
      if (sFill) sFill[sj] = sq[sj];
      j = skip(so, ns, sHalf, half, j + 1);
      rs = j < ns ? sq[so[j]] : 0;
    }
  }
  // The order the loop stopped in may be partly used: its fill is its quantity minus what remains.
  if (i < nb && bFill) bFill[bo[i]] = bq[bo[i]] - rb;
  if (j < ns && sFill) sFill[so[j]] = sq[so[j]] - rs;
  info[infoAt] = volume;
  info[infoAt + 1] = lastB;
  info[infoAt + 2] = lastS;
  info[infoAt + 3] = bLast;
  info[infoAt + 4] = aLast;
  info[infoAt + 5] = i < nb ? bp[bo[i]] : -Infinity;
  info[infoAt + 6] = j < ns ? sp[so[j]] : Infinity;
  return np;
}

/** Lower end of the interval of market-clearing prices from an info block: max(aLast, bNext). */
export function intervalLo(info: Float64Array, at: number): number {
  return Math.max(info[at + 4], info[at + 5]);
}

/** Upper end of the interval of market-clearing prices from an info block: min(bLast, aNext). */
export function intervalHi(info: Float64Array, at: number): number {
  return Math.min(info[at + 3], info[at + 6]);
}

/**
 * Runs the efficient crossing on all orders into bFill/sFill (zeroed here), records maxWelfare and maxTradable as
 * book-order sums (the same sums outcomeSums makes, so an efficient mechanism reaches exactly 100 %), and leaves
 * the info block at Summary.INFO. Returns the number of pairs.
 */
export function efficientBaseline(
  bp: Float64Array, bq: Float64Array, bo: Int32Array, nb: number,
  sp: Float64Array, sq: Float64Array, so: Int32Array, ns: number,
  bFill: Float64Array, sFill: Float64Array,
  pairB: Int32Array | null, pairS: Int32Array | null, pairQ: Float64Array | null, summary: Float64Array,
): number {
  bFill.fill(0, 0, nb);
  sFill.fill(0, 0, ns);
  const np = crossCurves(bp, bq, bo, nb, sp, sq, so, ns, null, null, -1, bFill, sFill, pairB, pairS, pairQ,
    summary, Summary.INFO);
  let vol = 0;
  let wb = 0;
  let ws = 0;
  for (let i = 0; i < nb; i++) {
    const f = bFill[i];
    if (f > 0) {
      vol += f;
      wb += bp[i] * f;
    }
  }
  for (let j = 0; j < ns; j++) {
    const f = sFill[j];
    if (f > 0) ws += sp[j] * f;
  }
  summary[Summary.MAX_WELFARE] = wb - ws;
  summary[Summary.MAX_TRADABLE] = vol;
  return np;
}

/** Writes traded volume, welfare at the orders' prices and market surplus (payments − receipts) from the fills. */
export function outcomeSums(
  bp: Float64Array, nb: number, sp: Float64Array, ns: number,
  bFill: Float64Array, bPrice: Float64Array, sFill: Float64Array, sPrice: Float64Array, summary: Float64Array,
): void {
  let vol = 0;
  let wb = 0;
  let ws = 0;
  let pay = 0;
  let rec = 0;
  for (let i = 0; i < nb; i++) {
    const f = bFill[i];
    if (f > 0) {
      vol += f;
      wb += bp[i] * f;
      pay += bPrice[i] * f;
    }
  }
  for (let j = 0; j < ns; j++) {
    const f = sFill[j];
    if (f > 0) {
      ws += sp[j] * f;
      rec += sPrice[j] * f;
    }
  }
  summary[Summary.TRADED] = vol;
  summary[Summary.WELFARE] = wb - ws;
  summary[Summary.SURPLUS] = pay - rec;
}

/** Clears the summary, marking every price slot as absent (NaN). */
export function resetSummary(summary: Float64Array): void {
  summary.fill(0, 0, Summary.LENGTH);
  summary[Summary.PRICE] = NaN;
  summary[Summary.LO] = NaN;
  summary[Summary.HI] = NaN;
  summary[Summary.BUYER_PRICE] = NaN;
  summary[Summary.SELLER_PRICE] = NaN;
  summary[Summary.HALF0_PRICE] = NaN;
  summary[Summary.HALF1_PRICE] = NaN;
}

/** Sets the price of every filled order to p and of every other order to 0. */
export function priceFilled(fill: Float64Array, price: Float64Array, n: number, p: number): void {
  for (let i = 0; i < n; i++) price[i] = fill[i] > 0 ? p : 0;
}

/**
 * Prices the filled buy orders at buyerPrice and the filled sell orders at sellerPrice (currency per kWh; unfilled
 * orders 0), then writes the outcome sums: the common ending of the single-price and excluded-marginal mechanisms.
 */
export function settleFilled(
  bp: Float64Array, nb: number, sp: Float64Array, ns: number,
  bFill: Float64Array, bPrice: Float64Array, sFill: Float64Array, sPrice: Float64Array,
  buyerPrice: number, sellerPrice: number, summary: Float64Array,
): void {
  priceFilled(bFill, bPrice, nb, buyerPrice);
  priceFilled(sFill, sPrice, ns, sellerPrice);
  outcomeSums(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, summary);
}
