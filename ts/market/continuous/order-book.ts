/**
 * Continuous double auction order book for real-time trading: `createOrderBook({ engine, capacity })`.
 *
 * Rules. Limit orders (with pricePerKwh) and market orders (without) arrive one at a time. An incoming order trades
 * immediately against the best resting orders of the other side while prices cross (a buy limit at p crosses asks
 * ≤ p, a sell limit at p crosses bids ≥ p, a market order crosses everything), in price-time priority: better price
 * first, then earlier arrival. Every trade is at the resting (maker) order's price. Orders fill partly: a limit
 * order's remainder rests in the book; a market order never rests — its unfilled remainder is reported as an
 * 'expired' event and in the submit report, never dropped silently. `cancel(id)` removes a resting order.
 *
 * Engine. The matching runs in the kernel of ./order-book-baseline.ts (TS) or assembly/market/order-book.ts (WASM)
 * over integer handles; this class maps the user's ids to handles (reusing the handles of orders that left the
 * book), validates, and turns kernel events into the event log. Cancel is O(log n): a real removal from the middle
 * of the heap via a handle → position index, no lazy deletion. Capacity grows automatically (doubling).
 *
 * Time. Priority is by arrival (submission order). `timestamp` (any unit the caller chooses, e.g. ms) is optional,
 * must be finite and non-decreasing, and is recorded on events; when absent, the last timestamp is reused (0 at
 * first).
 *
 * Log and limits. The event log ('accepted', 'trade', 'cancelled', 'expired') is kept in typed-array columns and
 * turned into objects only by `events()`. Quantities are not rounded to a tick, but floating-point dust is: a
 * remainder at or below 1e-9 of the order's submitted quantity (BOOK_DUST, the auctions' rule) counts as used up,
 * so e.g. buying 0.1 then 0.2 kWh against a 0.3 kWh ask fills it completely instead of leaving 2.8e-17 kWh resting
 * or expiring. The fills of such an order may then sum to its quantity minus that dust (never more).
 */
import { ValidationError } from '../../errors.js';
import type { Side } from '../order.js';
import { BOOK_EVENT, BOOK_EVENT_STRIDE, BOOK_META, BOOK_OP } from './order-book-baseline.js';
import { OrderBookKernel } from './order-book-kernel.js';
import { BookEventLog, LOG_KIND, type LoggedOrders } from './book-event-log.js';
import type { Engine } from '../../engine.js';

// Hot-path copies of the kernel's codes (plain module constants, so the per-event loop reads no imported bindings).
const EV_TRADE: number = BOOK_EVENT.trade;
const EV_EXPIRED: number = BOOK_EVENT.expired;
const EV_CANCELLED: number = BOOK_EVENT.cancelled;
const STRIDE: number = BOOK_EVENT_STRIDE;
const OP_LIMIT: number = BOOK_OP.limit;
const OP_MARKET: number = BOOK_OP.market;
const OP_CANCEL: number = BOOK_OP.cancel;
const META_BIDS: number = BOOK_META.bids;
const META_ASKS: number = BOOK_META.asks;

/** An order submitted to the continuous book. */
export interface BookOrder {
  /** Unique id (never reused within a book). */
  id: string;
  /** Prosumer placing it. */
  prosumer: string;
  /** 'buy' or 'sell'. */
  side: Side;
  /** 'limit' (rests if not filled) or 'market' (fills what it can now; the rest expires). */
  type: 'limit' | 'market';
  /** Quantity, kWh (> 0, finite). */
  quantityKwh: number;
  /** Limit price, currency/kWh: required for limit orders, absent for market orders. */
  pricePerKwh?: number;
  /** Time of submission in the caller's unit (finite, non-decreasing); only recorded. */
  timestamp?: number;
}

/** One trade of the continuous book (at the maker's price); it has the shape of the log's 'trade' event. */
export interface BookTrade {
  /** Always 'trade'. */
  type: 'trade';
  /** Position of this trade's event in the event log. */
  seq: number;
  /** Buy order id. */
  buyOrderId: string;
  /** Sell order id. */
  sellOrderId: string;
  /** Buyer's prosumer. */
  buyer: string;
  /** Seller's prosumer. */
  seller: string;
  /** The incoming (aggressive) order's id. */
  takerOrderId: string;
  /** The resting order's id. */
  makerOrderId: string;
  /** Energy, kWh. */
  quantityKwh: number;
  /** Price, currency/kWh (the maker's limit price). */
  pricePerKwh: number;
  /** Timestamp of the taker's submission. */
  timestamp: number;
}

/** An entry of the event log. */
export type BookEvent =
  | { seq: number; type: 'accepted'; orderId: string; prosumer: string; side: Side; orderType: 'limit' | 'market';
      quantityKwh: number; pricePerKwh: number | null; timestamp: number }
  | BookTrade
  | { seq: number; type: 'cancelled'; orderId: string; quantityKwh: number; pricePerKwh: number; timestamp: number }
  | { seq: number; type: 'expired'; orderId: string; quantityKwh: number; reason: 'market-order-remainder'; timestamp: number };

/** What one submit did. */
export interface SubmitReport {
  /** The order's id. */
  orderId: string;
  /** Trades the order caused, in execution order. */
  trades: BookTrade[];
  /** kWh filled now. */
  filledKwh: number;
  /** kWh left resting in the book (limit orders). */
  restingKwh: number;
  /** kWh of a market order that could not be filled and expired (also logged as an 'expired' event). */
  expiredKwh: number;
}

/** A resting order in a snapshot. */
export interface RestingOrder {
  /** Order id. */
  orderId: string;
  /** Prosumer. */
  prosumer: string;
  /** Side. */
  side: Side;
  /** Limit price, currency/kWh. */
  pricePerKwh: number;
  /** Remaining kWh. */
  remainingKwh: number;
  /** Submission timestamp. */
  timestamp: number;
}

/** One aggregated price level. */
export interface DepthLevel {
  /** Price, currency/kWh. */
  pricePerKwh: number;
  /** Total remaining kWh at this price. */
  quantityKwh: number;
  /** Number of resting orders at this price. */
  orders: number;
}

/** The best `levels` price levels of each side, best first. */
export interface BookDepth {
  /** Bid levels, highest price first. */
  bids: DepthLevel[];
  /** Ask levels, lowest price first. */
  asks: DepthLevel[];
}

/** A full copy of the book: every resting order in priority order. */
export interface BookSnapshot {
  /** Resting bids, best first. */
  bids: RestingOrder[];
  /** Resting asks, best first. */
  asks: RestingOrder[];
  /** Number of events in the log so far. */
  eventCount: number;
  /** Last timestamp seen. */
  timestamp: number;
}

/** Options of createOrderBook. */
export interface OrderBookOptions {
  /** Kernel engine (default 'wasm'). */
  engine?: Engine;
  /** Initial number of order handles (default 1024); grows by doubling when needed. */
  capacity?: number;
  /** Keep the event log (default true); with false, `events()` stays empty and submit is cheaper. */
  keepEventLog?: boolean;
}

/** Creates an empty continuous double auction order book. */
export function createOrderBook(options: OrderBookOptions = {}): OrderBook {
  return new OrderBook(options);
}

/** A continuous double auction order book (see the module header for the rules). */
export class OrderBook {
  /** Engine running the matching kernel. */
  readonly engine: Engine;
  private readonly kernel: OrderBookKernel;
  private readonly keepLog: boolean;
  private readonly log = new BookEventLog();
  private eventSeq = 0;
  private clock = 0;
  private timeOf: number[] = [];
  // Every id ever accepted → its serial number (acceptance order; ids are never reused). The serial → handle table
  // holds the handle while the order rests and −1 after, so a fill or cancel needs no Map update.
  private readonly ids = new Map<string, number>();
  private handleOfSerial = new Int32Array(1024);
  private serialOfHandle: number[] = [];
  private serials = 0;
  private readonly orders: LoggedOrders = { id: [], prosumer: [], side: new Uint8Array(1024), type: new Uint8Array(1024) };
  private readonly free: number[] = [];
  private nextHandle = 0;
  // Per-submit scratch filled by the event sink.
  private curTrades: BookTrade[] = [];
  private curFilled = 0;
  private curExpired = 0;
  private curCancelled = -1;
  private curTime = 0;
  private curSide = 0;
  private curSerial = 0;
  private readonly sink = (ev: Float64Array, count: number): void => this.onEvents(ev, count);

  constructor(options: OrderBookOptions = {}) {
    const engine = options.engine ?? 'wasm';
    if (engine !== 'wasm' && engine !== 'ts') {
      throw new ValidationError({ element: 'option', id: 'createOrderBook', field: 'engine', value: engine }, "must be 'wasm' or 'ts'");
    }
    const capacity = options.capacity ?? 1024;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 0x3fffffff) {
      throw new ValidationError({ element: 'option', id: 'createOrderBook', field: 'capacity', value: capacity },
        'must be an integer ≥ 1');
    }
    this.engine = engine;
    this.keepLog = options.keepEventLog ?? true;
    this.kernel = new OrderBookKernel(engine, capacity);
  }

  /** Submits one order; returns the trades it caused and what rests or expired. Throws ValidationError on bad input. */
  submit(order: BookOrder): SubmitReport {
    this.validate(order);
    const { id, side, type, quantityKwh, pricePerKwh } = order;
    const h = this.allocHandle();
    const serial = this.serials++;
    if (serial === this.handleOfSerial.length) this.growSerials();
    const o = this.orders;
    o.id[serial] = id;
    o.prosumer[serial] = order.prosumer;
    const sideCode = side === 'buy' ? 0 : 1;
    o.side[serial] = sideCode;
    o.type[serial] = type === 'limit' ? 0 : 1;
    this.ids.set(id, serial);
    this.serialOfHandle[h] = serial;
    this.timeOf[h] = this.clock;
    this.curTime = this.clock;
    if (this.keepLog) this.log.push(LOG_KIND.accepted, serial, -1, quantityKwh, type === 'limit' ? pricePerKwh! : 0, this.clock);
    this.eventSeq++;
    const trades: BookTrade[] = [];
    this.curTrades = trades;
    this.curSide = sideCode;
    this.curSerial = serial;
    this.curFilled = 0;
    this.curExpired = 0;
    this.kernel.submitOne(type === 'limit' ? OP_LIMIT : OP_MARKET, sideCode, h, quantityKwh,
      type === 'limit' ? pricePerKwh! : 0, this.sink);
    const v = this.kernel.views();
    let restingKwh = 0;
    if (v.heapPos[h]! >= 0) {
      restingKwh = v.ordQty[h]!;
      this.handleOfSerial[serial] = h;
    } else {
      this.handleOfSerial[serial] = -1;
      this.free.push(h);
    }
    return { orderId: id, trades, filledKwh: this.curFilled, restingKwh, expiredKwh: this.curExpired };
  }

  /**
   * Cancels a resting order; returns the kWh that were still resting, or null when the order is no longer in the
   * book (filled, cancelled or expired). Throws ValidationError for an id this book has never seen.
   */
  cancel(id: string, timestamp?: number): number | null {
    const serial = typeof id === 'string' ? this.ids.get(id) : undefined;
    if (serial === undefined) {
      throw new ValidationError({ element: 'order', id: String(id), field: 'id', value: id },
        'unknown order id: this book has never received an order with it');
    }
    this.advanceClock(id, timestamp);
    const h = this.handleOfSerial[serial]!;
    if (h < 0) return null;
    this.curSerial = serial;
    this.curTime = this.clock;
    this.curCancelled = -1;
    this.kernel.submitOne(OP_CANCEL, 0, h, 0, 0, this.sink);
    const q = this.curCancelled;
    this.releaseHandle(h);
    return q;
  }

  /** Highest resting bid price, currency/kWh, or null when there is none. */
  bestBid(): number | null {
    const v = this.kernel.views();
    return v.meta[META_BIDS]! > 0 ? -v.bidHeap[0]! : null;
  }

  /** Lowest resting ask price, currency/kWh, or null when there is none. */
  bestAsk(): number | null {
    const v = this.kernel.views();
    return v.meta[META_ASKS]! > 0 ? v.askHeap[0]! : null;
  }

  /** Number of resting orders per side. */
  size(): { bids: number; asks: number } {
    const v = this.kernel.views();
    return { bids: v.meta[META_BIDS]!, asks: v.meta[META_ASKS]! };
  }

  /** The best `levels` price levels per side (O(m log m) for the m orders in those levels: best-first heap walk). */
  depth(levels = 10): BookDepth {
    if (!Number.isInteger(levels) || levels < 0) {
      throw new ValidationError({ element: 'option', id: 'depth', field: 'levels', value: levels }, 'must be an integer ≥ 0');
    }
    const v = this.kernel.views();
    const side = (heap: Float64Array, count: number, sign: number): DepthLevel[] => {
      const out: DepthLevel[] = [];
      if (levels === 0) return out;
      walkInPriority(heap, count, (pos) => {
        const price = sign * heap[pos * 3]!;
        const q = v.ordQty[heap[pos * 3 + 2]!]!;
        const last = out[out.length - 1];
        if (last && last.pricePerKwh === price) {
          last.quantityKwh += q;
          last.orders++;
          return true;
        }
        if (out.length === levels) return false;
        out.push({ pricePerKwh: price, quantityKwh: q, orders: 1 });
        return true;
      });
      return out;
    };
    return { bids: side(v.bidHeap, v.meta[META_BIDS]!, -1), asks: side(v.askHeap, v.meta[META_ASKS]!, 1) };
  }

  /** Every resting order in priority order, plus the log position (a consistent copy; O(n log n)). */
  snapshot(): BookSnapshot {
    const v = this.kernel.views();
    const side = (heap: Float64Array, count: number, s: Side): RestingOrder[] => {
      const out: RestingOrder[] = [];
      walkInPriority(heap, count, (pos) => {
        const h = heap[pos * 3 + 2]!;
        out.push({
          orderId: this.orders.id[this.serialOfHandle[h]!]!, prosumer: this.orders.prosumer[this.serialOfHandle[h]!]!,
          side: s, pricePerKwh: v.ordPrice[h]!,
          remainingKwh: v.ordQty[h]!, timestamp: this.timeOf[h]!,
        });
        return true;
      });
      return out;
    };
    return {
      bids: side(v.bidHeap, v.meta[META_BIDS]!, 'buy'),
      asks: side(v.askHeap, v.meta[META_ASKS]!, 'sell'),
      eventCount: this.eventSeq,
      timestamp: this.clock,
    };
  }

  /**
   * The event log from position `from` to `to` (default: all), built on demand from the columnar log; empty when the
   * book was created with keepEventLog: false.
   */
  events(from = 0, to = Number.POSITIVE_INFINITY): BookEvent[] {
    return this.log.materialize(from, to, this.orders);
  }

  /** Number of events logged so far (the next event's seq). */
  get eventCount(): number {
    return this.eventSeq;
  }

  private validate(o: BookOrder): void {
    if (o === null || typeof o !== 'object') {
      throw new ValidationError({ element: 'order', id: '?', field: 'order', value: o }, 'must be an object');
    }
    const id = o.id;
    if (typeof id !== 'string' || id.length === 0) {
      throw new ValidationError({ element: 'order', id: String(id), field: 'id', value: id }, 'must be a non-empty string');
    }
    if (this.ids.has(id)) {
      throw new ValidationError({ element: 'order', id, field: 'id', value: id }, 'duplicate order id (ids are never reused in a book)');
    }
    if (typeof o.prosumer !== 'string' || o.prosumer.length === 0) {
      throw new ValidationError({ element: 'order', id, field: 'prosumer', value: o.prosumer }, 'must be a non-empty string');
    }
    if (o.side !== 'buy' && o.side !== 'sell') {
      throw new ValidationError({ element: 'order', id, field: 'side', value: o.side }, "must be 'buy' or 'sell'");
    }
    if (o.type !== 'limit' && o.type !== 'market') {
      throw new ValidationError({ element: 'order', id, field: 'type', value: o.type }, "must be 'limit' or 'market'");
    }
    const q = o.quantityKwh;
    if (typeof q !== 'number' || !Number.isFinite(q) || !(q > 0)) {
      throw new ValidationError({ element: 'order', id, field: 'quantityKwh', value: q, unit: 'kWh' }, 'must be a finite number > 0');
    }
    const p = o.pricePerKwh;
    if (o.type === 'limit') {
      if (p === undefined) {
        throw new ValidationError({ element: 'order', id, field: 'pricePerKwh', value: p, unit: 'currency/kWh' },
          'a limit order needs a limit price (or submit it as type: "market")');
      }
      if (typeof p !== 'number' || !Number.isFinite(p)) {
        throw new ValidationError({ element: 'order', id, field: 'pricePerKwh', value: p, unit: 'currency/kWh' }, 'must be a finite number');
      }
    } else if (p !== undefined) {
      throw new ValidationError({ element: 'order', id, field: 'pricePerKwh', value: p, unit: 'currency/kWh' },
        'a market order takes no price (it trades at the resting orders\' prices); use type: "limit" to set a limit');
    }
    if (o.timestamp !== undefined) this.advanceClock(id, o.timestamp);
  }

  private advanceClock(id: string, t: number | undefined): void {
    if (t === undefined) return;
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new ValidationError({ element: 'order', id, field: 'timestamp', value: t }, 'must be a finite number');
    }
    if (t < this.clock) {
      throw new ValidationError({ element: 'order', id, field: 'timestamp', value: t },
        `must not be earlier than the previous timestamp ${this.clock}`);
    }
    this.clock = t;
  }

  private allocHandle(): number {
    const h = this.free.pop();
    if (h !== undefined) return h;
    if (this.nextHandle === this.kernel.capacity) this.kernel.grow(this.kernel.capacity * 2);
    return this.nextHandle++;
  }

  private growSerials(): void {
    const n = this.handleOfSerial.length * 2;
    const hs = new Int32Array(n);
    hs.set(this.handleOfSerial);
    this.handleOfSerial = hs;
    const side = new Uint8Array(n);
    side.set(this.orders.side);
    this.orders.side = side;
    const type = new Uint8Array(n);
    type.set(this.orders.type);
    this.orders.type = type;
  }

  private releaseHandle(h: number): void {
    this.handleOfSerial[this.serialOfHandle[h]!] = -1;
    this.free.push(h);
  }

  private onEvents(ev: Float64Array, count: number): void {
    const heapPos = this.kernel.views().heapPos;
    for (let k = 0; k < count; k++) {
      const e = k * STRIDE;
      const type = ev[e]!;
      const a = ev[e + 1]!;
      const q = ev[e + 3]!;
      const seq = this.eventSeq++;
      if (type === EV_TRADE) {
        const maker = ev[e + 2]!;
        const ms = this.serialOfHandle[maker]!;
        const ts = this.curSerial;
        const o = this.orders;
        const takerBuys = this.curSide === 0;
        const price = ev[e + 4]!;
        this.curTrades.push({
          type: 'trade',
          seq,
          buyOrderId: o.id[takerBuys ? ts : ms]!,
          sellOrderId: o.id[takerBuys ? ms : ts]!,
          buyer: o.prosumer[takerBuys ? ts : ms]!,
          seller: o.prosumer[takerBuys ? ms : ts]!,
          takerOrderId: o.id[ts]!,
          makerOrderId: o.id[ms]!,
          quantityKwh: q,
          pricePerKwh: price,
          timestamp: this.curTime,
        });
        this.curFilled += q;
        if (this.keepLog) this.log.push(LOG_KIND.trade, ts, ms, q, price, this.curTime);
        if (heapPos[maker]! < 0) this.releaseHandle(maker);
      } else if (type === EV_EXPIRED) {
        this.curExpired = q;
        if (this.keepLog) this.log.push(LOG_KIND.expired, this.curSerial, -1, q, 0, this.curTime);
      } else if (type === EV_CANCELLED) {
        this.curCancelled = q;
        if (this.keepLog) this.log.push(LOG_KIND.cancelled, this.curSerial, -1, q, ev[e + 4]!, this.curTime);
      } else {
        // Validation runs before the kernel, so the kernel must never reject; if it does, that is a bug here.
        throw new Error(`order book kernel event ${type} for handle ${a} (reason ${q}) after validation`);
      }
    }
  }
}

/**
 * Visits heap positions in priority order (key, then seq) with a best-first walk from the root: O(m log m) for the
 * m positions visited. Stops when `visit` returns false.
 */
function walkInPriority(heap: Float64Array, count: number, visit: (pos: number) => boolean): void {
  if (count === 0) return;
  const frontier: number[] = [0];
  const better = (x: number, y: number): boolean =>
    heap[x * 3]! < heap[y * 3]! || (heap[x * 3] === heap[y * 3] && heap[x * 3 + 1]! < heap[y * 3 + 1]!);
  while (frontier.length > 0) {
    // Pop the best frontier position (a small binary heap over positions).
    const top = frontier[0]!;
    const last = frontier.pop()!;
    if (frontier.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= frontier.length) break;
        if (c + 1 < frontier.length && better(frontier[c + 1]!, frontier[c]!)) c++;
        if (!better(frontier[c]!, last)) break;
        frontier[i] = frontier[c]!;
        i = c;
      }
      frontier[i] = last;
    }
    if (!visit(top)) return;
    for (let child = 2 * top + 1; child <= 2 * top + 2 && child < count; child++) {
      let i = frontier.length;
      frontier.push(child);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!better(child, frontier[p]!)) break;
        frontier[i] = frontier[p]!;
        i = p;
      }
      frontier[i] = child;
    }
  }
}
