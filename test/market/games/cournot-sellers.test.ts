import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import { cournotProfit, solveCournotEquilibrium, type CournotMarket, type CournotSeller } from '../../../ts/market/games/cournot-sellers.js';

const market: CournotMarket = { demandInterceptPerKwh: 0.3, demandSlopePerKwh2: 0.01, feedInPricePerKwh: 0.08 };

describe('Cournot game among local sellers (best-response dynamics)', () => {
  it('n identical sellers, no capacity limit: q* = (a − f − c)/(b(n + 1)), the textbook equilibrium', () => {
    for (const n of [1, 2, 5, 20]) {
      const sellers = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, capacityKwh: 1e6, costPerKwh: 0.02 }));
      const eq = solveCournotEquilibrium(market, sellers);
      expect(eq.status).toBe('converged');
      const q = (0.3 - 0.08 - 0.02) / (0.01 * (n + 1));
      eq.quantityKwh.forEach((v) => expect(v).toBeCloseTo(q, 9));
      expect(eq.pricePerKwh).toBeCloseTo(0.3 - 0.01 * n * q, 12);
    }
  });

  it('random asymmetric sellers with capacities: no seller gains by a unilateral deviation (grid of 4,001 quantities)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rng = new Rng(seed);
      const sellers: CournotSeller[] = Array.from({ length: 2 + (seed % 6) }, (_, i) => ({
        id: `s${i}`, capacityKwh: rng.uniform(0.5, 15), costPerKwh: rng.uniform(0, 0.1), costQuadPerKwh2: rng.uniform(0, 0.01),
      }));
      const eq = solveCournotEquilibrium(market, sellers);
      expect(eq.status).toBe('converged');
      sellers.forEach((s, i) => {
        const base = cournotProfit(market, sellers, eq.quantityKwh, i);
        const q = Float64Array.from(eq.quantityKwh);
        let bestDeviation = -Infinity;
        for (let k = 0; k <= 4000; k++) {
          q[i] = (s.capacityKwh * k) / 4000;
          bestDeviation = Math.max(bestDeviation, cournotProfit(market, sellers, q, i));
        }
        expect(bestDeviation).toBeLessThanOrEqual(base + 1e-12);
      });
    }
  });

  it('an interior asymmetric equilibrium equals the solution of the linear first-order conditions', () => {
    // 2b q_i + d_i q_i + b Σ_{j≠i} q_j = a − f − c_i, solved by Cramer's rule for two sellers.
    const sellers = [{ id: 'a', capacityKwh: 100, costPerKwh: 0.01, costQuadPerKwh2: 0.002 }, { id: 'b', capacityKwh: 100, costPerKwh: 0.04 }];
    const b = 0.01;
    const [a11, a12, a21, a22] = [2 * b + 0.002, b, b, 2 * b];
    const [r1, r2] = [0.3 - 0.08 - 0.01, 0.3 - 0.08 - 0.04];
    const det = a11 * a22 - a12 * a21;
    const eq = solveCournotEquilibrium(market, sellers);
    expect(eq.quantityKwh[0]).toBeCloseTo((r1 * a22 - a12 * r2) / det, 9);
    expect(eq.quantityKwh[1]).toBeCloseTo((a11 * r2 - a21 * r1) / det, 9);
  });

  it('reports max-iterations honestly and refuses bad input by field', () => {
    const sellers = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, capacityKwh: 100 }));
    expect(solveCournotEquilibrium(market, sellers, { maxRounds: 2 }).status).toBe('max-iterations');
    expect(() => solveCournotEquilibrium({ ...market, demandSlopePerKwh2: 0 }, sellers)).toThrow(/demandSlopePerKwh2/);
    expect(() => solveCournotEquilibrium(market, [{ id: 'x', capacityKwh: -1 }])).toThrow(/seller "x": capacityKwh = -1/);
  });
});
