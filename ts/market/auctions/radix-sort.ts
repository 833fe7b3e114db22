/**
 * Stable ascending sort of f64 keys, returning the permutation: LSD radix sort on the order-preserving u64 image
 * of each f64 (sign bit set → all bits flipped, else sign bit set), six passes of 11/11/10 bits per 32-bit half,
 * skipping passes where every key shares the digit; stable insertion sort below 49 keys. Ties keep index order,
 * so this twin and the AssemblyScript kernel (assembly/market/radix-sort.ts) return the same unique permutation.
 * -0 sorts as +0; NaN must not be passed (validation rejects it).
 */
import { KernelStatus } from '../../status.js';

const SMALL_N = 48;
const BUCKETS = 2048;

/** Bytes of workspace `sortAscendingF64` needs for n keys (the same layout as the AssemblyScript kernel). */
export function sortWorkspaceBytes(n: number): number {
  return histOffset(n) + 6 * BUCKETS * 4;
}

function histOffset(n: number): number {
  return n * 16 + ((n * 4 + 7) & ~7);
}

/**
 * Writes into `order` the indices 0..n-1 sorted by ascending key, ties by ascending index. `work` is scratch of
 * at least sortWorkspaceBytes(n) bytes, viewed as f64 (its byteOffset must be 8-aligned). Returns a status.
 */
export function sortAscendingF64(keys: Float64Array, n: number, order: Int32Array, work: Float64Array): number {
  if (n < 0) return KernelStatus.INVALID_INPUT;
  if (n <= SMALL_N) {
    for (let i = 0; i < n; i++) {
      const x = keys[i];
      let j = i - 1;
      while (j >= 0 && keys[order[j]] > x) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = i;
    }
    return KernelStatus.OK;
  }
  const buf = work.buffer;
  const off = work.byteOffset;
  const keyAf = new Float64Array(buf, off, n);
  const keyA = new Uint32Array(buf, off, 2 * n);
  const keyB = new Uint32Array(buf, off + n * 8, 2 * n);
  const idxB = new Int32Array(buf, off + n * 16, n);
  const hist = new Uint32Array(buf, off + histOffset(n), 6 * BUCKETS);
  hist.fill(0);
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    keyAf[i] = x === 0 ? 0 : x;
    let lo = keyA[2 * i];
    let hi = keyA[2 * i + 1];
    if (hi >>> 31) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    keyA[2 * i] = lo;
    keyA[2 * i + 1] = hi;
    order[i] = i;
    hist[lo & 2047]++;
    hist[BUCKETS + ((lo >>> 11) & 2047)]++;
    hist[2 * BUCKETS + (lo >>> 22)]++;
    hist[3 * BUCKETS + (hi & 2047)]++;
    hist[4 * BUCKETS + ((hi >>> 11) & 2047)]++;
    hist[5 * BUCKETS + (hi >>> 22)]++;
  }
  let srcK = keyA;
  let dstK = keyB;
  let srcI = order;
  let dstI = idxB;
  for (let d = 0; d < 6; d++) {
    const word = d < 3 ? 0 : 1;
    const shift = (d % 3) * 11;
    const mask = d % 3 === 2 ? 1023 : 2047;
    const base = d * BUCKETS;
    // A pass where every key has the same digit would copy without reordering: skip it.
    if (hist[base + ((srcK[word] >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let c = 0; c < BUCKETS; c++) {
      const t = hist[base + c];
      hist[base + c] = sum;
      sum += t;
    }
    for (let i = 0; i < n; i++) {
      const lo = srcK[2 * i];
      const hi = srcK[2 * i + 1];
      const c = base + (((word === 0 ? lo : hi) >>> shift) & mask);
      const pos = hist[c];
      hist[c] = pos + 1;
      dstK[2 * pos] = lo;
      dstK[2 * pos + 1] = hi;
      dstI[pos] = srcI[i];
    }
    const tk = srcK;
    srcK = dstK;
    dstK = tk;
    const ti = srcI;
    srcI = dstI;
    dstI = ti;
  }
  if (srcI !== order) order.set(srcI.subarray(0, n));
  return KernelStatus.OK;
}

/**
 * Writes -src[i] into dst[i] for n values, -0 as +0: bids negated so that the ascending sort orders them
 * descending (ties still by index). Twin of negateKeys in assembly/market/radix-sort.ts. Returns a status.
 */
export function negateKeys(src: Float64Array, dst: Float64Array, n: number): number {
  if (n < 0) return KernelStatus.INVALID_INPUT;
  for (let i = 0; i < n; i++) {
    const x = -src[i];
    dst[i] = x === 0 ? 0 : x;
  }
  return KernelStatus.OK;
}
