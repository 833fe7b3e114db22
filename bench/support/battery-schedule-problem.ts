/**
 * A seeded household battery-schedule/1 problem of `steps` 15-minute intervals (time-of-use prices, PV with a
 * seasonal swing, a morning and evening load peak), shared by the schedule benchmarks (lp-solvers, storage-schedule).
 */
import type { BatteryScheduleProblem } from '../../ts/flex/battery-schedule.js';
import { Rng } from '../../ts/random.js';

/** The benchmarks' battery-schedule/1 problem with `steps` 15-minute intervals. */
export function scheduleProblem(steps: number): BatteryScheduleProblem {
  const rng = new Rng(steps);
  const imp: number[] = [], load: number[] = [], pv: number[] = [];
  for (let t = 0; t < steps; t++) {
    const h = (t % 96) / 4;
    const day = Math.floor(t / 96);
    const season = 0.6 + 0.4 * Math.sin((2 * Math.PI * (day - 80)) / 365);
    imp.push((h < 7 ? 0.12 : h >= 17 && h < 21 ? 0.35 : 0.22) + rng.uniform(-0.01, 0.01));
    load.push(0.3 + 0.4 * Math.exp(-(((h - 7.5) / 1.5) ** 2)) + 1.1 * Math.exp(-(((h - 19) / 2) ** 2)) + rng.uniform(0, 0.2));
    pv.push(h > 6 && h < 20 ? 4 * season * Math.sin((Math.PI * (h - 6)) / 14) * rng.uniform(0.3, 1) : 0);
  }
  return {
    format: 'battery-schedule/1', intervalMinutes: 15, importPricePerKwh: imp, exportPricePerKwh: imp.map(() => 0.08), loadKw: load, pvKw: pv,
    battery: { capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, chargeEfficiency: 0.95, dischargeEfficiency: 0.95, initialSocKwh: 5, minSocKwh: 1, maxSocKwh: 9.5, finalSocMinKwh: 5 },
    importLimitKw: null, exportLimitKw: 5,
  };
}
