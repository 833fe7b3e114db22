import type { Order } from './order.js';
import type { AuctionBook } from './auctions/auction-engine.js';
import { Rng } from '../random.js';
import { indexStrings, type StringIndex } from './string-index.js';
import type { ScratchBuffer } from './scratch-buffer.js';

/** An order book lowered to kernel columns, with the maps back to the user's orders. */
export interface LoweredBook extends AuctionBook {
  /** Position in the user's array of each buy order (buy index → book position). */
  buyOrder: Int32Array;
  /** Position in the user's array of each sell order. */
  sellOrder: Int32Array;
}

/**
 * Uninitialised buy and sell columns for n orders of which `buys` are bids: fresh arrays, or views into the
 * scratch's buffer (20 bytes per order) when given.
 */
export function allocLoweredBook(n: number, buys: number, scratch?: ScratchBuffer): LoweredBook {
  const ns = n - buys;
  if (!scratch) {
    return {
      buyPrice: new Float64Array(buys),
      buyQuantity: new Float64Array(buys),
      sellPrice: new Float64Array(ns),
      sellQuantity: new Float64Array(ns),
      buyOrder: new Int32Array(buys),
      sellOrder: new Int32Array(ns),
    };
  }
  const buf = scratch.take(20 * n);
  return {
    buyPrice: new Float64Array(buf, 0, buys),
    buyQuantity: new Float64Array(buf, 8 * buys, buys),
    sellPrice: new Float64Array(buf, 16 * buys, ns),
    sellQuantity: new Float64Array(buf, 16 * buys + 8 * ns, ns),
    buyOrder: new Int32Array(buf, 16 * n, buys),
    sellOrder: new Int32Array(buf, 16 * n + 4 * buys, ns),
  };
}

/**
 * How orders reach the kernels: in the order of `priority` (a permutation of book positions, the seeded tie-break of
 * tie-break-priority.ts; absent: book order), with bids capped at `ceiling` and asks raised to `floor`
 * (currency/kWh; the rational interval of tariffs/rationality-bounds.ts: a P2P kWh is worth no more to a buyer than
 * retail − its charges, since the retailer sells at retail, and no less to a seller than feed-in + its charges).
 */
export interface LoweringOptions {
  /** Permutation of the book positions; column order = this order. */
  priority?: Int32Array;
  /** Bids above it enter the kernel at it (default +∞). */
  ceiling?: number;
  /** Asks below it enter the kernel at it (default −∞). */
  floor?: number;
}

/**
 * Splits validated orders into buy and sell columns in priority order (book order without one). `onIndivisible`,
 * when given, is called (and may throw) for every order with `divisible: false`.
 */
export function lowerBook(
  orders: readonly Order[], onIndivisible?: (o: Order) => void, scratch?: ScratchBuffer, lowering: LoweringOptions = {},
): LoweredBook {
  let nb = 0;
  for (let i = 0; i < orders.length; i++) if (orders[i].side === 'buy') nb++;
  const book = allocLoweredBook(orders.length, nb, scratch);
  const { priority } = lowering;
  const ceiling = lowering.ceiling ?? Infinity;
  const floor = lowering.floor ?? -Infinity;
  let b = 0;
  let s = 0;
  for (let t = 0; t < orders.length; t++) {
    const i = priority ? priority[t] : t;
    const o = orders[i];
    if (onIndivisible && o.divisible === false) onIndivisible(o);
    if (o.side === 'buy') {
      book.buyPrice[b] = o.pricePerKwh < ceiling ? o.pricePerKwh : ceiling;
      book.buyQuantity[b] = o.quantityKwh;
      book.buyOrder[b++] = i;
    } else {
      book.sellPrice[s] = o.pricePerKwh > floor ? o.pricePerKwh : floor;
      book.sellQuantity[s] = o.quantityKwh;
      book.sellOrder[s++] = i;
    }
  }
  return book;
}

/**
 * MUDA's seeded split: each prosumer, in order of first appearance in the book, goes to half 1 when
 * rng.next() ≥ 0.5, else half 0; every order of a prosumer shares its half.
 */
export function splitHalves(orders: readonly Order[], book: LoweredBook, seed: number): void {
  assignHalves(indexStrings(orders.length, (i) => orders[i].prosumer), book, seed);
}

/** splitHalves given the prosumers already numbered by first appearance (index per book position). */
export function assignHalves(prosumers: StringIndex, book: LoweredBook, seed: number): void {
  const rng = new Rng(seed);
  const { index, count } = prosumers;
  const half = new Int32Array(count);
  for (let p = 0; p < count; p++) half[p] = rng.next() < 0.5 ? 0 : 1;
  const buyHalf = new Int32Array(book.buyOrder.length);
  for (let b = 0; b < buyHalf.length; b++) buyHalf[b] = half[index[book.buyOrder[b]]];
  const sellHalf = new Int32Array(book.sellOrder.length);
  for (let s = 0; s < sellHalf.length; s++) sellHalf[s] = half[index[book.sellOrder[s]]];
  book.buyHalf = buyHalf;
  book.sellHalf = sellHalf;
}
