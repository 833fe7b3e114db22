/**
 * Maximum welfare and maximum tradable volume of a column book, by the same method and in the same floating-point
 * order as `efficientCross` of ts/market/community/max-welfare.ts (which takes Order objects): per side, distinct
 * prices sorted natively, quantities summed per level in book order, the aggregated curves walked from the best
 * levels. clearMarketColumnar uses it for the community rules so that its numbers equal clearMarket's exactly
 * (the equality test in test/market/clear-market-columnar.test.ts fails if the two ever drift apart).
 */
import type { EfficientCross } from './community/max-welfare.js';

function levels(price: Float64Array, qty: Float64Array): { price: Float64Array; qty: Float64Array } {
  const sorted = price.slice().sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++) if (u === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i];
  const p = sorted.subarray(0, u);
  const q = new Float64Array(u);
  for (let i = 0; i < price.length; i++) {
    const x = price[i];
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    q[lo] += qty[i];
  }
  return { price: p, qty: q };
}

/** The efficient cross of a book split into buy and sell columns (prices currency/kWh, quantities kWh). */
export function efficientCrossColumns(
  buyPrice: Float64Array, buyQuantity: Float64Array, sellPrice: Float64Array, sellQuantity: Float64Array,
): EfficientCross {
  const buys = levels(buyPrice, buyQuantity);
  const sells = levels(sellPrice, sellQuantity);
  let welfare = 0;
  let volume = 0;
  let i = buys.price.length - 1;
  let j = 0;
  let qb = i >= 0 ? buys.qty[i] : 0;
  let qs = sells.price.length > 0 ? sells.qty[0] : 0;
  while (i >= 0 && j < sells.price.length) {
    const bid = buys.price[i];
    const ask = sells.price[j];
    if (bid < ask) break;
    const q = qb < qs ? qb : qs;
    volume += q;
    welfare += (bid - ask) * q;
    qb -= q;
    qs -= q;
    if (qb <= 0) {
      i--;
      if (i >= 0) qb = buys.qty[i];
    }
    if (qs <= 0) {
      j++;
      if (j < sells.price.length) qs = sells.qty[j];
    }
  }
  return { maxWelfare: welfare, maxTradableKwh: volume };
}
