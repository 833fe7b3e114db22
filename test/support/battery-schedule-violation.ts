// The constraint check of a battery-schedule/1 schedule, shared by the LP's and the exact kernel's tests.
import type { BatteryScheduleProblem } from '../../ts/flex/battery-schedule.js';

/** The series of a battery schedule, whichever solver made it. */
export interface ScheduleSeries {
  chargeKw: Float64Array;
  dischargeKw: Float64Array;
  importKw: Float64Array;
  exportKw: Float64Array;
  socKwh: Float64Array;
}

/** Largest violation of the battery-schedule/1 constraints (balance, bounds, SoC recursion, final floor), kW or kWh. */
export function batteryScheduleViolation(p: BatteryScheduleProblem, r: ScheduleSeries): number {
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
