import { describe, expect, it } from 'vitest';
import { IdTable } from '../../ts/network/id-table.js';

describe('IdTable', () => {
  it('numbers ids in order of add, reports repeats as −1 − row, looks up and misses', () => {
    const ids = ['b1', 'b2', '', 'b3'];
    const t = new IdTable(4, (row) => ids[row]!);
    expect([t.add('b1'), t.add('b2'), t.add('b1'), t.add(''), t.add('b2')]).toEqual([0, 1, -1, 2, -2]);
    expect(t.size).toBe(3);
    expect([t.get('b1'), t.get('b2'), t.get(''), t.get('b3')]).toEqual([0, 1, 2, -1]);
  });

  it('refuses a new id beyond its capacity but still answers repeats when full', () => {
    const ids = ['a', 'b'];
    const t = new IdTable(1, (row) => ids[row]!);
    expect(t.add('a')).toBe(0);
    expect(t.add('a')).toBe(-1);
    expect(() => t.add('b')).toThrow(/IdTable: more than 1 ids/);
    expect(t.size).toBe(1);
  });
});
