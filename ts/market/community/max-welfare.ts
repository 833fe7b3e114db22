/**
 * The efficient cross of a book, computed exactly: every unit with bid ≥ ask trades, highest bids against lowest
 * asks. Community pricing ignores order prices, but its ClearingResult still reports the book's maximum welfare (and
 * the price-crossing volume) so that mechanisms can be compared on the same book.
 * Method: per side, the orders are ranked by price with the stable f64 radix sort of the auctions
 * (../auctions/radix-sort.ts; sides under RADIX_MIN orders: native sort of the prices + binary search), equal prices
 * are merged into one level whose quantity is summed in book order (the sort is stable, so within a level the
 * indices ascend), then the two aggregated curves are walked from the best levels. Units at the same price are
 * interchangeable, so aggregating by level gives the same welfare and volume as matching order by order. Both
 * branches give bit-identical results (same levels, same per-level sums in the same order, same walk); clearMarket
 * and clearMarketColumnar both use this function, so their community results agree exactly.
 */
import type { Order } from '../order.js';
import { sortAscendingF64, sortWorkspaceBytes } from '../auctions/radix-sort.js';

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
  count: number;
}

// Below this many orders on a side the native sort + binary search is faster than the radix sort (whose fixed
// histogram and workspace cost dominates): 1e3 orders 0.033 vs 0.086 ms, 1e4 1.07 vs 0.41 ms, 1e6 115 vs 55 ms.
const RADIX_MIN = 2048;

function levels(price: Float64Array, qty: Float64Array): Levels {
  const n = price.length;
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  let u = 0;
  if (n < RADIX_MIN) {
    p.set(price);
    p.sort();
    for (let i = 0; i < n; i++) if (u === 0 || p[i] !== p[u - 1]) p[u++] = p[i]!;
    for (let i = 0; i < n; i++) {
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
    return { price: p, qty: q, count: u };
  }
  const order = new Int32Array(n);
  const work = new Float64Array(Math.ceil(sortWorkspaceBytes(n) / 8));
  sortAscendingF64(price, n, order, work);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const x = price[i]!;
    if (u === 0 || x !== p[u - 1]) p[u++] = x;
    q[u - 1] += qty[i]!;
  }
  return { price: p, qty: q, count: u };
}

/** The efficient cross of a book split into buy and sell columns (prices currency/kWh, quantities kWh). */
export function efficientCrossOfColumns(
  buyPrice: Float64Array, buyQuantity: Float64Array, sellPrice: Float64Array, sellQuantity: Float64Array,
): EfficientCross {
  const buys = levels(buyPrice, buyQuantity);
  const sells = levels(sellPrice, sellQuantity);
  let welfare = 0;
  let volume = 0;
  let i = buys.count - 1;
  let j = 0;
  let qb = i >= 0 ? buys.qty[i]! : 0;
  let qs = sells.count > 0 ? sells.qty[0]! : 0;
  while (i >= 0 && j < sells.count) {
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
      if (j < sells.count) qs = sells.qty[j]!;
    }
  }
  return { maxWelfare: welfare, maxTradableKwh: volume };
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
  return efficientCrossOfColumns(bp, bq, sp, sq);
}
