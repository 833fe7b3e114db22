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

// Reproducibility across versions: the seeded generator's output is part of peergrid's contract (a seed in a
// scenario must give the same study next year). The stream is checked twice: against numbers pinned when this test
// was written, and against an independent BigInt implementation of splitmix32 seeding + sfc32 (Chris Doty-Humphrey's
// Small Fast Counter), so a pinned number can be trusted to be sfc32's and not an accident of the implementation.
const M32 = (1n << 32n) - 1n;

/** sfc32 seeded through splitmix32 and warmed up 12 draws, in BigInt arithmetic (no Math.imul, no >>>). */
function referenceU32(seed: number, count: number): number[] {
  const t = BigInt(Math.trunc(seed)) & ((1n << 64n) - 1n);
  let s = (t ^ (BigInt.asUintN(64, BigInt(Math.trunc(seed / 4294967296))))) & M32;
  const split = (): bigint => {
    s = (s + 0x9e3779b9n) & M32;
    let z = s;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M32;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M32;
    return z ^ (z >> 16n);
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = (): bigint => {
    const r = (a + b + d) & M32;
    d = (d + 1n) & M32;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M32;
    c = ((c << 21n) | (c >> 11n)) & M32;
    c = (c + r) & M32;
    return r;
  };
  for (let i = 0; i < 12; i++) next();
  return Array.from({ length: count }, () => Number(next()));
}

describe('Rng output is pinned', () => {
  it('seed 42: the first six 32-bit draws', () => {
    const r = new Rng(42);
    const got = Array.from({ length: 6 }, () => r.nextU32());
    expect(got).toEqual([1028872839, 2516511472, 400437680, 853279530, 1920286840, 3588795744]);
    expect(got).toEqual(referenceU32(42, 6));
  });

  it('seeds beyond 32 bits and negative seeds fold as documented', () => {
    const big = new Rng(2 ** 40 + 3);
    expect([big.nextU32(), big.nextU32()]).toEqual([1200545535, 1865483957]);
    const neg = new Rng(-7);
    expect([neg.nextU32(), neg.nextU32()]).toEqual([4242807802, 94534278]);
    expect([4242807802, 94534278]).toEqual(referenceU32(-7, 2));
  });

  it('a labelled fork, floats, integers and normals (exact doubles)', () => {
    const f = new Rng(42).fork('pv');
    expect([f.next(), f.next(), f.int(100), f.normal()]).toEqual([0.6736125892026479, 0.2216506066609405, 57, 1.611862536898888]);
  });

  it('the BigInt reference agrees with Rng on a long stream of many seeds', () => {
    for (const seed of [0, 1, 12345, 2 ** 31, 2 ** 32 - 1]) {
      const r = new Rng(seed);
      expect(Array.from({ length: 200 }, () => r.nextU32())).toEqual(referenceU32(seed, 200));
    }
  });
});
