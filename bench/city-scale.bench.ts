/**
 * The city-scale run (issue 11 §4): about 10,000 households on a generated MV/LV network (bench/city/city-network.ts),
 * a year of 15-minute steps (35,040), P2P (uniform-price auction) inside each LV community. The communities are
 * independent within a step, so each is one job on the worker pool (2 worker threads); their transformer draws then
 * feed the MV power flow, solved in chunks of steps on the same pool. Reports wall time, the time per component
 * (summed over the communities, i.e. CPU time across both workers) and the peak resident memory of the process
 * (worker threads included), to bench/results/city-scale.{json,md}.
 * Usage: node --import tsx bench/city-scale.bench.ts [--quick] [--households N] [--steps N]
 *   (quick: 1,000 households, one week; the flags override the size for partial runs)
 */
import { cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';
import { createNodeWorkerPool } from '../ts/parallel/node/node-worker-spawner.js';
import { createCity } from './city/city-network.js';
import { communityScenario } from './city/community-scenario.js';
import type { CITY_JOBS, CommunityOutput, CommunityTimes } from './city/city-worker.js';

const quick = process.argv.includes('--quick');
const flag = (name: string): number | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : Number(process.argv[i + 1]);
};
const HOUSEHOLDS = flag('--households') ?? (quick ? 1_000 : 10_000);
const STEPS = flag('--steps') ?? (quick ? 672 : 35_040);
const tag = quick ? '.quick' : HOUSEHOLDS !== 10_000 || STEPS !== 35_040 ? `.${HOUSEHOLDS}x${STEPS}` : '';
const WORKERS = 2;
const SEED = 2024;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const tStart = performance.now();

const t0 = performance.now();
const city = createCity(HOUSEHOLDS, SEED);
const genMs = performance.now() - t0;
console.log(`city: ${city.households} households, ${city.communities.length} LV communities, ${city.buses} buses (generated in ${genMs.toFixed(0)} ms)`);

const pool = createNodeWorkerPool<typeof CITY_JOBS>({ size: WORKERS, script: new URL('./city/city-worker.ts', import.meta.url) });
const tPhase1 = performance.now();
let done = 0;
const outputs: CommunityOutput[] = await Promise.all(
  city.communities.map(async (c, i) => {
    const out = await pool.run('cityCommunity', { network: c.network, scenario: communityScenario(c.id, c.householdBuses, SEED + i, STEPS) });
    if (++done % 10 === 0 || done === city.communities.length) {
      process.stderr.write(`communities ${done}/${city.communities.length} (${((performance.now() - tPhase1) / 1000).toFixed(0)} s)\n`);
    }
    return out;
  }),
);
const phase1Ms = performance.now() - tPhase1;

// MV power flow: each community's transformer draw is the load at its MV bus.
const tPhase2 = performance.now();
const mvIndex = new Map(city.mv.buses.map((b, i) => [b.id, i]));
const nMv = city.mv.buses.length;
const chunks = WORKERS * 4;
const per = Math.ceil(STEPS / chunks);
const mvOut = await Promise.all(
  Array.from({ length: chunks }, (_, k) => {
    const from = k * per;
    const to = Math.min(STEPS, from + per);
    const solves = Array.from({ length: Math.max(0, to - from) }, (_, s) => {
      const pLoadKw = new Float64Array(nMv);
      city.communities.forEach((c, i) => (pLoadKw[mvIndex.get(c.mvBus)!]! += outputs[i]!.substationKw[from + s]!));
      return { pLoadKw };
    });
    return pool.run('powerFlowBatch', { network: city.mv, solves });
  }),
);
const phase2Ms = performance.now() - tPhase2;
await pool.close();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const wallMs = performance.now() - tStart;

const sum = (f: (o: CommunityOutput) => number): number => outputs.reduce((s, o) => s + f(o), 0);
const times: CommunityTimes = {
  setup: sum((o) => o.times.setup),
  markets: sum((o) => o.times.markets),
  powerFlow: sum((o) => o.times.powerFlow),
  stepLoopRest: sum((o) => o.times.stepLoopRest),
  metrics: sum((o) => o.times.metrics),
};
let mvMin = Infinity;
let mvLossesMwh = 0;
let notConverged = 0;
for (const o of mvOut) {
  for (const v of o.vmPu) if (v > 0 && v < mvMin) mvMin = v;
  for (const l of o.lossesMw) mvLossesMwh += l * 0.25;
  notConverged += o.status.filter((s) => s !== 'converged').length;
}
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpuDescription(),
  loadAverage: loadAverageText(),
  quick,
  households: city.households,
  communities: city.communities.length,
  buses: city.buses,
  steps: STEPS,
  workers: WORKERS,
  wallS: wallMs / 1000,
  generateS: genMs / 1000,
  communitiesWallS: phase1Ms / 1000,
  mvPowerFlowWallS: phase2Ms / 1000,
  componentCpuS: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v / 1000])),
  peakRssMb: peakRss / 2 ** 20,
  peakWorkerHeapMb: Math.max(...outputs.map((o) => o.heapMb)),
  savings: sum((o) => o.savings),
  p2pVolumeMwh: sum((o) => o.p2pVolumeKwh) / 1000,
  lvVoltageViolations: sum((o) => o.voltageViolations),
  mvMinVmPu: mvMin,
  mvLossesMwh,
  mvNotConverged: notConverged,
};
console.log(JSON.stringify(result, null, 1));
const s = (x: number): string => x.toFixed(1);
const cpu = result.componentCpuS;
const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
writeResult(`city-scale${tag}.json`, JSON.stringify(result, null, 1) + '\n');
writeResult(
  `city-scale${tag}.md`,
  `## City-scale run (bench/city-scale.bench.ts${quick ? ' --quick' : tag ? ` --households ${HOUSEHOLDS} --steps ${STEPS}` : ''})

${result.date}, Node ${result.node}, ${result.cpu}, load average at the end ${result.loadAverage}.
${result.households.toLocaleString('en-US')} households in ${result.communities} LV communities (${result.buses.toLocaleString('en-US')} buses, generated MV/LV network), ${result.steps.toLocaleString('en-US')} steps of 15 minutes, uniform-price P2P inside each community, ${result.workers} worker threads.

| | value |
| --- | ---: |
| wall time, total | ${s(result.wallS)} s |
| — network generation | ${s(result.generateS)} s |
| — communities (agents, markets, LV power flow) on the pool | ${s(result.communitiesWallS)} s |
| — MV power flow (${STEPS.toLocaleString('en-US')} solves, ${WORKERS * 4} chunks on the pool) | ${s(result.mvPowerFlowWallS)} s |
| peak resident memory (whole process, worker threads included) | ${result.peakRssMb.toFixed(0)} MB |

Time per component, summed over the communities (CPU time across both workers; ${s(cpuTotal)} s in all):

| component | CPU s | share |
| --- | ---: | ---: |
| profiles and agents (setup) | ${s(cpu.setup!)} | ${((100 * cpu.setup!) / cpuTotal).toFixed(0)} % |
| markets (clearing) | ${s(cpu.markets!)} | ${((100 * cpu.markets!) / cpuTotal).toFixed(0)} % |
| LV power flow | ${s(cpu.powerFlow!)} | ${((100 * cpu.powerFlow!) / cpuTotal).toFixed(0)} % |
| rest of the step loop (agents' decisions, orders, settlement, reporters) | ${s(cpu.stepLoopRest!)} | ${((100 * cpu.stepLoopRest!) / cpuTotal).toFixed(0)} % |
| metrics | ${s(cpu.metrics!)} | ${((100 * cpu.metrics!) / cpuTotal).toFixed(0)} % |

Outcome: savings ${result.savings.toFixed(0)} currency, P2P volume ${result.p2pVolumeMwh.toFixed(1)} MWh, ${result.lvVoltageViolations} LV bus-steps outside limits, MV minimum ${result.mvMinVmPu.toFixed(4)} p.u., MV losses ${result.mvLossesMwh.toFixed(1)} MWh, ${result.mvNotConverged} MV solves not converged. LV voltages are computed with the MV bus held at 1 p.u. (decoupled MV/LV: see bench/city/city-network.ts).
`,
);
