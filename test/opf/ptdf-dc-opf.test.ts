import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLpSolver, parseMatpowerJson, solveDcOpf, solveDcOpfWith, type DcOpfResult, type MatpowerCase } from '../../ts/index.js';
import { casesDir } from '../support/cases.js';

const load = (name: string): MatpowerCase => {
  const file = `${casesDir}/opf/${name}.opf-case.json`;
  return parseMatpowerJson(readFileSync(file, 'utf8'), file);
};

const maxDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

function expectSameOptimum(p: DcOpfResult, t: DcOpfResult, unique: boolean): void {
  expect(p.status).toBe('optimal');
  expect(t.status).toBe('optimal');
  expect(Math.abs(p.objectiveUsdPerH - t.objectiveUsdPerH)).toBeLessThan(1e-9 * Math.abs(t.objectiveUsdPerH));
  expect(maxDiff(p.lmpUsdPerMwh, t.lmpUsdPerMwh)).toBeLessThan(1e-6);
  expect(maxDiff(p.branchShadowPriceUsdPerMwh, t.branchShadowPriceUsdPerMwh)).toBeLessThan(1e-6);
  // Dispatch and flows only where the optimum is unique (not on the PEGASE cases, where every generator costs the same).
  if (unique) {
    expect(maxDiff(p.pgMw, t.pgMw)).toBeLessThan(1e-5);
    expect(maxDiff(p.branchFlowMw, t.branchFlowMw)).toBeLessThan(1e-5);
  }
}

function expectFeasible(mc: MatpowerCase, r: DcOpfResult): void {
  let gen = 0, demand = 0;
  for (const p of r.pgMw) gen += p;
  for (const b of mc.bus) demand += b[2]! + b[4]!;
  expect(Math.abs(gen - demand)).toBeLessThan(1e-6 * demand);
  mc.branch.forEach((b, l) => {
    if (b[5]! > 0 && b[10]! > 0) expect(Math.abs(r.branchFlowMw[l]!)).toBeLessThanOrEqual(b[5]! * (1 + 1e-7));
  });
  mc.gen.forEach((g, k) => {
    if (g[7]! > 0) {
      expect(r.pgMw[k]!).toBeGreaterThanOrEqual(g[9]! - 1e-6);
      expect(r.pgMw[k]!).toBeLessThanOrEqual(g[8]! + 1e-6);
    }
  });
}

describe('DC OPF through the PTDF form with generated limits = the B-θ LP solved whole', () => {
  for (const [name, unique] of [['case9', true], ['case57', true], ['case118', true], ['case300', true], ['case2383wp', true], ['case1354pegase', false]] as const) {
    it(`${name}: objective (1e-9 rel), LMPs and shadow prices (1e-6 $/MWh)${unique ? ', dispatch and flows (1e-5 MW)' : ''} equal; every limit holds`, async () => {
      const mc = load(name);
      const solver = await loadLpSolver('highs');
      const p = solveDcOpfWith(solver, mc);
      const t = solveDcOpfWith(solver, mc, { formulation: 'b-theta' });
      expect(p.formulation).toBe('ptdf');
      expect(t.formulation).toBe('b-theta');
      expectSameOptimum(p, t, unique);
      expectFeasible(mc, p);
      expect(p.limitRows).toBeLessThan(t.limitRows + 1);
    });
  }

  it('case2383wp (binding limits): glpk through the PTDF form agrees with HiGHS (objective 1e-9 rel, LMPs 1e-6 $/MWh)', async () => {
    const mc = load('case2383wp');
    const h = await solveDcOpf(mc);
    const g = await solveDcOpf(mc, { solver: 'glpk' });
    expect(g.formulation).toBe('ptdf');
    expect(h.limitRows).toBeGreaterThan(0);
    expect(h.lpSolves).toBeGreaterThan(1);
    expectSameOptimum(g, h, true);
  });

  it('two reference buses: the B-θ LP is solved instead, with the same answer as asked for explicitly', async () => {
    const mc = load('case30');
    const second = mc.bus.findIndex((b) => b[1] === 2);
    mc.bus[second]![1] = 3;
    const solver = await loadLpSolver('highs');
    const r = solveDcOpfWith(solver, mc);
    expect(r.formulation).toBe('b-theta');
    expectSameOptimum(r, solveDcOpfWith(solver, mc, { formulation: 'b-theta' }), true);
  });

  it('a bus cut off from the reference (B_nn singular): B-θ fallback reports the LP status', async () => {
    const mc = load('case9');
    // Bus 5 of case9 hangs on branches 4-5 and 5-6; opening both leaves its 90 MW load unserved: infeasible.
    mc.branch.forEach((b) => {
      if (b[0] === 5 || b[1] === 5) b[10] = 0;
    });
    const r = await solveDcOpf(mc);
    expect(r.formulation).toBe('b-theta');
    expect(r.status).toBe('infeasible');
  });
});
