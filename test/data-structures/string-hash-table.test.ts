import { describe, expect, it } from 'vitest';
import { fnv1a, StringHashTable } from '../../ts/data-structures/string-hash-table.js';

describe('StringHashTable', () => {
  it('stores caller-chosen entries, reports the existing entry on a repeat, finds and misses', () => {
    const s = ['x', 'y', 'x', '', 'y'];
    const t = new StringHashTable(3, (e) => s[e]!);
    expect([0, 1, 2, 3, 4].map((i) => t.insert(s[i]!, i))).toEqual([-1, -1, 0, -1, 1]);
    expect([t.find('x'), t.find('y'), t.find(''), t.find('z')]).toEqual([0, 1, 3, -1]);
  });

  it('hashes with 32-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a('') >>> 0).toBe(0x811c9dc5);
    expect(fnv1a('a') >>> 0).toBe(0xe40c292c);
    expect(fnv1a('foobar') >>> 0).toBe(0xbf9cf968);
  });
});
