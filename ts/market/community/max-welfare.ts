/**
 * The efficient cross of a book, computed exactly: every unit with bid ≥ ask trades, highest bids against lowest
 * asks. Community pricing ignores order prices, but its ClearingResult still reports the book's maximum welfare and
 * maximum tradable volume so that mechanisms can be compared on the same book.
 * Method: per side, the distinct prices are sorted (native Float64Array sort) and each order's quantity is added to
 * its price level found by binary search; then the two aggregated curves are walked from the best levels. Units at
 * the same price are interchangeable, so aggregating by level gives the same welfare and volume as matching order by
 * order. O(n log n), no comparator callbacks.
 */
import type { Order } from '../order.js';

/** Maximum welfare (currency) and maximum tradable volume (kWh) of a book. */
export interface EfficientCross {
  /** Σ (bid − ask)·q over the efficient matching, currency. */
  maxWelfare: number;
  /** Total kWh of all units with bid ≥ ask. */
  maxTradableKwh: number;
}

interface Levels {
  price: Float64Array;
  qty: Float64Array;
}

function levels(price: Float64Array, qty: Float64Array): Levels {
  const sorted = price.slice().sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++) if (u === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i]!;
  const p = sorted.subarray(0, u);
  const q = new Float64Array(u);
  for (let i = 0; i < price.length; i++) {
    const x = price[i]!;
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    q[lo] += qty[i]!;
  }
  return { price: p, qty: q };
}

/** Computes the efficient cross of `orders` (prices currency/kWh, quantities kWh). */
export function efficientCross(orders: readonly Order[]): EfficientCross {
  let nb = 0;
  for (let i = 0; i < orders.length; i++) if (orders[i]!.side === 'buy') nb++;
  const bp = new Float64Array(nb);
  const bq = new Float64Array(nb);
  const sp = new Float64Array(orders.length - nb);
  const sq = new Float64Array(orders.length - nb);
  let b = 0;
  let s = 0;
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i]!;
    if (o.side === 'buy') {
      bp[b] = o.pricePerKwh;
      bq[b++] = o.quantityKwh;
    } else {
      sp[s] = o.pricePerKwh;
      sq[s++] = o.quantityKwh;
    }
  }
  const buys = levels(bp, bq);
  const sells = levels(sp, sq);
  let welfare = 0;
  let volume = 0;
  let i = buys.price.length - 1;
  let j = 0;
  let qb = i >= 0 ? buys.qty[i]! : 0;
  let qs = sells.price.length > 0 ? sells.qty[0]! : 0;
  while (i >= 0 && j < sells.price.length) {
    const bid = buys.price[i]!;
    const ask = sells.price[j]!;
    if (bid < ask) break;
    const q = qb < qs ? qb : qs;
    volume += q;
    welfare += (bid - ask) * q;
    qb -= q;
    qs -= q;
    if (qb <= 0) {
      i--;
      if (i >= 0) qb = buys.qty[i]!;
    }
    if (qs <= 0) {
      j++;
      if (j < sells.price.length) qs = sells.qty[j]!;
    }
  }
  return { maxWelfare: welfare, maxTradableKwh: volume };
}
