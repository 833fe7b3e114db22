import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDcOpfModel, loadLpSolver, parseMatpowerJson, solveDcOpfWith, type MatpowerCase } from '../../ts/index.js';
import { kktViolation } from '../lp/lp-kkt.js';
import { casesDir } from '../support/cases.js';

const load = (name: string): MatpowerCase => {
  const file = `${casesDir}/opf/${name}.opf-case.json`;
  return parseMatpowerJson(readFileSync(file, 'utf8'), file);
};

/** PTDF (flow on branch l per p.u. injected at bus j and withdrawn at the reference), by dense elimination. */
function ptdf(mc: MatpowerCase): number[][] {
  const nb = mc.bus.length;
  const idx = new Map(mc.bus.map((r, i) => [r[0]!, i]));
  const ref = mc.bus.findIndex((r) => r[1] === 3);
  const B = Array.from({ length: nb }, () => new Float64Array(nb));
  const br = mc.branch.map((r) => ({ f: idx.get(r[0]!)!, t: idx.get(r[1]!)!, b: r[10]! > 0 ? 1 / (r[3]! * (r[8] || 1)) : 0 }));
  for (const { f, t, b } of br) {
    B[f]![f]! += b; B[t]![t]! += b; B[f]![t]! -= b; B[t]![f]! -= b;
  }
  // X = B_red⁻¹ (reference row/column removed) by Gauss-Jordan on [B_red | I].
  const keep = [...Array(nb).keys()].filter((i) => i !== ref);
  const n = keep.length;
  const A = keep.map((i, r) => [...keep.map((j) => B[i]![j]!), ...Array.from({ length: n }, (_, c) => (c === r ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const piv = A[c]![c]!;
    for (let k = 0; k < 2 * n; k++) A[c]![k]! /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c || A[r]![c] === 0) continue;
      const f = A[r]![c]!;
      for (let k = 0; k < 2 * n; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  const X = (i: number, j: number): number => (i === ref || j === ref ? 0 : A[keep.indexOf(i)]![n + keep.indexOf(j)]!);
  return br.map(({ f, t, b }) => Array.from({ length: nb }, (_, j) => b * (X(f, j) - X(t, j))));
}

describe('DC OPF on the MATPOWER OPF cases: KKT, balance, solver agreement', () => {
  for (const name of ['case9', 'case30', 'case118', 'case300']) {
    it(`${name}: KKT conditions hold (1e-6), generation = load + GS, flows within RATE_A`, async () => {
      const mc = load(name);
      const solver = await loadLpSolver('highs');
      const model = buildDcOpfModel(mc);
      const lp = solver.solve(model.lp);
      expect(lp.status).toBe('optimal');
      const v = kktViolation(model.lp, lp);
      expect(Math.max(v.primal, v.dualSign, v.slackness, v.stationarity)).toBeLessThan(1e-6);
      const r = solveDcOpfWith(solver, mc);
      let gen = 0, demand = 0;
      for (const p of r.pgMw) gen += p;
      for (const b of mc.bus) demand += b[2]! + b[4]!;
      expect(Math.abs(gen - demand)).toBeLessThan(1e-6 * demand);
      mc.branch.forEach((b, l) => {
        if (b[5]! > 0) expect(Math.abs(r.branchFlowMw[l]!)).toBeLessThanOrEqual(b[5]! * (1 + 1e-7));
      });
    });
  }

  it('case2383wp (binding limits, an LP): KKT on both solvers (1e-9 of the largest cost, 1e-6 at least); costs agree (1e-7 rel), LMPs (1e-3 $/MWh)', async () => {
    const mc = load('case2383wp');
    const model = buildDcOpfModel(mc);
    const a = (await loadLpSolver('highs')).solve(model.lp);
    const g = (await loadLpSolver('glpk')).solve(model.lp);
    const maxCost = Math.max(...model.lp.colCost.map(Math.abs));
    for (const r of [a, g]) {
      expect(r.status).toBe('optimal');
      const v = kktViolation(model.lp, r);
      expect(Math.max(v.primal, v.dualSign, v.slackness, v.stationarity)).toBeLessThan(Math.max(1e-6, 1e-9 * maxCost));
    }
    expect(Math.abs(a.objective - g.objective)).toBeLessThan(1e-7 * a.objective);
    let worst = 0;
    for (let i = 0; i < mc.bus.length; i++) worst = Math.max(worst, Math.abs(a.rowDuals[i]! - g.rowDuals[i]!) / mc.baseMva);
    expect(worst).toBeLessThan(1e-3);
    expect(model.flowRow.some((row) => row >= 0 && Math.abs(a.rowDuals[row]!) / mc.baseMva > 1e-3)).toBe(true);
  });

  it('congested case30: LMP_j = LMP_ref − Σ_l sign(f_l)·μ_l·PTDF_lj over binding lines (PTDF by dense inversion, 1e-6)', async () => {
    const mc = load('case30');
    const solver = await loadLpSolver('highs');
    const base = solveDcOpfWith(solver, mc);
    // Tighten the two most loaded lines to 90 % of their unconstrained flow.
    const loading = mc.branch.map((b, l) => ({ l, u: Math.abs(base.branchFlowMw[l]!) / b[5]! })).sort((x, y) => y.u - x.u);
    for (const { l } of loading.slice(0, 2)) mc.branch[l]![5] = 0.9 * Math.abs(base.branchFlowMw[l]!);
    const r = solveDcOpfWith(solver, mc);
    expect(r.status).toBe('optimal');
    const binding = [...r.branchShadowPriceUsdPerMwh.keys()].filter((l) => r.branchShadowPriceUsdPerMwh[l]! > 1e-6);
    expect(binding.length).toBeGreaterThan(0);
    const spread = Math.max(...r.lmpUsdPerMwh) - Math.min(...r.lmpUsdPerMwh);
    expect(spread).toBeGreaterThan(0.1);
    const P = ptdf(mc);
    const ref = mc.bus.findIndex((b) => b[1] === 3);
    for (let j = 0; j < mc.bus.length; j++) {
      let expected = r.lmpUsdPerMwh[ref]!;
      for (const l of binding) expected -= Math.sign(r.branchFlowMw[l]!) * r.branchShadowPriceUsdPerMwh[l]! * P[l]![j]!;
      expect(Math.abs(r.lmpUsdPerMwh[j]! - expected)).toBeLessThan(1e-6);
    }
    // Raising a binding line's rating by 1 MW lowers the cost by about its shadow price (finite difference, 1 %).
    const l0 = binding[0]!;
    mc.branch[l0]![5] = mc.branch[l0]![5]! + 0.01;
    const relaxed = solveDcOpfWith(solver, mc);
    const saved = (r.objectiveUsdPerH - relaxed.objectiveUsdPerH) / 0.01;
    expect(Math.abs(saved - r.branchShadowPriceUsdPerMwh[l0]!)).toBeLessThan(0.01 * r.branchShadowPriceUsdPerMwh[l0]! + 1e-6);
  });
});
