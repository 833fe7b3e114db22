/**
 * A string → dense row table for validating large networks: open addressing over one typed array (FNV-1a over
 * UTF-16 code units, linear probing), no per-id JS allocation — the ids stay where the caller keeps them and are read
 * back through `key(row)`. A JS Set/Map of a million ids costs 0.3-1 s plus old-space GC on the loaded project
 * machine; this is several times less. Same technique as ts/market/string-index.ts (kept separate so the network
 * layer does not depend on the market layer).
 */
export class IdTable {
  private readonly mask: number;
  /** Slot a: table[2a] = 1 + row of the id stored there (0 = empty), table[2a + 1] = its hash. */
  private readonly table: Int32Array;
  private readonly capacity: number;
  private count = 0;

  /**
   * @param capacity the number of ids that will be added (the table never grows)
   * @param key the id of an already added row (rows are numbered 0, 1, … in order of `add`)
   */
  constructor(capacity: number, private readonly key: (row: number) => string) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.mask = size - 1;
    this.capacity = capacity;
    this.table = new Int32Array(2 * size);
  }

  /** Number of ids added. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds `id` as row `size` (the caller must make `key(size)` return it) and returns that row, or returns
   * −1 − (existing row) when `id` is already present (nothing is added then).
   */
  add(id: string): number {
    const h = hash(id);
    const { table, mask } = this;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const k = table[2 * at]!;
      if (k === 0) {
        if (this.count >= this.capacity) throw new RangeError(`IdTable: more than ${this.capacity} ids`);
        table[2 * at] = ++this.count;
        table[2 * at + 1] = h;
        return this.count - 1;
      }
      if (table[2 * at + 1] === h && this.key(k - 1) === id) return -k;
    }
  }

  /** The row of `id`, or −1 when absent. */
  get(id: string): number {
    const h = hash(id);
    const { table, mask } = this;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const k = table[2 * at]!;
      if (k === 0) return -1;
      if (table[2 * at + 1] === h && this.key(k - 1) === id) return k - 1;
    }
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let c = 0; c < s.length; c++) h = Math.imul(h ^ s.charCodeAt(c), 16777619);
  return h | 0;
}

/**
 * Defines `target[field]` as an id → row Map over rows 0 … n−1 built on first read (then a plain data property). Compiling a
 * million-bus network no longer pays ~0.4 s and a GC cycle for a Map most callers never read; the ids must already
 * be known to be unique.
 */
export function defineLazyIdMap<K>(target: object, field: string, n: number, idOf: (row: number) => K): void {
  Object.defineProperty(target, field, {
    enumerable: true,
    configurable: true,
    get(this: object): Map<K, number> {
      const m = new Map<K, number>();
      for (let i = 0; i < n; i++) m.set(idOf(i), i);
      Object.defineProperty(this, field, { value: m, enumerable: true, configurable: true, writable: true });
      return m;
    },
    set(this: object, value: unknown): void {
      Object.defineProperty(this, field, { value, enumerable: true, configurable: true, writable: true });
    },
  });
}
