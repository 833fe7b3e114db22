// The distributed sweep through BullMQ on a real Redis, with a worker process killed (SIGKILL) in the middle of a
// job: every run must come back exactly once, with the numbers of a local computation.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { headlineMetrics } from '../../../ts/sweep/run-metrics.js';
import { parseRedisUrl } from '../../../ts/sweep/queue/redis-url.js';
import { SWEEP_QUEUE_NAME } from '../../../ts/sweep/queue/run-job.js';
import { redisForTests } from '../../support/services.js';
import { tinyBase } from '../sweep-fixtures.js';

const redis = await redisForTests();
const MAIN = join(process.cwd(), 'ts/cli/main.ts');

interface Proc {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}
function start(args: string[]): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { child, stdout: '', stderr: '', exited: new Promise((res) => child.once('exit', (code) => res(code))) };
  child.stdout!.on('data', (d) => (p.stdout += d));
  child.stderr!.on('data', (d) => (p.stderr += d));
  return p;
}
async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const t = Date.now();
  while (!(await cond())) {
    if (Date.now() - t > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(redis === null)('peergrid sweep --queue (BullMQ on Redis)', () => {
  const procs: Proc[] = [];
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    redis?.stop();
  });

  it('a worker killed mid-job loses nothing and doubles nothing', async () => {
    const connection = parseRedisUrl(redis!.url);
    const queue = new Queue(SWEEP_QUEUE_NAME, { connection });
    await queue.obliterate({ force: true }); // results of earlier runs on this Redis would make the test trivial
    const dir = mkdtempSync(join(tmpdir(), 'peergrid-queue-'));
    const base = tinyBase();
    base.horizon.steps = 288; // long enough that the kill lands inside a job
    writeFileSync(join(dir, 'base.json'), JSON.stringify(base));
    const sweepFile = join(dir, 'sweep.json');
    const seeds = [1, 2, 3, 4, 5, 6];
    writeFileSync(sweepFile, JSON.stringify({ format: 'peergrid-sweep/1', base: 'base.json', vary: { seed: seeds } }));

    const a = start(['worker', '--queue', redis!.url, '--lock-duration', '1000']);
    procs.push(a);
    const sweep = start(['sweep', sweepFile, '--queue', redis!.url, '--json', '--out', join(dir, 'out')]);
    procs.push(sweep);
    // Kill worker A while it holds a job: right after its first completion it has taken the next one.
    await until(() => /completed/.test(a.stderr), 60_000, 'worker A to finish a job');
    await until(async () => (await queue.getActiveCount()) > 0, 10_000, 'worker A to take its next job');
    const active = await queue.getActiveCount();
    a.child.kill('SIGKILL');
    await a.exited;
    const b = start(['worker', '--queue', redis!.url, '--concurrency', '2', '--lock-duration', '1000']);
    procs.push(b);
    expect(await sweep.exited).toBe(0);
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);

    const j = JSON.parse(sweep.stdout);
    expect(j.runs.map((r: any) => r.params.seed)).toEqual(seeds);
    for (const run of j.runs) {
      const s = tinyBase();
      s.horizon.steps = 288;
      s.seed = run.params.seed;
      const sim = createSimulation(s);
      expect(run.metrics).toEqual(JSON.parse(JSON.stringify(headlineMetrics(sim.run()))));
      sim.dispose();
    }
    expect(j.workers).toBeGreaterThanOrEqual(1);
    expect(readdirSync(join(dir, 'out', 'results')).length).toBe(seeds.length);
    // One job per run in Redis, all completed; the job worker A held was handed to worker B after its lock expired.
    const counts = await queue.getJobCounts('completed', 'failed', 'active', 'wait', 'delayed');
    expect(counts).toEqual({ completed: seeds.length, failed: 0, active: 0, wait: 0, delayed: 0 });
    const jobs = await queue.getJobs(['completed']);
    expect(active).toBe(1);
    expect(jobs.reduce((n, job) => n + ((job as unknown as { stalledCounter?: number }).stalledCounter ?? 0), 0)).toBe(1);
    await queue.close();
  }, 120_000);
});
