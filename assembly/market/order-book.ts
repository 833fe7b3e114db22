// Continuous double auction order book: the matching engine. Price-time priority over two binary min-heaps of
// resting limit orders (bids keyed by −price, asks by price; ties by arrival sequence), preallocated by the caller
// for `capacity` integer order handles. An incoming order first matches against the opposite heap while it crosses,
// trading at the resting (maker) order's price, then a limit remainder rests and a market remainder expires (and is
// reported). Cancel removes the order from the middle of its heap in O(log n) through a handle → heap position
// index (no lazy deletion, so handles are free for reuse as soon as an order leaves the book).
// The TS twin is ts/market/continuous/order-book-baseline.ts; both must perform the same operations in the same
// order, so that the two engines produce identical event logs.
// Dust rule (the auctions' rule of assembly/market/efficient-cross.ts, applied per order): a remainder at or below
// BOOK_DUST × the order's submitted quantity (ordSize for a resting maker, the input quantity for the taker) counts
// as used up. Repeated subtraction leaves rounding dust (0.3 − 0.1 − 0.2 = 2.8e-17 kWh) that would otherwise rest,
// trade as a dust trade or expire as a dust remainder. A maker left with dust leaves the book (the trade is the
// taker's quantity); a taker left with dust neither rests nor expires. No trade ever exceeds either order's
// remaining quantity.
import { OK, WORKSPACE_TOO_SMALL } from '../status';

/** Remainders at or below this fraction of the order's submitted quantity count as used up. */
export const BOOK_DUST: f64 = 1e-9;

// Operation codes of the input batch.
const OP_LIMIT: i32 = 0;
const OP_MARKET: i32 = 1;
const OP_CANCEL: i32 = 2;

// Event types (f64 slot 0 of each 6-slot event record: type, taker/subject handle, maker handle, kWh, price, input).
const EV_TRADE: f64 = 0;
const EV_EXPIRED: f64 = 1;
const EV_CANCELLED: f64 = 2;
const EV_CANCEL_REJECTED: f64 = 3;
const EV_REJECTED: f64 = 4;

// Meta slots (f64).
const M_BIDS: i32 = 0;
const M_ASKS: i32 = 1;
const M_SEQ: i32 = 2;
const M_EVENTS: i32 = 3;
const M_PROCESSED: i32 = 4;
const M_PENDING: i32 = 5; // 1 + index of an operation paused mid-match (0: none)
const M_PENDING_QTY: i32 = 6; // its remaining kWh

@inline function ldf(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function stf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline function ldi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function sti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }

// Heap entry e lives at heap + e·24: key f64, seq f64, handle f64.
@inline function entry(heap: usize, pos: i32): usize { return heap + <usize>pos * 24; }

// Writes the entry (key, seq, handle) at heap position pos and records the position in the handle index.
@inline function place(heap: usize, heapPos: usize, pos: i32, key: f64, seq: f64, h: f64): void {
  const c = entry(heap, pos);
  store<f64>(c, key);
  store<f64>(c, seq, 8);
  store<f64>(c, h, 16);
  sti(heapPos, <i32>h, pos);
}

// Places the entry (key, seq, h) at pos or above it, moving worse parents down.
function siftUp(heap: usize, heapPos: usize, pos: i32, key: f64, seq: f64, h: f64): void {
  while (pos > 0) {
    const parent = (pos - 1) >> 1;
    const b = entry(heap, parent);
    const pk = load<f64>(b);
    const ps = load<f64>(b, 8);
    if (pk < key || (pk == key && ps < seq)) break;
    place(heap, heapPos, pos, pk, ps, load<f64>(b, 16));
    pos = parent;
  }
  place(heap, heapPos, pos, key, seq, h);
}

function siftDown(heap: usize, heapPos: usize, pos: i32, count: i32): void {
  const a = entry(heap, pos);
  const key = load<f64>(a);
  const seq = load<f64>(a, 8);
  const h = load<f64>(a, 16);
  while (true) {
    const left = 2 * pos + 1;
    if (left >= count) break;
    // Branch-free choice of the better child (wasm `select`): which child wins is data-dependent and unpredictable,
    // so a branch here mispredicts about half the time. A missing right child is replaced by the left one.
    const l = entry(heap, left);
    const lk = load<f64>(l);
    const ls = load<f64>(l, 8);
    const right = left + 1;
    const inRange = right < count;
    const r = entry(heap, inRange ? right : left);
    const rk = load<f64>(r);
    const rs = load<f64>(r, 8);
    const takeRight = inRange & ((rk < lk) | ((rk == lk) & (rs < ls)));
    // Select only integers (an f64 select may compile to a branch); reload the winner's key and seq from L1.
    const child = select<i32>(right, left, takeRight);
    const b = entry(heap, child);
    const ck = load<f64>(b);
    const cs = load<f64>(b, 8);
    if (key < ck || (key == ck && seq < cs)) break;
    place(heap, heapPos, pos, ck, cs, load<f64>(b, 16));
    pos = child;
  }
  place(heap, heapPos, pos, key, seq, h);
}

// Removes the entry at pos from a heap of `count` entries (returns the new count): the last entry takes its place
// and moves up or down.
function removeAt(heap: usize, heapPos: usize, pos: i32, count: i32): i32 {
  const last = count - 1;
  sti(heapPos, <i32>load<f64>(entry(heap, pos), 16), -1);
  if (pos != last) {
    const b = entry(heap, last);
    const k = load<f64>(b);
    const s = load<f64>(b, 8);
    const h = load<f64>(b, 16);
    if (pos > 0) {
      const p = entry(heap, (pos - 1) >> 1);
      const pk = load<f64>(p);
      if (k < pk || (k == pk && s < load<f64>(p, 8))) {
        siftUp(heap, heapPos, pos, k, s, h);
        return last;
      }
    }
    place(heap, heapPos, pos, k, s, h);
    siftDown(heap, heapPos, pos, last);
  }
  return last;
}

@inline function emit(ev: usize, k: i32, type: f64, a: i32, b: i32, q: f64, p: f64, input: i32): void {
  const e = ev + <usize>k * 48;
  store<f64>(e, type);
  store<f64>(e, <f64>a, 8);
  store<f64>(e, <f64>b, 16);
  store<f64>(e, q, 24);
  store<f64>(e, p, 32);
  store<f64>(e, <f64>input, 40);
}

/**
 * Processes the input operations start ≤ i < end (op 0 limit, 1 market, 2 cancel; side 0 buy, 1 sell; handle;
 * quantity kWh; limit price currency/kWh) against the book state (ordSize: submitted kWh per resting handle, for
 * the dust rule), appending 6-slot event records to `ev` (up to evCap records). When the event buffer is full it stops with status OK and meta[4] = index of the first
 * unprocessed input; an operation interrupted mid-match keeps its remainder in meta[5..6] and resumes on the next
 * call with the same inputs (the caller drains the events in between). WORKSPACE_TOO_SMALL only if evCap < 2.
 * Invalid operations (handle out of range or busy, non-positive or non-finite quantity, non-finite price, bad op or
 * side) are not applied: they produce a REJECTED event (slot 3 = reason code).
 */
export function bookSubmitBatch(
  ordSide: usize, ordPrice: usize, ordQty: usize, ordSize: usize, heapPos: usize, bidHeap: usize, askHeap: usize,
  meta: usize, capacity: i32,
  inOp: usize, inSide: usize, inHandle: usize, inQty: usize, inPrice: usize, start: i32, end: i32,
  ev: usize, evCap: i32,
): i32 {
  let bids = <i32>ldf(meta, M_BIDS);
  let asks = <i32>ldf(meta, M_ASKS);
  let seq = ldf(meta, M_SEQ);
  let k = <i32>ldf(meta, M_EVENTS);
  let pending = <i32>ldf(meta, M_PENDING);
  let pendingQty = ldf(meta, M_PENDING_QTY);
  let paused = false;
  let status = OK;
  let i = start;
  for (; i < end; i++) {
    const op = ldi(inOp, i);
    const side = ldi(inSide, i);
    const h = ldi(inHandle, i);
    if (k + 2 > evCap) {
      if (k == 0) status = WORKSPACE_TOO_SMALL;
      break;
    }
    if (h < 0 || h >= capacity) {
      emit(ev, k++, EV_REJECTED, h, -1, 1.0, 0.0, i);
      continue;
    }
    if (op == OP_CANCEL) {
      const pos = ldi(heapPos, h);
      if (pos < 0) {
        emit(ev, k++, EV_CANCEL_REJECTED, h, -1, 0.0, 0.0, i);
        continue;
      }
      const q = ldf(ordQty, h);
      if (ldi(ordSide, h) == 0) bids = removeAt(bidHeap, heapPos, pos, bids);
      else asks = removeAt(askHeap, heapPos, pos, asks);
      stf(ordQty, h, 0.0);
      emit(ev, k++, EV_CANCELLED, h, -1, q, ldf(ordPrice, h), i);
      continue;
    }
    const q0 = ldf(inQty, i);
    let q = q0;
    const price = ldf(inPrice, i);
    if (pending == i + 1) {
      q = pendingQty;
      pending = 0;
    }
    if (op < 0 || op > OP_MARKET || side < 0 || side > 1) {
      emit(ev, k++, EV_REJECTED, h, -1, 2.0, 0.0, i);
      continue;
    }
    if (ldi(heapPos, h) >= 0) {
      emit(ev, k++, EV_REJECTED, h, -1, 3.0, 0.0, i);
      continue;
    }
    if (!(q > 0.0 && q < Infinity)) {
      emit(ev, k++, EV_REJECTED, h, -1, 4.0, 0.0, i);
      continue;
    }
    if (op == OP_LIMIT && !(price - price == 0.0)) {
      emit(ev, k++, EV_REJECTED, h, -1, 5.0, 0.0, i);
      continue;
    }
    // Keys: asks by price, bids by −price; an incoming order crosses while the best opposite key ≤ limitKey.
    const limitKey = op == OP_MARKET ? Infinity : (side == 0 ? price : -price);
    const oppHeap = side == 0 ? askHeap : bidHeap;
    let oppCount = side == 0 ? asks : bids;
    while (q > 0.0 && oppCount > 0) {
      const top = oppHeap;
      if (load<f64>(top) > limitKey) break;
      if (k + 2 > evCap) {
        // Out of event room mid-match: remember the remainder and resume this operation on the next call.
        pending = i + 1;
        pendingQty = q;
        paused = true;
        break;
      }
      const maker = <i32>load<f64>(top, 16);
      const mq = ldf(ordQty, maker);
      const mp = ldf(ordPrice, maker);
      if (q < mq) {
        emit(ev, k++, EV_TRADE, h, maker, q, mp, i);
        const rest = mq - q;
        q = 0.0;
        if (rest > BOOK_DUST * ldf(ordSize, maker)) {
          stf(ordQty, maker, rest);
          continue;
        }
      } else {
        emit(ev, k++, EV_TRADE, h, maker, mq, mp, i);
        q = q - mq;
        if (q <= BOOK_DUST * q0) q = 0.0;
      }
      stf(ordQty, maker, 0.0);
      oppCount = removeAt(oppHeap, heapPos, 0, oppCount);
    }
    if (side == 0) asks = oppCount;
    else bids = oppCount;
    if (paused) break;
    if (q > 0.0) {
      if (op == OP_MARKET) {
        emit(ev, k++, EV_EXPIRED, h, -1, q, 0.0, i);
        stf(ordQty, h, 0.0);
      } else {
        sti(ordSide, h, side);
        stf(ordPrice, h, price);
        stf(ordQty, h, q);
        stf(ordSize, h, q0);
        if (side == 0) siftUp(bidHeap, heapPos, bids++, -price, seq, <f64>h);
        else siftUp(askHeap, heapPos, asks++, price, seq, <f64>h);
        seq += 1.0;
      }
    } else {
      stf(ordQty, h, 0.0);
    }
  }
  stf(meta, M_BIDS, <f64>bids);
  stf(meta, M_ASKS, <f64>asks);
  stf(meta, M_SEQ, seq);
  stf(meta, M_EVENTS, <f64>k);
  stf(meta, M_PROCESSED, <f64>i);
  stf(meta, M_PENDING, <f64>pending);
  stf(meta, M_PENDING_QTY, pendingQty);
  return status;
}
