// Stable ascending sort of f64 keys, returning the permutation (LSD radix sort on the order-preserving u64 image
// of each f64; stack-notes §3: ~10 ms for 1e6 keys, 8-9x the JS built-in). Ties keep index order, so the result is
// the unique stable permutation and the TS twin (ts/market/auctions/radix-sort.ts) gives the same one.
// -0 is sorted as +0. NaN is never passed (validation rejects it).
import { OK, INVALID_INPUT } from '../status';
import { ldf, stf, ldi, sti, ldu, stu } from './memory-access';

/** Below this size a stable insertion sort is faster than clearing 6 histograms. */
const SMALL_N: i32 = 48;
const BUCKETS: i32 = 2048;

/** Byte offset of the histograms in the workspace of n keys. */
@inline function histOffset(n: i32): usize { return (<usize>n << 4) + ((<usize>n * 4 + 7) & ~(<usize>7)); }

/** Bytes of workspace sortAscendingF64 needs for n keys. */
export function sortWorkspaceBytes(n: i32): i32 { return <i32>histOffset(n) + 6 * BUCKETS * 4; }

/** Digit d (0..5) of the key (lo, hi): 11, 11, 10 bits of each 32-bit half. */
@inline function digitOf(lo: u32, hi: u32, d: i32): u32 {
  const w = d < 3 ? lo : hi;
  const r = d % 3;
  return (w >> (<u32>r * 11)) & (r == 2 ? <u32>1023 : <u32>2047);
}

/**
 * Writes into `order` the indices 0..n-1 sorted by ascending key, ties by ascending index.
 * keys: f64[n]; order: i32[n] (output); work: sortWorkspaceBytes(n) bytes. Returns a status.
 */
export function sortAscendingF64(keys: usize, n: i32, order: usize, work: usize): i32 {
  if (n < 0) return INVALID_INPUT;
  if (n <= SMALL_N) {
    for (let i = 0; i < n; i++) {
      const x = ldf(keys, i);
      let j = i - 1;
      // Strict comparison keeps equal keys in index order (stable); -0 == +0 here as in the radix path.
      while (j >= 0 && ldf(keys, ldi(order, j)) > x) { sti(order, j + 1, ldi(order, j)); j--; }
      sti(order, j + 1, i);
    }
    return OK;
  }
  const keyA = work;
  const keyB = work + (<usize>n << 3);
  const idxB = work + (<usize>n << 4);
  const hist = work + histOffset(n);
  memory.fill(hist, 0, 6 * BUCKETS * 4);
  for (let i = 0; i < n; i++) {
    let x = ldf(keys, i);
    if (x == 0) x = 0;
    let b = reinterpret<u64>(x);
    b = (b >> 63) != 0 ? ~b : b | 0x8000000000000000;
    store<u64>(keyA + (<usize>i << 3), b);
    sti(order, i, i);
    const lo = <u32>b;
    const hi = <u32>(b >> 32);
    for (let d = 0; d < 6; d++) {
      const h = hist + ((<usize>(d * BUCKETS) + <usize>digitOf(lo, hi, d)) << 2);
      store<u32>(h, load<u32>(h) + 1);
    }
  }
  let srcK = keyA, dstK = keyB, srcI = order, dstI = idxB;
  for (let d = 0; d < 6; d++) {
    const hd = hist + (<usize>(d * BUCKETS) << 2);
    const k0 = load<u64>(srcK);
    // A pass where every key has the same digit would copy without reordering: skip it.
    if (<i32>ldu(hd, <i32>digitOf(<u32>k0, <u32>(k0 >> 32), d)) == n) continue;
    let sum: u32 = 0;
    for (let c = 0; c < BUCKETS; c++) { const t = ldu(hd, c); stu(hd, c, sum); sum += t; }
    for (let i = 0; i < n; i++) {
      const k = load<u64>(srcK + (<usize>i << 3));
      const c = <i32>digitOf(<u32>k, <u32>(k >> 32), d);
      const pos = <i32>ldu(hd, c);
      stu(hd, c, <u32>pos + 1);
      store<u64>(dstK + (<usize>pos << 3), k);
      sti(dstI, pos, ldi(srcI, i));
    }
    const tk = srcK; srcK = dstK; dstK = tk;
    const ti = srcI; srcI = dstI; dstI = ti;
  }
  if (srcI != order) memory.copy(order, srcI, <usize>n << 2);
  return OK;
}

/**
 * Writes -src[i] into dst[i] for n f64 values, -0 as +0: bids negated so that the ascending sort orders them
 * descending (ties still by index). Runs here rather than in JS so a WASM clear touches the bids once in JS.
 */
export function negateKeys(src: usize, dst: usize, n: i32): i32 {
  if (n < 0) return INVALID_INPUT;
  for (let i = 0; i < n; i++) {
    const x = -ldf(src, i);
    stf(dst, i, x == 0 ? 0 : x);
  }
  return OK;
}
