/**
 * Simulation throughput: the built-in IEEE 33-bus study (100 prosumers: 40 % PV, 15 % batteries, 10 % EVs) over a
 * year of 15-minute steps (35,040), uniform-price auction and sweep power flow every step, WASM vs TS engines.
 * Target: the year in under 10 s (setup + run) with memory flat over the run.
 * - "year run": wall time of createSimulation (profiles, agents, compile, solver) and of run() over 35,040 steps;
 *   heap (V8 heapUsed + ArrayBuffers) after setup, after the first month and at the end, after a forced GC.
 * - "step": benchmark.js ops/s of Simulation.step() on a year-long simulation (steps per second).
 * - "physics replay": the year's final per-step prosumer injections (recorded from a WASM run) solved again by the
 *   feeder's physics alone, old (the private sweep-only model before issue 7 §1, bench/support/legacy-feeder-state.ts)
 *   and new (ts/sim/grid/feeder-state.ts on createPowerFlow, method 'auto'), both engines, in this one run.
 * Usage: node --import tsx bench/simulation.bench.ts [--quick]
 * Writes bench/results/simulation.json and bench/results/simulation.md.
 */
import Benchmark from 'benchmark';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDefaultStudy } from '../ts/sim/scenario/default-study.js';
import { defaultSimulationDeps } from '../ts/sim/engine/default-deps.js';
import { createSimulation, type Simulation } from '../ts/sim/engine/simulation.js';
import { median, cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';
import { LegacyFeederState } from './support/legacy-feeder-state.js';
import { FeederState } from '../ts/sim/grid/feeder-state.js';
import { createPowerFlow } from '../ts/powerflow/power-flow.js';
import { createSweepSolver } from '../ts/powerflow/sweep-solver.js';

const quick = process.argv.includes('--quick');
const STEPS = 35_040;
const TARGET_S = 10;
const engines = ['wasm', 'ts'] as const;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function yearScenario(engine: 'wasm' | 'ts') {
  const sc = createDefaultStudy({ steps: STEPS, engine });
  sc.horizon = { ...sc.horizon!, start: '2024-01-01T00:00:00Z' };
  return sc;
}
// V8 heap only: ArrayBuffer backing stores are released by a background task after GC, so process.memoryUsage()
// .arrayBuffers lags and swings by the size of recently dropped garbage (noted per run as abMb, not used for 'flat').
function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}
function arrayBuffersMb(): number {
  return process.memoryUsage().arrayBuffers / 1e6;
}
interface YearRun { setupMs: number; runMs: number; heapAfterSetupMb: number; heapAfterMonthMb: number; heapEndMb: number; abEndMb: number; p2pKwh: number; pfFailures: number }
function yearRun(engine: 'wasm' | 'ts'): YearRun {
  const t0 = performance.now();
  const sim = createSimulation(yearScenario(engine), { deps: defaultSimulationDeps, mechanism: 'uniform' });
  const t1 = performance.now();
  const heapAfterSetupMb = heapMb();
  const t2 = performance.now();
  sim.run({ until: 24 * 31 });
  const t3 = performance.now();
  const heapAfterMonthMb = heapMb();
  const t4 = performance.now();
  const r = sim.run();
  const t5 = performance.now();
  const heapEndMb = heapMb();
  sim.dispose();
  return {
    setupMs: t1 - t0, runMs: t3 - t2 + (t5 - t4), heapAfterSetupMb, heapAfterMonthMb, heapEndMb, abEndMb: arrayBuffersMb(),
    p2pKwh: r.metrics.community.p2pVolumeKwh, pfFailures: r.metrics.community.powerFlowFailures,
  };
}

const repeats = quick ? 1 : 3;
const year: Record<string, YearRun[]> = { wasm: [], ts: [] };
for (let k = 0; k < repeats; k++) {
  for (const e of engines) {
    const r = yearRun(e);
    year[e]!.push(r);
    console.log(`year run ${e} #${k + 1}: setup ${r.setupMs.toFixed(0)} ms, run ${r.runMs.toFixed(0)} ms (${(STEPS / (r.runMs / 1000)).toFixed(0)} steps/s), heap ${r.heapAfterSetupMb.toFixed(1)} → ${r.heapAfterMonthMb.toFixed(1)} → ${r.heapEndMb.toFixed(1)} MB`);
  }
}
if (year.wasm![0]!.p2pKwh !== year.ts![0]!.p2pKwh) throw new Error('wasm and ts engines disagree on the P2P volume of the year');

// benchmark.js: steps per second of Simulation.step().
const sims: Record<string, Simulation> = {};
const stepStats: Record<string, { hz: number; rme: number; samples: number }> = {};
const suite = new Benchmark.Suite('simulation step');
for (const e of engines) {
  sims[e] = createSimulation(yearScenario(e), { deps: defaultSimulationDeps, mechanism: 'uniform' });
  suite.add(`step ${e}`, () => {
    // A year holds more steps than the timed window uses; recreate only if it ever runs out.
    if (sims[e]!.done) sims[e] = createSimulation(yearScenario(e), { deps: defaultSimulationDeps, mechanism: 'uniform' });
    sims[e]!.step();
  }, { maxTime: quick ? 1.5 : 3, minSamples: 5 });
}
suite.on('cycle', (ev: Benchmark.Event) => {
  const b = ev.target as unknown as Benchmark;
  stepStats[b.name!.split(' ')[1]!] = { hz: b.hz!, rme: b.stats!.rme, samples: b.stats!.sample.length };
  console.log(String(b));
});
suite.run();

// Physics replay: record the year's final injections once, then time old and new physics on exactly those.
const rec = createSimulation(yearScenario('wasm'), { deps: defaultSimulationDeps, mechanism: 'uniform' });
const nP = rec.agents.length;
const recP = new Float64Array(STEPS * nP);
const recQ = new Float64Array(STEPS * nP);
for (let s = 0; s < STEPS; s++) {
  rec.step();
  recP.set(rec.netKw, s * nP);
  recQ.set(rec.qKvar, s * nP);
}
const feederNet = rec.feeder.net;
const busOf = Int32Array.from(rec.agents, (a) => a.busIndex);
rec.dispose();
interface Replay { ms: number; lossesKwh: number; failures: number }
function replay(kind: 'old' | 'new', engine: 'wasm' | 'ts'): Replay {
  const controls = { tolerancePu: 1e-8, maxIterations: 50 };
  const f =
    kind === 'old'
      ? new LegacyFeederState(feederNet, createSweepSolver(feederNet, { engine }), controls, busOf)
      : new FeederState(createPowerFlow(feederNet, { method: 'auto', engine, ...controls }), busOf);
  let lossesKwh = 0;
  let failures = 0;
  const t0 = performance.now();
  for (let s = 0; s < STEPS; s++) {
    const out = f.solve(busOf, recP.subarray(s * nP, (s + 1) * nP), recQ.subarray(s * nP, (s + 1) * nP));
    if (out.status === 'converged') lossesKwh += f.lossesKw * 0.25;
    else failures++;
  }
  const ms = performance.now() - t0;
  f.dispose();
  return { ms, lossesKwh, failures };
}
const replays: Record<string, Replay[]> = {};
for (let k = 0; k < repeats; k++) {
  for (const e of engines) {
    for (const kind of ['old', 'new'] as const) (replays[`${kind} ${e}`] ??= []).push(replay(kind, e));
  }
}
const replayRows = engines.map((e) => {
  const o = median(replays[`old ${e}`]!.map((r) => r.ms));
  const n = median(replays[`new ${e}`]!.map((r) => r.ms));
  return { engine: e, oldMs: o, newMs: n, ratio: n / o, oldLossesKwh: replays[`old ${e}`]![0]!.lossesKwh, newLossesKwh: replays[`new ${e}`]![0]!.lossesKwh, oldFailures: replays[`old ${e}`]![0]!.failures, newFailures: replays[`new ${e}`]![0]!.failures };
});
console.log(replayRows);

const med = (e: string, f: (r: YearRun) => number) => median(year[e]!.map(f));
const rows = engines.map((e) => {
  const setup = med(e, (r) => r.setupMs);
  const run = med(e, (r) => r.runMs);
  return { engine: e, setupMs: setup, runMs: run, totalS: (setup + run) / 1000, stepsPerSecond: STEPS / (run / 1000), heapAfterSetupMb: med(e, (r) => r.heapAfterSetupMb), heapAfterMonthMb: med(e, (r) => r.heapAfterMonthMb), heapEndMb: med(e, (r) => r.heapEndMb), benchStepsPerSecond: stepStats[e]?.hz ?? null, benchRme: stepStats[e]?.rme ?? null };
});
const w = rows[0]!;
const t = rows[1]!;
const met = w.totalS < TARGET_S;
const growth = Math.max(...rows.map((r) => r.heapEndMb - r.heapAfterMonthMb));
writeResult('simulation.json', JSON.stringify({ suite: 'simulation', quick, date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg(), steps: STEPS, prosumers: 100, repeats, rows, runs: year, physicsReplay: replayRows, replays }, null, 2));
const md = `## Simulation (simulation)

${quick ? '**Quick run** (one repeat; timings indicative only). ' : ''}${new Date().toISOString()}, Node ${process.version}, ${cpuDescription()}, load average ${loadAverageText()}.
Built-in study (createDefaultStudy): LV community of 100 households on a synthetic 400 kVA feeder (40 PV, 15 batteries, 15 EVs), ${STEPS.toLocaleString('en-US')} steps of 15 min from 2024-01-01 (one year), truthful bids, uniform-price auction and sweep power flow every step. Median of ${repeats} run(s) per engine. Setup = seeded profiles for every prosumer, agents, compile, solver.

| engine | setup s | run s | total s (target < ${TARGET_S} s) | steps/s (year run) | steps/s (benchmark.js step) | V8 heap MB after setup → after 1 month → end |
| --- | ---: | ---: | --- | ---: | ---: | --- |
${rows.map((r) => `| ${r.engine} | ${(r.setupMs / 1000).toFixed(2)} | ${(r.runMs / 1000).toFixed(2)} | ${r.totalS.toFixed(2)} ${r.totalS < TARGET_S ? 'met' : 'missed'} | ${r.stepsPerSecond.toFixed(0)} | ${r.benchStepsPerSecond === null ? '–' : `${r.benchStepsPerSecond.toFixed(0)} ±${r.benchRme!.toFixed(1)}%`} | ${r.heapAfterSetupMb.toFixed(1)} → ${r.heapAfterMonthMb.toFixed(1)} → ${r.heapEndMb.toFixed(1)} |`).join('\n')}

Year on WASM: ${w.totalS.toFixed(2)} s — target < ${TARGET_S} s ${met ? 'met' : 'missed'}; TS/WASM run-time ratio ${(t.runMs / w.runMs).toFixed(2)}× (the step is dominated by agent logic, order objects and the market's result objects, which are TypeScript on both engines; the kernels are a part of it).
Physics alone (the year's ${STEPS.toLocaleString('en-US')} final injections replayed, one solve per step; the simulation also re-solves after each curtailment round), median of ${repeats}: old = the simulation's private sweep-only physics before issue 7 §1 (its own π model, converged on the sweep's voltage change); new = createPowerFlow (method 'auto', converged on MATPOWER's power mismatch ≤ 1e-8 p.u., Newton fallback), as the simulation now runs it.

| engine | old ms / year | new ms / year | new/old | year losses kWh old → new | failed steps old → new |
| --- | ---: | ---: | ---: | --- | --- |
${replayRows.map((r) => `| ${r.engine} | ${r.oldMs.toFixed(0)} | ${r.newMs.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.oldLossesKwh.toFixed(3)} → ${r.newLossesKwh.toFixed(3)} | ${r.oldFailures} → ${r.newFailures} |`).join('\n')}

V8 heap over the run: at most ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB from month 1 to the end of the year on either engine (flat: per-step arrays are preallocated, reporters are Float64Array columns sized for the horizon, one solver is reused).
`;
writeResult('simulation.md', md);
console.log(md);
for (const s of Object.values(sims)) s.dispose();
