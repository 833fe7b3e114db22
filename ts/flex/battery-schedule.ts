/**
 * Optimal battery schedule of one prosumer against time-of-use or real-time prices (format battery-schedule/1),
 * as an LP over the LP layer:
 *
 *   per interval t (Δh = intervalMinutes/60 hours):
 *     charge c_t ∈ [0, maxChargeKw], discharge d_t ∈ [0, maxDischargeKw],
 *     import g_t ∈ [0, importLimitKw], export e_t ∈ [0, exportLimitKw]   (a null limit: unbounded)
 *     balance   pv_t + d_t + g_t = load_t + c_t + e_t
 *     storage   soc_t = soc_{t−1} + (η_c·c_t − d_t/η_d)·Δh,  soc_{−1} = initialSocKwh,
 *               minSocKwh ≤ soc_t ≤ maxSocKwh,  soc_{T−1} ≥ finalSocMinKwh
 *   minimise Σ_t (importPrice_t·g_t − exportPrice_t·e_t)·Δh
 *
 * Exact LP (no linearisation). With negative prices simultaneous charge and discharge can be optimal (it burns
 * energy in the losses); the LP may return it, as any optimum is. An export price above the import price with no
 * limits makes arbitrage unbounded: status 'unbounded'.
 */
import { LpModelBuilder } from '../lp/lp-model-builder.js';
import type { LpModel } from '../lp/lp-model.js';
import type { LpSolver } from '../lp/lp-solver.js';
import { loadLpSolver } from '../lp/load-lp-solver.js';
import type { LpSolverName, LpStatus } from '../lp/lp-result.js';
import { checkLimit, checkNumber, checkSeries, scheduleError } from './schedule-checks.js';

const FORMAT = 'battery-schedule/1';

/** The battery of a battery-schedule/1 problem. */
export interface ScheduleBattery {
  /** Usable capacity, kWh. */
  capacityKwh: number;
  /** Charging power limit at the AC terminal, kW. */
  maxChargeKw: number;
  /** Discharging power limit at the AC terminal, kW. */
  maxDischargeKw: number;
  /** Fraction of charged AC energy that is stored, (0, 1]. */
  chargeEfficiency: number;
  /** Fraction of the taken stored energy that is delivered at AC, (0, 1]. */
  dischargeEfficiency: number;
  /** Stored energy before the first interval, kWh. */
  initialSocKwh: number;
  /** Lower limit of stored energy, kWh. */
  minSocKwh: number;
  /** Upper limit of stored energy, kWh (≤ capacity). */
  maxSocKwh: number;
  /** Stored energy required at the end of the last interval, at least, kWh. */
  finalSocMinKwh: number;
}

/** A battery-schedule/1 problem: one prosumer, one battery, T intervals. */
export interface BatteryScheduleProblem {
  /** Always 'battery-schedule/1'. */
  format: 'battery-schedule/1';
  /** Interval length, minutes. */
  intervalMinutes: number;
  /** Price of imported energy per interval, currency/kWh. */
  importPricePerKwh: number[];
  /** Price paid for exported energy per interval, currency/kWh. */
  exportPricePerKwh: number[];
  /** Load per interval, kW (average over the interval). */
  loadKw: number[];
  /** PV output per interval, kW. */
  pvKw: number[];
  /** The battery. */
  battery: ScheduleBattery;
  /** Import limit, kW, or null for none. */
  importLimitKw: number | null;
  /** Export limit, kW, or null for none. */
  exportLimitKw: number | null;
}

/** A validated problem in arrays. */
export interface CompiledBatterySchedule {
  steps: number;
  dtHours: number;
  importPrice: Float64Array;
  exportPrice: Float64Array;
  loadKw: Float64Array;
  pvKw: Float64Array;
  battery: ScheduleBattery;
  importLimitKw: number;
  exportLimitKw: number;
}

/** Result of solveBatterySchedule; series empty unless status is 'optimal'. */
export interface BatteryScheduleResult {
  /** 'optimal', 'infeasible', 'unbounded' (or 'iteration-limit' / 'error'). */
  status: LpStatus;
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
  /** LP solver used ('exact' when `peergrid schedule --solver exact` ran the flex-storage kernel instead). */
  solver: LpSolverName | 'exact';
  /** Time to build, solve and read back, ms. */
  solveMs: number;
}

/** Checks a battery-schedule/1 problem (from JSON or code) field by field and lowers it to arrays. */
export function validateBatterySchedule(input: unknown): CompiledBatterySchedule {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) scheduleError(FORMAT, '(root)', input, 'must be an object');
  const p = input as Record<string, unknown>;
  if (p.format !== FORMAT) scheduleError(FORMAT, 'format', p.format, `must be '${FORMAT}'`);
  const minutes = checkNumber(FORMAT, 'intervalMinutes', p.intervalMinutes, 'min', 'positive');
  const importPrice = checkSeries(FORMAT, 'importPricePerKwh', p.importPricePerKwh, -1, 'currency/kWh');
  const n = importPrice.length;
  const exportPrice = checkSeries(FORMAT, 'exportPricePerKwh', p.exportPricePerKwh, n, 'currency/kWh');
  const loadKw = checkSeries(FORMAT, 'loadKw', p.loadKw, n, 'kW', 'nonnegative');
  const pvKw = checkSeries(FORMAT, 'pvKw', p.pvKw, n, 'kW', 'nonnegative');
  const b = p.battery as Record<string, unknown> | undefined;
  if (b === null || typeof b !== 'object') scheduleError(FORMAT, 'battery', b, 'must be an object');
  const num = (f: string, unit: string, rule: 'any' | 'nonnegative' | 'positive' = 'nonnegative'): number => checkNumber(FORMAT, `battery.${f}`, b[f], unit, rule);
  const battery: ScheduleBattery = {
    capacityKwh: num('capacityKwh', 'kWh'),
    maxChargeKw: num('maxChargeKw', 'kW'),
    maxDischargeKw: num('maxDischargeKw', 'kW'),
    chargeEfficiency: num('chargeEfficiency', '', 'positive'),
    dischargeEfficiency: num('dischargeEfficiency', '', 'positive'),
    initialSocKwh: num('initialSocKwh', 'kWh'),
    minSocKwh: num('minSocKwh', 'kWh'),
    maxSocKwh: num('maxSocKwh', 'kWh'),
    finalSocMinKwh: num('finalSocMinKwh', 'kWh'),
  };
  for (const f of ['chargeEfficiency', 'dischargeEfficiency'] as const) {
    if (battery[f] > 1) scheduleError(FORMAT, `battery.${f}`, battery[f], 'must be in (0, 1]');
  }
  if (battery.maxSocKwh > battery.capacityKwh) scheduleError(FORMAT, 'battery.maxSocKwh', battery.maxSocKwh, `must be ≤ capacityKwh (${battery.capacityKwh})`, 'kWh');
  if (battery.minSocKwh > battery.maxSocKwh) scheduleError(FORMAT, 'battery.minSocKwh', battery.minSocKwh, `must be ≤ maxSocKwh (${battery.maxSocKwh})`, 'kWh');
  if (battery.initialSocKwh < battery.minSocKwh || battery.initialSocKwh > battery.maxSocKwh) {
    scheduleError(FORMAT, 'battery.initialSocKwh', battery.initialSocKwh, `must lie within [minSocKwh, maxSocKwh] = [${battery.minSocKwh}, ${battery.maxSocKwh}]`, 'kWh');
  }
  // A final floor above maxSoc can never be met; say so rather than report an infeasible LP.
  if (battery.finalSocMinKwh > battery.maxSocKwh) scheduleError(FORMAT, 'battery.finalSocMinKwh', battery.finalSocMinKwh, `must be ≤ maxSocKwh (${battery.maxSocKwh})`, 'kWh');
  if (!('importLimitKw' in p)) scheduleError(FORMAT, 'importLimitKw', undefined, 'is required (a number in kW, or null for no limit)', 'kW');
  if (!('exportLimitKw' in p)) scheduleError(FORMAT, 'exportLimitKw', undefined, 'is required (a number in kW, or null for no limit)', 'kW');
  return {
    steps: n,
    dtHours: minutes / 60,
    importPrice, exportPrice, loadKw, pvKw, battery,
    importLimitKw: checkLimit(FORMAT, 'importLimitKw', p.importLimitKw, 'kW'),
    exportLimitKw: checkLimit(FORMAT, 'exportLimitKw', p.exportLimitKw, 'kW'),
  };
}

/** Column layout: five variables per interval, in this order. */
const C = 0, D = 1, G = 2, E = 3, S = 4, PER_STEP = 5;

/** The LP of a validated problem (columns 5t…5t+4 = charge, discharge, import, export, soc of interval t). */
export function buildBatteryScheduleLp(q: CompiledBatterySchedule): LpModel {
  const b = new LpModelBuilder();
  const bat = q.battery;
  const dt = q.dtHours;
  for (let t = 0; t < q.steps; t++) {
    b.addVariable(`charge[${t}]`, { upper: bat.maxChargeKw });
    b.addVariable(`discharge[${t}]`, { upper: bat.maxDischargeKw });
    b.addVariable(`import[${t}]`, { upper: q.importLimitKw, cost: q.importPrice[t]! * dt });
    b.addVariable(`export[${t}]`, { upper: q.exportLimitKw, cost: -q.exportPrice[t]! * dt });
    const last = t === q.steps - 1;
    b.addVariable(`soc[${t}]`, { lower: last ? Math.max(bat.minSocKwh, bat.finalSocMinKwh) : bat.minSocKwh, upper: bat.maxSocKwh });
    const k = PER_STEP * t;
    const net = q.loadKw[t]! - q.pvKw[t]!;
    b.addConstraint(`balance[${t}]`, [k + D, k + G, k + C, k + E], [1, 1, -1, -1], net, net);
    const charge = bat.chargeEfficiency * dt;
    const discharge = dt / bat.dischargeEfficiency;
    if (t === 0) b.addConstraint(`storage[${t}]`, [k + S, k + C, k + D], [1, -charge, discharge], bat.initialSocKwh, bat.initialSocKwh);
    else b.addConstraint(`storage[${t}]`, [k + S, k - PER_STEP + S, k + C, k + D], [1, -1, -charge, discharge], 0, 0);
  }
  return b.build();
}

/** Solves a battery-schedule/1 problem on a loaded solver (synchronous). */
export function solveBatteryScheduleWith(solver: LpSolver, input: BatteryScheduleProblem | CompiledBatterySchedule): BatteryScheduleResult {
  const t0 = performance.now();
  const q = 'steps' in input ? input : validateBatterySchedule(input);
  const r = solver.solve(buildBatteryScheduleLp(q));
  const n = r.status === 'optimal' ? q.steps : 0;
  const series = (v: number): Float64Array => {
    const out = new Float64Array(n);
    for (let t = 0; t < n; t++) out[t] = r.x[PER_STEP * t + v]!;
    return out;
  };
  return {
    status: r.status,
    objective: r.objective,
    chargeKw: series(C),
    dischargeKw: series(D),
    importKw: series(G),
    exportKw: series(E),
    socKwh: series(S),
    solver: solver.name,
    solveMs: performance.now() - t0,
  };
}

/** Solves a battery-schedule/1 problem: `await solveBatterySchedule(problem, { solver: 'highs' })`. */
export async function solveBatterySchedule(input: BatteryScheduleProblem, options: { solver?: LpSolverName } = {}): Promise<BatteryScheduleResult> {
  const q = validateBatterySchedule(input);
  return solveBatteryScheduleWith(await loadLpSolver(options.solver ?? 'highs'), q);
}
