/**
 * DC OPF speed on the MATPOWER OPF cases (../shared/cases/opf): the PTDF form with generated limits (the default)
 * against the B-θ LP handed to the solver whole, on HiGHS and glpk.js (glpk: LP cases only, the quadratic-cost
 * ones are QPs; only up to GLPK_MAX_BUSES buses: on case9241pegase glpk took 74 s through the PTDF form in a
 * --quick run, no warm start in glpk.js, and over a minute on the B-θ LP in the lp-solvers run); the phases of one
 * cold `peergrid opf` run on case9241pegase (parse, build, factor, LP rounds, certificate, JSON); and the wall time
 * of the whole CLI process per case, against MATPOWER's rundcopf with GLPK (11 s on case9241pegase, issue 9).
 * Solves are interleaved (PTDF, B-θ, then the glpk ones) so each pair sees the same machine load; medians.
 * Usage: node --import tsx bench/dc-opf.bench.ts [--quick]   (needs `npm run build` for the CLI runs)
 * Writes bench/results/dc-opf.json and bench/results/dc-opf.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLpSolver } from '../ts/lp/load-lp-solver.js';
import { parseMatpowerJson } from '../ts/network/matpower-json-parser.js';
import { buildDcOpfModel } from '../ts/opf/dc-opf-model.js';
import { solveDcOpfWith, type DcOpfFormulation, type DcOpfResult } from '../ts/opf/solve-dc-opf.js';
import type { LpSolver } from '../ts/lp/lp-solver.js';
import { casesDir } from '../test/support/cases.js';
import { cpuDescription, loadAverageText, median, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const CASES = quick ? ['case9', 'case300', 'case2383wp', 'case9241pegase'] : ['case9', 'case14', 'case30', 'case57', 'case118', 'case300', 'case1354pegase', 'case2383wp', 'case9241pegase'];
const GLPK_MAX_BUSES = 3000;
const MATPOWER_9241_MS = 11_000;
const CLI_TARGET_MS = 1000;
const loadStart = loadAverageText();

interface Timed { ms: number; r: DcOpfResult }
function run(solver: LpSolver, mc: Parameters<typeof solveDcOpfWith>[1], formulation: DcOpfFormulation): Timed {
  const t0 = performance.now();
  const r = solveDcOpfWith(solver, mc, { formulation });
  return { ms: performance.now() - t0, r };
}
const maxDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

interface Row {
  name: string; buses: number; branches: number; limited: number; gens: number; bthetaLp: string; lp: boolean;
  ptdf: { rounds: number; limitRows: number }; highsPtdfMs: number; highsBthetaMs: number; glpkPtdfMs: number | null; glpkBthetaMs: number | null;
  objRelPtdfVsBtheta: number; lmpDiffPtdfVsBtheta: number; objRelGlpkVsHighs: number | null; lmpDiffGlpkVsHighs: number | null;
}

const highs = await loadLpSolver('highs');
const glpk = await loadLpSolver('glpk');
const rows: Row[] = [];
for (const name of CASES) {
  const file = join(casesDir, 'opf', `${name}.opf-case.json`);
  const mc = parseMatpowerJson(readFileSync(file, 'utf8'), file);
  const m = buildDcOpfModel(mc);
  const isLp = m.lp.hessian === undefined;
  const big = mc.bus.length > 1000;
  const rounds = quick || big ? 1 : 5;
  const useGlpk = isLp && mc.bus.length <= GLPK_MAX_BUSES;
  // Warm-up: the first solve in a process runs in V8's baseline tier.
  run(highs, mc, 'ptdf');
  if (useGlpk) run(glpk, mc, 'ptdf');
  const t = { hp: [] as number[], hb: [] as number[], gp: [] as number[], gb: [] as number[] };
  let hp!: Timed, hb!: Timed, gp: Timed | undefined;
  for (let k = 0; k < rounds; k++) {
    hp = run(highs, mc, 'ptdf');
    t.hp.push(hp.ms);
    hb = run(highs, mc, 'b-theta');
    t.hb.push(hb.ms);
    if (useGlpk) {
      gp = run(glpk, mc, 'ptdf');
      t.gp.push(gp.ms);
      t.gb.push(run(glpk, mc, 'b-theta').ms);
    }
  }
  const row: Row = {
    name, buses: mc.bus.length, branches: mc.branch.length, limited: m.flowRow.filter((r) => r >= 0).length, gens: mc.gen.length,
    bthetaLp: `${m.lp.numCols} × ${m.lp.numRows} (${m.lp.matrix.values.length})`, lp: isLp,
    ptdf: { rounds: hp.r.lpSolves, limitRows: hp.r.limitRows }, highsPtdfMs: median(t.hp), highsBthetaMs: median(t.hb),
    glpkPtdfMs: useGlpk ? median(t.gp) : null, glpkBthetaMs: useGlpk ? median(t.gb) : null,
    objRelPtdfVsBtheta: Math.abs(hp.r.objectiveUsdPerH - hb.r.objectiveUsdPerH) / Math.abs(hb.r.objectiveUsdPerH),
    lmpDiffPtdfVsBtheta: maxDiff(hp.r.lmpUsdPerMwh, hb.r.lmpUsdPerMwh),
    objRelGlpkVsHighs: gp ? Math.abs(gp.r.objectiveUsdPerH - hp.r.objectiveUsdPerH) / Math.abs(hp.r.objectiveUsdPerH) : null,
    lmpDiffGlpkVsHighs: gp ? maxDiff(gp.r.lmpUsdPerMwh, hp.r.lmpUsdPerMwh) : null,
  };
  if (hp.r.formulation !== 'ptdf' || hp.r.status !== 'optimal') throw new Error(`${name}: the PTDF form was not used (${hp.r.formulation}, ${hp.r.status})`);
  console.log(JSON.stringify(row));
  rows.push(row);
}

// Phases of one cold run on case9241pegase.m, in a fresh process like the CLI's (scripts: bench/support/).
const phaseFile = join(casesDir, 'matpower-m', 'case9241pegase.m');
const ph = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/support/dc-opf-phases.ts'), phaseFile], { encoding: 'utf8' });
if (ph.status !== 0) throw new Error(`phases failed: ${ph.stderr}`);
const phases = JSON.parse(ph.stdout) as { phase: string; ms: number; cpuMs: number }[];

// The whole CLI process per case (built dist/): the .m file where there is one (what MATPOWER reads), else the JSON form.
// CPU time (user + system, all threads of the process) through /usr/bin/time where it exists: under a shared
// machine's load it moves far less than the wall time.
const cli: { name: string; file: string; runsMs: number[]; medianMs: number; cpuMs: number[]; medianCpuMs: number | null }[] = [];
const cliRuns = quick ? 1 : 3;
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
for (const name of CASES) {
  const m = join(casesDir, 'matpower-m', `${name}.m`);
  const file = existsSync(m) ? m : join(casesDir, 'opf', `${name}.opf-case.json`);
  const runsMs: number[] = [], cpuMs: number[] = [];
  for (let k = 0; k < cliRuns; k++) {
    const args = [join(repoRoot, 'dist/cli/main.js'), 'opf', file, '--json'];
    const t0 = performance.now();
    const out = timeBin
      ? spawnSync(timeBin, ['-f', 'cpu %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    runsMs.push(performance.now() - t0);
    if (out.status !== 0) throw new Error(`peergrid opf ${file} failed: ${out.stderr}`);
    const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(out.stderr);
    if (cpu) cpuMs.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
  }
  cli.push({ name, file: file.slice(casesDir.length + 1), runsMs, medianMs: median(runsMs), cpuMs, medianCpuMs: cpuMs.length ? median(cpuMs) : null });
  console.log(JSON.stringify(cli.at(-1)));
}

const meta = { suite: 'dc-opf', date: new Date().toISOString(), node: process.version, cpu: cpuDescription(), loadAverageStart: loadStart, loadAverageEnd: loadAverageText(), quick };
writeResult('dc-opf.json', JSON.stringify({ ...meta, cases: rows, phases9241: phases, cli }, null, 2) + '\n');
const f = (v: number | null): string => (v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(0));
const e = (v: number | null): string => (v === null ? '—' : v.toExponential(1));
const c9241 = cli.find((c) => c.name === 'case9241pegase');
writeResult('dc-opf.md', [
  '## DC optimal power flow: PTDF form with generated limits vs the B-θ LP (bench/dc-opf.bench.ts)',
  '',
  `${meta.date}, ${meta.cpu}, load average ${loadStart} at the start, ${meta.loadAverageEnd} at the end${quick ? ', --quick' : ''}. ` +
    'Library solves (`solveDcOpfWith`: build + solve + read-back, solver loaded) after one warm-up, interleaved, medians; ' +
    `glpk.js only on the LP cases (the others have quadratic costs) up to ${GLPK_MAX_BUSES} buses: on case9241pegase it took 74 s through the PTDF form in a --quick run ` +
    '(dense PTDF rows re-solved from scratch each round: glpk.js has no warm start) and 73 s on the B-θ LP in the lp-solvers run (load ≈ 29).',
  '',
  '| case | buses / branches (limited) / gens | B-θ LP cols × rows (nnz) | PTDF rounds, limit rows | HiGHS PTDF ms | HiGHS B-θ ms | B-θ/PTDF | glpk PTDF ms | glpk B-θ ms | PTDF vs B-θ: objective rel, LMP $/MWh | glpk vs HiGHS: objective rel, LMP $/MWh |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) =>
    `| ${r.name} | ${r.buses} / ${r.branches} (${r.limited}) / ${r.gens} | ${r.bthetaLp} | ${r.ptdf.rounds}, ${r.ptdf.limitRows} | ${f(r.highsPtdfMs)} | ${f(r.highsBthetaMs)} | ` +
      `${(r.highsBthetaMs / r.highsPtdfMs).toFixed(1)}× | ${r.lp ? (r.glpkPtdfMs === null ? 'not run' : f(r.glpkPtdfMs)) : 'QP'} | ${r.lp ? (r.glpkBthetaMs === null ? 'not run' : f(r.glpkBthetaMs)) : 'QP'} | ` +
      `${e(r.objRelPtdfVsBtheta)}, ${e(r.lmpDiffPtdfVsBtheta)} | ${r.objRelGlpkVsHighs !== null ? `${e(r.objRelGlpkVsHighs)}, ${e(r.lmpDiffGlpkVsHighs)}` : '—'} |`),
  '',
  '### Phases of one cold run on case9241pegase.m (a fresh process, as the CLI runs it)',
  '',
  '| phase | wall ms | CPU ms |',
  '|---|---|---|',
  ...phases.map((p) => `| ${p.phase} | ${f(p.ms)} | ${f(p.cpuMs)} |`),
  '',
  '### `peergrid opf <case> --json`, whole process (node start to exit)',
  '',
  '| case | file | wall median ms | wall runs ms | CPU median ms (user + system) |',
  '|---|---|---|---|---|',
  ...cli.map((c) => `| ${c.name} | ${c.file} | ${f(c.medianMs)} | ${c.runsMs.map((x) => x.toFixed(0)).join(', ')} | ${f(c.medianCpuMs)} |`),
  '',
  c9241
    ? `case9241pegase: ${c9241.medianMs.toFixed(0)} ms against MATPOWER rundcopf + GLPK ${MATPOWER_9241_MS} ms (issue 9's figure for this machine kind): ` +
      `${(MATPOWER_9241_MS / c9241.medianMs).toFixed(1)}× faster; target ${CLI_TARGET_MS} ms ${c9241.medianMs < CLI_TARGET_MS ? 'met' : '**missed**'} at this load` +
      (c9241.medianCpuMs === null ? '.' : ` (the process used ${c9241.medianCpuMs.toFixed(0)} ms of CPU: the wall time above is mostly waiting for a core).`)
    : '',
  '',
].join('\n'));
