/**
 * The order book matching kernel, pure-TypeScript twin of assembly/market/order-book.ts: same name, same arguments
 * (typed arrays for pointers), same statuses, same operations in the same order, so the two engines produce
 * identical event logs and book states.
 *
 * State layout (shared by both engines, capacity C integer handles):
 *   ordSide Int32Array(C)  0 buy / 1 sell of a resting order
 *   ordPrice Float64Array(C) limit price, currency/kWh
 *   ordQty Float64Array(C)  remaining kWh (0 once filled, cancelled or expired)
 *   ordSize Float64Array(C) submitted kWh of a resting order (the reference of the dust rule)
 *   heapPos Int32Array(C)   position in its side's heap, −1 when not resting (initialise to −1)
 *   bidHeap, askHeap Float64Array(3C)  binary min-heaps of [key, seq, handle]; key = −price for bids, price for asks
 *   meta Float64Array(8)    [bids, asks, next seq, event count, processed, 1 + paused op index, its remainder, –]
 * Events: Float64Array(6·evCap) of records [type, taker/subject handle, maker handle, kWh, price, input index].
 *
 * Dust rule (the auctions' DUST rule of ../auctions/efficient-cross.ts, applied per order): a remainder at or below
 * BOOK_DUST × the order's submitted quantity counts as used up, so floating-point dust (0.3 − 0.1 − 0.2 leaves
 * 2.8e-17 kWh) never rests, trades or expires. A maker left with dust leaves the book (the trade is the taker's
 * quantity); a taker left with dust neither rests nor expires. No trade exceeds either order's remaining quantity.
 */
import { KernelStatus } from '../../status.js';

/** Operation codes of a batch. */
export const BOOK_OP = { limit: 0, market: 1, cancel: 2 } as const;
/** Event type codes written by the kernel. */
export const BOOK_EVENT = { trade: 0, expired: 1, cancelled: 2, cancelRejected: 3, rejected: 4 } as const;
/** Reason codes of a 'rejected' event (kWh slot). */
export const BOOK_REJECT_REASON = { handleOutOfRange: 1, badOpOrSide: 2, handleBusy: 3, badQuantity: 4, badPrice: 5 } as const;
/** Meta slot indices. */
export const BOOK_META = { bids: 0, asks: 1, seq: 2, events: 3, processed: 4, pending: 5, pendingQty: 6 } as const;
/** Number of f64 meta slots. */
export const BOOK_META_LENGTH = 8;
/** Remainders at or below this fraction of the order's submitted quantity count as used up (kWh/kWh). */
export const BOOK_DUST = 1e-9;
/** f64 slots per event record. */
export const BOOK_EVENT_STRIDE = 6;

// Writes the entry (key, seq, handle) at heap position pos and records the position in the handle index.
function place(heap: Float64Array, heapPos: Int32Array, pos: number, key: number, seq: number, h: number): void {
  const c = pos * 3;
  heap[c] = key;
  heap[c + 1] = seq;
  heap[c + 2] = h;
  heapPos[h] = pos;
}

// Places the entry (key, seq, h) at pos or above it, moving worse parents down.
function siftUp(heap: Float64Array, heapPos: Int32Array, pos: number, key: number, seq: number, h: number): void {
  while (pos > 0) {
    const parent = (pos - 1) >> 1;
    const b = parent * 3;
    const pk = heap[b]!;
    const ps = heap[b + 1]!;
    if (pk < key || (pk === key && ps < seq)) break;
    place(heap, heapPos, pos, pk, ps, heap[b + 2]!);
    pos = parent;
  }
  place(heap, heapPos, pos, key, seq, h);
}

function siftDown(heap: Float64Array, heapPos: Int32Array, pos: number, count: number): void {
  const a = pos * 3;
  const key = heap[a]!;
  const seq = heap[a + 1]!;
  const h = heap[a + 2]!;
  for (;;) {
    const left = 2 * pos + 1;
    if (left >= count) break;
    // Same choice of the better child as the kernel (which does it branch-free with wasm `select`).
    const l = left * 3;
    const lk = heap[l]!;
    const ls = heap[l + 1]!;
    const right = left + 1;
    const r = right < count ? right * 3 : l;
    const rk = heap[r]!;
    const rs = heap[r + 1]!;
    const takeRight = right < count && (rk < lk || (rk === lk && rs < ls));
    const child = takeRight ? right : left;
    const b = takeRight ? r : l;
    const ck = takeRight ? rk : lk;
    const cs = takeRight ? rs : ls;
    if (key < ck || (key === ck && seq < cs)) break;
    place(heap, heapPos, pos, ck, cs, heap[b + 2]!);
    pos = child;
  }
  place(heap, heapPos, pos, key, seq, h);
}

// Removes the entry at pos (returns the new count): the last entry takes its place and moves up or down.
function removeAt(heap: Float64Array, heapPos: Int32Array, pos: number, count: number): number {
  const last = count - 1;
  heapPos[heap[pos * 3 + 2]!] = -1;
  if (pos !== last) {
    const b = last * 3;
    const k = heap[b]!;
    const s = heap[b + 1]!;
    const h = heap[b + 2]!;
    if (pos > 0) {
      const p = ((pos - 1) >> 1) * 3;
      const pk = heap[p]!;
      if (k < pk || (k === pk && s < heap[p + 1]!)) {
        siftUp(heap, heapPos, pos, k, s, h);
        return last;
      }
    }
    place(heap, heapPos, pos, k, s, h);
    siftDown(heap, heapPos, pos, last);
  }
  return last;
}

function emit(ev: Float64Array, k: number, type: number, a: number, b: number, q: number, p: number, input: number): void {
  const e = k * 6;
  ev[e] = type;
  ev[e + 1] = a;
  ev[e + 2] = b;
  ev[e + 3] = q;
  ev[e + 4] = p;
  ev[e + 5] = input;
}

/**
 * TS twin of the kernel: processes inputs start ≤ i < end (op, side, handle, quantity kWh, limit price
 * currency/kWh) against the book state and appends events; see assembly/market/order-book.ts for the contract.
 */
export function bookSubmitBatch(
  ordSide: Int32Array, ordPrice: Float64Array, ordQty: Float64Array, ordSize: Float64Array, heapPos: Int32Array,
  bidHeap: Float64Array, askHeap: Float64Array, meta: Float64Array, capacity: number,
  inOp: Int32Array, inSide: Int32Array, inHandle: Int32Array, inQty: Float64Array, inPrice: Float64Array,
  start: number, end: number, ev: Float64Array, evCap: number,
): number {
  let bids = meta[0]! | 0;
  let asks = meta[1]! | 0;
  let seq = meta[2]!;
  let k = meta[3]! | 0;
  let pending = meta[5]! | 0;
  let pendingQty = meta[6]!;
  let paused = false;
  let status: number = KernelStatus.OK;
  let i = start;
  for (; i < end; i++) {
    const op = inOp[i]!;
    const side = inSide[i]!;
    const h = inHandle[i]!;
    if (k + 2 > evCap) {
      if (k === 0) status = KernelStatus.WORKSPACE_TOO_SMALL;
      break;
    }
    if (h < 0 || h >= capacity) {
      emit(ev, k++, 4, h, -1, 1, 0, i);
      continue;
    }
    if (op === 2) {
      const pos = heapPos[h]!;
      if (pos < 0) {
        emit(ev, k++, 3, h, -1, 0, 0, i);
        continue;
      }
      const q = ordQty[h]!;
      if (ordSide[h] === 0) bids = removeAt(bidHeap, heapPos, pos, bids);
      else asks = removeAt(askHeap, heapPos, pos, asks);
      ordQty[h] = 0;
      emit(ev, k++, 2, h, -1, q, ordPrice[h]!, i);
      continue;
    }
    const q0 = inQty[i]!;
    let q = q0;
    const price = inPrice[i]!;
    if (pending === i + 1) {
      q = pendingQty;
      pending = 0;
    }
    if (op < 0 || op > 1 || side < 0 || side > 1) {
      emit(ev, k++, 4, h, -1, 2, 0, i);
      continue;
    }
    if (heapPos[h]! >= 0) {
      emit(ev, k++, 4, h, -1, 3, 0, i);
      continue;
    }
    if (!(q > 0 && q < Infinity)) {
      emit(ev, k++, 4, h, -1, 4, 0, i);
      continue;
    }
    if (op === 0 && !(price - price === 0)) {
      emit(ev, k++, 4, h, -1, 5, 0, i);
      continue;
    }
    const limitKey = op === 1 ? Infinity : side === 0 ? price : -price;
    const oppHeap = side === 0 ? askHeap : bidHeap;
    let oppCount = side === 0 ? asks : bids;
    while (q > 0 && oppCount > 0) {
      if (oppHeap[0]! > limitKey) break;
      if (k + 2 > evCap) {
        pending = i + 1;
        pendingQty = q;
        paused = true;
        break;
      }
      const maker = oppHeap[2]!;
      const mq = ordQty[maker]!;
      const mp = ordPrice[maker]!;
      if (q < mq) {
        emit(ev, k++, 0, h, maker, q, mp, i);
        const rest = mq - q;
        q = 0;
        if (rest > BOOK_DUST * ordSize[maker]!) {
          ordQty[maker] = rest;
          continue;
        }
      } else {
        emit(ev, k++, 0, h, maker, mq, mp, i);
        q = q - mq;
        if (q <= BOOK_DUST * q0) q = 0;
      }
      ordQty[maker] = 0;
      oppCount = removeAt(oppHeap, heapPos, 0, oppCount);
    }
    if (side === 0) asks = oppCount;
    else bids = oppCount;
    if (paused) break;
    if (q > 0) {
      if (op === 1) {
        emit(ev, k++, 1, h, -1, q, 0, i);
        ordQty[h] = 0;
      } else {
        ordSide[h] = side;
        ordPrice[h] = price;
        ordQty[h] = q;
        ordSize[h] = q0;
        if (side === 0) siftUp(bidHeap, heapPos, bids++, -price, seq, h);
        else siftUp(askHeap, heapPos, asks++, price, seq, h);
        seq += 1;
      }
    } else {
      ordQty[h] = 0;
    }
  }
  meta[0] = bids;
  meta[1] = asks;
  meta[2] = seq;
  meta[3] = k;
  meta[4] = i;
  meta[5] = pending;
  meta[6] = pendingQty;
  return status;
}
