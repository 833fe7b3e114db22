import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { indexIntegers, indexStrings } from '../../ts/market/string-index.js';

describe('indexStrings', () => {
  it('numbers strings by first appearance and finds the first repeat', () => {
    const s = ['a', 'b', 'a', 'c', 'b', ''];
    const r = indexStrings(s.length, (i) => s[i]);
    expect(Array.from(r.index)).toEqual([0, 1, 0, 2, 1, 3]);
    expect(r.count).toBe(4);
    expect(r.firstRepeat).toBe(2);
    expect(indexStrings(0, () => '').firstRepeat).toBe(-1);
  });

  it('agrees with a Map on random strings (including unicode and hash-colliding lengths)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }), (xs) => {
        const seen = new Map<string, number>();
        let firstRepeat = -1;
        const index = xs.map((x, i) => {
          if (!seen.has(x)) seen.set(x, seen.size);
          else if (firstRepeat < 0) firstRepeat = i;
          return seen.get(x)!;
        });
        const r = indexStrings(xs.length, (i) => xs[i]);
        expect(Array.from(r.index)).toEqual(index);
        expect(r.count).toBe(seen.size);
        expect(r.firstRepeat).toBe(firstRepeat);
      }),
      { numRuns: 200, seed: 1 },
    );
  });
});

describe('indexIntegers', () => {
  it('agrees with a Map on random integers (negative, large, -0 equal to 0)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer(), fc.constant(2 ** 40), fc.constant(-0)), { maxLength: 300 }), (xs) => {
        const seen = new Map<number, number>();
        let firstRepeat = -1;
        const index = xs.map((x, i) => {
          const key = x === 0 ? 0 : x;
          if (!seen.has(key)) seen.set(key, seen.size);
          else if (firstRepeat < 0) firstRepeat = i;
          return seen.get(key)!;
        });
        const r = indexIntegers(xs);
        expect(Array.from(r.index)).toEqual(index);
        expect(r.count).toBe(seen.size);
        expect(r.firstRepeat).toBe(firstRepeat);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
