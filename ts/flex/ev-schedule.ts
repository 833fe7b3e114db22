/**
 * Optimal EV charging schedule against prices (format ev-schedule/1), as an LP over the LP layer:
 *
 *   one charger, sessions k = [arrivalStep, departureStep) that do not overlap, each needing energyKwh in the car
 *   charge p_t ∈ [0, maxChargeKw] while a car is plugged in (0 otherwise)
 *   energy    Σ_{t ∈ session k} efficiency·p_t·Δh = energyKwh_k   (the energy needed by departure)
 *   minimise  Σ_t importPrice_t·p_t·Δh
 *
 * A session that cannot get its energy at full power in its window makes the problem 'infeasible'.
 */
import { LpModelBuilder } from '../lp/lp-model-builder.js';
import type { LpModel } from '../lp/lp-model.js';
import type { LpSolver } from '../lp/lp-solver.js';
import { loadLpSolver } from '../lp/load-lp-solver.js';
import type { LpSolverName, LpStatus } from '../lp/lp-result.js';
import { checkNumber, checkSeries, scheduleError } from './schedule-checks.js';

const FORMAT = 'ev-schedule/1';

/** One plug-in session in interval indices. */
export interface EvScheduleSession {
  /** First interval the car is plugged in. */
  arrivalStep: number;
  /** First interval the car is gone (exclusive). */
  departureStep: number;
  /** Energy to store in the car by departure, kWh. */
  energyKwh: number;
}

/** An ev-schedule/1 problem. */
export interface EvScheduleProblem {
  /** Always 'ev-schedule/1'. */
  format: 'ev-schedule/1';
  /** Interval length, minutes. */
  intervalMinutes: number;
  /** Price of energy drawn per interval, currency/kWh. */
  importPricePerKwh: number[];
  /** The charger. */
  charger: { maxChargeKw: number; efficiency: number };
  /** Plug-in sessions, not overlapping. */
  sessions: EvScheduleSession[];
}

/** Result of solveEvSchedule; chargeKw empty unless optimal. */
export interface EvScheduleResult {
  /** 'optimal' or 'infeasible' (or 'iteration-limit' / 'error'). */
  status: LpStatus;
  /** Charging cost Σ price·p·Δh, currency (NaN unless optimal). */
  objective: number;
  /** Charger power drawn per interval, kW. */
  chargeKw: Float64Array;
  /** LP solver used. */
  solver: LpSolverName;
  /** Time to build, solve and read back, ms. */
  solveMs: number;
}

/** A validated ev-schedule/1 problem. */
export interface CompiledEvSchedule {
  steps: number;
  dtHours: number;
  price: Float64Array;
  maxChargeKw: number;
  efficiency: number;
  sessions: EvScheduleSession[];
}

/** Checks an ev-schedule/1 problem field by field. */
export function validateEvSchedule(input: unknown): CompiledEvSchedule {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) scheduleError(FORMAT, '(root)', input, 'must be an object');
  const p = input as Record<string, unknown>;
  if (p.format !== FORMAT) scheduleError(FORMAT, 'format', p.format, `must be '${FORMAT}'`);
  const minutes = checkNumber(FORMAT, 'intervalMinutes', p.intervalMinutes, 'min', 'positive');
  const price = checkSeries(FORMAT, 'importPricePerKwh', p.importPricePerKwh, -1, 'currency/kWh');
  const ch = p.charger as Record<string, unknown> | undefined;
  if (ch === null || typeof ch !== 'object') scheduleError(FORMAT, 'charger', ch, 'must be an object');
  const maxChargeKw = checkNumber(FORMAT, 'charger.maxChargeKw', ch.maxChargeKw, 'kW', 'nonnegative');
  const efficiency = checkNumber(FORMAT, 'charger.efficiency', ch.efficiency, '', 'positive');
  if (efficiency > 1) scheduleError(FORMAT, 'charger.efficiency', efficiency, 'must be in (0, 1]');
  if (!Array.isArray(p.sessions)) scheduleError(FORMAT, 'sessions', p.sessions, 'must be an array of {arrivalStep, departureStep, energyKwh}');
  const sessions: EvScheduleSession[] = [];
  let end = 0;
  p.sessions.forEach((s: Record<string, unknown>, k: number) => {
    const f = `sessions[${k}]`;
    const a = checkNumber(FORMAT, `${f}.arrivalStep`, s?.arrivalStep, 'interval', 'nonnegative');
    const d = checkNumber(FORMAT, `${f}.departureStep`, s?.departureStep, 'interval', 'nonnegative');
    if (!Number.isInteger(a) || !Number.isInteger(d) || d <= a || d > price.length) {
      scheduleError(FORMAT, `${f}.departureStep`, d, `arrivalStep and departureStep must be integers with arrivalStep (${a}) < departureStep ≤ ${price.length}`);
    }
    if (a < end) scheduleError(FORMAT, `${f}.arrivalStep`, a, `overlaps the previous session (ending at ${end}); sessions must be sorted and not overlap`);
    end = d;
    sessions.push({ arrivalStep: a, departureStep: d, energyKwh: checkNumber(FORMAT, `${f}.energyKwh`, s?.energyKwh, 'kWh', 'nonnegative') });
  });
  return { steps: price.length, dtHours: minutes / 60, price, maxChargeKw, efficiency, sessions };
}

/** The LP of a validated problem: one charge variable per plugged-in interval, one energy row per session. */
export function buildEvScheduleLp(q: CompiledEvSchedule): { lp: LpModel; step: Int32Array } {
  const b = new LpModelBuilder();
  const step: number[] = [];
  q.sessions.forEach((s, k) => {
    const cols: number[] = [];
    for (let t = s.arrivalStep; t < s.departureStep; t++) {
      cols.push(b.addVariable(`charge[${t}]`, { upper: q.maxChargeKw, cost: q.price[t]! * q.dtHours }));
      step.push(t);
    }
    b.addConstraint(`session[${k}].energy`, cols, cols.map(() => q.efficiency * q.dtHours), s.energyKwh, s.energyKwh);
  });
  return { lp: b.build(), step: Int32Array.from(step) };
}

/** Solves an ev-schedule/1 problem on a loaded solver (synchronous). */
export function solveEvScheduleWith(solver: LpSolver, input: EvScheduleProblem | CompiledEvSchedule): EvScheduleResult {
  const t0 = performance.now();
  const q = 'steps' in input ? input : validateEvSchedule(input);
  const { lp, step } = buildEvScheduleLp(q);
  const r = solver.solve(lp);
  const charge = new Float64Array(r.status === 'optimal' ? q.steps : 0);
  if (r.status === 'optimal') for (let j = 0; j < step.length; j++) charge[step[j]!] = r.x[j]!;
  return { status: r.status, objective: r.objective, chargeKw: charge, solver: solver.name, solveMs: performance.now() - t0 };
}

/** Solves an ev-schedule/1 problem: `await solveEvSchedule(problem, { solver: 'glpk' })`. */
export async function solveEvSchedule(input: EvScheduleProblem, options: { solver?: LpSolverName } = {}): Promise<EvScheduleResult> {
  const q = validateEvSchedule(input);
  return solveEvScheduleWith(await loadLpSolver(options.solver ?? 'highs'), q);
}
