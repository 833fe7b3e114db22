import { describe, expect, it } from 'vitest';
import { createRandomBilateralMarket } from '../../../ts/market/bilateral/random-bilateral-market.js';
import { solveBilateralMarket } from '../../../ts/market/bilateral/solve-bilateral-market.js';

describe('ADMM partitioned over comlink worker_threads workers', () => {
  it('1, 2 and 4 workers give bit-identical iterates, net positions and trades', async () => {
    const market = createRandomBilateralMarket({ agents: 60, partners: 8 }, 41);
    const one = await solveBilateralMarket(market, { method: 'admm', workers: 1 });
    expect(one.status).toBe('converged');
    for (const workers of [2, 4]) {
      const r = await solveBilateralMarket(market, { method: 'admm', workers });
      expect(r.workers).toBe(workers);
      expect(r.iterations).toBe(one.iterations);
      expect(r.objective).toBe(one.objective);
      expect(r.primalResidual).toBe(one.primalResidual);
      expect(r.dualResidual).toBe(one.dualResidual);
      expect(Array.from(r.netKw)).toEqual(Array.from(one.netKw));
      expect(r.trades).toEqual(one.trades);
    }
  }, 60_000);
});
