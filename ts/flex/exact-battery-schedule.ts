/**
 * battery-schedule/1 solved exactly without an LP solver: the structure-exploiting kernel of
 * ./storage-schedule-baseline.ts (merging each interval's convex piecewise-linear cost in a priority queue), on the
 * WASM engine or its TS twin. Same problem, same optimum as solveBatterySchedule's LP (checked against HiGHS to
 * 1e-9 in the objective on random problems), synchronous, O(T log T): a year of 15-minute steps in milliseconds.
 */
import type { Engine } from '../engine.js';
import { KernelStatus } from '../status.js';
import { validateBatterySchedule, type BatteryScheduleProblem, type CompiledBatterySchedule } from './battery-schedule.js';
import { STORAGE_PARAM } from './storage-schedule-baseline.js';
import { createStorageScheduler, type StorageScheduler } from './storage-scheduler.js';

/** Result of solveBatteryScheduleExact; series empty unless status is 'optimal'. */
export interface ExactBatteryScheduleResult {
  /** 'optimal', 'infeasible' or 'unbounded' (an export price above the import price with no limits). */
  status: 'optimal' | 'infeasible' | 'unbounded';
  /** Net energy cost Σ (importPrice·g − exportPrice·e)·Δh, currency (NaN unless optimal). */
  objective: number;
  /** Charging power per interval, kW. */
  chargeKw: Float64Array;
  /** Discharging power per interval, kW. */
  dischargeKw: Float64Array;
  /** Grid import per interval, kW. */
  importKw: Float64Array;
  /** Grid export per interval, kW. */
  exportKw: Float64Array;
  /** Stored energy at the end of each interval, kWh. */
  socKwh: Float64Array;
  /** Engine that ran the kernel. */
  engine: Engine;
  /** Time to lower, solve and copy out, ms. */
  solveMs: number;
}

/** The kernel's parameter array of a validated problem (limits: Infinity = none). */
export function storageParams(q: CompiledBatterySchedule): Float64Array {
  const b = q.battery;
  const p = new Float64Array(STORAGE_PARAM.LENGTH);
  p[STORAGE_PARAM.MAX_CHARGE_KW] = b.maxChargeKw;
  p[STORAGE_PARAM.MAX_DISCHARGE_KW] = b.maxDischargeKw;
  p[STORAGE_PARAM.CHARGE_EFFICIENCY] = b.chargeEfficiency;
  p[STORAGE_PARAM.DISCHARGE_EFFICIENCY] = b.dischargeEfficiency;
  p[STORAGE_PARAM.INITIAL_SOC_KWH] = b.initialSocKwh;
  p[STORAGE_PARAM.MIN_SOC_KWH] = b.minSocKwh;
  p[STORAGE_PARAM.MAX_SOC_KWH] = b.maxSocKwh;
  p[STORAGE_PARAM.FINAL_SOC_MIN_KWH] = b.finalSocMinKwh;
  p[STORAGE_PARAM.IMPORT_LIMIT_KW] = q.importLimitKw;
  p[STORAGE_PARAM.EXPORT_LIMIT_KW] = q.exportLimitKw;
  return p;
}

/**
 * Solves a battery-schedule/1 problem exactly with the structure-exploiting kernel (synchronous):
 * `solveBatteryScheduleExact(problem, { engine: 'wasm' })`. Pass `scheduler` to reuse workspaces across calls.
 */
export function solveBatteryScheduleExact(
  input: BatteryScheduleProblem | CompiledBatterySchedule,
  options: { engine?: Engine; scheduler?: StorageScheduler } = {},
): ExactBatteryScheduleResult {
  const t0 = performance.now();
  const q = 'steps' in input ? input : validateBatterySchedule(input);
  const s = options.scheduler ?? createStorageScheduler(options.engine ?? 'wasm', q.steps);
  const net = new Float64Array(q.steps);
  for (let t = 0; t < q.steps; t++) net[t] = q.loadKw[t]! - q.pvKw[t]!;
  const code = s.solve({ steps: q.steps, dtHours: q.dtHours, importPrice: q.importPrice, exportPrice: q.exportPrice, netLoadKw: net, params: storageParams(q) });
  if (code === KernelStatus.INVALID_INPUT) throw new RangeError('solveBatteryScheduleExact: the kernel refused a validated problem (a bug)');
  const ok = code === KernelStatus.OK;
  const n = ok ? q.steps : 0;
  return {
    status: ok ? 'optimal' : code === KernelStatus.UNBOUNDED ? 'unbounded' : 'infeasible',
    objective: ok ? s.objective : NaN,
    chargeKw: s.chargeKw.slice(0, n),
    dischargeKw: s.dischargeKw.slice(0, n),
    importKw: s.importKw.slice(0, n),
    exportKw: s.exportKw.slice(0, n),
    socKwh: s.socKwh.slice(0, n),
    engine: s.engine,
    solveMs: performance.now() - t0,
  };
}
