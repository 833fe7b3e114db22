import { describe, expect, it } from 'vitest';
import { Rng } from '../ts/random.js';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    const xb = Array.from({ length: 5 }, () => b.next());
    const xc = Array.from({ length: 5 }, () => c.next());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('draws uniform floats in [0,1) with the right mean', () => {
    const r = new Rng(1);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
  });

  it('forks by label without consuming draws', () => {
    const r = new Rng(7);
    const f1 = r.fork('pv').next();
    const first = r.next();
    expect(new Rng(7).fork('pv').next()).toBe(f1);
    expect(new Rng(7).next()).toBe(first);
    expect(r.fork('load').next()).not.toBe(f1);
  });

  it('rejects a non-finite seed and bad int ranges', () => {
    expect(() => new Rng(NaN)).toThrow(RangeError);
    expect(() => new Rng(1).int(0)).toThrow(RangeError);
  });
});
