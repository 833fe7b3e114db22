/**
 * The LP layer: HiGHS vs glpk.js on the DC OPF of the MATPOWER OPF cases (../shared/cases/opf; glpk only where the
 * case is an LP — the quadratic-cost cases are QPs, HiGHS only) and on battery-schedule/1 problems from a day to a
 * year of 15-minute steps; plus the whole `peergrid opf case9241pegase.m --json` process (built dist/), against the
 * issue's target of 1 s (MATPOWER rundcopf with GLPK: 11 s on this machine kind).
 * Each LP is solved `rounds` times with the two solvers interleaved (same machine load for both); medians.
 * Usage: node --import tsx bench/lp-solvers.bench.ts [--quick]
 * Writes bench/results/lp-solvers.json and bench/results/lp-solvers.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBatteryScheduleLp, validateBatterySchedule } from '../ts/flex/battery-schedule.js';
import { isQuadratic, type LpModel } from '../ts/lp/lp-model.js';
import { loadLpSolver } from '../ts/lp/load-lp-solver.js';
import type { LpSolver } from '../ts/lp/lp-solver.js';
import { parseMatpowerJson } from '../ts/network/matpower-json-parser.js';
import { buildDcOpfModel } from '../ts/opf/dc-opf-model.js';
import { casesDir } from '../test/support/cases.js';
import { cpuDescription, median, writeResult } from './support/bench-support.js';
import { scheduleProblem } from './support/battery-schedule-problem.js';

const quick = process.argv.includes('--quick');
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const OPF_CASES = quick ? ['case9', 'case118', 'case2383wp'] : ['case9', 'case14', 'case30', 'case57', 'case118', 'case300', 'case1354pegase', 'case2383wp', 'case9241pegase'];
const SCHEDULE_STEPS = quick ? [96, 672] : [96, 672, 2976, 35040];
const GLPK_MAX_COLS = quick ? 5_000 : 20_000;
const CLI_TARGET_MS = 1000;

interface Row { name: string; cols: number; rows: number; nnz: number; buildMs: number; highsMs: number; glpkMs: number | null; objectiveHighs: number; objectiveGlpk: number | null; relDiff: number | null }

function timeSolves(name: string, build: () => LpModel, highs: LpSolver, glpk: LpSolver, rounds: number): Row {
  const builds: number[] = [];
  let lp = build();
  for (let r = 0; r < Math.min(rounds, 3); r++) {
    const t0 = performance.now();
    lp = build();
    builds.push(performance.now() - t0);
  }
  const useGlpk = !isQuadratic(lp) && lp.numCols <= GLPK_MAX_COLS;
  highs.solve(lp); // warm-up: the first solve runs in V8's baseline tier
  if (useGlpk) glpk.solve(lp);
  const h: number[] = [], g: number[] = [];
  let oh = NaN, og = NaN;
  for (let r = 0; r < rounds; r++) {
    for (const s of r % 2 ? [glpk, highs] : [highs, glpk]) {
      if (s === glpk && !useGlpk) continue;
      const res = s.solve(lp);
      (s === highs ? h : g).push(res.solveMs);
      if (s === highs) oh = res.objective;
      else og = res.objective;
    }
  }
  const row: Row = {
    name, cols: lp.numCols, rows: lp.numRows, nnz: lp.matrix.values.length, buildMs: median(builds), highsMs: median(h),
    glpkMs: useGlpk ? median(g) : null, objectiveHighs: oh, objectiveGlpk: useGlpk ? og : null,
    relDiff: useGlpk ? Math.abs(oh - og) / Math.max(1, Math.abs(oh)) : null,
  };
  console.log(JSON.stringify(row));
  return row;
}

const highs = await loadLpSolver('highs');
const glpk = await loadLpSolver('glpk');
const opfRows: Row[] = [];
for (const name of OPF_CASES) {
  const file = join(casesDir, 'opf', `${name}.opf-case.json`);
  const mc = parseMatpowerJson(readFileSync(file, 'utf8'), file);
  const big = name === 'case9241pegase' || name === 'case2383wp' || name === 'case1354pegase';
  opfRows.push(timeSolves(name, () => buildDcOpfModel(mc).lp, highs, glpk, quick ? 1 : big ? 1 : 5));
}
const scheduleRows: Row[] = [];
for (const steps of SCHEDULE_STEPS) {
  const q = validateBatterySchedule(scheduleProblem(steps));
  scheduleRows.push(timeSolves(`battery ${steps} steps (${(steps / 96).toFixed(0)} d)`, () => buildBatteryScheduleLp(q), highs, glpk, quick ? 1 : steps > 5000 ? 1 : 5));
}

// The whole CLI process on case9241pegase.m, as a user runs it (node + parse + build + load HiGHS + solve + print).
const cliRuns: number[] = [];
const cliFile = join(casesDir, 'matpower-m', quick ? 'case300.m' : 'case9241pegase.m');
for (let r = 0; r < (quick ? 1 : 3); r++) {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'opf', cliFile, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  cliRuns.push(performance.now() - t0);
  if (out.status !== 0) throw new Error(`peergrid opf failed: ${out.stderr}`);
}
const cliMedianMs = median(cliRuns);

const meta = { suite: 'lp-solvers', date: new Date().toISOString(), node: process.version, cpu: cpuDescription(), loadAverage: loadavg(), quick };
writeResult('lp-solvers.json', JSON.stringify({ ...meta, opf: opfRows, schedules: scheduleRows, cli: { file: cliFile, runsMs: cliRuns, medianMs: cliMedianMs, targetMs: CLI_TARGET_MS } }, null, 2) + '\n');
const fmt = (v: number | null): string => (v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(0));
const table = (rows: Row[]): string[] => [
  '| LP | columns × rows (nnz) | build ms | HiGHS ms | glpk.js ms | glpk/HiGHS | objective agreement |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) =>
    `| ${r.name} | ${r.cols} × ${r.rows} (${r.nnz}) | ${fmt(r.buildMs)} | ${fmt(r.highsMs)} | ${r.glpkMs === null ? (r.cols > GLPK_MAX_COLS ? 'not run' : 'QP: HiGHS only') : fmt(r.glpkMs)} | ` +
      `${r.glpkMs === null ? '—' : (r.glpkMs / r.highsMs).toFixed(1) + '×'} | ${r.relDiff === null ? '—' : r.relDiff.toExponential(1) + ' rel'} |`),
];
writeResult('lp-solvers.md', [
  '## LP layer: HiGHS vs glpk.js (DC OPF, battery schedules)',
  '',
  `${meta.date}, ${meta.cpu}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}${quick ? ', --quick' : ''}. Medians of interleaved solves after one warm-up; solve = model hand-over + solve + read-back.`,
  '',
  '### DC OPF (MATPOWER DC model)',
  '',
  ...table(opfRows),
  '',
  '### battery-schedule/1 (15-minute steps)',
  '',
  ...table(scheduleRows),
  '',
  `### \`peergrid opf ${cliFile.split('/').pop()} --json\`, whole process`,
  '',
  `median ${cliMedianMs.toFixed(0)} ms over ${cliRuns.length} runs (${cliRuns.map((x) => x.toFixed(0)).join(', ')} ms); target ${CLI_TARGET_MS} ms: ` +
    `${cliMedianMs < CLI_TARGET_MS ? 'met' : '**missed**'}.`,
  '',
].join('\n'));
