/**
 * The efficient cross of a book, computed exactly: every unit with bid ≥ ask trades, highest bids against lowest
 * asks. Community pricing ignores order prices, but its ClearingResult still reports the book's maximum welfare and
 * maximum tradable volume so that mechanisms can be compared on the same book. O(n log n) (two index sorts).
 */
import type { Order } from '../order.js';

/** Maximum welfare (currency) and maximum tradable volume (kWh) of a book. */
export interface EfficientCross {
  /** Σ (bid − ask)·q over the efficient matching, currency. */
  maxWelfare: number;
  /** Total kWh of all units with bid ≥ ask. */
  maxTradableKwh: number;
}

/** Computes the efficient cross of `orders` (prices currency/kWh, quantities kWh). */
export function efficientCross(orders: readonly Order[]): EfficientCross {
  const buys: number[] = [];
  const sells: number[] = [];
  for (let i = 0; i < orders.length; i++) (orders[i]!.side === 'buy' ? buys : sells).push(i);
  const bi = Uint32Array.from(buys).sort((a, b) => orders[b]!.pricePerKwh - orders[a]!.pricePerKwh);
  const si = Uint32Array.from(sells).sort((a, b) => orders[a]!.pricePerKwh - orders[b]!.pricePerKwh);
  let welfare = 0;
  let volume = 0;
  let b = 0;
  let s = 0;
  let bq = bi.length ? orders[bi[0]!]!.quantityKwh : 0;
  let sq = si.length ? orders[si[0]!]!.quantityKwh : 0;
  while (b < bi.length && s < si.length) {
    const bid = orders[bi[b]!]!.pricePerKwh;
    const ask = orders[si[s]!]!.pricePerKwh;
    if (bid < ask) break;
    const q = bq < sq ? bq : sq;
    volume += q;
    welfare += (bid - ask) * q;
    bq -= q;
    sq -= q;
    if (bq <= 0) {
      b++;
      if (b < bi.length) bq = orders[bi[b]!]!.quantityKwh;
    }
    if (sq <= 0) {
      s++;
      if (s < si.length) sq = orders[si[s]!]!.quantityKwh;
    }
  }
  return { maxWelfare: welfare, maxTradableKwh: volume };
}
