/**
 * A seeded random stream of order book operations (limit, market, cancel) over handles, for tests, benchmarks and
 * simulations of the continuous market. Limit prices are drawn around a mid price on a 0.001 currency/kWh tick
 * with buys slightly below and sells slightly above the mid, so that some cross and the book keeps a steady depth;
 * cancels target a uniformly drawn earlier limit order (which may have left the book already).
 * Handle i is the i-th operation's own handle (capacity = n), so no handle is ever reused.
 */
import { Rng } from '../../random.js';
import type { BookBatch } from './order-book-kernel.js';

/** Mix and price model of a random order stream. */
export interface OrderStreamOptions {
  /** Number of operations. */
  n: number;
  /** Seed of the generator. */
  seed: number;
  /** Share of market orders (default 0.1). */
  marketShare?: number;
  /** Share of cancels (default 0.2). */
  cancelShare?: number;
  /** Mid price, currency/kWh (default 0.2). */
  midPricePerKwh?: number;
  /** Standard deviation of limit prices, currency/kWh (default 0.01). */
  priceSd?: number;
}

/** A batch of operations plus the id of each operation (`o<i>`, cancels name the target's id). */
export interface OrderStream extends BookBatch {
  /** Number of operations. */
  n: number;
}

/** Draws a seeded stream of n operations (see the module header). */
export function randomOrderStream(options: OrderStreamOptions): OrderStream {
  const { n, seed } = options;
  const marketShare = options.marketShare ?? 0.1;
  const cancelShare = options.cancelShare ?? 0.2;
  const mid = options.midPricePerKwh ?? 0.2;
  const sd = options.priceSd ?? 0.01;
  const rng = new Rng(seed);
  const op = new Int32Array(n);
  const side = new Int32Array(n);
  const handle = new Int32Array(n);
  const quantityKwh = new Float64Array(n);
  const pricePerKwh = new Float64Array(n);
  const limits: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    const s = rng.chance(0.5) ? 0 : 1;
    side[i] = s;
    if (u < cancelShare && limits.length > 0) {
      op[i] = 2;
      handle[i] = limits[rng.int(limits.length)]!;
      continue;
    }
    handle[i] = i;
    quantityKwh[i] = Math.round(1 + rng.next() * 499) / 100;
    if (u < cancelShare + marketShare) {
      op[i] = 1;
    } else {
      op[i] = 0;
      const offset = s === 0 ? -0.5 * sd : 0.5 * sd;
      pricePerKwh[i] = Math.round((mid + offset + rng.normal(0, sd)) * 1000) / 1000;
      limits.push(i);
    }
  }
  return { n, op, side, handle, quantityKwh, pricePerKwh };
}
