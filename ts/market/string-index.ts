import { StringHashTable } from '../data-structures/string-hash-table.js';

/**
 * Dense numbering of strings in order of first appearance, in O(n) with the typed-array open-addressing table of
 * ts/data-structures/string-hash-table.ts. A JS Set or Map of 1e6 distinct, non-internalized id
 * strings costs 0.2-3 s on the loaded project machine; this takes tens of ms, and validation and MUDA's split run
 * on every clear of a million-order book.
 */
export interface StringIndex {
  /** For each input position, the number of its string (0, 1, … in order of first appearance). */
  index: Int32Array;
  /** Number of distinct strings. */
  count: number;
  /** Position of the first string that repeats an earlier one, or -1. */
  firstRepeat: number;
}

/** Numbers the strings key(0) … key(n−1) by first appearance. */
export function indexStrings(n: number, key: (i: number) => string): StringIndex {
  // Entries are input positions: the first position of each distinct string.
  const table = new StringHashTable(n, key);
  const index = new Int32Array(n);
  let count = 0;
  let firstRepeat = -1;
  for (let i = 0; i < n; i++) {
    const first = table.insert(key(i), i);
    if (first < 0) index[i] = count++;
    else {
      index[i] = index[first]!;
      if (firstRepeat < 0) firstRepeat = i;
    }
  }
  return { index, count, firstRepeat };
}

/**
 * Dense numbering of integers in order of first appearance (the integer counterpart of indexStrings, same result
 * shape), with an open-addressing hash table over typed arrays. Values must be integers that fit in an f64.
 */
export function indexIntegers(values: ArrayLike<number>): StringIndex {
  const n = values.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slot = new Int32Array(size); // 1 + position of the first value stored there, 0 = empty
  const index = new Int32Array(n);
  let count = 0;
  let firstRepeat = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // Mix the low and high 32 bits so indices and large ids both spread over the table.
    let h = Math.imul((v | 0) ^ ((v / 4294967296) | 0), 0x9e3779b1);
    h ^= h >>> 15;
    let at = h & mask;
    for (;;) {
      const k = slot[at];
      if (k === 0) {
        slot[at] = i + 1;
        index[i] = count++;
        break;
      }
      if (values[k - 1] === v) {
        index[i] = index[k - 1];
        if (firstRepeat < 0) firstRepeat = i;
        break;
      }
      at = (at + 1) & mask;
    }
  }
  return { index, count, firstRepeat };
}
