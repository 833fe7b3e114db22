import { describe, expect, it } from 'vitest';
import { loadLpSolver, solveBatterySchedule, solveBatteryScheduleWith, ValidationError, type BatteryScheduleProblem } from '../../ts/index.js';
import { Rng } from '../../ts/random.js';
import { batteryScheduleViolation } from '../support/battery-schedule-violation.js';

function problem(over: Partial<Omit<BatteryScheduleProblem, 'battery'>> & { battery?: Partial<BatteryScheduleProblem['battery']> } = {}): BatteryScheduleProblem {
  const { battery, ...rest } = over;
  return {
    format: 'battery-schedule/1',
    intervalMinutes: 60,
    importPricePerKwh: [0.1, 0.5],
    exportPricePerKwh: [0, 0],
    loadKw: [0, 2],
    pvKw: [0, 0],
    battery: {
      capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, chargeEfficiency: 0.9, dischargeEfficiency: 0.9,
      initialSocKwh: 0, minSocKwh: 0, maxSocKwh: 10, finalSocMinKwh: 0, ...battery,
    },
    importLimitKw: null,
    exportLimitKw: null,
    ...rest,
  };
}

const violation = batteryScheduleViolation;

function randomProblem(rng: Rng, steps: number): BatteryScheduleProblem {
  const imp = Array.from({ length: steps }, (_, t) => 0.15 + 0.1 * Math.sin((2 * Math.PI * t) / 24) + rng.uniform(0, 0.1));
  const cap = rng.uniform(2, 15);
  return problem({
    intervalMinutes: rng.chance(0.5) ? 15 : 60,
    importPricePerKwh: imp,
    exportPricePerKwh: imp.map((v) => v * rng.uniform(0.2, 0.9)),
    loadKw: Array.from({ length: steps }, () => rng.uniform(0.2, 3)),
    pvKw: Array.from({ length: steps }, (_, t) => Math.max(0, 4 * Math.sin((Math.PI * ((t % 24) - 6)) / 12)) * rng.uniform(0.5, 1)),
    battery: {
      capacityKwh: cap, maxChargeKw: rng.uniform(1, 5), maxDischargeKw: rng.uniform(1, 5),
      chargeEfficiency: rng.uniform(0.85, 1), dischargeEfficiency: rng.uniform(0.85, 1),
      initialSocKwh: cap / 2, minSocKwh: 0.1 * cap, maxSocKwh: 0.95 * cap, finalSocMinKwh: cap / 2,
    },
    importLimitKw: rng.chance(0.5) ? null : 6,
    exportLimitKw: rng.chance(0.5) ? null : 4,
  });
}

describe('battery-schedule/1 by LP', () => {
  it('hand-solved 2 intervals: charge 2/0.81 kWh at 0.1, discharge 2 kW at 0.5 (both solvers, 1e-9)', async () => {
    // Covering 2 kWh in interval 2 needs 2/0.9 kWh stored, bought as 2/0.81 kWh in interval 1 at 0.1 (< 2 × 0.5).
    for (const solver of ['highs', 'glpk'] as const) {
      const r = await solveBatterySchedule(problem(), { solver });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo((0.1 * 2) / 0.81, 9);
      expect(r.chargeKw[0]).toBeCloseTo(2 / 0.81, 9);
      expect(r.dischargeKw[1]).toBeCloseTo(2, 9);
      expect(r.importKw[1]).toBeCloseTo(0, 9);
      expect(Array.from(r.socKwh).map((v) => +v.toFixed(9))).toEqual([+(2 / 0.9).toFixed(9), 0]);
      expect(r.solver).toBe(solver);
    }
  });

  it('the final SoC floor is bought at the cheapest price (1e-9)', async () => {
    const r = await solveBatterySchedule(problem({ battery: { finalSocMinKwh: 1 } }));
    expect(r.socKwh[1]).toBeCloseTo(1, 9);
    expect(r.objective).toBeCloseTo((0.1 * (2 / 0.9 + 1)) / 0.9, 9);
  });

  it("unbounded arbitrage (export price above import, no limits) is status 'unbounded'; a limit makes it bounded", async () => {
    const arb = problem({ exportPricePerKwh: [0.6, 0.6] });
    for (const solver of ['highs', 'glpk'] as const) expect((await solveBatterySchedule(arb, { solver })).status).toBe('unbounded');
    const limited = await solveBatterySchedule({ ...arb, exportLimitKw: 1 });
    expect(limited.status).toBe('optimal');
    expect(limited.exportKw[0]).toBeCloseTo(1, 9);
  });

  it("an import limit the battery cannot bridge is status 'infeasible' on both solvers", async () => {
    const p = problem({ importLimitKw: 0 });
    for (const solver of ['highs', 'glpk'] as const) {
      const r = await solveBatterySchedule(p, { solver });
      expect(r.status).toBe('infeasible');
      expect(r.chargeKw.length).toBe(0);
    }
  });

  it('20 random two-day problems: highs = glpk (1e-7 rel), feasible (1e-7), never dearer than leaving the battery idle', async () => {
    const rng = new Rng(2024);
    const [highs, glpk] = [await loadLpSolver('highs'), await loadLpSolver('glpk')];
    for (let k = 0; k < 20; k++) {
      const p = randomProblem(rng, 48);
      p.battery.finalSocMinKwh = p.battery.initialSocKwh;
      const a = solveBatteryScheduleWith(highs, p);
      const g = solveBatteryScheduleWith(glpk, p);
      expect(a.status).toBe('optimal');
      expect(Math.abs(a.objective - g.objective)).toBeLessThan(1e-7 * (1 + Math.abs(a.objective)));
      expect(violation(p, a)).toBeLessThan(1e-7);
      expect(violation(p, g)).toBeLessThan(1e-7);
      // Idle battery, final SoC = initial: net load bought/sold at the tariff (feasible when the limits allow it).
      const dt = p.intervalMinutes / 60;
      let idle = 0, idleFeasible = true;
      for (let t = 0; t < 48; t++) {
        const net = p.loadKw[t]! - p.pvKw[t]!;
        if (net > (p.importLimitKw ?? Infinity) || -net > (p.exportLimitKw ?? Infinity)) idleFeasible = false;
        idle += (net > 0 ? p.importPricePerKwh[t]! * net : p.exportPricePerKwh[t]! * net) * dt;
      }
      if (idleFeasible) expect(a.objective).toBeLessThanOrEqual(idle + 1e-9);
    }
  });

  it('refuses bad problems naming the field', async () => {
    await expect(solveBatterySchedule(problem({ pvKw: [0] }))).rejects.toThrow(/pvKw = 1: must have one value per interval \(2\)/);
    await expect(solveBatterySchedule(problem({ loadKw: [0, NaN] }))).rejects.toThrow(/loadKw\[1\]/);
    await expect(solveBatterySchedule(problem({ battery: { chargeEfficiency: 1.2 } }))).rejects.toThrow(/battery.chargeEfficiency/);
    await expect(solveBatterySchedule(problem({ battery: { initialSocKwh: 11 } }))).rejects.toBeInstanceOf(ValidationError);
    const { importLimitKw: _, ...noLimit } = problem();
    await expect(solveBatterySchedule(noLimit as BatteryScheduleProblem)).rejects.toThrow(/importLimitKw .*required/);
  });
});
