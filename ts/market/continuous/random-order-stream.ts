/**
 * A seeded random stream of order book operations (limit, market, cancel) over handles, for tests, benchmarks and
 * simulations of the continuous market. Limit prices are drawn around a mid price on a 0.001 currency/kWh tick
 * (buys slightly below, sells slightly above the mid, so that some cross). Each limit order is, with probability
 * `cancelProbability`, cancelled after a random lifetime (uniform in 1 … 2·meanLifetime operations) if it is still
 * there — as traders withdraw stale quotes — so the book reaches a steady depth instead of growing without bound.
 * Due cancels are emitted first; cancels may target orders that already traded (the book reports them as no longer
 * resting). Handles are recycled the way a live engine would: a market order's handle is free right after it, a
 * limit order's handle after its cancel (by then the order has left the book either way), so the handle space stays
 * small (`capacity`) and the per-handle arrays stay cache-resident. `target[i]` names the operation a cancel refers
 * to (for id-level replays: the order submitted by operation target[i]).
 */
import { Rng } from '../../random.js';
import type { BookBatch } from './order-book-kernel.js';

/** Mix and price model of a random order stream. */
export interface OrderStreamOptions {
  /** Number of operations (orders and cancels). */
  n: number;
  /** Seed of the generator. */
  seed: number;
  /** Share of market orders among new orders (default 0.1). */
  marketShare?: number;
  /** Probability that a limit order is later cancelled if still resting (default 1). */
  cancelProbability?: number;
  /** Mean lifetime of a limit order before its cancel, in operations (default 1000). */
  meanLifetime?: number;
  /** Mid price, currency/kWh (default 0.2). */
  midPricePerKwh?: number;
  /** Standard deviation of limit prices, currency/kWh (default 0.01). */
  priceSd?: number;
}

/** A batch of n operations over handles. */
export interface OrderStream extends BookBatch {
  /** Number of operations. */
  n: number;
  /** Number of distinct handles used (a kernel needs at least this capacity). */
  capacity: number;
  /** For a cancel, the index of the operation whose order it cancels; −1 for other operations. */
  target: Int32Array;
}

/** Draws a seeded stream of n operations (see the module header). */
export function randomOrderStream(options: OrderStreamOptions): OrderStream {
  const { n, seed } = options;
  const marketShare = options.marketShare ?? 0.1;
  const cancelProbability = options.cancelProbability ?? 1;
  const life = Math.max(1, options.meanLifetime ?? 1000);
  const mid = options.midPricePerKwh ?? 0.2;
  const sd = options.priceSd ?? 0.01;
  const rng = new Rng(seed);
  const op = new Int32Array(n);
  const side = new Int32Array(n);
  const handle = new Int32Array(n);
  const quantityKwh = new Float64Array(n);
  const pricePerKwh = new Float64Array(n);
  const target = new Int32Array(n).fill(-1);
  const freeHandles: number[] = [];
  let capacity = 0;
  const handleOfOp = new Int32Array(n);
  // Cancels scheduled per due step, as linked lists in typed arrays; `due` holds those whose step has come.
  const horizon = n + 2 * life + 2;
  const head = new Int32Array(horizon).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const due: number[] = [];
  let dueAt = 0;
  for (let i = 0; i < n; i++) {
    for (let j = head[i]!; j >= 0; j = next[j]!) due.push(j);
    if (dueAt < due.length) {
      const j = due[dueAt++]!;
      op[i] = 2;
      target[i] = j;
      handle[i] = handleOfOp[j]!;
      freeHandles.push(handleOfOp[j]!);
      continue;
    }
    const s = rng.chance(0.5) ? 0 : 1;
    side[i] = s;
    const h = freeHandles.length > 0 ? freeHandles.pop()! : capacity++;
    handle[i] = h;
    handleOfOp[i] = h;
    quantityKwh[i] = Math.round(1 + rng.next() * 499) / 100;
    if (rng.chance(marketShare)) {
      op[i] = 1;
      freeHandles.push(h);
    } else {
      op[i] = 0;
      const offset = s === 0 ? -0.5 * sd : 0.5 * sd;
      pricePerKwh[i] = Math.round((mid + offset + rng.normal(0, sd)) * 1000) / 1000;
      if (rng.chance(cancelProbability)) {
        const t = i + 1 + Math.floor(rng.next() * 2 * life);
        next[i] = head[t]!;
        head[t] = i;
      } else {
        // Never cancelled: its handle is never known to be free, so it is never reused.
      }
    }
  }
  return { n, capacity: Math.max(1, capacity), op, side, handle, quantityKwh, pricePerKwh, target };
}
