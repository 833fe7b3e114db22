/**
 * Fairness indices of a distribution of savings.
 * - Gini: G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄) (mean absolute difference over twice the mean); 0 = equal shares,
 *   (n−1)/n = one agent gets everything. Defined here only when the mean is positive (with a zero or negative mean
 *   the index has no meaning), else null. Computed in O(n log n) from the sorted values. Savings can be negative
 *   (a prosumer who lost money under the mechanism); the formula is kept as is, so then G can exceed 1 (e.g. [−1, 3]:
 *   G = 1): read values near or above 1 as "gains concentrated on few, with losers", not as a bounded share.
 * - Both indices are computed on the savings as they are, never clipped at zero.
 * - Jain (1984): J = (Σ xᵢ)² / (n Σ xᵢ²) ∈ [1/n, 1] for non-negative x (with negative values it can fall below 1/n,
 *   down to 0 when gains and losses cancel); 1 = equal shares. All zeros → 1 (everyone
 *   equal); an empty list → null.
 */

/** Gini coefficient of `values`, or null when the list is empty or its mean is not positive. */
export function giniCoefficient(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const x = Float64Array.from(values as ArrayLike<number>).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  if (!(sum > 0)) return null;
  // Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n + 1) x₍ᵢ₎ for ascending x (0-based i).
  let acc = 0;
  for (let i = 0; i < n; i++) acc += (2 * i - n + 1) * x[i]!;
  return (2 * acc) / (2 * n * sum);
}

/** Jain's fairness index of `values`, or null for an empty list. */
export function jainIndex(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    s += values[i]!;
    s2 += values[i]! * values[i]!;
  }
  if (s2 === 0) return 1;
  return (s * s) / (n * s2);
}
