/**
 * The public power-flow paths, where users meet the speed (issue 7 §6), against the kernels under them:
 * - sweep: a seeded 1e6-bus synthetic feeder (createSyntheticFeeder, seed 42). "kernel" = the sweep kernel alone on
 *   its workspace (loads and start voltages in place, from the case's start); "solve" = `flow.solve()` of a created
 *   PowerFlow (gather, kernel, branch flows, power mismatch check, the full result; per-branch extras not read);
 *   "solveStep" = `flow.solveStep()`. Each sample starts from the case's voltages (resetVoltages), so every one runs
 *   the same sweeps as the kernel sample. Target: solve ≤ 1.5 × kernel.
 * - Newton: case9241pegase. "whole, cold" = createPowerFlow(method 'nr') + solve() on a network object never solved
 *   before (ordering, symbolic analysis, Ybus, numeric); "whole, reused" = the same on a network already solved once
 *   (its ordering and symbolic analysis are reused); "numeric" = solve() again on an existing PowerFlow from the case's
 *   start. Target: whole ≤ 30 ms on WASM.
 * Medians of interleaved samples (engines alternate), all in one process and run.
 * Usage: node --import tsx bench/public-power-flow.bench.ts [--quick]
 * Writes bench/results/public-power-flow.json and bench/results/public-power-flow.md.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createSyntheticFeeder } from '../ts/network/synthetic-feeder.js';
import { compileMatpowerCase } from '../ts/network/compile-matpower-case.js';
import { parseMatpowerJson } from '../ts/network/matpower-json-parser.js';
import { createPowerFlow } from '../ts/powerflow/power-flow.js';
import { analyzeRadialTopology } from '../ts/powerflow/radial-topology.js';
import { buildSweepTables } from '../ts/powerflow/sweep-solver.js';
import { createSweepWorkspace } from '../ts/powerflow/sweep-workspace.js';
import { matpowerJsonPath } from '../test/support/cases.js';
import { median, cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const engines = ['wasm', 'ts'] as const;
const SWEEP_BUSES = 1_000_000;
const SWEEP_SAMPLES = quick ? 3 : 9;
const NR_SAMPLES = quick ? 5 : 21;
const TOL = 1e-8;

// --- Sweep on the 1e6-bus feeder -------------------------------------------------------------------------------
const net = createSyntheticFeeder({ buses: SWEEP_BUSES, seed: 42 }).compiled;
const topo = analyzeRadialTopology(net);
const tables = buildSweepTables(net, topo);
type Samples = Record<string, number[]>;
const sweep: Record<string, Samples> = {};
const iterations: Record<string, { kernel: number; solve: number }> = {};
const flows = Object.fromEntries(engines.map((e) => [e, createPowerFlow(net, { method: 'bfs', engine: e, tolerancePu: TOL })]));
const workspaces = Object.fromEntries(engines.map((e) => [e, createSweepWorkspace(tables, e)]));
function kernelSample(e: (typeof engines)[number]): { ms: number; iterations: number } {
  const ws = workspaces[e]!;
  const v = ws.views();
  const { order } = topo;
  for (let pos = 0; pos < order.length; pos++) {
    const b = order[pos]!;
    v.pLoad[pos] = net.pLoadPu[b]!;
    v.qLoad[pos] = net.qLoadPu[b]!;
    v.vRe[pos] = net.vmPu[b]! * Math.cos(net.vaRad[b]!);
    v.vIm[pos] = net.vmPu[b]! * Math.sin(net.vaRad[b]!);
  }
  const t = performance.now();
  const run = ws.run(TOL, 100);
  return { ms: performance.now() - t, iterations: run.iterations };
}
for (let s = 0; s < SWEEP_SAMPLES + 1; s++) {
  for (const e of engines) {
    const k = kernelSample(e);
    const flow = flows[e]!;
    flow.resetVoltages();
    let t = performance.now();
    const r = flow.solve();
    const solveMs = performance.now() - t;
    if (r.status !== 'converged') throw new Error(`public sweep ${e}: ${r.status}`);
    flow.resetVoltages();
    t = performance.now();
    flow.solveStep();
    const stepMs = performance.now() - t;
    iterations[e] = { kernel: k.iterations, solve: r.iterations };
    if (s === 0) continue; // warm-up past V8's baseline tier
    const m = (sweep[e] ??= { kernel: [], solve: [], solveStep: [] });
    m.kernel!.push(k.ms);
    m.solve!.push(solveMs);
    m.solveStep!.push(stepMs);
  }
}
for (const e of engines) {
  flows[e]!.dispose();
  workspaces[e]!.dispose();
}
const sweepRows = engines.map((e) => {
  const kernel = median(sweep[e]!.kernel!);
  const solve = median(sweep[e]!.solve!);
  const step = median(sweep[e]!.solveStep!);
  return { engine: e, kernelMs: kernel, solveMs: solve, solveStepMs: step, solveOverKernel: solve / kernel, stepOverKernel: step / kernel, ...iterations[e]! };
});
console.log(sweepRows);

// --- Newton on case9241pegase ----------------------------------------------------------------------------------
const casePath = matpowerJsonPath('case9241pegase');
const caseText = readFileSync(casePath, 'utf8');
const compileCase = () => compileMatpowerCase(parseMatpowerJson(caseText, casePath));
const shared = compileCase();
const nr: Record<string, Samples> = {};
let nrIterations = 0;
for (let s = 0; s < NR_SAMPLES + 1; s++) {
  for (const e of engines) {
    const fresh = compileCase(); // compiled outside the timing: only the power flow's own setup is timed
    let t = performance.now();
    let flow = createPowerFlow(fresh, { method: 'nr', engine: e });
    let r = flow.solve();
    const cold = performance.now() - t;
    flow.dispose();
    if (r.status !== 'converged') throw new Error(`public Newton ${e}: ${r.status}`);
    t = performance.now();
    flow = createPowerFlow(shared, { method: 'nr', engine: e });
    r = flow.solve();
    const reused = performance.now() - t;
    flow.resetVoltages();
    t = performance.now();
    r = flow.solve();
    const numeric = performance.now() - t;
    flow.dispose();
    nrIterations = r.iterations;
    if (s === 0) continue;
    const m = (nr[e] ??= { cold: [], reused: [], numeric: [] });
    m.cold!.push(cold);
    m.reused!.push(reused);
    m.numeric!.push(numeric);
  }
}
const nrRows = engines.map((e) => ({ engine: e, wholeColdMs: median(nr[e]!.cold!), wholeReusedMs: median(nr[e]!.reused!), numericMs: median(nr[e]!.numeric!) }));
console.log(nrRows);

writeResult('public-power-flow.json', JSON.stringify({ suite: 'public-power-flow', quick, date: new Date().toISOString(), node: process.version, loadavg: loadavg(), sweepBuses: SWEEP_BUSES, sweepRows, sweep, nrRows, nr, nrIterations }, null, 2));
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const w = sweepRows[0]!;
const nw = nrRows[0]!;
const md = `## Public power-flow paths (public-power-flow)

${quick ? '**Quick run** (few samples; timings indicative only). ' : ''}${new Date().toISOString()}, Node ${process.version}, ${cpuDescription()}, load average ${loadAverageText()}.
What a user calls, against the kernel under it, in one process; medians of ${SWEEP_SAMPLES} (sweep) and ${NR_SAMPLES} (Newton) interleaved samples after a warm-up.

Sweep on a seeded ${SWEEP_BUSES.toLocaleString('en-US')}-bus synthetic feeder, from the case's start, tolerance ${TOL} p.u.: kernel = the sweep kernel on its workspace; solve = \`createPowerFlow(net).solve()\` (the PowerFlow created beforehand; gather, kernel, branch flows, mismatch check, full result with per-branch extras left lazy); solveStep = \`solveStep()\`.

| engine | kernel ms | solve ms | solve / kernel (target ≤ 1.5) | solveStep ms | solveStep / kernel | sweeps kernel / solve |
| --- | ---: | ---: | --- | ---: | ---: | --- |
${sweepRows.map((r) => `| ${r.engine} | ${f(r.kernelMs)} | ${f(r.solveMs)} | ${r.solveOverKernel.toFixed(2)} ${r.solveOverKernel <= 1.5 ? 'met' : 'missed'} | ${f(r.solveStepMs)} | ${r.stepOverKernel.toFixed(2)} | ${r.kernel} / ${r.solve} |`).join('\n')}

Newton-Raphson on case9241pegase (${nrIterations} iterations): whole = \`createPowerFlow(net, { method: 'nr' })\` + \`solve()\`; cold = a network object never solved before (ordering and symbolic analysis included); reused = a network solved before (its ordering and symbolic analysis are reused; Ybus, workspace and numeric solve are not); numeric = \`solve()\` again on the same PowerFlow.

| engine | whole, cold ms | whole, reused ms (target ≤ 30 on WASM) | numeric ms |
| --- | ---: | --- | ---: |
${nrRows.map((r) => `| ${r.engine} | ${f(r.wholeColdMs)} | ${f(r.wholeReusedMs)}${r.engine === 'wasm' ? (r.wholeReusedMs <= 30 ? ' met' : ' missed') : ''} | ${f(r.numericMs)} |`).join('\n')}

WASM: public sweep ${w.solveOverKernel.toFixed(2)}× its kernel; Newton whole solve ${f(nw.wholeColdMs)} ms cold, ${f(nw.wholeReusedMs)} ms reused, numeric ${f(nw.numericMs)} ms.
`;
writeResult('public-power-flow.md', md);
console.log(md);
