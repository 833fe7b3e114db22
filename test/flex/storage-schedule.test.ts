import { describe, expect, it } from 'vitest';
import { loadLpSolver } from '../../ts/lp/load-lp-solver.js';
import { solveBatteryScheduleWith, validateBatterySchedule, type BatteryScheduleProblem } from '../../ts/flex/battery-schedule.js';
import { solveBatteryScheduleExact, type ExactBatteryScheduleResult } from '../../ts/flex/exact-battery-schedule.js';
import { createStorageScheduler } from '../../ts/flex/storage-scheduler.js';
import { Rng } from '../../ts/random.js';

/**
 * Random problems of five kinds, to reach every branch of the kernel: 0 ordinary tariffs; 1 the same with an
 * export price near the import price; 2 negative prices (burning energy by charging and discharging at once can pay);
 * 3 export above import with both limits finite (simultaneous import and export); 4 export above import at some
 * steps with at most one limit (unbounded without limits).
 */
function randomProblem(rng: Rng, steps: number, kind: number): BatteryScheduleProblem {
  const imp = Array.from({ length: steps }, () => rng.uniform(kind === 2 ? -0.1 : 0.05, 0.4));
  const exp = imp.map((v) => {
    if (kind === 1) return v * rng.uniform(0.9, 1);
    if (kind === 2) return v - rng.uniform(0, 0.3);
    if (kind >= 3) return v + rng.uniform(-0.2, 0.2);
    return v * rng.uniform(0, 1);
  });
  const cap = rng.uniform(1, 15);
  const smin = rng.uniform(0, 0.3) * cap;
  const smax = rng.uniform(0.6, 1) * cap;
  const finite = (): number => rng.uniform(1, 8);
  const limits = kind === 3 ? [finite(), finite()] : kind === 4 ? [rng.chance(0.3) ? finite() : null, rng.chance(0.3) ? finite() : null]
    : [rng.chance(0.4) ? finite() : null, rng.chance(0.4) ? finite() : null];
  return {
    format: 'battery-schedule/1',
    intervalMinutes: rng.chance(0.5) ? 15 : 60,
    importPricePerKwh: imp,
    exportPricePerKwh: exp,
    loadKw: Array.from({ length: steps }, () => rng.uniform(0, 3)),
    pvKw: Array.from({ length: steps }, () => (rng.chance(0.5) ? rng.uniform(0, 6) : 0)),
    battery: {
      capacityKwh: cap, maxChargeKw: rng.uniform(0.5, 5), maxDischargeKw: rng.chance(0.1) ? 0 : rng.uniform(0.5, 5),
      chargeEfficiency: rng.chance(0.2) ? 1 : rng.uniform(0.8, 1), dischargeEfficiency: rng.chance(0.2) ? 1 : rng.uniform(0.8, 1),
      initialSocKwh: rng.uniform(smin, smax), minSocKwh: smin, maxSocKwh: smax, finalSocMinKwh: rng.uniform(0, smax),
    },
    importLimitKw: limits[0]!,
    exportLimitKw: limits[1]!,
  };
}

/** Largest violation of the battery-schedule/1 constraints (balance, bounds, SoC recursion) by a schedule, kW or kWh. */
function violation(p: BatteryScheduleProblem, r: ExactBatteryScheduleResult): number {
  const dt = p.intervalMinutes / 60;
  const b = p.battery;
  let worst = 0, soc = b.initialSocKwh;
  for (let t = 0; t < p.loadKw.length; t++) {
    const [c, d, g, e] = [r.chargeKw[t]!, r.dischargeKw[t]!, r.importKw[t]!, r.exportKw[t]!];
    worst = Math.max(worst, Math.abs(p.pvKw[t]! + d + g - p.loadKw[t]! - c - e), -c, -d, -g, -e, c - b.maxChargeKw, d - b.maxDischargeKw);
    if (p.importLimitKw !== null) worst = Math.max(worst, g - p.importLimitKw);
    if (p.exportLimitKw !== null) worst = Math.max(worst, e - p.exportLimitKw);
    soc += (b.chargeEfficiency * c - d / b.dischargeEfficiency) * dt;
    worst = Math.max(worst, Math.abs(soc - r.socKwh[t]!), b.minSocKwh - soc, soc - b.maxSocKwh);
  }
  return Math.max(worst, b.finalSocMinKwh - soc);
}

/** Σ (p_imp·g − p_exp·e)·Δh of a schedule, recomputed here. */
function cost(p: BatteryScheduleProblem, r: ExactBatteryScheduleResult): number {
  let s = 0;
  for (let t = 0; t < p.loadKw.length; t++) s += (p.importPricePerKwh[t]! * r.importKw[t]! - p.exportPricePerKwh[t]! * r.exportKw[t]!) * (p.intervalMinutes / 60);
  return s;
}

describe('exact battery schedule (flex-storage kernel)', () => {
  it('hand-solved 2 intervals: charge 2/0.81 kWh at 0.1, discharge 2 kW at 0.5 (both engines, 1e-12)', () => {
    const p: BatteryScheduleProblem = {
      format: 'battery-schedule/1', intervalMinutes: 60, importPricePerKwh: [0.1, 0.5], exportPricePerKwh: [0, 0],
      loadKw: [0, 2], pvKw: [0, 0], importLimitKw: null, exportLimitKw: null,
      battery: { capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, chargeEfficiency: 0.9, dischargeEfficiency: 0.9, initialSocKwh: 0, minSocKwh: 0, maxSocKwh: 10, finalSocMinKwh: 0 },
    };
    for (const engine of ['wasm', 'ts'] as const) {
      const r = solveBatteryScheduleExact(p, { engine });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo((0.1 * 2) / 0.81, 12);
      expect(r.chargeKw[0]).toBeCloseTo(2 / 0.81, 12);
      expect(r.dischargeKw[1]).toBeCloseTo(2, 12);
      expect(r.socKwh[1]).toBeCloseTo(0, 12);
    }
    // Export above import with no limit: unbounded, as the LP says; with an export limit, bounded.
    expect(solveBatteryScheduleExact({ ...p, exportPricePerKwh: [0.6, 0.6] }).status).toBe('unbounded');
    expect(solveBatteryScheduleExact({ ...p, exportPricePerKwh: [0.6, 0.6], exportLimitKw: 1 }).status).toBe('optimal');
    expect(solveBatteryScheduleExact({ ...p, importLimitKw: 0 }).status).toBe('infeasible');
  });

  it('WASM kernel = TS twin bit for bit on 300 random problems of every kind', () => {
    const rng = new Rng(11);
    const wasm = createStorageScheduler('wasm', 80);
    const ts = createStorageScheduler('ts', 80);
    for (let k = 0; k < 300; k++) {
      const q = validateBatterySchedule(randomProblem(rng, 1 + rng.int(80), k % 5));
      const a = solveBatteryScheduleExact(q, { scheduler: wasm });
      const b = solveBatteryScheduleExact(q, { scheduler: ts });
      expect(a.engine).toBe('wasm');
      expect(b.engine).toBe('ts');
      expect(a.status).toBe(b.status);
      expect(Object.is(a.objective, b.objective)).toBe(true);
      for (const f of ['chargeKw', 'dischargeKw', 'importKw', 'exportKw', 'socKwh'] as const) expect(a[f]).toEqual(b[f]);
    }
  });

  it('agrees with the HiGHS LP on 300 random problems: status, objective to 1e-9 (rel.), feasible to 1e-9', async () => {
    const highs = await loadLpSolver('highs');
    const rng = new Rng(2026);
    const seen = new Set<string>();
    for (let k = 0; k < 300; k++) {
      const p = randomProblem(rng, 1 + rng.int(48), k % 5);
      const q = validateBatterySchedule(p);
      const lp = solveBatteryScheduleWith(highs, q);
      const r = solveBatteryScheduleExact(q, { engine: 'ts' });
      seen.add(r.status);
      expect(r.status, `problem ${k}`).toBe(lp.status);
      if (r.status !== 'optimal') continue;
      // Where the optimum is not unique the schedules may differ; objective and feasibility must not.
      expect(Math.abs(r.objective - lp.objective), `problem ${k}`).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(lp.objective)));
      expect(Math.abs(cost(p, r) - r.objective)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(r.objective)));
      expect(violation(p, r), `problem ${k}`).toBeLessThan(1e-9);
    }
    expect([...seen].sort()).toEqual(['infeasible', 'optimal', 'unbounded']);
  });

  it('a week of 15-minute steps against HiGHS (objective 1e-9 rel., feasible 1e-9); a year on both engines, feasible', async () => {
    const rng = new Rng(5);
    const daily = (n: number): BatteryScheduleProblem => {
      const p = randomProblem(rng, n, 0);
      p.intervalMinutes = 15;
      // A daily price shape (positive), so the battery cycles every day.
      p.importPricePerKwh = p.importPricePerKwh.map((v, t) => v + 0.2 * (1 + Math.sin((2 * Math.PI * t) / 96)));
      p.exportPricePerKwh = p.importPricePerKwh.map((v) => 0.5 * v);
      return p;
    };
    const week = daily(672);
    const q = validateBatterySchedule(week);
    const r = solveBatteryScheduleExact(q, { engine: 'wasm' });
    const lp = solveBatteryScheduleWith(await loadLpSolver('highs'), q);
    expect(lp.status).toBe('optimal');
    expect(r.status).toBe('optimal');
    expect(Math.abs(r.objective - lp.objective)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(lp.objective)));
    expect(violation(week, r)).toBeLessThan(1e-9);
    // The year's LP takes minutes on HiGHS (bench/storage-schedule.bench.ts); here: twin equality and feasibility.
    const year = daily(35_040);
    const a = solveBatteryScheduleExact(year, { engine: 'wasm' });
    const b = solveBatteryScheduleExact(year, { engine: 'ts' });
    expect(a.status).toBe('optimal');
    expect(Object.is(a.objective, b.objective)).toBe(true);
    expect(violation(year, a)).toBeLessThan(1e-9);
  }, 30_000);

  it('a terminal value keeps surplus stored when it is worth more than its feed-in (hand-solved, both engines)', () => {
    // One hour, 2 kW surplus, empty lossless battery of 1.5 kWh, feed-in 0.1: exported unless storing is worth more.
    const z = (v: number): Float64Array => new Float64Array([v]);
    for (const engine of ['wasm', 'ts'] as const) {
      const s = createStorageScheduler(engine, 1);
      const params = new Float64Array([5, 5, 1, 1, 0, 0, 1.5, 0, Infinity, Infinity, 0]);
      for (const [value, charged, objective] of [[0.05, 0, -0.2], [0.2, 1.5, -0.05]] as const) {
        params[10] = value;
        expect(s.solve({ steps: 1, dtHours: 1, importPrice: z(0.3), exportPrice: z(0.1), netLoadKw: z(-2), params })).toBe(0);
        expect(s.chargeKw[0]).toBeCloseTo(charged, 12);
        expect(s.objective).toBeCloseTo(objective, 12);
      }
    }
  });

  it('an empty horizon costs nothing; a scheduler refuses a problem longer than its workspace', () => {
    const s = createStorageScheduler('ts', 4);
    const params = new Float64Array(11).fill(0);
    params[2] = params[3] = 1;
    const z = new Float64Array(8);
    expect(s.solve({ steps: 0, dtHours: 0.25, importPrice: z, exportPrice: z, netLoadKw: z, params })).toBe(0);
    expect(s.objective).toBe(0);
    expect(() => s.solve({ steps: 8, dtHours: 0.25, importPrice: z, exportPrice: z, netLoadKw: z, params })).toThrow(/8 steps, this scheduler holds 4/);
  });
});
