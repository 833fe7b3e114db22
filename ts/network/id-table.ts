import { StringHashTable } from '../data-structures/string-hash-table.js';
import { defineLazyProperty } from '../lazy-property.js';

/**
 * A string → dense row table for validating large networks, with no per-id JS allocation: the ids stay where the
 * caller keeps them and are read back through `key(row)` (the shared StringHashTable with entry = row). A JS Set/Map
 * of a million ids costs 0.3-1 s plus old-space GC on the loaded project machine; this is several times less.
 */
export class IdTable {
  private readonly table: StringHashTable;
  private count = 0;

  /**
   * @param capacity the number of ids that will be added (the table never grows)
   * @param key the id of an already added row (rows are numbered 0, 1, … in order of `add`)
   */
  constructor(
    private readonly capacity: number,
    key: (row: number) => string,
  ) {
    this.table = new StringHashTable(capacity, key);
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
    if (this.count >= this.capacity) {
      const row = this.table.find(id);
      if (row >= 0) return -1 - row;
      throw new RangeError(`IdTable: more than ${this.capacity} ids`);
    }
    const existing = this.table.insert(id, this.count);
    return existing < 0 ? this.count++ : -1 - existing;
  }

  /** The row of `id`, or −1 when absent. */
  get(id: string): number {
    return this.table.find(id);
  }
}

/**
 * Defines `target[field]` as an id → row Map over rows 0 … n−1 built on first read (then a plain data property). Compiling a
 * million-bus network no longer pays ~0.4 s and a GC cycle for a Map most callers never read; the ids must already
 * be known to be unique.
 */
export function defineLazyIdMap<K>(target: object, field: string, n: number, idOf: (row: number) => K): void {
  defineLazyProperty(target, field, () => {
    const m = new Map<K, number>();
    for (let i = 0; i < n; i++) m.set(idOf(i), i);
    return m;
  });
}
