/**
 * Speedup of `peergrid sweep`'s local pool: the same sweep (the default study, one week, 12 runs: 3 mechanisms ×
 * 4 seeds) on 1 and on 2 worker threads, interleaved, median of the repetitions; workers started and warmed up
 * (one run each) before timing. Writes bench/results/sweep-workers.{json,md}.
 * Usage: node --import tsx bench/sweep-workers.bench.ts [--quick]   (quick: one day per run, 2 repetitions)
 */
import { cpuDescription, loadAverageText, median, writeResult } from './support/bench-support.js';
import { createNodeWorkerPool } from '../ts/parallel/node/node-worker-spawner.js';
import { createDefaultStudy } from '../ts/sim/scenario/default-study.js';
import { parseSweepSpec } from '../ts/sweep/sweep-file.js';
import { expandSweep } from '../ts/sweep/expand-sweep.js';
import { poolExecutor } from '../ts/sweep/pool-executor.js';
import { runSweep } from '../ts/sweep/run-sweep.js';

const quick = process.argv.includes('--quick');
const steps = quick ? 96 : 672;
const reps = quick ? 2 : 5;
const base = createDefaultStudy({ steps }) as Record<string, unknown>;
const spec = parseSweepSpec({ format: 'peergrid-sweep/1', base, vary: { 'market.mechanism': ['uniform', 'sdr', 'mmr'], seed: [1, 2, 3, 4] } });
const runs = expandSweep(spec, base);

const pools = { 1: createNodeWorkerPool({ size: 1 }), 2: createNodeWorkerPool({ size: 2 }) };
for (const pool of Object.values(pools)) await Promise.all(runs.slice(0, pool.size).map((r) => poolExecutor(pool).run(r)));
const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
for (let i = 0; i < reps; i++) {
  for (const size of [1, 2] as const) {
    const t0 = performance.now();
    await runSweep(runs, { executor: poolExecutor(pools[size]) });
    times[size].push(performance.now() - t0);
    console.log(`rep ${i + 1}: ${size} worker(s) ${(times[size].at(-1)! / 1000).toFixed(2)} s`);
  }
}
await Promise.all(Object.values(pools).map((p) => p.close()));
const m1 = median(times[1]);
const m2 = median(times[2]);
const result = { date: new Date().toISOString(), node: process.version, cpu: cpuDescription(), loadAverage: loadAverageText(), quick, runs: runs.length, stepsPerRun: steps, prosumers: (base.prosumers as unknown[]).length, repetitions: reps, medianMs: { 1: m1, 2: m2 }, speedup: m1 / m2, allMs: times };
console.log(JSON.stringify(result));
writeResult(`sweep-workers${quick ? '.quick' : ''}.json`, JSON.stringify(result, null, 1) + '\n');
writeResult(
  `sweep-workers${quick ? '.quick' : ''}.md`,
  `## Sweep on the worker pool (bench/sweep-workers.bench.ts${quick ? ' --quick' : ''})

${result.date}, Node ${result.node}, ${result.cpu}, load average at the end ${result.loadAverage}.
${runs.length} runs (3 mechanisms × 4 seeds) of the default study (${result.prosumers} prosumers, ${steps} steps each), median of ${reps} interleaved repetitions, warmed-up workers.

| workers | median s | speedup |
| ---: | ---: | ---: |
| 1 | ${(m1 / 1000).toFixed(2)} | 1.00 |
| 2 | ${(m2 / 1000).toFixed(2)} | ${(m1 / m2).toFixed(2)} |

Aim: ≥ 1.7× with 2 workers on this 2-core machine; ${m1 / m2 >= 1.7 ? 'met' : '**missed**'} in this run. The speedup is bounded by what else runs on the two cores (the load average above).
`,
);
