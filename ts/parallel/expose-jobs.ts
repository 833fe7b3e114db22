/**
 * The worker side of the pool: exposes a job table over comlink on the worker's endpoint, then posts the ready
 * message (worker-handle.ts). Used by the Node entry (node/node-worker-entry.ts) and by Web Worker entries alike.
 */
import { expose, releaseProxy, transfer, type Endpoint, type Remote } from 'comlink';
import { BUILT_IN_JOBS, type JobProgress, type JobTable } from './worker-jobs.js';
import { WORKER_READY_MESSAGE } from './worker-handle.js';

/** What a worker exposes: run a job by name. */
export interface WorkerApi {
  run(kind: string, input: unknown, progress?: JobProgress): Promise<unknown>;
}

/** Exposes `jobs` (default: the built-in ones) on `endpoint` and announces readiness. */
export function exposeJobs(endpoint: Endpoint, jobs: JobTable = BUILT_IN_JOBS): void {
  const api: WorkerApi = {
    async run(kind, input, progress) {
      const job = Object.prototype.hasOwnProperty.call(jobs, kind) ? jobs[kind] : undefined;
      const remote = progress as Remote<JobProgress> | undefined;
      try {
        if (!job) throw new Error(`unknown job '${kind}' (this worker runs: ${Object.keys(jobs).join(', ')})`);
        // Progress calls are fire-and-forget messages: a job never waits for the main thread.
        const out = await job(input, remote ? (d, t, detail) => void remote(d, t, detail) : () => {});
        // comlink keys transfer lists by the value (a WeakMap): only objects can carry one.
        return out.transfer.length > 0 ? transfer(out.value, out.transfer) : out.value;
      } finally {
        remote?.[releaseProxy]();
      }
    },
  };
  expose(api, endpoint);
  endpoint.postMessage(WORKER_READY_MESSAGE);
}
