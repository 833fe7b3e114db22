/**
 * A year of 15-minute power flows (35,040 steps) on the IEEE 33-bus feeder through `createPowerFlow(...).solveStep`,
 * with every bus's load following a seeded daily/seasonal profile, warm-started from the previous step, on the WASM
 * sweep and on its TS twin (and on Newton-Raphson for comparison). Target: the year in < 1 s on WASM.
 * Usage: node --import tsx bench/time-series.bench.ts [--quick]
 * Writes bench/results/time-series.json and bench/results/time-series.md.
 */
import { loadavg } from 'node:os';
import { Rng } from '../ts/random.js';
import { compileNetwork } from '../ts/network/compile-network.js';
import { createIeee33 } from '../ts/network/ieee33.js';
import { createPowerFlow } from '../ts/powerflow/power-flow.js';
import type { PowerFlowMethod, Engine } from '../ts/powerflow/topology-solver.js';
import { median, cpuDescription, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const STEPS = 35_040;
const TARGET_MS = 1000;
const net = compileNetwork(createIeee33());
const n = net.nBus;

/** Load scale per step: a daily double hump, a seasonal swing and seeded noise, between about 0.25 and 1.3. */
function profile(seed: number): Float64Array {
  const rng = new Rng(seed);
  const s = new Float64Array(STEPS);
  for (let t = 0; t < STEPS; t++) {
    const hour = (t % 96) / 4;
    const day = Math.floor(t / 96);
    const daily = 0.55 + 0.25 * Math.exp(-((hour - 8) ** 2) / 6) + 0.45 * Math.exp(-((hour - 19) ** 2) / 5);
    const season = 1 + 0.15 * Math.cos((2 * Math.PI * day) / 365);
    s[t] = daily * season * rng.uniform(0.9, 1.1);
  }
  return s;
}

const scale = profile(2026);
const baseP = Float64Array.from(net.pLoadPu, (p) => p * net.baseMva * 1000);
const baseQ = Float64Array.from(net.qLoadPu, (q) => q * net.baseMva * 1000);
const rng = new Rng(7);
const busNoise = Float64Array.from({ length: n }, () => rng.uniform(0.8, 1.2));

interface Run {
  method: PowerFlowMethod;
  engine: Engine;
  yearMs: number[];
  medianYearMs: number;
  perStepUs: number;
  totalIterations: number;
  notConverged: number;
  minVmPu: number;
  energyLossesMwh: number;
}

function year(method: PowerFlowMethod, engine: Engine, reps: number): Run {
  const pf = createPowerFlow(net, { method, engine });
  const pLoadKw = new Float64Array(n);
  const qLoadKvar = new Float64Array(n);
  const inj = { pLoadKw, qLoadKvar };
  const times: number[] = [];
  let totalIterations = 0;
  let notConverged = 0;
  let minVm = Infinity;
  let lossesMwh = 0;
  for (let r = 0; r < reps + 1; r++) {
    pf.resetVoltages();
    totalIterations = 0;
    notConverged = 0;
    minVm = Infinity;
    lossesMwh = 0;
    const t0 = performance.now();
    for (let t = 0; t < STEPS; t++) {
      const k = scale[t];
      for (let i = 0; i < n; i++) {
        pLoadKw[i] = baseP[i] * k * busNoise[i];
        qLoadKvar[i] = baseQ[i] * k * busNoise[i];
      }
      const s = pf.solveStep(inj);
      totalIterations += s.iterations;
      if (!s.converged) notConverged++;
      if (s.minVmPu < minVm) minVm = s.minVmPu;
      lossesMwh += s.lossesMw * 0.25;
    }
    const ms = performance.now() - t0;
    if (r > 0) times.push(ms); // the first year warms the JIT and the WASM tiers up
  }
  pf.dispose();
  const med = median(times);
  return { method, engine, yearMs: times, medianYearMs: med, perStepUs: (med * 1000) / STEPS, totalIterations, notConverged, minVmPu: minVm, energyLossesMwh: lossesMwh };
}

const reps = quick ? 2 : 7;
const runs: Run[] = [];
for (const [method, engine] of [['bfs', 'wasm'], ['bfs', 'ts'], ['nr', 'wasm'], ['nr', 'ts']] as const) {
  const r = year(method, engine, reps);
  console.log(`${method}/${engine}: year ${r.medianYearMs.toFixed(0)} ms (${r.perStepUs.toFixed(1)} µs/step), ${r.totalIterations} iterations, ${r.notConverged} not converged`);
  runs.push(r);
}
const bw = runs[0];
const bt = runs[1];
const meta = {
  suite: 'time-series',
  date: new Date().toISOString(),
  quick,
  node: process.version,
  cpu: cpuDescription(),
  loadAverage: loadavg(),
  steps: STEPS,
  targets: { yearMs: TARGET_MS },
};
writeResult(
  'time-series.json',
  JSON.stringify({ ...meta, runs, tsOverWasmBfs: bt.medianYearMs / bw.medianYearMs, targetMet: bw.medianYearMs < TARGET_MS }, null, 2) + '\n',
);
const f = (x: number, d = 1) => x.toFixed(d);
const md = `## Time series: a year of 15-minute power flows on IEEE 33-bus (time-series)

${quick ? '**Quick run** (few repetitions; timings indicative only). ' : ''}${meta.date}, Node ${meta.node}, ${meta.cpu}, load average ${meta.loadAverage.map((x) => x.toFixed(2)).join(' ')}.
${STEPS} steps of \`createPowerFlow(ieee33).solveStep({pLoadKw, qLoadKvar})\` (new per-bus loads each step from a seeded
daily/seasonal profile, warm start from the previous step, tolerance 1e-8 p.u. of power mismatch, light per-step result:
min/max voltage, losses, max loading, slack power). Median of ${reps} years after one warm-up year.

| method / engine | year (ms) | per step (µs) | iterations (year) | not converged | min Vm (p.u.) | losses (MWh) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${runs.map((r) => `| ${r.method} / ${r.engine} | ${f(r.medianYearMs, 0)} | ${f(r.perStepUs, 1)} | ${r.totalIterations} | ${r.notConverged} | ${f(r.minVmPu, 5)} | ${f(r.energyLossesMwh, 2)} |`).join('\n')}

Sweep on WASM: ${f(bw.medianYearMs, 0)} ms for the year — target < ${TARGET_MS} ms ${bw.medianYearMs < TARGET_MS ? 'met' : 'MISSED'}; TS twin / WASM = ${f(bt.medianYearMs / bw.medianYearMs, 2)}×
(at 33 buses the per-step work outside the kernel — injections, flows, mismatch check — is a large share, so the ratio is small).
`;
writeResult('time-series.md', md);
console.log(md);
