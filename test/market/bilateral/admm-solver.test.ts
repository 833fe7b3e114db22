import { describe, expect, it } from 'vitest';
import { compileBilateralMarket } from '../../../ts/market/bilateral/compile-bilateral-market.js';
import { solveBilateralCentral } from '../../../ts/market/bilateral/central-solver.js';
import { solveBilateralAdmm } from '../../../ts/market/bilateral/admm-solver.js';
import { createRandomBilateralMarket } from '../../../ts/market/bilateral/random-bilateral-market.js';
import { solveBilateralMarketSync } from '../../../ts/market/bilateral/solve-bilateral-market.js';
import { feasibilityViolation, rangeScale, threeAgents, twoAgents } from './bilateral-fixtures.js';

describe('consensus ADMM against the central solution', () => {
  // The targets: objective within 1e-3 relative, each net position within 1e-2·max(1, pMax − pMin) kW.
  const cases = [
    { name: 'two agents (hand-solved)', market: twoAgents },
    { name: 'three agents (hand-solved)', market: threeAgents },
    { name: '60 agents, ~8 partners, quadratic', market: createRandomBilateralMarket({ agents: 60, partners: 8 }, 21) },
    { name: '60 agents, ~8 partners, linear costs', market: createRandomBilateralMarket({ agents: 60, partners: 8, quadratic: false }, 22) },
    { name: '40 agents without links (complete, zero cost)', market: createRandomBilateralMarket({ agents: 40, partners: 0 }, 23) },
  ];
  for (const { name, market } of cases) {
    it(`${name}: within 1e-3 objective and 1e-2·range kW; exactly reciprocal; bounds held; objective recomputed`, () => {
      const central = solveBilateralMarketSync(market);
      const admm = solveBilateralMarketSync(market, { method: 'admm' });
      expect(admm.status).toBe('converged');
      expect(admm.primalResidual).toBeGreaterThanOrEqual(0);
      expect(Math.abs(admm.objective! - central.objective!) / Math.abs(central.objective!)).toBeLessThan(1e-3);
      const scale = rangeScale(market);
      admm.netKw.forEach((p, n) => expect(Math.abs(p - central.netKw[n]!)).toBeLessThan(1e-2 * scale));
      const v = feasibilityViolation(market, admm);
      expect(v.reciprocity).toBe(0);
      expect(v.bounds).toBeLessThanOrEqual(1e-12);
      expect(v.balance).toBeLessThanOrEqual(1e-12 * scale);
      expect(v.objective).toBeLessThan(1e-12);
    });
  }

  it("reports 'max-iterations' when stopped early, still with exactly feasible trades", () => {
    const market = createRandomBilateralMarket({ agents: 30, partners: 6 }, 5);
    const r = solveBilateralMarketSync(market, { method: 'admm', maxIterations: 5 });
    expect(r.status).toBe('max-iterations');
    expect(r.iterations).toBe(5);
    const v = feasibilityViolation(market, r);
    expect(v.reciprocity).toBe(0);
    expect(v.bounds).toBeLessThanOrEqual(1e-12);
  });

  it('the WASM kernel and its TS twin give bit-identical iterates and answers', () => {
    const m = compileBilateralMarket(createRandomBilateralMarket({ agents: 80, partners: 10 }, 31));
    const w = solveBilateralAdmm(m, { engine: 'wasm' });
    const t = solveBilateralAdmm(m, { engine: 'ts' });
    expect(w.iterations).toBe(t.iterations);
    expect(w.objective).toBe(t.objective);
    expect(Array.from(w.netKw)).toEqual(Array.from(t.netKw));
    expect(w.trades).toEqual(t.trades);
    expect(solveBilateralCentral(m).status).toBe('optimal');
  });
});
