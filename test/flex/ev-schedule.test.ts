import { describe, expect, it } from 'vitest';
import { loadLpSolver, solveEvSchedule, solveEvScheduleWith, type EvScheduleProblem } from '../../ts/index.js';
import { Rng } from '../../ts/random.js';

/** Exact reference: with linear prices and a box per interval, each session fills its cheapest intervals first. */
function greedyCost(p: EvScheduleProblem): number {
  const dt = p.intervalMinutes / 60;
  let cost = 0;
  for (const s of p.sessions) {
    const steps = Array.from({ length: s.departureStep - s.arrivalStep }, (_, i) => s.arrivalStep + i).sort(
      (a, b) => p.importPricePerKwh[a]! - p.importPricePerKwh[b]!,
    );
    let need = s.energyKwh / p.charger.efficiency; // energy drawn from the grid
    for (const t of steps) {
      const take = Math.min(need, p.charger.maxChargeKw * dt);
      cost += take * p.importPricePerKwh[t]!;
      need -= take;
    }
  }
  return cost;
}

function randomEv(rng: Rng, steps: number): EvScheduleProblem {
  const sessions: EvScheduleProblem['sessions'] = [];
  let t = rng.int(10);
  while (t < steps - 4) {
    const len = 4 + rng.int(30);
    const dep = Math.min(steps, t + len);
    sessions.push({ arrivalStep: t, departureStep: dep, energyKwh: rng.uniform(0, 0.8) * 7.4 * 0.25 * (dep - t) * 0.92 });
    t = dep + rng.int(20);
  }
  return {
    format: 'ev-schedule/1',
    intervalMinutes: 15,
    importPricePerKwh: Array.from({ length: steps }, () => rng.uniform(0.05, 0.4)),
    charger: { maxChargeKw: 7.4, efficiency: 0.92 },
    sessions,
  };
}

describe('ev-schedule/1 by LP', () => {
  it('equals the exact cheapest-intervals-first cost on 20 random weeks, both solvers (1e-9 rel)', async () => {
    const rng = new Rng(5);
    const [highs, glpk] = [await loadLpSolver('highs'), await loadLpSolver('glpk')];
    for (let k = 0; k < 20; k++) {
      const p = randomEv(rng, 96 * 2);
      const ref = greedyCost(p);
      for (const s of [highs, glpk]) {
        const r = solveEvScheduleWith(s, p);
        expect(r.status).toBe('optimal');
        expect(Math.abs(r.objective - ref)).toBeLessThan(1e-9 * (1 + ref));
        for (const sess of p.sessions) {
          let e = 0;
          for (let t = sess.arrivalStep; t < sess.departureStep; t++) e += r.chargeKw[t]! * 0.25 * 0.92;
          expect(e).toBeCloseTo(sess.energyKwh, 9);
        }
      }
    }
  });

  it("a session needing more than full power over its stay is 'infeasible'; overlapping sessions are refused", async () => {
    const p: EvScheduleProblem = {
      format: 'ev-schedule/1', intervalMinutes: 60, importPricePerKwh: [0.1, 0.2, 0.3],
      charger: { maxChargeKw: 10, efficiency: 1 }, sessions: [{ arrivalStep: 0, departureStep: 2, energyKwh: 25 }],
    };
    expect((await solveEvSchedule(p)).status).toBe('infeasible');
    expect((await solveEvSchedule(p, { solver: 'glpk' })).status).toBe('infeasible');
    p.sessions = [{ arrivalStep: 0, departureStep: 2, energyKwh: 5 }, { arrivalStep: 1, departureStep: 3, energyKwh: 5 }];
    await expect(solveEvSchedule(p)).rejects.toThrow(/sessions\[1\]\.arrivalStep = 1: overlaps/);
  });
});
