import { describe, expect, it } from 'vitest';
import { compileBilateralMarket } from '../../../ts/market/bilateral/compile-bilateral-market.js';
import { solveBilateralCentral } from '../../../ts/market/bilateral/central-solver.js';
import { createRandomBilateralMarket } from '../../../ts/market/bilateral/random-bilateral-market.js';
import { solveBilateralMarketSync } from '../../../ts/market/bilateral/solve-bilateral-market.js';
import type { BilateralMarket } from '../../../ts/market/bilateral/bilateral-market.js';
import { feasibilityViolation, solveWithHighs, threeAgents, twoAgents } from './bilateral-fixtures.js';

describe('central solver: hand-solved markets', () => {
  it('two agents: 9 kW at 0.16, objective −0.81 (5e-8 kW, 5e-9 currency)', () => {
    const r = solveBilateralMarketSync(twoAgents);
    expect(r.status).toBe('optimal');
    expect(r.agents.map((a) => a.netKw)).toEqual([expect.closeTo(9, 7), expect.closeTo(-9, 7)]);
    expect(r.objective).toBeCloseTo(-0.81, 8);
    expect(r.trades).toHaveLength(2);
    expect(r.trades[0]).toMatchObject({ from: 'p', to: 'c', kw: expect.closeTo(9, 7), pricePerKwh: expect.closeTo(0.16, 8) });
    expect(r.trades[1]).toMatchObject({ from: 'c', to: 'p', kw: expect.closeTo(-9, 7), pricePerKwh: expect.closeTo(0.16, 8) });
  });

  it('three agents: 10.2 = 7.8 + 2.4 kW, prices 0.172 / 0.152, objective −0.882, c1–c2 unused (5e-8 kW, 5e-9 currency)', () => {
    const r = solveBilateralMarketSync(threeAgents);
    expect(r.status).toBe('optimal');
    expect(Array.from(r.netKw)).toEqual([expect.closeTo(10.2, 7), expect.closeTo(-7.8, 7), expect.closeTo(-2.4, 7)]);
    expect(r.objective).toBeCloseTo(-0.882, 8);
    const byPair = new Map(r.trades.map((t) => [`${t.from}>${t.to}`, t]));
    expect(byPair.get('p>c1')).toMatchObject({ kw: expect.closeTo(7.8, 7), pricePerKwh: expect.closeTo(0.172, 8) });
    expect(byPair.get('p>c2')).toMatchObject({ kw: expect.closeTo(2.4, 7), pricePerKwh: expect.closeTo(0.152, 8) });
    expect(byPair.has('c1>c2')).toBe(false);
    expect(Array.from(r.agentPricePerKwh)).toEqual([expect.closeTo(0.152, 8), expect.closeTo(0.172, 8), expect.closeTo(0.152, 8)]);
  });

  it('without links everyone trades at one price: an economic dispatch (hand-solved, 5e-8 kW, 5e-9 currency/kWh)', () => {
    // Producer b = 0.05, a = 0.01; consumers b = 0.25 and 0.20, a = 0.01: λ = 0.05 + 0.01·q = 0.25 − 0.01·q1 = 0.20 − 0.01·q2,
    // q = q1 + q2 ⇒ λ = 0.05 + (0.25 − λ) + (0.20 − λ) ⇒ λ = 0.5/3, q = 11.667, q1 = 8.333, q2 = 3.333.
    const m: BilateralMarket = {
      format: 'p2p-bilateral-market/1',
      agents: [
        { id: 'p', costQuadPerKw2: 0.01, costLinPerKw: 0.05, pMinKw: 0, pMaxKw: 50 },
        { id: 'c1', costQuadPerKw2: 0.01, costLinPerKw: 0.25, pMinKw: -50, pMaxKw: 0 },
        { id: 'c2', costQuadPerKw2: 0.01, costLinPerKw: 0.2, pMinKw: -50, pMaxKw: 0 },
      ],
    };
    const r = solveBilateralMarketSync(m);
    const lam = 0.5 / 3;
    expect(Array.from(r.netKw)).toEqual([expect.closeTo((lam - 0.05) / 0.01, 7), expect.closeTo(-(0.25 - lam) / 0.01, 7), expect.closeTo(-(0.2 - lam) / 0.01, 7)]);
    for (const t of r.trades) expect(t.pricePerKwh).toBeCloseTo(lam, 8);
  });

  it("reports 'infeasible' when a connected group cannot balance within its bounds", () => {
    const m: BilateralMarket = {
      format: 'p2p-bilateral-market/1',
      agents: [
        { id: 'must-run', costQuadPerKw2: 0, costLinPerKw: 0.05, pMinKw: 5, pMaxKw: 10 },
        { id: 'c', costQuadPerKw2: 0, costLinPerKw: 0.2, pMinKw: -3, pMaxKw: 0 },
        { id: 'island', costQuadPerKw2: 0, costLinPerKw: 0.2, pMinKw: -10, pMaxKw: 0 },
      ],
      links: [{ from: 'must-run', to: 'c', costPerKwh: 0 }],
    };
    const r = solveBilateralMarketSync(m);
    expect(r.status).toBe('infeasible');
    expect(r.objective).toBeNull();
    expect(r.trades).toEqual([]);
  });
});

describe('central solver: KKT conditions and a second solver', () => {
  it('KKT holds on random markets (quadratic and linear costs, 2e-5 currency/kWh, prices ~0.1)', () => {
    for (const [seed, quadratic] of [[1, true], [2, false], [3, true]] as const) {
      const market = createRandomBilateralMarket({ agents: 120, partners: 8, quadratic }, seed);
      const m = compileBilateralMarket(market);
      const r = solveBilateralCentral(m);
      expect(r.status).toBe('optimal');
      const lam = r.agentPricePerKwh;
      // The interior point's normal equations are solved by conjugate gradients; on ill-conditioned instances the
      // attainable accuracy is ~1e-5 currency/kWh (seed 3), 1e-9 on the others.
      const tol = 2e-5;
      for (let n = 0; n < m.n; n++) {
        const p = r.netKw[n]!;
        const marginal = m.costQuad[n]! * p + m.costLin[n]!;
        if (p > m.pMin[n]! + 1e-6 && p < m.pMax[n]! - 1e-6) expect(Math.abs(marginal - lam[n]!)).toBeLessThan(tol);
        else if (p <= m.pMin[n]! + 1e-6) expect(marginal).toBeGreaterThan(lam[n]! - tol); // would rather sell less / buy more
        else expect(marginal).toBeLessThan(lam[n]! + tol);
      }
      // Dual feasibility on every link, and every traded link tight in the direction of the trade.
      for (let e = 0; e < m.nPairs; e++) {
        const i = m.pairI[e]!;
        const j = m.pairJ[e]!;
        expect(Math.abs(lam[i]! - lam[j]!)).toBeLessThan(m.costIJ[e]! + m.costJI[e]! + tol);
      }
      const index = new Map(m.ids.map((id, i) => [id, i]));
      const cost = new Map(market.links!.map((l) => [`${l.from}>${l.to}`, l.costPerKwh]));
      // Trades below 1e-4 kW may carry the interior point's last residual (~1e-6 kW) along the routing forest.
      for (const t of r.trades) {
        if (t.kw <= 1e-4) continue;
        const w = (cost.get(`${t.from}>${t.to}`) ?? 0) + (cost.get(`${t.to}>${t.from}`) ?? 0);
        expect(Math.abs(lam[index.get(t.to)!]! - lam[index.get(t.from)!]! - w)).toBeLessThan(tol);
      }
      const v = feasibilityViolation(market, r);
      expect(v.reciprocity).toBe(0);
      expect(v.bounds).toBeLessThanOrEqual(1e-12);
      expect(v.objective).toBeLessThan(1e-12);
    }
  });

  it('equals HiGHS on the plain trade formulation (LP: 1e-7 relative objective, 1e-6 kW; QP: 1e-5 and 5e-3 kW)', async () => {
    // HiGHS's default QP regularisation biases its QP answers (8.99982 kW instead of 9 on the two-agent market,
    // issue 10; up to ~1.4e-3 kW here), hence the looser QP tolerance; the KKT test above checks ours to 1e-7.
    for (const [seed, quadratic, partners] of [[11, false, 6], [12, false, 0], [13, true, 6]] as const) {
      const market = createRandomBilateralMarket({ agents: 25, partners, quadratic }, seed);
      const h = await solveWithHighs(market);
      expect(h.status).toBe('Optimal');
      const r = solveBilateralMarketSync(market);
      const relTol = quadratic ? 1e-5 : 1e-7;
      expect(Math.abs(r.objective! - h.objective) / Math.abs(h.objective)).toBeLessThan(relTol);
      // Linear costs with distinct b_n make the net positions unique.
      const kwTol = quadratic ? 5e-3 : 1e-6;
      h.netKw.forEach((p, n) => expect(Math.abs(r.netKw[n]! - p)).toBeLessThan(kwTol));
    }
  });
});
