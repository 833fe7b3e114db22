import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LpModelBuilder, loadLpSolver, type LpModel } from '../../ts/index.js';

type Solved = { status: string; objective: number; x: number[]; rowDuals: number[] };

function solveInWorker(model: LpModel): Promise<Record<'highs' | 'glpk', Solved>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./fixtures/lp-worker.mjs', import.meta.url), { workerData: { model } });
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('LP solvers in worker_threads', () => {
  it('both solvers load and solve inside a worker, identically to the main thread', async () => {
    // A small transportation problem: 2 sources, 3 sinks.
    const b = new LpModelBuilder();
    const cost = [[4, 6, 9], [5, 3, 8]];
    const supply = [30, 25];
    const demand = [15, 20, 18];
    const v: number[][] = cost.map((row, s) => row.map((c, d) => b.addVariable(`ship[${s},${d}]`, { cost: c })));
    supply.forEach((q, s) => b.addConstraint(`supply[${s}]`, v[s]!, [1, 1, 1], -Infinity, q));
    demand.forEach((q, d) => b.addConstraint(`demand[${d}]`, [v[0]![d]!, v[1]![d]!], [1, 1], q, Infinity));
    const model = b.build();
    const inWorker = await solveInWorker(model);
    for (const name of ['highs', 'glpk'] as const) {
      const here = (await loadLpSolver(name)).solve(model);
      expect(inWorker[name].status).toBe('optimal');
      expect(inWorker[name].objective).toBe(here.objective);
      expect(inWorker[name].x).toEqual(Array.from(here.x));
      expect(inWorker[name].rowDuals).toEqual(Array.from(here.rowDuals));
    }
    expect(Math.abs(inWorker.highs.objective - inWorker.glpk.objective)).toBeLessThan(1e-9);
  });
});
