import { describe, expect, it } from 'vitest';
import { LpModelBuilder, loadLpSolver, type LpModel } from '../../ts/index.js';
import { appendRows, openLpSession, type LpRows } from '../../ts/lp/lp-session.js';
import { Rng } from '../../ts/random.js';

/** A random bounded LP (box 0…u) with one covering row, and random extra ≤ rows added in batches. */
function problem(rng: Rng): { base: LpModel; batches: LpRows[] } {
  const b = new LpModelBuilder();
  const n = 4 + rng.int(12);
  for (let j = 0; j < n; j++) b.addVariable(`v${j}`, { upper: 1 + rng.uniform(0, 4), cost: rng.uniform(-2, 2) });
  b.addConstraint('cover', [...Array(n).keys()], Array.from({ length: n }, () => 1), 1, Infinity);
  const batches: LpRows[] = [];
  for (let k = 0; k < 3; k++) {
    const rows = 1 + rng.int(4);
    const starts = [0], indices: number[] = [], values: number[] = [], upper: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < n; j++) {
        if (rng.chance(0.5)) {
          indices.push(j);
          values.push(rng.uniform(0.1, 2));
        }
      }
      starts.push(indices.length);
      upper.push(1 + rng.uniform(0, 5));
    }
    batches.push({ lower: new Float64Array(rows).fill(-Infinity), upper: Float64Array.from(upper), starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) });
  }
  return { base: b.build(), batches };
}

describe('LpSession: rows added between solves', () => {
  it('HiGHS warm-started session = whole re-solves (glpk.js, no session of its own) = one solve of the grown model, on 30 random LPs (objective 1e-9)', async () => {
    const highs = await loadLpSolver('highs');
    const glpk = await loadLpSolver('glpk');
    expect(highs.openSession).toBeDefined();
    expect(glpk.openSession).toBeUndefined();
    const rng = new Rng(9);
    for (let t = 0; t < 30; t++) {
      const { base, batches } = problem(rng);
      const h = openLpSession(highs, base);
      const g = openLpSession(glpk, base);
      let grown = base;
      try {
        for (const rows of batches) {
          h.addRows(rows);
          g.addRows(rows);
          grown = appendRows(grown, rows);
          const [a, b] = [h.solve(), g.solve()];
          const whole = highs.solve(grown);
          expect(a.status).toBe(whole.status);
          expect(b.status).toBe(whole.status);
          if (whole.status !== 'optimal') break;
          const obj = (x: Float64Array): number => x.reduce((s, v, j) => s + v * grown.colCost[j]!, 0);
          expect(Math.abs(obj(a.x) - whole.objective)).toBeLessThan(1e-9 * Math.max(1, Math.abs(whole.objective)));
          expect(Math.abs(obj(b.x) - whole.objective)).toBeLessThan(1e-9 * Math.max(1, Math.abs(whole.objective)));
          expect(a.rowDuals.length).toBe(grown.numRows);
        }
      } finally {
        h.dispose();
        g.dispose();
      }
    }
  });
});
