/**
 * A string → entry table without per-string JS allocation: open addressing over one typed array (FNV-1a over UTF-16
 * code units, linear probing). The strings stay where the caller keeps them and are read back through `key(entry)`.
 * A JS Set or Map of 1e6 distinct, non-internalized id strings costs 0.2-3 s plus old-space GC on the loaded project
 * machine; this takes tens of ms. Used by the market's indexStrings and the network's IdTable (a neutral module, so
 * neither layer depends on the other).
 */
export class StringHashTable {
  private readonly mask: number;
  /**
   * Slot a: table[2a] = 1 + entry stored there (0 = empty), table[2a + 1] = its hash: one cache line per probe (two
   * separate arrays cost two misses per string, 2-3x slower at 1e6 ids).
   */
  private readonly table: Int32Array;

  /**
   * @param capacity the most strings that will be stored: the table (at least 2 × capacity slots) never grows, and
   *   a full table would probe forever, so callers keep count and refuse more
   * @param key the string stored under an entry (entries are non-negative integers chosen by the caller)
   */
  constructor(
    capacity: number,
    private readonly key: (entry: number) => string,
  ) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(2 * size);
  }

  /**
   * Stores `s` under `entry` (the caller must make `key(entry)` return `s`) and returns −1, or returns the entry
   * already stored for `s` (nothing is stored then).
   */
  insert(s: string, entry: number): number {
    const h = fnv1a(s);
    const { table, mask } = this;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const k = table[2 * at]!;
      if (k === 0) {
        table[2 * at] = entry + 1;
        table[2 * at + 1] = h;
        return -1;
      }
      if (table[2 * at + 1] === h && this.key(k - 1) === s) return k - 1;
    }
  }

  /** The entry stored for `s`, or −1 when absent. */
  find(s: string): number {
    const h = fnv1a(s);
    const { table, mask } = this;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const k = table[2 * at]!;
      if (k === 0) return -1;
      if (table[2 * at + 1] === h && this.key(k - 1) === s) return k - 1;
    }
  }
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units, as a signed int32 (the empty string gives the offset basis). */
export function fnv1a(s: string): number {
  let h = 2166136261;
  for (let c = 0; c < s.length; c++) h = Math.imul(h ^ s.charCodeAt(c), 16777619);
  return h | 0;
}
