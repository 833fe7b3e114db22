/**
 * Node-only: a process's share of a distributed sweep. A BullMQ Worker takes up to `concurrency` jobs at a time and
 * runs each on a worker thread of a local pool, so the event loop stays free to renew the jobs' locks however long
 * a simulation takes. Each job's key is recomputed from its scenario and files: a worker of another peergrid version
 * refuses the job instead of storing its numbers under the wrong key.
 */
import { hostname } from 'node:os';
import type { Worker } from 'bullmq';
import { createNodeWorkerPool } from '../../parallel/node/node-worker-spawner.js';
import type { WorkerPool } from '../../parallel/worker-pool.js';
import { validateScenario } from '../../sim/scenario/validate-scenario.js';
import { headlineMetrics } from '../run-metrics.js';
import { runKey } from '../run-key.js';
import type { RedisConnection } from './redis-url.js';
import { reachRedis } from './reach-redis.js';
import { SWEEP_QUEUE_NAME, type RunJobData, type RunJobResult } from './run-job.js';

/** Options of a queue worker. */
export interface QueueWorkerOptions {
  /** Jobs run at once (and worker threads), default 1. */
  concurrency?: number;
  /** A job whose worker stops renewing its lock for this long goes back to the queue, ms (default 30,000). */
  lockDurationMs?: number;
  /** Called after each job with its key and how it ended. */
  onJob?: (key: string, outcome: 'completed' | 'failed', error?: string) => void;
}

/** A running queue worker. */
export interface QueueWorker {
  /** `host:pid`. */
  readonly id: string;
  /** Stops taking jobs, waits for the running ones, closes the pool. */
  close(): Promise<void>;
}

/** Starts a worker on the sweep queue. */
export async function startQueueWorker(connection: RedisConnection, options: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const { Worker } = await import('bullmq');
  const concurrency = options.concurrency ?? 1;
  const lockDuration = options.lockDurationMs ?? 30_000;
  const id = `${hostname()}:${process.pid}`;
  const pool: WorkerPool = createNodeWorkerPool({ size: concurrency });
  const worker: Worker<RunJobData, RunJobResult> = new Worker<RunJobData, RunJobResult>(
    SWEEP_QUEUE_NAME,
    async (job) => {
      const { key, scenario, files } = job.data;
      const mine = runKey(validateScenario(scenario), files);
      if (mine !== key) throw new Error(`run key mismatch (this worker runs another peergrid version or build): job ${key}, here ${mine}`);
      const result = await pool.run('simulate', { scenario, files, series: false });
      return { metrics: headlineMetrics(result), worker: id };
    },
    {
      connection,
      concurrency,
      lockDuration,
      // Check for jobs of dead workers at the lock's pace; a job may stall a few times (each a killed worker).
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: 5,
    },
  );
  worker.on('completed', (job) => options.onJob?.(job.data.key, 'completed'));
  worker.on('failed', (job, err) => job && options.onJob?.(job.data.key, 'failed', err.message));
  try {
    await reachRedis(connection, [worker.waitUntilReady()]);
  } catch (e) {
    await Promise.allSettled([worker.close(true), pool.close()]);
    throw e;
  }
  return {
    id,
    async close() {
      await worker.close();
      await pool.close();
    },
  };
}
