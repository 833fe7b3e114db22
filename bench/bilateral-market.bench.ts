/**
 * The multi-bilateral P2P market (issue 10):
 *  1. ADMM kernel WASM vs TS twin: one full iteration (local update of every agent + price update of every pair)
 *     on random markets with ~10 partners per agent, interleaved in one process, medians;
 *  2. central (interior point on the structure) vs ADMM: time and iterations at 10 … 10,000 agents, with the
 *     ADMM's distance to the central answer;
 *  3. ADMM over 1, 2 and 4 comlink worker_threads workers: ms per iteration at 10,000 agents (fixed 200 iterations);
 *  4. network charges on a 32-agent community on the IEEE 33-bus feeder: trades, locality and cost per allocation.
 * Usage: node --import tsx bench/bilateral-market.bench.ts [--quick]   (writes bench/results/bilateral-market.{json,md})
 */
import Benchmark from 'benchmark';
import { loadavg } from 'node:os';
import { compileBilateralMarket } from '../ts/market/bilateral/compile-bilateral-market.js';
import { createRandomBilateralMarket } from '../ts/market/bilateral/random-bilateral-market.js';
import { solveBilateralMarket, solveBilateralMarketSync } from '../ts/market/bilateral/solve-bilateral-market.js';
import { planAdmm } from '../ts/market/bilateral/admm-solver.js';
import { AdmmPartition } from '../ts/market/bilateral/admm-partition.js';
import { applyNetworkCharges, electricalDistances, type NetworkChargeMethod } from '../ts/market/bilateral/network-charges.js';
import { compileNetwork } from '../ts/network/compile-network.js';
import { createIeee33 } from '../ts/network/ieee33.js';
import { median, cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const KERNEL_SIZES = quick ? [1_000] : [1_000, 10_000];
const SOLVER_SIZES = quick ? [10, 100, 1_000] : [10, 100, 1_000, 10_000];
const WORKER_AGENTS = quick ? 2_000 : 10_000;
const WORKER_ITERATIONS = quick ? 50 : 200;
const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const lines: string[] = ['## Bilateral P2P market (bench/bilateral-market.bench.ts)', ''];
lines.push(`Random markets of createRandomBilateralMarket (40 % producers, quadratic costs, ~10 partners each, preference ` +
  `costs 0–0.02 currency/kWh). ${cpuDescription()}, Node ${process.version}, load average at the start ${loadAverageText()}${quick ? ', --quick' : ''}.`, '');
const json: Record<string, unknown> = { suite: 'bilateral-market', quick, node: process.version };

// 1. Kernel: one ADMM iteration, WASM vs TS twin.
const kernelRows: Array<{ agents: number; pairs: number; wasmMs: number; tsMs: number }> = [];
for (const n of KERNEL_SIZES) {
  const m = compileBilateralMarket(createRandomBilateralMarket({ agents: n }, 100 + n));
  const parts = (['wasm', 'ts'] as const).map((engine) => {
    const p = new AdmmPartition(planAdmm(m, 1, { engine }).setups[0]!);
    p.step(null, 0.005);
    return p;
  });
  const suite = new Benchmark.Suite(`admm ${n}`);
  const opts = { minSamples: quick ? 5 : 20, maxTime: quick ? 1 : 4 };
  for (const p of parts) suite.add(`admm iteration n=${n}`, () => { p.step([new Float64Array(0)], 0.005); }, opts);
  suite.forEach((b: Benchmark) => (b.fn as () => void)());
  suite.run({ async: false });
  const ms = suite.map((b: Benchmark) => median(b.stats.sample) * 1000) as number[];
  kernelRows.push({ agents: n, pairs: m.nPairs, wasmMs: ms[0]!, tsMs: ms[1]! });
}
json.kernel = kernelRows;
lines.push('### ADMM kernel: WASM vs TS twin (one iteration over all agents and pairs)', '');
lines.push('| agents | pairs | WASM ms/iteration | TS ms/iteration | TS/WASM | target ≥ 1.5× |', '| ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of kernelRows) {
  const ratio = r.tsMs / r.wasmMs;
  lines.push(`| ${r.agents.toLocaleString('en-US')} | ${r.pairs.toLocaleString('en-US')} | ${fmt(r.wasmMs)} | ${fmt(r.tsMs)} | ${ratio.toFixed(2)} | ${ratio >= 1.5 ? 'met' : 'missed'} |`);
}
lines.push('');

// 2. Central vs ADMM.
const solverRows: Array<Record<string, number | string>> = [];
for (const n of SOLVER_SIZES) {
  const market = createRandomBilateralMarket({ agents: n }, 200 + n);
  const c = solveBilateralMarketSync(market);
  const a = solveBilateralMarketSync(market, { method: 'admm' });
  const range = Math.max(1, ...market.agents.map((x) => x.pMaxKw - x.pMinKw));
  let dp = 0;
  for (let i = 0; i < n; i++) dp = Math.max(dp, Math.abs(a.netKw[i]! - c.netKw[i]!));
  solverRows.push({
    agents: n, pairs: compileBilateralMarket(market).nPairs, centralStatus: c.status, centralIterations: c.iterations, centralMs: c.solveMs,
    admmStatus: a.status, admmIterations: a.iterations, admmMs: a.solveMs,
    relObjective: Math.abs(a.objective! - c.objective!) / Math.abs(c.objective!), maxNetKwOverRange: dp / range,
  });
  console.log(solverRows.at(-1));
}
json.solvers = solverRows;
lines.push('### Central (interior point on the structure) vs ADMM (WASM, one thread)', '');
lines.push('| agents | pairs | central | iterations | ms | ADMM | iterations | ms | ADMM/central time | rel. objective gap | max net-position gap / range |');
lines.push('| ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of solverRows) {
  lines.push(`| ${Number(r.agents).toLocaleString('en-US')} | ${Number(r.pairs).toLocaleString('en-US')} | ${r.centralStatus} | ${r.centralIterations} | ${fmt(Number(r.centralMs))} | ` +
    `${r.admmStatus} | ${r.admmIterations} | ${fmt(Number(r.admmMs))} | ${(Number(r.admmMs) / Number(r.centralMs)).toFixed(1)} | ` +
    `${Number(r.relObjective).toExponential(1)} | ${Number(r.maxNetKwOverRange).toExponential(1)} |`);
}
lines.push('');

// 3. Workers.
const workerMarket = createRandomBilateralMarket({ agents: WORKER_AGENTS }, 300);
const workerRows: Array<{ workers: number; ms: number; msPerIteration: number; objective: number }> = [];
for (const workers of [1, 2, 4]) {
  const opts = { method: 'admm' as const, workers, maxIterations: WORKER_ITERATIONS, tolerance: 1e-12 };
  const r = workers === 1 ? solveBilateralMarketSync(workerMarket, opts) : await solveBilateralMarket(workerMarket, opts);
  workerRows.push({ workers, ms: r.solveMs, msPerIteration: r.solveMs / r.iterations, objective: r.objective! });
  console.log(workerRows.at(-1));
}
json.workers = workerRows;
const identical = workerRows.every((r) => r.objective === workerRows[0]!.objective);
lines.push(`### ADMM over comlink worker_threads (${WORKER_AGENTS.toLocaleString('en-US')} agents, ${WORKER_ITERATIONS} iterations, WASM)`, '');
lines.push('| workers | total ms (incl. worker start) | ms per iteration | speed-up vs 1 |', '| ---: | ---: | ---: | ---: |');
for (const r of workerRows) lines.push(`| ${r.workers} | ${fmt(r.ms)} | ${fmt(r.msPerIteration)} | ${(workerRows[0]!.ms / r.ms).toFixed(2)} |`);
lines.push('', `Objectives after ${WORKER_ITERATIONS} iterations ${identical ? 'bit-identical' : 'DIFFERENT'} for 1, 2 and 4 workers.`, '');

// 4. Network charges on a feeder community.
const network = compileNetwork(createIeee33());
const community = createRandomBilateralMarket({ agents: 32, partners: 0 }, 7);
const agentBus = Object.fromEntries(community.agents.map((a, i) => [a.id, String(i + 2)]));
const d = electricalDistances(network);
const busOf = (id: string): number => network.busIndex.get(agentBus[id]!)!;
const zoneOf = (id: string): number => Math.floor(Number(agentBus[id]) / 12);
const chargeRows: Array<Record<string, number | string>> = [];
for (const method of ['none', 'uniform', 'zonal', 'electrical-distance'] as const) {
  const market = method === 'none' ? community : applyNetworkCharges(community, network, { method: method as NetworkChargeMethod, feePerKwh: 0.03, agentBus });
  const r = solveBilateralMarketSync(market);
  let traded = 0;
  let dist = 0;
  let sameZone = 0;
  for (const t of r.trades) {
    if (t.kw <= 0) continue;
    traded += t.kw;
    dist += t.kw * d[busOf(t.from) * network.nBus + busOf(t.to)]!;
    if (zoneOf(t.from) === zoneOf(t.to)) sameZone += t.kw;
  }
  chargeRows.push({ method, tradedKw: traded, meanDistance: dist / traded, sameZoneShare: sameZone / traded, objective: r.objective!, trades: r.trades.length / 2 });
}
json.networkCharges = chargeRows;
lines.push('### Network charges (Baroche et al. 2019) on a 32-agent community, IEEE 33-bus feeder, fee 0.03 currency/kWh', '');
lines.push('| allocation | traded kW | trades | mean electrical distance of a traded kW | traded within the same block of 12 buses | objective (incl. charges) |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of chargeRows) {
  lines.push(`| ${r.method} | ${Number(r.tradedKw).toFixed(1)} | ${r.trades} | ${Number(r.meanDistance).toFixed(2)} | ${(100 * Number(r.sameZoneShare)).toFixed(0)} % | ${Number(r.objective).toFixed(3)} |`);
}
lines.push('', 'Agent n sits at bus n + 2; zonal uses three blocks of the depth-first bus order; everyone may trade with everyone.');
// Interpretation notes are appended to bench/results/bilateral-market.md by hand after a full run (they quote its numbers).
writeResult('bilateral-market.md', lines.join('\n') + '\n');
writeResult('bilateral-market.json', JSON.stringify({ ...json, loadavg: loadavg() }, null, 2) + '\n');
console.log(lines.join('\n'));
