/**
 * The exact battery schedule (flex-storage kernel) against the LP: WASM kernel vs its TS twin vs HiGHS on the
 * battery-schedule/1 LP of one household from a day to a year of 15-minute steps (the problems of lp-solvers.bench),
 * with the objectives' agreement; then the default study (100 households, 15 batteries, 15 EVs) for a year under
 * the no-P2P baseline with its rule-based storage and with rolling-horizon optimal storage (24 h ahead, re-planned
 * hourly, perfect forecast), on its flat tariff and on a time-of-use variant: CPU time of each run and the household
 * outcomes.
 * Kernel medians by benchmark.js, the TS/WASM ratio from interleaved rounds; HiGHS medians of interleaved solves
 * (one solve at a year: about a minute). Usage: node --import tsx bench/storage-schedule.bench.ts [--quick]
 * Writes bench/results/storage-schedule.json and bench/results/storage-schedule.md.
 */
import Benchmark from 'benchmark';
import { solveBatteryScheduleWith, validateBatterySchedule } from '../ts/flex/battery-schedule.js';
import { storageParams } from '../ts/flex/exact-battery-schedule.js';
import { createStorageScheduler, type StorageScheduleInput } from '../ts/flex/storage-scheduler.js';
import { loadLpSolver } from '../ts/lp/load-lp-solver.js';
import { createDefaultStudy } from '../ts/sim/scenario/default-study.js';
import { compareStorageStrategies, type StorageStrategyRow } from '../ts/sim/engine/storage-strategy-comparison.js';
import { KernelStatus } from '../ts/status.js';
import { cpuDescription, loadAverageText, median, writeResult } from './support/bench-support.js';
import { scheduleProblem } from './support/battery-schedule-problem.js';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [96, 672] : [96, 672, 35_040];
const STUDY_STEPS = quick ? 96 * 7 : 35_040;
const TOU = Array.from({ length: 24 }, (_, h) => (h < 6 ? 0.3 : h >= 17 && h < 21 ? 0.52 : 0.4));

/** Median seconds per call of fn, by benchmark.js. */
function measure(name: string, fn: () => unknown): number {
  const b = new Benchmark(name, fn, { minSamples: quick ? 3 : 10, maxTime: quick ? 0.2 : 2, initCount: 1 });
  b.run({ async: false });
  if (b.error) throw b.error;
  const t = median(b.stats.sample);
  console.log(`${name}: ${(t * 1000).toFixed(3)} ms (median of ${b.stats.sample.length})`);
  return t;
}

interface KernelRow { steps: number; wasmMs: number; tsMs: number; pairedTsOverWasm: number; highsMs: number; highsOverWasm: number; objectiveKernel: number; objectiveHighs: number; relDiff: number }

const highs = await loadLpSolver('highs');
const kernelRows: KernelRow[] = [];
for (const steps of SIZES) {
  const q = validateBatterySchedule(scheduleProblem(steps));
  const net = new Float64Array(steps);
  for (let t = 0; t < steps; t++) net[t] = q.loadKw[t]! - q.pvKw[t]!;
  const input: StorageScheduleInput = { steps, dtHours: q.dtHours, importPrice: q.importPrice, exportPrice: q.exportPrice, netLoadKw: net, params: storageParams(q) };
  const wasm = createStorageScheduler('wasm', steps);
  const ts = createStorageScheduler('ts', steps);
  if (wasm.solve(input) !== KernelStatus.OK || ts.solve(input) !== KernelStatus.OK) throw new Error(`kernel failed at ${steps} steps`);
  const wasmS = measure(`kernel wasm ${steps}`, () => wasm.solve(input));
  const tsS = measure(`kernel ts ${steps}`, () => ts.solve(input));
  const rounds = quick ? 9 : steps >= 35_040 ? 15 : 41;
  const r: number[] = [];
  for (let k = 0; k < rounds; k++) {
    let t0 = performance.now();
    wasm.solve(input);
    const a = performance.now() - t0;
    t0 = performance.now();
    ts.solve(input);
    r.push((performance.now() - t0) / a);
  }
  const lpRounds = steps >= 35_040 ? 1 : quick ? 3 : steps >= 672 ? 5 : 11;
  solveBatteryScheduleWith(highs, q); // warm-up (at a year: the one solve that also fixes the objective)
  const h: number[] = [];
  let objectiveHighs = NaN;
  for (let k = 0; k < lpRounds && !(steps >= 35_040 && k > 0); k++) {
    const res = solveBatteryScheduleWith(highs, q);
    h.push(res.solveMs);
    objectiveHighs = res.objective;
  }
  const row: KernelRow = {
    steps, wasmMs: wasmS * 1000, tsMs: tsS * 1000, pairedTsOverWasm: median(r), highsMs: median(h), highsOverWasm: median(h) / (wasmS * 1000),
    objectiveKernel: wasm.objective, objectiveHighs, relDiff: Math.abs(wasm.objective - objectiveHighs) / Math.max(1, Math.abs(objectiveHighs)),
  };
  console.log(JSON.stringify(row));
  kernelRows.push(row);
}

interface StudyRow extends StorageStrategyRow { tariff: string }
const studyRows: StudyRow[] = [];
for (const tariff of ['flat (default study)', 'time of use'] as const) {
  const s = createDefaultStudy({ steps: STUDY_STEPS });
  if (tariff === 'time of use') s.tariffs = { retailPricePerKwh: TOU, feedInPricePerKwh: 0.081 };
  // CPU time of this process (user + system): wall time on this shared machine mostly measures the other tenants.
  const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  for (const row of compareStorageStrategies(s, { clock: cpuMs })) {
    console.log(tariff, JSON.stringify(row));
    studyRows.push({ tariff, ...row });
  }
}

writeResult(`storage-schedule${quick ? '.quick' : ''}.json`, JSON.stringify({ when: new Date().toISOString(), cpu: cpuDescription(), load: loadAverageText(), quick, kernelRows, studyRows }, null, 2));
const f = (x: number, d = 2): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const label = (n: number): string => (n === 96 ? '1 day' : n === 672 ? '1 week' : n === 35_040 ? '1 year' : `${n} steps`);
const md = [
  `## Exact battery schedule: flex-storage kernel vs TS twin vs HiGHS LP; optimal vs rule-based storage${quick ? ' (quick)' : ''}`,
  '',
  `${new Date().toISOString()}, ${cpuDescription()}, load average ${loadAverageText()}. Kernel: medians of benchmark.js samples (the scheduler's workspaces reused), TS/WASM from interleaved rounds; HiGHS: median of interleaved solves of the battery-schedule/1 LP (build excluded, one solve at a year).`,
  '',
  '| horizon (15-min steps) | WASM kernel ms | TS twin ms | TS/WASM (paired) | HiGHS LP ms | HiGHS/WASM | objective agreement |',
  '|---|---|---|---|---|---|---|',
  ...kernelRows.map((r) => `| ${label(r.steps)} (${r.steps.toLocaleString('en-US')}) | ${f(r.wasmMs, 3)} | ${f(r.tsMs, 3)} | ${f(r.pairedTsOverWasm)} | ${f(r.highsMs, 0)} | ${f(r.highsOverWasm, 0)}× | ${r.relDiff.toExponential(1)} rel |`),
  '',
  `Default study, ${STUDY_STEPS === 35_040 ? 'the year 2023' : `${STUDY_STEPS} steps`}, no-P2P baseline; "optimal" = every battery rule 'optimal' and every EV policy 'optimal' (24 h ahead, re-planned hourly, perfect forecast); the time-of-use variant replaces the retail price by ${TOU[0]} (0–6 h) / ${TOU[8]} / ${TOU[18]} (17–21 h) EUR/kWh.`,
  '',
  '| tariff | storage | run s (CPU) | battery households EUR | EV households EUR | community EUR | self-sufficiency | peak import kW | curtailed kWh | EV unmet kWh |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...studyRows.map((r) => `| ${r.tariff} | ${r.strategy === 'as written' ? 'rule-based' : 'optimal'} | ${f(r.runMs / 1000, 1)} | ${f(r.batteryHouseholdsCost)} | ${f(r.evHouseholdsCost)} | ${f(r.communityCost)} | ${r.selfSufficiency === null ? '—' : f(100 * r.selfSufficiency, 2) + ' %'} | ${r.peakImportKw === null ? '—' : f(r.peakImportKw, 1)} | ${f(r.curtailedKwh, 1)} | ${f(r.evUnmetKwh, 1)} |`),
  '',
];
writeResult(`storage-schedule${quick ? '.quick' : ''}.md`, md.join('\n'));
