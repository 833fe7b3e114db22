/**
 * Throughput of the BullMQ queue itself: a sweep of tiny runs (1 prosumer, 1 step: the simulation costs well under
 * a millisecond) through a local redis-server, one queue worker (concurrency 2) in this process, so the time is the
 * queue's: add, hand out, lock, complete, collect. Writes bench/results/queue-throughput.{json,md}.
 * Needs redis-server on PATH. Usage: node --import tsx bench/queue-throughput.bench.ts [--quick]
 */
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Queue } from 'bullmq';
import { cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';
import { parseSweepSpec } from '../ts/sweep/sweep-file.js';
import { expandSweep } from '../ts/sweep/expand-sweep.js';
import { runSweep } from '../ts/sweep/run-sweep.js';
import { createQueueExecutor } from '../ts/sweep/queue/queue-executor.js';
import { startQueueWorker } from '../ts/sweep/queue/queue-worker.js';
import { parseRedisUrl } from '../ts/sweep/queue/redis-url.js';
import { SWEEP_QUEUE_NAME } from '../ts/sweep/queue/run-job.js';

const quick = process.argv.includes('--quick');
const n = quick ? 100 : 500;
const port = await new Promise<number>((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => res(p));
  });
});
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
for (let i = 0; i < 100; i++) {
  const ok = await new Promise<boolean>((res) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => (c.end(), res(true)));
    c.once('error', () => res(false));
  });
  if (ok) break;
  await new Promise((r) => setTimeout(r, 50));
}
const connection = parseRedisUrl(`redis://127.0.0.1:${port}`);
try {
  const base = {
    network: 'ieee33',
    prosumers: [{ id: 'a', bus: '18', load: { kind: 'constant', pKw: 1 }, pvKwp: 3 }],
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 },
    horizon: { start: '2024-06-03T10:00:00Z', steps: 1, dtHours: 0.25 },
    seed: 0,
  };
  const runs = expandSweep(parseSweepSpec({ format: 'peergrid-sweep/1', base, vary: { seed: Array.from({ length: n }, (_, i) => i) } }), base);
  const worker = await startQueueWorker(connection, { concurrency: 2 });
  const executor = await createQueueExecutor(connection);
  await executor.run(runs[0]!); // warm-up: worker threads started, kernels loaded
  const t0 = performance.now();
  const out = await runSweep(runs.slice(1), { executor });
  const ms = performance.now() - t0;
  await executor.close();
  await worker.close();
  await new Queue(SWEEP_QUEUE_NAME, { connection }).obliterate({ force: true }).catch(() => {});
  const failed = out.filter((o) => o.error !== undefined).length;
  const perS = (runs.length - 1) / (ms / 1000);
  const result = { date: new Date().toISOString(), node: process.version, cpu: cpuDescription(), loadAverage: loadAverageText(), quick, runs: runs.length - 1, failed, ms, runsPerSecond: perS };
  console.log(JSON.stringify(result));
  writeResult(`queue-throughput${quick ? '.quick' : ''}.json`, JSON.stringify(result, null, 1) + '\n');
  writeResult(
    `queue-throughput${quick ? '.quick' : ''}.md`,
    `## Queue throughput (bench/queue-throughput.bench.ts${quick ? ' --quick' : ''})

${result.date}, Node ${result.node}, ${result.cpu}, load average at the end ${result.loadAverage}.
${result.runs} runs of 1 step each (simulation well under 1 ms) through BullMQ on a local redis-server, one queue worker with concurrency 2 in the same process: **${perS.toFixed(0)} runs/s** (${(ms / 1000).toFixed(2)} s, ${failed} failed). This is the queue's own limit (add, hand out, lock, complete, collect); runs of a second or more are bound by the workers' cores instead.
`,
  );
} finally {
  redis.kill('SIGTERM');
}
process.exit(0);
