/**
 * An order book given as typed-array columns, for clearing huge books without one object per order
 * (clearMarketColumnar). Order i is (side[i], quantityKwh[i], pricePerKwh[i]) with optional id[i] and prosumer[i].
 *
 * Validation is the same as validateOrders' (ts/market/validate-orders.ts) restricted to the fields a column book
 * has, in one pass over the arrays: every column has the book's length; side is 0 (buy) or 1 (sell); quantityKwh is
 * finite and > 0; pricePerKwh is finite (negative prices allowed); ids, when given, are non-empty strings or
 * integers and unique; prosumers, when given, are non-empty strings or integers. Errors name the order by its id
 * (or `#i` when the book has no ids) and the field. A column book has no `divisible` field (every order is
 * divisible) and no `interval` (a book is one interval).
 */
import { ValidationError } from '../errors.js';
import { indexIntegers, indexStrings, type StringIndex } from './string-index.js';
import { allocLoweredBook, type LoweredBook, type LoweringOptions } from './auction-book.js';
import type { ScratchBuffer } from './scratch-buffer.js';

/** Side codes of OrderColumns.side. */
export const SideCode = {
  /** A bid. */
  buy: 0,
  /** An offer. */
  sell: 1,
} as const;

/** An order book as columns, one entry per order, all of the same length. */
export interface OrderColumns {
  /** 0 = buy (bid), 1 = sell (offer), per order (any integer typed array or number array). */
  side: ArrayLike<number>;
  /** Quantity per order, kWh (finite, > 0). */
  quantityKwh: Float64Array;
  /** Limit price per order, currency per kWh (finite; may be negative). */
  pricePerKwh: Float64Array;
  /** Optional unique ids: non-empty strings or integers. Without them an order is named by its index `#i`. */
  id?: readonly string[] | ArrayLike<number>;
  /** Optional prosumer of each order (strings or integers); MUDA needs it (it splits the book by prosumer). */
  prosumer?: readonly string[] | ArrayLike<number>;
}

/** Number of buy orders of a validated column book. */
export interface ColumnsCheck {
  /** Orders with side 0. */
  buys: number;
}

function colError(field: string, value: unknown, problem: string): ValidationError {
  return new ValidationError({ element: 'book', id: 'columns', field, value }, problem);
}

function isStringColumn(c: readonly string[] | ArrayLike<number>): c is readonly string[] {
  return Array.isArray(c) && (c.length === 0 || typeof c[0] === 'string');
}

/** The name of order i in error messages: its id when usable, else `#i`. */
export function columnOrderName(book: OrderColumns, i: number): string | number {
  const id = book.id?.[i];
  if ((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isInteger(id))) return id;
  return `#${i}`;
}

/** Checks a column book in one pass; throws ValidationError naming the first bad order and field. */
export function validateOrderColumns(book: OrderColumns): ColumnsCheck {
  if (book === null || typeof book !== 'object') throw colError('book', book, 'must be an object of columns');
  const { side, quantityKwh: q, pricePerKwh: p, id, prosumer } = book;
  if (!(q instanceof Float64Array)) throw colError('quantityKwh', q, 'must be a Float64Array');
  const n = q.length;
  if (!(p instanceof Float64Array) || p.length !== n) throw colError('pricePerKwh', p, `must be a Float64Array of length ${n}`);
  if (side === null || typeof side !== 'object' || side.length !== n) throw colError('side', side, `must be an array of length ${n}`);
  if (id !== undefined && (id === null || typeof id !== 'object' || id.length !== n)) throw colError('id', id, `must be an array of length ${n}`);
  if (prosumer !== undefined && (prosumer === null || typeof prosumer !== 'object' || prosumer.length !== n)) {
    throw colError('prosumer', prosumer, `must be an array of length ${n}`);
  }
  const stringIds = id !== undefined && isStringColumn(id);
  const stringProsumers = prosumer !== undefined && isStringColumn(prosumer);
  const typedIds = id !== undefined && ArrayBuffer.isView(id);
  const typedProsumers = prosumer !== undefined && ArrayBuffer.isView(prosumer);
  let buys = 0;
  for (let i = 0; i < n; i++) {
    if (id !== undefined && !typedIds) {
      const v = (id as ArrayLike<unknown>)[i];
      const ok = stringIds ? typeof v === 'string' && v.length > 0 : typeof v === 'number' && Number.isInteger(v);
      if (!ok) {
        throw new ValidationError({ element: 'order', id: `#${i}`, field: 'id', value: v },
          stringIds ? 'must be a non-empty string' : 'must be an integer');
      }
    }
    if (prosumer !== undefined && !typedProsumers) {
      const v = (prosumer as ArrayLike<unknown>)[i];
      const ok = stringProsumers ? typeof v === 'string' && v.length > 0 : typeof v === 'number' && Number.isInteger(v);
      if (!ok) {
        throw new ValidationError({ element: 'order', id: columnOrderName(book, i), field: 'prosumer', value: v },
          stringProsumers ? 'must be a non-empty string' : 'must be an integer');
      }
    }
    const s = side[i];
    if (s === 0) buys++;
    else if (s !== 1) {
      throw new ValidationError({ element: 'order', id: columnOrderName(book, i), field: 'side', value: s }, 'must be 0 (buy) or 1 (sell)');
    }
    const qi = q[i];
    // One comparison covers NaN, ±Infinity, 0 and negatives on the hot path; the message is refined only on error.
    if (!(qi > 0 && qi < Infinity)) {
      throw new ValidationError({ element: 'order', id: columnOrderName(book, i), field: 'quantityKwh', value: qi, unit: 'kWh' },
        Number.isFinite(qi) ? 'must be > 0' : 'must be a finite number');
    }
    const pi = p[i];
    if (!(pi > -Infinity && pi < Infinity)) {
      throw new ValidationError({ element: 'order', id: columnOrderName(book, i), field: 'pricePerKwh', value: pi, unit: 'currency/kWh' },
        'must be a finite number');
    }
  }
  if (typedIds) {
    // Float typed arrays may hold fractions or NaN; integer typed arrays cannot.
    const ids = id as ArrayLike<number>;
    if (id instanceof Float64Array || id instanceof Float32Array) {
      for (let i = 0; i < n; i++) {
        if (!Number.isInteger(ids[i])) throw new ValidationError({ element: 'order', id: `#${i}`, field: 'id', value: ids[i] }, 'must be an integer');
      }
    }
  }
  if (typedProsumers && (prosumer instanceof Float64Array || prosumer instanceof Float32Array)) {
    for (let i = 0; i < n; i++) {
      if (!Number.isInteger(prosumer[i])) {
        throw new ValidationError({ element: 'order', id: columnOrderName(book, i), field: 'prosumer', value: prosumer[i] }, 'must be an integer');
      }
    }
  }
  if (id !== undefined) {
    const dup = indexColumn(id).firstRepeat;
    if (dup >= 0) {
      throw new ValidationError({ element: 'order', id: id[dup] as string | number, field: 'id', value: id[dup] },
        `duplicate order id (order #${dup} repeats an earlier id)`);
    }
  }
  return { buys };
}

/** Dense numbering by first appearance of a string or integer column. */
export function indexColumn(c: readonly string[] | ArrayLike<number>): StringIndex {
  return isStringColumn(c) ? indexStrings(c.length, (i) => c[i]) : indexIntegers(c);
}

/**
 * Splits a validated column book into buy and sell columns in priority order with capped prices (lowerBook's
 * LoweringOptions; book order and no caps by default). With `scratch` the columns are views into its buffer (valid
 * until its next use) instead of six fresh arrays.
 */
export function lowerColumns(book: OrderColumns, buys: number, scratch?: ScratchBuffer, lowering: LoweringOptions = {}): LoweredBook {
  const { side, quantityKwh: q, pricePerKwh: p } = book;
  const n = q.length;
  const out = allocLoweredBook(n, buys, scratch);
  const { buyPrice, buyQuantity, sellPrice, sellQuantity, buyOrder, sellOrder } = out;
  const { priority } = lowering;
  const ceiling = lowering.ceiling ?? Infinity;
  const floor = lowering.floor ?? -Infinity;
  let b = 0;
  let s = 0;
  for (let t = 0; t < n; t++) {
    const i = priority ? priority[t] : t;
    if (side[i] === 0) {
      buyPrice[b] = p[i] < ceiling ? p[i] : ceiling;
      buyQuantity[b] = q[i];
      buyOrder[b++] = i;
    } else {
      sellPrice[s] = p[i] > floor ? p[i] : floor;
      sellQuantity[s] = q[i];
      sellOrder[s++] = i;
    }
  }
  return out;
}

/** Column book of an Order array (ids and prosumers as strings); the orders' other fields are not carried. */
export function toOrderColumns(orders: ReadonlyArray<{ id: string; prosumer: string; side: 'buy' | 'sell'; quantityKwh: number; pricePerKwh: number }>): OrderColumns {
  const n = orders.length;
  const side = new Uint8Array(n);
  const quantityKwh = new Float64Array(n);
  const pricePerKwh = new Float64Array(n);
  const id = new Array<string>(n);
  const prosumer = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    side[i] = o.side === 'buy' ? SideCode.buy : SideCode.sell;
    quantityKwh[i] = o.quantityKwh;
    pricePerKwh[i] = o.pricePerKwh;
    id[i] = o.id;
    prosumer[i] = o.prosumer;
  }
  return { side, quantityKwh, pricePerKwh, id, prosumer };
}
