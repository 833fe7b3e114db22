/**
 * Newton-Raphson power flow: WASM kernels vs their pure-TS twins on case1354pegase, case2383wp and case9241pegase
 * (MATPOWER JSON cases in ../shared/cases/matpower). Times one full solve from the case's own start voltages
 * (per-solve numeric work: mismatch, Jacobian values, sparse LU factor and solve, every iteration); the one-time
 * symbolic setup (patterns, minimum-degree ordering, Ybus, workspace) is timed separately.
 * Usage: node --import tsx bench/newton-raphson.bench.ts [--quick]
 * Writes bench/results/newton-raphson.json and bench/results/newton-raphson.md.
 */
import Benchmark from 'benchmark';
import { loadavg } from 'node:os';
import { createNewtonSolver, type NewtonSolver } from '../ts/powerflow/newton/index.js';
import type { SolveControls } from '../ts/powerflow/topology-solver.js';
import { median, cpuDescription, writeResult } from './support/bench-support.js';
// The Newton tests' case loader and MATPOWER-style specified injections (one copy for tests and benchmark).
import { loadCase, netInjections } from '../test/powerflow/newton/newton-case-helpers.js';

const quick = process.argv.includes('--quick');
const CASES = ['case1354pegase', 'case2383wp', 'case9241pegase'];
const CONTROLS: SolveControls = { tolerancePu: 1e-8, maxIterations: 10 }; // MATPOWER newtonpf defaults
const TARGET_9241_MS = 100;
const TARGET_RATIO = 1.5;
const MATPOWER_OCTAVE_9241_MS = 280;
const engines = ['wasm', 'ts'] as const;

interface EngineResult {
  setupMedianMs: number;
  /** First solve on a fresh solver: its first factorization searches pivots (later ones reuse them). */
  firstSolveMedianMs: number;
  solveMedianMs: number;
  solveRmePercent: number;
  samples: number;
  iterations: number;
  status: string;
  maxMismatchPu: number;
}

const results: Record<string, unknown>[] = [];
for (const name of CASES) {
  const net = loadCase(name);
  const { pNetPu: p, qNetPu: q } = netInjections(net);
  const solvers = {} as Record<(typeof engines)[number], NewtonSolver>;
  const per = {} as Record<(typeof engines)[number], EngineResult>;
  for (const engine of engines) {
    const setups: number[] = [];
    const firsts: number[] = [];
    for (let r = 0; r < (quick ? 3 : 7); r++) {
      const t0 = performance.now();
      const s = createNewtonSolver(net, { engine });
      setups.push(performance.now() - t0);
      const vm0 = net.vmPu.slice();
      const va0 = net.vaRad.slice();
      const t1 = performance.now();
      s.solve(p, q, vm0, va0, CONTROLS);
      if (r > 0) firsts.push(performance.now() - t1); // r = 0 runs in V8's baseline tier for WASM
      if (solvers[engine]) s.dispose();
      else solvers[engine] = s;
    }
    const vm = net.vmPu.slice();
    const va = net.vaRad.slice();
    const out = solvers[engine].solve(p, q, vm, va, CONTROLS); // also warms the WASM up past its baseline tier
    per[engine] = {
      setupMedianMs: median(setups), firstSolveMedianMs: median(firsts), solveMedianMs: NaN, solveRmePercent: NaN, samples: 0,
      iterations: out.iterations, status: out.status, maxMismatchPu: out.maxMismatchPu,
    };
  }
  const vm = new Float64Array(net.nBus);
  const va = new Float64Array(net.nBus);
  const suite = new Benchmark.Suite(name);
  for (const engine of engines) {
    const solver = solvers[engine];
    suite.add(engine, () => {
      vm.set(net.vmPu);
      va.set(net.vaRad);
      solver.solve(p, q, vm, va, CONTROLS);
    }, { minSamples: quick ? 5 : 20, maxTime: quick ? 1 : 6, initCount: 1 });
  }
  suite.on('cycle', (ev: Benchmark.Event) => console.log(`${name} ${String(ev.target)}`));
  suite.run({ async: false });
  suite.forEach((b: Benchmark) => {
    const e = b.name as (typeof engines)[number];
    per[e].solveMedianMs = median(b.stats.sample) * 1000;
    per[e].solveRmePercent = b.stats.rme;
    per[e].samples = b.stats.sample.length;
  });
  // Paired, interleaved rounds (order alternating): both engines see the same machine load, so the ratio of each
  // pair is robust where two benchmark.js runs minutes apart on a shared machine are not.
  const pairs: { wasm: number; ts: number }[] = [];
  for (let r = 0; r < (quick ? 8 : 30); r++) {
    const t: Record<string, number> = {};
    for (const engine of r % 2 ? (['ts', 'wasm'] as const) : engines) {
      vm.set(net.vmPu);
      va.set(net.vaRad);
      const t0 = performance.now();
      solvers[engine].solve(p, q, vm, va, CONTROLS);
      t[engine] = performance.now() - t0;
    }
    pairs.push({ wasm: t.wasm, ts: t.ts });
  }
  const paired = {
    rounds: pairs.length,
    wasmMedianMs: median(pairs.map((x) => x.wasm)),
    tsMedianMs: median(pairs.map((x) => x.ts)),
    wasmMinMs: Math.min(...pairs.map((x) => x.wasm)),
    tsMinMs: Math.min(...pairs.map((x) => x.ts)),
    tsOverWasmMedianOfRatios: median(pairs.map((x) => x.ts / x.wasm)),
  };
  for (const engine of engines) solvers[engine].dispose();
  const ratio = paired.tsOverWasmMedianOfRatios;
  results.push({
    case: name,
    nBus: net.nBus,
    nBranch: net.nBranch,
    jacobianOrder: solvers.wasm.stats.jacobianOrder,
    jacobianNnz: solvers.wasm.stats.jacobianNnz,
    luNnzEstimate: solvers.wasm.stats.luNnzEstimate,
    wasm: per.wasm,
    ts: per.ts,
    paired,
    benchmarkJsTsOverWasm: per.ts.solveMedianMs / per.wasm.solveMedianMs,
    tsOverWasm: ratio,
    ratioTargetMet: ratio >= TARGET_RATIO,
    ...(name === 'case9241pegase'
      ? { timeTargetMs: TARGET_9241_MS, timeTargetMet: Math.min(per.wasm.solveMedianMs, paired.wasmMedianMs) < TARGET_9241_MS }
      : {}),
  });
}

const meta = {
  suite: 'newton-raphson',
  date: new Date().toISOString(),
  quick,
  node: process.version,
  cpu: cpuDescription(),
  loadAverage: loadavg(),
  controls: CONTROLS,
  targets: { ratio: TARGET_RATIO, case9241pegaseMs: TARGET_9241_MS, matpowerOctaveLegacyNewton9241Ms: MATPOWER_OCTAVE_9241_MS },
};
writeResult('newton-raphson.json', JSON.stringify({ ...meta, results }, null, 2) + '\n');

const f = (x: number, d = 1) => x.toFixed(d);
const rows = results.map((r) => {
  const w = r.wasm as EngineResult;
  const t = r.ts as EngineResult;
  const pr = r.paired as { wasmMedianMs: number; tsMedianMs: number; wasmMinMs: number; tsMinMs: number };
  return `| ${r.case} | ${r.nBus} | ${r.jacobianOrder} / ${r.jacobianNnz} | ${w.iterations} (${w.status}) | ${f(w.setupMedianMs)} / ${f(t.setupMedianMs)} | ` +
    `${f(w.firstSolveMedianMs, 2)} / ${f(t.firstSolveMedianMs, 2)} | ` +
    `${f(w.solveMedianMs, 2)} ±${f(w.solveRmePercent)}% / ${f(t.solveMedianMs, 2)} ±${f(t.solveRmePercent)}% | ` +
    `${f(pr.wasmMedianMs, 2)} / ${f(pr.tsMedianMs, 2)} (min ${f(pr.wasmMinMs, 2)} / ${f(pr.tsMinMs, 2)}) | ` +
    `${f(r.tsOverWasm as number, 2)}× ${r.ratioTargetMet ? 'met' : 'MISSED'} (benchmark.js: ${f(r.benchmarkJsTsOverWasm as number, 2)}×) |`;
});
const r9241 = results.find((r) => r.case === 'case9241pegase');
const md = [
  '## Newton-Raphson power flow (bench/newton-raphson.bench.ts)',
  '',
  `${quick ? 'Quick run (--quick: few samples). ' : ''}${meta.date}, Node ${meta.node}, ${meta.cpu}, load average ${meta.loadAverage.map((x) => f(x, 2)).join(' ')}.`,
  'One full polar Newton solve from the case\'s own start voltages to ‖F‖∞ ≤ 1e-8 p.u. (MATPOWER newtonpf defaults), median of',
  'benchmark.js samples; setup = one-time symbolic analysis (patterns, minimum-degree ordering, Ybus, workspace), median, not included in solve.',
  'A solver keeps the pivot order of its last LU factorization and refactors numerically while those pivots pass the threshold test, so',
  'repeated solves (the time-series case, and the benchmark loop) skip the pivot search; "first solve" is a fresh solver\'s first solve,',
  'whose first factorization searches pivots (median of a few, noisier). "Paired": rounds that run both engines back to back in',
  'alternating order; the ratio is the median of the per-round ratios, which holds up under the shared machine\'s changing load.',
  '',
  '| case | buses | Jacobian n / nnz | iterations | setup ms WASM / TS | first solve ms WASM / TS | solve ms WASM / TS (benchmark.js median) | solve ms WASM / TS (paired median) | TS / WASM, paired (target ≥ 1.5×) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  r9241
    ? `case9241pegase with WASM: ${f((r9241.wasm as EngineResult).solveMedianMs, 1)} ms (benchmark.js median), ` +
      `${f((r9241.paired as { wasmMedianMs: number }).wasmMedianMs, 1)} ms (paired median) against the target of ${TARGET_9241_MS} ms ` +
      `(${r9241.timeTargetMet ? 'met' : 'MISSED'}); MATPOWER's legacy Newton under Octave takes ${MATPOWER_OCTAVE_9241_MS} ms on this machine kind.`
    : '',
].join('\n');
writeResult('newton-raphson.md', md + '\n');
console.log(md);
