/**
 * Node-only: a sweep executor that puts runs on the BullMQ queue and waits for `peergrid worker` processes to finish
 * them. Delivery is at least once (a job whose worker dies is handed to another when its lock expires); results are
 * idempotent because the job id is the run's key: a run added again, or re-run after a crash, has one result.
 */
import type { Job, Queue, QueueEvents } from 'bullmq';
import type { SweepExecutor } from '../run-sweep.js';
import type { RedisConnection } from './redis-url.js';
import { reachRedis } from './reach-redis.js';
import { SWEEP_QUEUE_NAME, jobIdOf, type RunJobData, type RunJobResult } from './run-job.js';


/** A queue executor; `workers` counts the distinct worker processes that returned results so far. */
export interface QueueExecutor extends SweepExecutor {
  /** Closes the connections. */
  close(): Promise<void>;
}

/** Connects to the queue (bullmq is loaded only here, so the rest of the CLI starts without it). */
export async function createQueueExecutor(connection: RedisConnection): Promise<QueueExecutor> {
  const { Queue, QueueEvents } = await import('bullmq');
  const queue: Queue<RunJobData, RunJobResult> = new Queue(SWEEP_QUEUE_NAME, { connection });
  const events: QueueEvents = new QueueEvents(SWEEP_QUEUE_NAME, { connection });
  events.setMaxListeners(0);
  queue.setMaxListeners(0);
  try {
    await reachRedis(connection, [queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (e) {
    await Promise.allSettled([events.close(), queue.close()]);
    throw e;
  }
  const seenWorkers = new Set<string>();
  const finished = async (job: Job<RunJobData, RunJobResult>): Promise<RunJobResult> => {
    const state = await job.getState();
    if (state === 'failed') {
      // A failure of an earlier sweep (e.g. a worker of a broken version) is tried again, not reused.
      await job.retry('failed');
    }
    return (await job.waitUntilFinished(events)) as RunJobResult;
  };
  return {
    get workers() {
      return seenWorkers.size;
    },
    async run(run) {
      const job = await queue.add('run', { key: run.key, scenario: run.scenario, files: run.files }, { jobId: jobIdOf(run.key), removeOnFail: false, removeOnComplete: false });
      const result = await finished(job);
      seenWorkers.add(result.worker);
      return result.metrics;
    },
    async close() {
      await events.close();
      await queue.close();
    },
  };
}
