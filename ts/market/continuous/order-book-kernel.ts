/**
 * The order book's matching engine behind one interface for both engines: the state lives in typed arrays (plain
 * ones for 'ts', views into the module's own WebAssembly memory for 'wasm', with the same layout, see
 * ./order-book-baseline.ts), and `submitBatch` runs the kernel over integer handles. This is the kernel-level API:
 * no ids, no validation beyond the kernel's own (invalid operations come back as 'rejected' events); OrderBook
 * (./order-book.ts) builds the id-level API on top of it.
 *
 * Capacity: handles are 0 ≤ h < capacity and a handle may be reused once its order left the book. `grow()`
 * enlarges every array (copying the state). The event buffer has a fixed size: when it fills, the kernel returns,
 * the events are delivered to the sink, and the kernel resumes where it stopped (even in the middle of a market
 * order sweeping a deep book).
 */
import { KernelStatus, statusName } from '../../status.js';
import type { Arena } from '../../wasm/arena.js';
import { newContinuousKernelInstance, type ContinuousKernelExports } from './continuous-kernel-module.js';
import {
  BOOK_EVENT_STRIDE,
  BOOK_META,
  BOOK_META_LENGTH,
  bookSubmitBatch,
} from './order-book-baseline.js';
import type { Engine } from '../../engine.js';

/** Typed-array views of a book's state (valid until the next grow or kernel call for the 'wasm' engine). */
export interface BookStateViews {
  /** 0 buy / 1 sell per handle. */
  ordSide: Int32Array;
  /** Limit price per handle, currency/kWh. */
  ordPrice: Float64Array;
  /** Remaining kWh per handle. */
  ordQty: Float64Array;
  /** Submitted kWh per resting handle (reference of the dust rule). */
  ordSize: Float64Array;
  /** Heap position per handle, −1 when not resting. */
  heapPos: Int32Array;
  /** Bid heap [−price, seq, handle] × capacity. */
  bidHeap: Float64Array;
  /** Ask heap [price, seq, handle] × capacity. */
  askHeap: Float64Array;
  /** [bids, asks, next seq, event count, processed, …]. */
  meta: Float64Array;
  /** Event records, BOOK_EVENT_STRIDE f64 each. */
  events: Float64Array;
}

/** One batch of operations over handles (all arrays the same length). */
export interface BookBatch {
  /** BOOK_OP code per operation (0 limit, 1 market, 2 cancel). */
  op: Int32Array;
  /** 0 buy / 1 sell (ignored for cancel). */
  side: Int32Array;
  /** Order handle. */
  handle: Int32Array;
  /** Quantity, kWh (ignored for cancel). */
  quantityKwh: Float64Array;
  /** Limit price, currency/kWh (ignored for market and cancel). */
  pricePerKwh: Float64Array;
}

/** Receives each drained chunk of events: `count` records of BOOK_EVENT_STRIDE f64 in `events`; input indices are
 * relative to the whole batch. The array is only valid during the call. */
export type BookEventSink = (events: Float64Array, count: number) => void;

// Plain module constants for the hot loops (imported bindings can compile to getter calls under some loaders).
const STRIDE: number = BOOK_EVENT_STRIDE;
const META_EVENTS: number = BOOK_META.events;
const META_PROCESSED: number = BOOK_META.processed;
const INPUT_SLOT = 5;

interface Storage {
  views(): BookStateViews;
  staging(): BookBatch;
  run(start: number, end: number, external: BookBatch | null): number;
  resize(capacity: number, eventCapacity: number, batchCapacity: number): void;
  newBatch(n: number): BookBatch;
  owns(batch: BookBatch): boolean;
}

/** The matching engine of one order book. */
export class OrderBookKernel {
  /** 'wasm' or 'ts'. */
  readonly engine: Engine;
  private storage: Storage;
  private cap: number;
  private evCap: number;
  private batchCap: number;
  private readonly created = new WeakMap<BookBatch, number>();

  constructor(engine: Engine, capacity = 1024, eventCapacity = 4096, batchCapacity = 4096) {
    if (engine !== 'wasm' && engine !== 'ts') throw new RangeError(`OrderBookKernel: unknown engine ${String(engine)}`);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 0x3fffffff) {
      throw new RangeError(`OrderBookKernel: capacity must be an integer in [1, 2^30), got ${capacity}`);
    }
    this.engine = engine;
    this.cap = capacity;
    this.evCap = Math.max(16, eventCapacity);
    this.batchCap = Math.max(1, batchCapacity);
    this.storage = engine === 'ts' ? new TsStorage() : new WasmStorage();
    this.storage.resize(this.cap, this.evCap, this.batchCap);
  }

  /** Number of order handles (0 ≤ h < capacity). */
  get capacity(): number {
    return this.cap;
  }

  /** Current state views (re-fetch after any call). */
  views(): BookStateViews {
    return this.storage.views();
  }

  /** Resting bids. */
  get bidCount(): number {
    return this.storage.views().meta[BOOK_META.bids]!;
  }

  /** Resting asks. */
  get askCount(): number {
    return this.storage.views().meta[BOOK_META.asks]!;
  }

  /** Empties the book (every handle free, sequence restarted), keeping the capacity and the memory. */
  reset(): void {
    const v = this.storage.views();
    v.heapPos.fill(-1);
    v.ordQty.fill(0);
    v.meta.fill(0);
  }

  /** Enlarges the handle capacity to at least `capacity`, keeping the state. */
  grow(capacity: number): void {
    if (capacity <= this.cap) return;
    this.cap = capacity;
    this.storage.resize(this.cap, this.evCap, this.batchCap);
  }

  /**
   * Runs one operation (the fast path of the id-level API); events are delivered to `sink`.
   * Returns the number of events.
   */
  submitOne(op: number, side: number, handle: number, quantityKwh: number, pricePerKwh: number, sink: BookEventSink): number {
    const s = this.storage.staging();
    s.op[0] = op;
    s.side[0] = side;
    s.handle[0] = handle;
    s.quantityKwh[0] = quantityKwh;
    s.pricePerKwh[0] = pricePerKwh;
    // Fast path: one kernel call; only a paused sweep (event buffer full) goes through the general loop.
    const v = this.storage.views();
    v.meta[META_EVENTS] = 0;
    const status = this.storage.run(0, 1, null);
    if (status !== KernelStatus.OK) throw new Error(`order book kernel returned '${statusName(status)}'`);
    const count = v.meta[META_EVENTS]!;
    if (count > 0) sink(v.events, count);
    return v.meta[META_PROCESSED]! < 1 ? count + this.drive(0, 1, null, sink, 0) : count;
  }

  /**
   * Runs a whole batch of operations over handles, in order, delivering events chunk by chunk to `sink` (if any).
   * Returns the total number of events.
   */
  submitBatch(batch: BookBatch, sink?: BookEventSink): number {
    const n = batch.op.length;
    const made = this.created.get(batch);
    if (made !== undefined && made !== n) {
      throw new RangeError('submitBatch: this batch was detached when the kernel grew its memory; call createBatch again');
    }
    for (const k of ['side', 'handle', 'quantityKwh', 'pricePerKwh'] as const) {
      if (batch[k].length !== n) throw new RangeError(`submitBatch: ${k} has length ${batch[k].length}, expected ${n}`);
    }
    if (this.storage.owns(batch)) return this.drive(0, n, batch, sink ?? null, 0);
    let total = 0;
    for (let s = 0; s < n; s += this.batchCap) {
      const e = Math.min(n, s + this.batchCap);
      const st = this.storage.staging();
      st.op.set(batch.op.subarray(s, e));
      st.side.set(batch.side.subarray(s, e));
      st.handle.set(batch.handle.subarray(s, e));
      st.quantityKwh.set(batch.quantityKwh.subarray(s, e));
      st.pricePerKwh.set(batch.pricePerKwh.subarray(s, e));
      total += this.drive(0, e - s, null, sink ?? null, s);
    }
    return total;
  }

  /**
   * A batch of n operations whose arrays the kernel reads in place (for 'wasm', views into the module's memory:
   * valid until the next grow(); for 'ts', plain typed arrays). Filling one of these instead of your own arrays saves
   * the copy into WASM memory that submitBatch otherwise makes.
   */
  createBatch(n: number): BookBatch {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`createBatch: n must be an integer ≥ 0, got ${n}`);
    const b = this.storage.newBatch(n);
    this.created.set(b, n);
    return b;
  }

  private drive(start: number, end: number, external: BookBatch | null, sink: BookEventSink | null, offset: number): number {
    let total = 0;
    while (start < end) {
      // The kernel never grows memory, so views taken before the call stay valid after it.
      const v = this.storage.views();
      v.meta[META_EVENTS] = 0;
      const status = this.storage.run(start, end, external);
      const count = v.meta[META_EVENTS]!;
      if (status !== KernelStatus.OK) throw new Error(`order book kernel returned '${statusName(status)}'`);
      if (count > 0) {
        if (offset !== 0) {
          const ev = v.events;
          for (let k = 0; k < count; k++) ev[k * STRIDE + INPUT_SLOT] += offset;
        }
        if (sink) sink(v.events, count);
      }
      total += count;
      start = v.meta[META_PROCESSED]!;
    }
    return total;
  }
}

class TsStorage implements Storage {
  private v!: BookStateViews;
  private st!: BookBatch;
  private cap = 0;

  views(): BookStateViews {
    return this.v;
  }

  staging(): BookBatch {
    return this.st;
  }

  run(start: number, end: number, external: BookBatch | null): number {
    const v = this.v;
    const b = external ?? this.st;
    return bookSubmitBatch(v.ordSide, v.ordPrice, v.ordQty, v.ordSize, v.heapPos, v.bidHeap, v.askHeap, v.meta, this.cap,
      b.op, b.side, b.handle, b.quantityKwh, b.pricePerKwh, start, end, v.events, v.events.length / STRIDE);
  }

  newBatch(n: number): BookBatch {
    return newBatch(n);
  }

  owns(): boolean {
    return true;
  }

  resize(capacity: number, eventCapacity: number, batchCapacity: number): void {
    const old = this.v;
    const v: BookStateViews = {
      ordSide: new Int32Array(capacity),
      ordPrice: new Float64Array(capacity),
      ordQty: new Float64Array(capacity),
      ordSize: new Float64Array(capacity),
      heapPos: new Int32Array(capacity).fill(-1),
      bidHeap: new Float64Array(3 * capacity),
      askHeap: new Float64Array(3 * capacity),
      meta: new Float64Array(BOOK_META_LENGTH),
      events: new Float64Array(BOOK_EVENT_STRIDE * eventCapacity),
    };
    if (old) copyState(old, v);
    this.v = v;
    this.cap = capacity;
    if (!this.st || this.st.op.length !== batchCapacity) this.st = newBatch(batchCapacity);
  }
}

class WasmStorage implements Storage {
  private readonly exports: ContinuousKernelExports;
  private readonly arena: Arena;
  private ptr = { ordSide: 0, ordPrice: 0, ordQty: 0, ordSize: 0, heapPos: 0, bidHeap: 0, askHeap: 0, meta: 0, events: 0 };
  private inPtr = { op: 0, side: 0, handle: 0, quantityKwh: 0, pricePerKwh: 0 };
  private cap = 0;
  private evCap = 0;
  private batchCap = 0;
  private v!: BookStateViews;
  private st!: BookBatch;

  constructor() {
    const m = newContinuousKernelInstance();
    this.exports = m.exports;
    this.arena = m.arena;
  }

  // Only resize() allocates (and may grow the memory, detaching views), and it refreshes the views; the kernel never
  // allocates and the instance belongs to this book alone, so the views stay valid between resizes.
  views(): BookStateViews {
    return this.v;
  }

  staging(): BookBatch {
    return this.st;
  }

  run(start: number, end: number, external: BookBatch | null): number {
    const p = this.ptr;
    if (external) {
      // A batch from newBatch(): its arrays live in this module's memory, so their byte offsets are the pointers.
      return this.exports.bookSubmitBatch(p.ordSide, p.ordPrice, p.ordQty, p.ordSize, p.heapPos, p.bidHeap, p.askHeap, p.meta,
        this.cap, external.op.byteOffset, external.side.byteOffset, external.handle.byteOffset,
        external.quantityKwh.byteOffset, external.pricePerKwh.byteOffset, start, end, p.events, this.evCap);
    }
    const q = this.inPtr;
    return this.exports.bookSubmitBatch(p.ordSide, p.ordPrice, p.ordQty, p.ordSize, p.heapPos, p.bidHeap, p.askHeap, p.meta,
      this.cap, q.op, q.side, q.handle, q.quantityKwh, q.pricePerKwh, start, end, p.events, this.evCap);
  }

  newBatch(n: number): BookBatch {
    const a = this.arena;
    const ptr = [a.allocI32(n), a.allocI32(n), a.allocI32(n), a.allocF64(n), a.allocF64(n)];
    // The allocation may have grown the memory: refresh the state views first.
    this.refresh();
    return { op: a.i32(ptr[0]!, n), side: a.i32(ptr[1]!, n), handle: a.i32(ptr[2]!, n), quantityKwh: a.f64(ptr[3]!, n), pricePerKwh: a.f64(ptr[4]!, n) };
  }

  owns(batch: BookBatch): boolean {
    const buf = this.arena.memory.buffer;
    return batch.op.buffer === buf && batch.side.buffer === buf && batch.handle.buffer === buf &&
      batch.quantityKwh.buffer === buf && batch.pricePerKwh.buffer === buf;
  }

  resize(capacity: number, eventCapacity: number, batchCapacity: number): void {
    const old = this.cap > 0 ? snapshotViews(this.views()) : null;
    const a = this.arena;
    // The old blocks are abandoned (the arena only bumps); growth is geometric, so at most half is wasted.
    this.ptr = {
      ordSide: a.allocI32(capacity),
      ordPrice: a.allocF64(capacity),
      ordQty: a.allocF64(capacity),
      ordSize: a.allocF64(capacity),
      heapPos: a.allocI32(capacity),
      bidHeap: a.allocF64(3 * capacity),
      askHeap: a.allocF64(3 * capacity),
      meta: a.allocF64(BOOK_META_LENGTH),
      events: a.allocF64(BOOK_EVENT_STRIDE * eventCapacity),
    };
    if (batchCapacity !== this.batchCap) {
      this.inPtr = {
        op: a.allocI32(batchCapacity),
        side: a.allocI32(batchCapacity),
        handle: a.allocI32(batchCapacity),
        quantityKwh: a.allocF64(batchCapacity),
        pricePerKwh: a.allocF64(batchCapacity),
      };
    }
    this.cap = capacity;
    this.evCap = eventCapacity;
    this.batchCap = batchCapacity;
    this.refresh();
    const v = this.v;
    v.ordSide.fill(0);
    v.ordPrice.fill(0);
    v.ordQty.fill(0);
    v.ordSize.fill(0);
    v.heapPos.fill(-1);
    v.meta.fill(0);
    if (old) copyState(old, v);
  }

  private refresh(): void {
    const a = this.arena;
    const p = this.ptr;
    const c = this.cap;
    this.v = {
      ordSide: a.i32(p.ordSide, c),
      ordPrice: a.f64(p.ordPrice, c),
      ordQty: a.f64(p.ordQty, c),
      ordSize: a.f64(p.ordSize, c),
      heapPos: a.i32(p.heapPos, c),
      bidHeap: a.f64(p.bidHeap, 3 * c),
      askHeap: a.f64(p.askHeap, 3 * c),
      meta: a.f64(p.meta, BOOK_META_LENGTH),
      events: a.f64(p.events, BOOK_EVENT_STRIDE * this.evCap),
    };
    const q = this.inPtr;
    const b = this.batchCap;
    this.st = {
      op: a.i32(q.op, b),
      side: a.i32(q.side, b),
      handle: a.i32(q.handle, b),
      quantityKwh: a.f64(q.quantityKwh, b),
      pricePerKwh: a.f64(q.pricePerKwh, b),
    };
  }
}

function newBatch(n: number): BookBatch {
  return {
    op: new Int32Array(n),
    side: new Int32Array(n),
    handle: new Int32Array(n),
    quantityKwh: new Float64Array(n),
    pricePerKwh: new Float64Array(n),
  };
}

function snapshotViews(v: BookStateViews): BookStateViews {
  return {
    ordSide: v.ordSide.slice(),
    ordPrice: v.ordPrice.slice(),
    ordQty: v.ordQty.slice(),
    ordSize: v.ordSize.slice(),
    heapPos: v.heapPos.slice(),
    bidHeap: v.bidHeap.slice(),
    askHeap: v.askHeap.slice(),
    meta: v.meta.slice(),
    events: v.events.slice(0, 0),
  };
}

function copyState(from: BookStateViews, to: BookStateViews): void {
  to.ordSide.set(from.ordSide);
  to.ordPrice.set(from.ordPrice);
  to.ordQty.set(from.ordQty);
  to.ordSize.set(from.ordSize);
  to.heapPos.set(from.heapPos);
  const bids = from.meta[BOOK_META.bids]!;
  const asks = from.meta[BOOK_META.asks]!;
  to.bidHeap.set(from.bidHeap.subarray(0, 3 * bids));
  to.askHeap.set(from.askHeap.subarray(0, 3 * asks));
  to.meta.set(from.meta);
}
