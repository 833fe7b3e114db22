// `peergrid schedule <problem.json>`: the optimal schedule of one battery (battery-schedule/1) or one EV charger
// (ev-schedule/1) against prices, printed as a readable summary or as exactly one JSON object. Node-only.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { solveBatteryScheduleWith, validateBatterySchedule, type BatteryScheduleResult } from '../flex/battery-schedule.js';
import { solveEvScheduleWith, validateEvSchedule, type EvScheduleResult } from '../flex/ev-schedule.js';
import { solveBatteryScheduleExact } from '../flex/exact-battery-schedule.js';
import { ValidationError } from '../errors.js';
import { checkLpSolverName, loadLpSolver } from '../lp/load-lp-solver.js';
import { parseJsonText } from '../network/json-text.js';

/** Options of `peergrid schedule` as commander parses them. */
export interface ScheduleCliOptions {
  solver: string;
  json?: boolean;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The battery `--json` output: exactly these fields. */
export function batteryScheduleJson(r: BatteryScheduleResult): object {
  return {
    status: r.status,
    objective: finiteOrNull(r.objective),
    chargeKw: Array.from(r.chargeKw),
    dischargeKw: Array.from(r.dischargeKw),
    importKw: Array.from(r.importKw),
    exportKw: Array.from(r.exportKw),
    socKwh: Array.from(r.socKwh),
    solver: r.solver,
    solveMs: r.solveMs,
  };
}

/** The EV `--json` output. */
export function evScheduleJson(r: EvScheduleResult): object {
  return { status: r.status, objective: finiteOrNull(r.objective), chargeKw: Array.from(r.chargeKw), solver: r.solver, solveMs: r.solveMs };
}

const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);

/** The readable summary of a battery schedule. */
export function batteryScheduleSummary(name: string, steps: number, dtHours: number, r: BatteryScheduleResult): string {
  const lines = [`${name}: optimal battery schedule, ${steps} intervals of ${dtHours * 60} min, solver ${r.solver}`, `status: ${r.status}`];
  if (r.status === 'optimal') {
    lines.push(
      `net energy cost: ${r.objective.toFixed(4)}`,
      `grid: import ${(sum(r.importKw) * dtHours).toFixed(3)} kWh, export ${(sum(r.exportKw) * dtHours).toFixed(3)} kWh`,
      `battery: charged ${(sum(r.chargeKw) * dtHours).toFixed(3)} kWh, discharged ${(sum(r.dischargeKw) * dtHours).toFixed(3)} kWh, ` +
        `stored energy ${Math.min(...r.socKwh).toFixed(3)} … ${Math.max(...r.socKwh).toFixed(3)} kWh, final ${r.socKwh[steps - 1]!.toFixed(3)} kWh`,
    );
  } else if (r.status === 'unbounded') {
    lines.push('note: an export price above the import price with no import/export limit makes arbitrage unbounded');
  }
  lines.push(`solve time: ${r.solveMs.toFixed(1)} ms`);
  return lines.join('\n') + '\n';
}

/** The readable summary of an EV schedule. */
export function evScheduleSummary(name: string, steps: number, dtHours: number, r: EvScheduleResult): string {
  const lines = [`${name}: optimal EV charging schedule, ${steps} intervals of ${dtHours * 60} min, solver ${r.solver}`, `status: ${r.status}`];
  if (r.status === 'optimal') lines.push(`charging cost: ${r.objective.toFixed(4)}`, `energy drawn: ${(sum(r.chargeKw) * dtHours).toFixed(3)} kWh`);
  lines.push(`solve time: ${r.solveMs.toFixed(1)} ms`);
  return lines.join('\n') + '\n';
}

/** Registers `peergrid schedule`. Exit code 0 when optimal, 1 otherwise (the result is still printed). */
export function registerScheduleCommand(program: Command): void {
  program
    .command('schedule')
    .description('optimal battery (battery-schedule/1) or EV charging (ev-schedule/1) schedule against prices, by LP')
    .argument('<problem>', 'problem file (.json)')
    .option('--solver <solver>', 'highs | glpk (glpk.js: GPL-3.0, optional) | exact (battery-schedule/1 only: the flex-storage kernel, no LP)', 'highs')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (file: string, o: ScheduleCliOptions) => {
      const exact = o.solver === 'exact';
      const solverName = exact ? 'highs' : checkLpSolverName(o.solver, '--solver');
      const problem = parseJsonText(readFileSync(file, 'utf8'), file) as { format?: unknown };
      const format = problem?.format;
      if (exact && format !== 'battery-schedule/1') {
        throw new ValidationError({ element: 'option', id: '--solver', field: '--solver', value: 'exact' }, `applies to battery-schedule/1 only (this file is ${JSON.stringify(format)}); use highs or glpk`);
      }
      let text: string;
      let status: string;
      if (format === 'battery-schedule/1') {
        const q = validateBatterySchedule(problem);
        const r: BatteryScheduleResult = exact
          ? { ...solveBatteryScheduleExact(q, { engine: 'wasm' }), solver: 'exact' }
          : solveBatteryScheduleWith(await loadLpSolver(solverName), q);
        text = o.json ? JSON.stringify(batteryScheduleJson(r)) + '\n' : batteryScheduleSummary(file, q.steps, q.dtHours, r);
        status = r.status;
      } else if (format === 'ev-schedule/1') {
        const q = validateEvSchedule(problem);
        const r = solveEvScheduleWith(await loadLpSolver(solverName), q);
        text = o.json ? JSON.stringify(evScheduleJson(r)) + '\n' : evScheduleSummary(file, q.steps, q.dtHours, r);
        status = r.status;
      } else {
        throw new ValidationError({ element: 'schedule', id: file, field: 'format', value: format }, "must be 'battery-schedule/1' or 'ev-schedule/1'");
      }
      process.stdout.write(text);
      if (status !== 'optimal') {
        process.stderr.write(`peergrid: schedule ended with status '${status}'\n`);
        process.exitCode = 1;
      }
    });
}
