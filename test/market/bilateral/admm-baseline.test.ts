import { describe, expect, it } from 'vitest';
import { admmLocalUpdate, admmPriceUpdate } from '../../../ts/market/bilateral/admm-baseline.js';
import { newBilateralKernelInstance } from '../../../ts/market/bilateral/bilateral-kernel-module.js';
import { compileBilateralMarket, materialisePairs } from '../../../ts/market/bilateral/compile-bilateral-market.js';
import { createRandomBilateralMarket } from '../../../ts/market/bilateral/random-bilateral-market.js';
import { createTradeGraph } from '../../../ts/market/bilateral/trade-graph.js';
import { Rng } from '../../../ts/random.js';

describe('ADMM kernel (AssemblyScript) and its TS twin on the same random inputs', () => {
  for (const [seed, quadratic] of [[1, true], [2, false]] as const) {
    it(`local and price updates agree bit for bit (seed ${seed}, ${quadratic ? 'quadratic' : 'linear'} costs)`, () => {
      const m = compileBilateralMarket(createRandomBilateralMarket({ agents: 120, partners: 12, quadratic }, seed));
      const g = createTradeGraph(m.n, materialisePairs(m));
      const rng = new Rng(seed + 100);
      const trade = Float64Array.from({ length: g.nEntries }, () => rng.uniform(-20, 20));
      const price = Float64Array.from({ length: g.nEntries }, () => rng.uniform(0, 0.4));
      const rho = rng.uniform(0.001, 0.1);

      const tsNew = new Float64Array(g.nEntries);
      const tsTrade = trade.slice();
      const tsPrice = price.slice();
      const tsRes = new Float64Array(2);
      expect(admmLocalUpdate(0, m.n, g.start, g.cost, g.mirror, m.costQuad, m.costLin, m.pMin, m.pMax, tsTrade, tsPrice, rho, tsNew, new Float64Array(2 * g.maxDegree + 2))).toBe(0);
      expect(admmPriceUpdate(0, g.nEntries, g.mirror, tsTrade, tsNew, tsPrice, rho, tsRes)).toBe(0);

      const { exports: x, arena } = newBilateralKernelInstance();
      const P = {
        start: arena.pushI32(g.start), cost: arena.pushF64(g.cost), mirror: arena.pushI32(g.mirror),
        quad: arena.pushF64(m.costQuad), lin: arena.pushF64(m.costLin), pMin: arena.pushF64(m.pMin), pMax: arena.pushF64(m.pMax),
        trade: arena.pushF64(trade), price: arena.pushF64(price), tradeNew: arena.allocF64(g.nEntries),
        scratch: arena.allocF64(2 * g.maxDegree + 2), res: arena.allocF64(2),
      };
      expect(x.admmLocalUpdate(0, m.n, P.start, P.cost, P.mirror, P.quad, P.lin, P.pMin, P.pMax, P.trade, P.price, rho, P.tradeNew, P.scratch)).toBe(0);
      expect(x.admmPriceUpdate(0, g.nEntries, P.mirror, P.trade, P.tradeNew, P.price, rho, P.res)).toBe(0);
      expect(Array.from(arena.f64(P.trade, g.nEntries))).toEqual(Array.from(tsTrade));
      expect(Array.from(arena.f64(P.price, g.nEntries))).toEqual(Array.from(tsPrice));
      expect(Array.from(arena.f64(P.res, 2))).toEqual(Array.from(tsRes));

      // Each agent's proposal is the exact minimiser of its local problem: the net stays within bounds.
      for (let n = 0; n < m.n; n++) {
        let s = 0;
        for (let k = g.start[n]!; k < g.start[n + 1]!; k++) s += tsTrade[k]!;
        if (g.start[n + 1]! > g.start[n]!) {
          expect(s).toBeGreaterThanOrEqual(m.pMin[n]! - 1e-9);
          expect(s).toBeLessThanOrEqual(m.pMax[n]! + 1e-9);
        }
      }
    });
  }

  it('rejects a non-positive penalty with INVALID_INPUT in both engines', () => {
    const z = new Float64Array(1);
    const zi = new Int32Array(2);
    expect(admmLocalUpdate(0, 1, zi, z, zi, z, z, z, z, z, z, 0, z, z)).toBe(6);
    const { exports: x } = newBilateralKernelInstance();
    expect(x.admmLocalUpdate(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0)).toBe(6);
  });
});
