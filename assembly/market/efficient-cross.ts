// The efficient crossing of the demand and supply step curves, shared by every auction kernel, and the outcome
// sums. Twin: ts/market/auctions/efficient-cross.ts. Summary slots: ts/market/auctions/summary-slots.ts.
import { ldf, stf, ldi, sti } from './memory-access';

// Summary slots (f64 indices) written by the auction kernels.
/** Traded volume, kWh. */
export const S_TRADED: i32 = 0;
/** Welfare at the orders' prices, currency. */
export const S_WELFARE: i32 = 1;
/** Payments − receipts, currency. */
export const S_SURPLUS: i32 = 2;
/** Welfare of the efficient allocation, currency. */
export const S_MAX_WELFARE: i32 = 3;
/** Volume of the efficient allocation, kWh. */
export const S_MAX_TRADABLE: i32 = 4;
/** Single clearing price, currency/kWh (NaN: none). */
export const S_PRICE: i32 = 5;
/** Lower end of the clearing-price interval, currency/kWh. */
export const S_LO: i32 = 6;
/** Upper end of the clearing-price interval, currency/kWh. */
export const S_HI: i32 = 7;
/** Number of pairs written. */
export const S_PAIRS: i32 = 8;
/** Price all trading buyers pay, currency/kWh. */
export const S_BUYER_PRICE: i32 = 9;
/** Price all trading sellers receive, currency/kWh. */
export const S_SELLER_PRICE: i32 = 10;
/** MUDA: price paid in half 0, currency/kWh. */
export const S_HALF0_PRICE: i32 = 11;
/** MUDA: price paid in half 1, currency/kWh. */
export const S_HALF1_PRICE: i32 = 12;
/** Crossing info blocks: +0 volume, +1 last buy position, +2 last sell position, +3 bLast, +4 aLast, +5 bNext, +6 aNext. */
export const S_INFO: i32 = 16;
/** MUDA: crossing info block of half 0. */
export const S_HALF0_INFO: i32 = 24;
/** MUDA: crossing info block of half 1. */
export const S_HALF1_INFO: i32 = 32;
/** Length of the summary array, f64 values. */
export const SUMMARY_LEN: i32 = 40;

/**
 * Remainders at or below this fraction of an order's quantity count as used up: repeated subtraction leaves
 * rounding dust (about 1e-14 kWh) that would otherwise trade as a dust pair and could even become the marginal
 * pair that sets the price. The order's fill is then exactly its quantity.
 */
export const DUST: f64 = 1e-9;

/** Next sorted position >= i whose order is in `half` (every position when half < 0). */
@inline function skip(ord: usize, n: i32, halves: usize, half: i32, i: i32): i32 {
  if (half >= 0) while (i < n && ldi(halves, ldi(ord, i)) != half) i++;
  return i;
}

/**
 * Matches highest bids with lowest asks while bid >= ask (the maximal efficient quantity), restricted to orders
 * whose half equals `half` (all when half < 0). Writes per-order quantities into bFill/sFill when non-zero (they
 * must be zeroed; a fully used order gets exactly its quantity), pairs into pairB/pairS/pairQ when pairB is
 * non-zero, and the info block at `info`. Returns the number of pairs.
 */
export function crossCurves(
  bp: usize, bq: usize, bo: usize, nb: i32, sp: usize, sq: usize, so: usize, ns: i32,
  bHalf: usize, sHalf: usize, half: i32, bFill: usize, sFill: usize,
  pairB: usize, pairS: usize, pairQ: usize, info: usize,
): i32 {
  let i = skip(bo, nb, bHalf, half, 0);
  let j = skip(so, ns, sHalf, half, 0);
  let rb = i < nb ? ldf(bq, ldi(bo, i)) : 0.0;
  let rs = j < ns ? ldf(sq, ldi(so, j)) : 0.0;
  let volume = 0.0;
  let np = 0;
  let lastB = -1, lastS = -1;
  let bLast = Infinity, aLast = -Infinity;
  while (i < nb && j < ns) {
    const bi = ldi(bo, i);
    const sj = ldi(so, j);
    const b = ldf(bp, bi);
    const a = ldf(sp, sj);
    if (b < a) break;
    const q = rb < rs ? rb : rs;
    volume += q;
    if (pairB != 0) { sti(pairB, np, bi); sti(pairS, np, sj); stf(pairQ, np, q); }
    np++;
    lastB = i; lastS = j; bLast = b; aLast = a;
    rb -= q;
    rs -= q;
    if (rb <= DUST * ldf(bq, bi)) {
      if (bFill != 0) stf(bFill, bi, ldf(bq, bi));
      i = skip(bo, nb, bHalf, half, i + 1);
      rb = i < nb ? ldf(bq, ldi(bo, i)) : 0.0;
    }
    if (rs <= DUST * ldf(sq, sj)) {
      if (sFill != 0) stf(sFill, sj, ldf(sq, sj));
      j = skip(so, ns, sHalf, half, j + 1);
      rs = j < ns ? ldf(sq, ldi(so, j)) : 0.0;
    }
  }
  // The order the loop stopped in may be partly used: its fill is its quantity minus what remains.
  if (i < nb && bFill != 0) { const bi = ldi(bo, i); stf(bFill, bi, ldf(bq, bi) - rb); }
  if (j < ns && sFill != 0) { const sj = ldi(so, j); stf(sFill, sj, ldf(sq, sj) - rs); }
  stf(info, 0, volume);
  stf(info, 1, <f64>lastB);
  stf(info, 2, <f64>lastS);
  stf(info, 3, bLast);
  stf(info, 4, aLast);
  stf(info, 5, i < nb ? ldf(bp, ldi(bo, i)) : -Infinity);
  stf(info, 6, j < ns ? ldf(sp, ldi(so, j)) : Infinity);
  return np;
}

/** Lower end of the interval of market-clearing prices from an info block: max(aLast, bNext). */
@inline export function intervalLo(info: usize): f64 { return max(ldf(info, 4), ldf(info, 5)); }
/** Upper end of the interval of market-clearing prices from an info block: min(bLast, aNext). */
@inline export function intervalHi(info: usize): f64 { return min(ldf(info, 3), ldf(info, 6)); }

/** Sets n f64 values at p to zero. */
export function zeroF64(p: usize, n: i32): void { memory.fill(p, 0, <usize>n << 3); }

/**
 * Runs the efficient crossing on all orders into bFill/sFill (zeroed here), records maxWelfare and maxTradable
 * as book-order sums (the same sums outcomeSums makes, so an efficient mechanism reaches exactly 100 %), and
 * leaves the info block at S_INFO. Returns the number of pairs.
 */
export function efficientBaseline(
  bp: usize, bq: usize, bo: usize, nb: i32, sp: usize, sq: usize, so: usize, ns: i32,
  bFill: usize, sFill: usize, pairB: usize, pairS: usize, pairQ: usize, summary: usize,
): i32 {
  zeroF64(bFill, nb);
  zeroF64(sFill, ns);
  const np = crossCurves(bp, bq, bo, nb, sp, sq, so, ns, 0, 0, -1, bFill, sFill, pairB, pairS, pairQ,
    summary + (<usize>S_INFO << 3));
  let vol = 0.0, wb = 0.0, ws = 0.0;
  for (let i = 0; i < nb; i++) { const f = ldf(bFill, i); if (f > 0) { vol += f; wb += ldf(bp, i) * f; } }
  for (let j = 0; j < ns; j++) { const f = ldf(sFill, j); if (f > 0) ws += ldf(sp, j) * f; }
  stf(summary, S_MAX_WELFARE, wb - ws);
  stf(summary, S_MAX_TRADABLE, vol);
  return np;
}

/** Writes traded volume, welfare at the orders' prices and market surplus (payments − receipts) from the fills. */
export function outcomeSums(
  bp: usize, nb: i32, sp: usize, ns: i32, bFill: usize, bPrice: usize, sFill: usize, sPrice: usize, summary: usize,
): void {
  let vol = 0.0, wb = 0.0, ws = 0.0, pay = 0.0, rec = 0.0;
  for (let i = 0; i < nb; i++) {
    const f = ldf(bFill, i);
    if (f > 0) { vol += f; wb += ldf(bp, i) * f; pay += ldf(bPrice, i) * f; }
  }
  for (let j = 0; j < ns; j++) {
    const f = ldf(sFill, j);
    if (f > 0) { ws += ldf(sp, j) * f; rec += ldf(sPrice, j) * f; }
  }
  stf(summary, S_TRADED, vol);
  stf(summary, S_WELFARE, wb - ws);
  stf(summary, S_SURPLUS, pay - rec);
}

/** Clears the summary, marking every price slot as absent (NaN). */
export function resetSummary(summary: usize): void {
  for (let k = 0; k < SUMMARY_LEN; k++) stf(summary, k, 0);
  stf(summary, S_PRICE, NaN);
  stf(summary, S_LO, NaN);
  stf(summary, S_HI, NaN);
  stf(summary, S_BUYER_PRICE, NaN);
  stf(summary, S_SELLER_PRICE, NaN);
  stf(summary, S_HALF0_PRICE, NaN);
  stf(summary, S_HALF1_PRICE, NaN);
}

/** Sets the price of every filled order to p and of every other order to 0. */
export function priceFilled(fill: usize, price: usize, n: i32, p: f64): void {
  for (let i = 0; i < n; i++) stf(price, i, ldf(fill, i) > 0 ? p : 0);
}

/** Prices filled buy orders at buyerPrice and filled sell orders at sellerPrice, then the outcome sums (TS twin in ts/market/auctions/efficient-cross.ts). */
export function settleFilled(
  bp: usize, nb: i32, sp: usize, ns: i32, bFill: usize, bPrice: usize, sFill: usize, sPrice: usize,
  buyerPrice: f64, sellerPrice: f64, summary: usize,
): void {
  priceFilled(bFill, bPrice, nb, buyerPrice);
  priceFilled(sFill, sPrice, ns, sellerPrice);
  outcomeSums(bp, nb, sp, ns, bFill, bPrice, sFill, sPrice, summary);
}
