import { describe, expect, it } from 'vitest';
import { LpModelBuilder, loadLpSolver, solveLp, ValidationError, type LpModel, type LpSolver } from '../../ts/index.js';
import { Rng } from '../../ts/random.js';
import { kktViolation } from './lp-kkt.js';

const solvers = async (): Promise<LpSolver[]> => [await loadLpSolver('highs'), await loadLpSolver('glpk')];

/** min x + 2y  s.t.  x + y ≥ 1,  x ≤ 0.4,  0 ≤ y ≤ 10: by hand x = 0.4, y = 0.6, duals 2 and −1. */
function handLp(): LpModel {
  const b = new LpModelBuilder();
  const x = b.addVariable('x', { cost: 1 });
  const y = b.addVariable('y', { cost: 2, upper: 10 });
  b.addConstraint('cover', [x, y], [1, 1], 1, Infinity);
  b.addConstraint('cap', [x], [1], -Infinity, 0.4);
  return b.build();
}

/** A random LP, feasible by construction (rows bracket A·x0 for a point x0 in the box) and bounded (finite box). */
function randomLp(rng: Rng): LpModel {
  const b = new LpModelBuilder();
  const n = 3 + rng.int(25);
  const m = 2 + rng.int(20);
  const x0: number[] = [];
  for (let j = 0; j < n; j++) {
    const lo = rng.chance(0.2) ? -5 : 0;
    const up = lo + 1 + rng.uniform(0, 9);
    x0.push(rng.uniform(lo, up));
    b.addVariable(`v${j}`, { lower: lo, upper: up, cost: rng.uniform(-3, 3) });
  }
  for (let i = 0; i < m; i++) {
    const cols: number[] = [];
    const coefs: number[] = [];
    let ax = 0;
    for (let j = 0; j < n; j++) {
      if (!rng.chance(0.3)) continue;
      const a = rng.uniform(-2, 2);
      cols.push(j);
      coefs.push(a);
      ax += a * x0[j]!;
    }
    const kind = rng.int(3);
    if (kind === 0) b.addConstraint(`eq${i}`, cols, coefs, ax, ax);
    else if (kind === 1) b.addConstraint(`le${i}`, cols, coefs, -Infinity, ax + rng.uniform(0, 2));
    else b.addConstraint(`rg${i}`, cols, coefs, ax - rng.uniform(0, 2), ax + rng.uniform(0, 2));
  }
  return b.build();
}

describe('LP layer: HiGHS and glpk.js behind one interface', () => {
  it('solves a hand-solved LP with the documented dual signs on both solvers (1e-9)', async () => {
    for (const s of await solvers()) {
      const r = s.solve(handLp());
      expect(r.status).toBe('optimal');
      expect(r.solver).toBe(s.name);
      expect(r.objective).toBeCloseTo(1.6, 9);
      expect(Array.from(r.x)).toEqual([expect.closeTo(0.4, 9), expect.closeTo(0.6, 9)]);
      // Raising the cover to 1 + δ costs 2δ (y grows); raising the cap on x by δ saves δ.
      expect(Array.from(r.rowDuals)).toEqual([expect.closeTo(2, 9), expect.closeTo(-1, 9)]);
      expect(Array.from(r.reducedCosts)).toEqual([expect.closeTo(0, 9), expect.closeTo(0, 9)]);
    }
  });

  it('reports reduced costs at bounds with the documented signs (1e-9)', async () => {
    // min −x + y with 0 ≤ x ≤ 3, 1 ≤ y ≤ 5 and x − y ≤ 10: x at its upper bound (d = −1), y at its lower (d = +1).
    const b = new LpModelBuilder();
    b.addVariable('x', { upper: 3, cost: -1 });
    b.addVariable('y', { lower: 1, upper: 5, cost: 1 });
    b.addConstraint('loose', [0, 1], [1, -1], -Infinity, 10);
    const model = b.build();
    for (const s of await solvers()) {
      const r = s.solve(model);
      expect(r.objective).toBeCloseTo(-2, 9);
      expect(r.reducedCosts[0]).toBeCloseTo(-1, 9);
      expect(r.reducedCosts[1]).toBeCloseTo(1, 9);
      expect(r.rowDuals[0]).toBeCloseTo(0, 9);
    }
  });

  it('agrees between solvers on 40 random LPs; both satisfy KKT and strong duality (1e-7)', async () => {
    const [highs, glpk] = await solvers();
    const rng = new Rng(9);
    for (let t = 0; t < 40; t++) {
      const model = randomLp(rng);
      const a = highs!.solve(model);
      const g = glpk!.solve(model);
      expect(a.status).toBe('optimal');
      expect(g.status).toBe('optimal');
      expect(Math.abs(a.objective - g.objective)).toBeLessThan(1e-7 * (1 + Math.abs(a.objective)));
      for (const r of [a, g]) {
        const v = kktViolation(model, r);
        expect(Math.max(v.primal, v.dualSign, v.slackness, v.stationarity)).toBeLessThan(1e-7);
        // Dual objective: Σ y_i·(active row bound) + Σ d_j·(active variable bound) equals the primal optimum.
        let dual = 0;
        for (let i = 0; i < model.numRows; i++) {
          const y = r.rowDuals[i]!;
          if (y !== 0) dual += y * (y > 0 ? model.rowLower[i]! : model.rowUpper[i]!);
        }
        for (let j = 0; j < model.numCols; j++) {
          const d = r.reducedCosts[j]!;
          if (Math.abs(d) > 1e-12) dual += d * (d > 0 ? model.colLower[j]! : model.colUpper[j]!);
        }
        expect(Math.abs(dual - r.objective)).toBeLessThan(1e-7 * (1 + Math.abs(r.objective)));
      }
    }
  });

  it('reports infeasible and unbounded problems as status on both solvers', async () => {
    const inf = new LpModelBuilder();
    inf.addVariable('x', { upper: 1 });
    inf.addConstraint('too-much', [0], [1], 2, Infinity);
    const unb = new LpModelBuilder();
    unb.addVariable('x', { cost: -1 });
    unb.addVariable('y');
    unb.addConstraint('diff', [0, 1], [1, -1], -Infinity, 1);
    for (const s of await solvers()) {
      const r1 = s.solve(inf.build());
      expect(r1.status).toBe('infeasible');
      expect(r1.x.length).toBe(0);
      expect(Number.isNaN(r1.objective)).toBe(true);
      expect(s.solve(unb.build()).status).toBe('unbounded');
    }
  });

  it('solves a QP exactly on HiGHS (regularisation off: duals to 1e-9); glpk refuses it with a ValidationError', async () => {
    // min (x−1)² + (y−2)²  s.t. x + y ≤ 2: x = 0.5, y = 1.5, cost 0.5; f*(b) = (3−b)²/2, so the row dual is −1.
    const b = new LpModelBuilder();
    b.addVariable('x', { lower: -Infinity, cost: -2 });
    b.addVariable('y', { lower: -Infinity, cost: -4 });
    b.addQuadratic(0, 0, 1);
    b.addQuadratic(1, 1, 1);
    b.addObjectiveOffset(5);
    b.addConstraint('sum', [0, 1], [1, 1], -Infinity, 2);
    const model = b.build();
    const r = await solveLp(model);
    expect(r.status).toBe('optimal');
    expect(r.x[0]).toBeCloseTo(0.5, 9);
    expect(r.x[1]).toBeCloseTo(1.5, 9);
    expect(r.objective).toBeCloseTo(0.5, 9);
    expect(Math.abs(r.rowDuals[0]! + 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.reducedCosts[0]!)).toBeLessThan(1e-9);
    await expect(solveLp(model, { solver: 'glpk' })).rejects.toThrow(/glpk.js solves linear programs only.*highs/);
    await expect(solveLp(model, { solver: 'glpk' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses malformed models naming the variable or row', async () => {
    const b = new LpModelBuilder();
    b.addVariable('battery[3].charge', { lower: 2, upper: 1 });
    expect(() => b.build()).toThrow(/variable "battery\[3\]\.charge": lower = 2: lower bound exceeds upper bound 1/);
    const c = new LpModelBuilder();
    c.addVariable('x');
    c.addConstraint('balance[7]', [0], [1], NaN, 1);
    expect(() => c.build()).toThrow(/row "balance\[7\]"/);
    expect(() => c.addConstraint('r', [5], [1], 0, 1)).toThrow(ValidationError);
    const d = new LpModelBuilder();
    d.addVariable('z');
    d.addQuadratic(0, 0, -1);
    expect(() => d.build()).toThrow(/convex/);
    await expect(loadLpSolver('cplex' as 'highs')).rejects.toBeInstanceOf(ValidationError);
  });

  it('sums repeated coefficients of one variable in one constraint', async () => {
    const b = new LpModelBuilder();
    b.addVariable('x', { cost: 1 });
    b.addConstraint('twice', [0, 0], [1, 1], 4, Infinity); // 2x ≥ 4
    for (const s of await solvers()) {
      const r = s.solve(b.build());
      expect(r.x[0]).toBeCloseTo(2, 9);
      expect(r.rowDuals[0]).toBeCloseTo(0.5, 9);
    }
  });
});
