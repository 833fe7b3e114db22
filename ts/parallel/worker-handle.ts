/**
 * What the pool needs of one worker, whatever runs it (a Node worker_threads Worker or a browser Web Worker): a
 * comlink endpoint, a way to learn that it died, and a way to stop it. The spawners (node/node-worker-spawner.ts,
 * web-worker-spawner.ts) adapt each runtime to this.
 */
import type { Endpoint } from 'comlink';

/** One running worker. */
export interface WorkerHandle {
  /** The comlink endpoint of the worker (its messages, both ways). */
  readonly endpoint: Endpoint;
  /** Registers a listener called once if the worker dies on its own (uncaught error, exit, out of memory). */
  onExit(listener: (error: Error) => void): void;
  /** Stops the worker at once (a running job is abandoned). */
  terminate(): void;
}

/** Starts one worker that runs `exposeJobs` (expose-jobs.ts). */
export type SpawnWorker = () => WorkerHandle;

/**
 * The message a worker posts once its jobs are exposed. The pool calls nothing before it: a module worker that is
 * still importing can drop the first comlink call (stack-notes §7), and comlink ignores messages without an id.
 */
export const WORKER_READY_MESSAGE = 'peergrid-worker-ready';
