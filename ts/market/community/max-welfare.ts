/**
 * The efficient cross of a book, computed exactly: every unit with bid ≥ ask trades, highest bids against lowest
 * asks. Community pricing ignores order prices, but its ClearingResult still reports the book's maximum welfare (and
 * the price-crossing volume) so that mechanisms can be compared on the same book.
 * Method: per side, the orders are ranked by price with the stable f64 radix sort of the auctions
 * (../auctions/radix-sort.ts), equal prices are merged into one level whose quantity is summed in book order (the
 * sort is stable, so within a level the indices ascend), then the two aggregated curves are walked from the best
 * levels. Units at the same price are interchangeable, so aggregating by level gives the same welfare and volume as
 * matching order by order. The result is bit-identical to sorting the distinct prices natively and adding each
 * order to its level found by binary search (ts/market/efficient-cross-columns.ts, which clearMarketColumnar uses):
 * same levels, same per-level sums in the same order, same walk. O(n) sort passes, no comparator callbacks.
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

function levels(price: Float64Array, qty: Float64Array): Levels {
  const n = price.length;
  const order = new Int32Array(n);
  const work = new Float64Array(Math.ceil(sortWorkspaceBytes(n) / 8));
  sortAscendingF64(price, n, order, work);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  let u = 0;
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
