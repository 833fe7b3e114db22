import { describe, expect, it } from 'vitest';
import { giniCoefficient, jainIndex } from '../../../ts/sim/metrics/fairness.js';

// Brute-force definition, independent of the sorted O(n log n) form.
function giniBrute(x: number[]): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  let s = 0;
  for (const a of x) for (const b of x) s += Math.abs(a - b);
  return s / (2 * n * n * mean);
}

describe('fairness indices (exact small cases)', () => {
  it('Gini', () => {
    expect(giniCoefficient([1, 2, 3, 4])).toBeCloseTo(0.25, 15); // Σ|xi−xj| = 20, 2·16·2.5 = 80
    expect(giniCoefficient([5, 5, 5])).toBe(0);
    expect(giniCoefficient([0, 0, 0, 10])).toBeCloseTo(0.75, 15); // (n−1)/n
    expect(giniCoefficient([3, 1])).toBeCloseTo(0.25, 15); // |3−1|·2 / (2·4·2)
    expect(giniCoefficient([])).toBeNull();
    expect(giniCoefficient([0, 0])).toBeNull();
    expect(giniCoefficient([-1, -2])).toBeNull();
    const x = [0.3, -0.1, 2.5, 1.2, 0, 7, 3.3];
    expect(giniCoefficient(x)).toBeCloseTo(giniBrute(x), 14);
    // Negative savings are used as they are (no clipping): Σ|xi−xj| = 2·4 = 8, 2·n²·mean = 2·4·1 = 8.
    expect(giniCoefficient([-1, 3])).toBeCloseTo(1, 15);
  });
  it('Jain', () => {
    expect(jainIndex([1, 2, 3, 4])).toBeCloseTo(100 / 120, 15); // 10² / (4·30)
    expect(jainIndex([2, 2, 2])).toBe(1);
    expect(jainIndex([0, 0, 0, 8])).toBeCloseTo(0.25, 15); // 1/n
    expect(jainIndex([0, 0])).toBe(1);
    expect(jainIndex([])).toBeNull();
    expect(jainIndex([-1, 1])).toBe(0); // gains and losses cancel
  });
});
