import { describe, expect, it } from 'vitest';
import { loadLpSolver, solveDcOpf, ValidationError, type MatpowerCase } from '../../ts/index.js';

/**
 * A 3-bus triangle, every line x = 0.1 p.u. (b = 10), base 100 MVA; bus 1 is the reference; 150 MW of load at
 * bus 3; generator 1 at bus 1, generator 2 at bus 2. Transfer 1→3 splits 2/3 on line 1-3 and 1/3 via bus 2.
 */
function triangle(opts: { rate13?: number; gencost: number[][]; tap13?: number; shift13Deg?: number; gs3?: number }): MatpowerCase {
  const bus = (id: number, type: number, pd: number, gs = 0): number[] => [id, type, pd, 0, gs, 0, 1, 1, 0, 230, 1, 1.1, 0.9];
  const br = (f: number, t: number, rate: number, tap = 0, shift = 0): number[] => [f, t, 0, 0.1, 0, rate, 0, 0, tap, shift, 1, -360, 360];
  return {
    baseMva: 100,
    bus: [bus(1, 3, 0), bus(2, 2, 0), bus(3, 1, 150, opts.gs3 ?? 0)],
    gen: [
      [1, 0, 0, 100, -100, 1, 100, 1, 300, 0],
      [2, 0, 0, 100, -100, 1, 100, 1, 300, 0],
    ],
    branch: [br(1, 2, 0), br(1, 3, opts.rate13 ?? 0, opts.tap13 ?? 0, opts.shift13Deg ?? 0), br(2, 3, 0)],
    gencost: opts.gencost,
  };
}
const linear = (c1: number): number[] => [2, 0, 0, 3, 0, c1, 0, 0, 0, 0];

describe('DC OPF on hand-solved 3-bus cases', () => {
  it('congested line 1-3 (80 MW): dispatch 90/60 MW, cost 2700 $/h, LMPs 10/30/50, shadow price 60 — highs and glpk (1e-6)', async () => {
    // By hand: f13 = 50 + P1/3 ≤ 80 → P1 = 90, P2 = 60. One more MW at bus 3 needs ΔP1 = −1, ΔP2 = +2 (keeps f13):
    // LMP3 = −10 + 60 = 50. One more MW of rating: P1 +3, P2 −3 → saves 60 $/h.
    const mc = triangle({ rate13: 80, gencost: [linear(10), linear(30)] });
    for (const solver of ['highs', 'glpk'] as const) {
      const r = await solveDcOpf(mc, { solver });
      expect(r.status).toBe('optimal');
      expect(r.objectiveUsdPerH).toBeCloseTo(2700, 6);
      expect(Array.from(r.pgMw).map((v) => +v.toFixed(6))).toEqual([90, 60]);
      expect(Array.from(r.lmpUsdPerMwh).map((v) => +v.toFixed(6))).toEqual([10, 30, 50]);
      expect(Array.from(r.branchFlowMw).map((v) => +v.toFixed(6))).toEqual([10, 80, 70]);
      expect(Array.from(r.branchShadowPriceUsdPerMwh).map((v) => +v.toFixed(6))).toEqual([0, 60, 0]);
      // θ1 = 0, θ2 = −f12·x = −0.01 rad, θ3 = −f13·x = −0.08 rad
      expect(r.vaDeg[0]).toBeCloseTo(0, 9);
      expect(r.vaDeg[1]).toBeCloseTo((-0.01 * 180) / Math.PI, 6);
      expect(r.vaDeg[2]).toBeCloseTo((-0.08 * 180) / Math.PI, 6);
      expect(r.busIds).toEqual([1, 2, 3]);
      expect(r.solver).toBe(solver);
    }
  });

  it('uncongested quadratic costs: equal marginal costs 0.02·P1 + 10 = 0.04·P2 + 8 (highs, 1e-6)', async () => {
    // P1 + P2 = 150 → P1 = 200/3, P2 = 250/3, λ = 34/3 $/MWh at every bus.
    const mc = triangle({ gencost: [[2, 0, 0, 3, 0.01, 10, 5, 0, 0, 0], [2, 0, 0, 3, 0.02, 8, 0, 0, 0, 0]] });
    const r = await solveDcOpf(mc);
    expect(r.pgMw[0]).toBeCloseTo(200 / 3, 6);
    expect(r.pgMw[1]).toBeCloseTo(250 / 3, 6);
    for (const lmp of r.lmpUsdPerMwh) expect(lmp).toBeCloseTo(34 / 3, 6);
    const p1 = 200 / 3, p2 = 250 / 3;
    expect(r.objectiveUsdPerH).toBeCloseTo(0.01 * p1 * p1 + 10 * p1 + 5 + 0.02 * p2 * p2 + 8 * p2, 6);
  });

  it('piecewise-linear cost (MODEL 1) by epigraph: 50 MW at slope 10, the rest at 12 $/MWh (highs and glpk, 1e-6)', async () => {
    // gen 1 through (0,0), (50,500), (200,2500): slopes 10 then 13.33; gen 2 linear 12.
    const mc = triangle({ gencost: [[1, 0, 0, 3, 0, 0, 50, 500, 200, 2500], linear(12)] });
    for (const solver of ['highs', 'glpk'] as const) {
      const r = await solveDcOpf(mc, { solver });
      expect(r.pgMw[0]).toBeCloseTo(50, 6);
      expect(r.pgMw[1]).toBeCloseTo(100, 6);
      expect(r.objectiveUsdPerH).toBeCloseTo(500 + 1200, 6);
      for (const lmp of r.lmpUsdPerMwh) expect(lmp).toBeCloseTo(12, 6);
    }
  });

  it('tap ratio and phase shifter on line 1-3, GS shunt as load (1e-6)', async () => {
    // Only gen 1 is cheap and nothing binds, so P1 = load. b13 = 1/(x·τ) = 5 with τ = 2; θ2 = θ1/2 as before.
    // Shifter φ: f13 = 5(θ1 − θ3 − φ); balance at bus 1: f13 + f12 = P ⇒ f13 = P/2 − 2.5φ (p.u.).
    // GS = 10 MW at bus 3 adds to the 150 MW load: P = 1.6 p.u.; φ = 0.04 rad ⇒ f13 = 0.8 − 0.1 = 0.7 p.u.
    const mc = triangle({ gencost: [linear(10), linear(30)], tap13: 2, shift13Deg: (0.04 * 180) / Math.PI, gs3: 10 });
    const r = await solveDcOpf(mc);
    expect(r.pgMw[0]).toBeCloseTo(160, 6);
    expect(r.pgMw[1]).toBeCloseTo(0, 6);
    expect(r.branchFlowMw[1]).toBeCloseTo(70, 6);
    expect(r.branchFlowMw[0]).toBeCloseTo(90, 6);
    expect(r.branchFlowMw[2]).toBeCloseTo(90, 6);
  });

  it('an active ANGMAX binds like a line limit (highs vs glpk agree, 1e-6)', async () => {
    // θ1 − θ3 ≤ 4° on line 1-3 ⇒ f13 ≤ 10·(4π/180) p.u. = 69.81 MW, so gen 2 must run.
    const mc = triangle({ gencost: [linear(10), linear(30)] });
    mc.branch[1]![12] = 4;
    const [a, g] = [await solveDcOpf(mc), await solveDcOpf(mc, { solver: 'glpk' })];
    const fmax = 1000 * ((4 * Math.PI) / 180);
    expect(a.branchFlowMw[1]).toBeCloseTo(fmax, 6);
    // f13 = 50 + P1/3 = fmax
    expect(a.pgMw[0]).toBeCloseTo(3 * (fmax - 50), 6);
    expect(g.objectiveUsdPerH).toBeCloseTo(a.objectiveUsdPerH, 6);
    expect(a.lmpUsdPerMwh[2]).toBeCloseTo(50, 6);
  });

  it('reports infeasibility as status (load above capacity) and refuses bad cost data', async () => {
    const mc = triangle({ gencost: [linear(10), linear(30)] });
    mc.gen[0]![8] = 50;
    mc.gen[1]![8] = 50;
    const r = await solveDcOpf(mc, { solver: await loadLpSolver('highs') });
    expect(r.status).toBe('infeasible');
    expect(r.pgMw.length).toBe(0);
    const noCost = triangle({ gencost: [] });
    delete noCost.gencost;
    await expect(solveDcOpf(noCost)).rejects.toThrow(/no generator costs/);
    const concave = triangle({ gencost: [[1, 0, 0, 3, 0, 0, 50, 1000, 200, 2500], linear(12)] });
    await expect(solveDcOpf(concave)).rejects.toThrow(/gencost 1: .*convex/);
    const cubic = triangle({ gencost: [[2, 0, 0, 4, 1, 0.01, 10, 0, 0, 0], linear(12)] });
    await expect(solveDcOpf(cubic)).rejects.toBeInstanceOf(ValidationError);
    const unsortedPwl = triangle({ gencost: [[1, 0, 0, 3, 0, 0, 200, 500, 50, 2500], linear(12)] });
    await expect(solveDcOpf(unsortedPwl)).rejects.toThrow(/strictly increasing/);
  });
});
