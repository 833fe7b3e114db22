/**
 * A pool of workers that run jobs by name (worker-jobs.ts) over comlink: the same code drives Node worker_threads
 * and browser Web Workers, which differ only in the spawner passed in (node/node-worker-spawner.ts,
 * web-worker-spawner.ts).
 *
 * - Jobs queue first-in first-out and go to the first idle worker; a worker runs one job at a time.
 * - Every worker loads the WASM kernels once (the first job instantiates them; later jobs reuse them).
 * - Results come back transferred (typed arrays moved, not copied); inputs are copied, so a job can be retried.
 * - A worker that dies (uncaught error, exit, out of memory) is replaced; its job is retried `retries` times (default
 *   once) on another worker, then rejected with a WorkerCrashError.
 * - Cancellation: an AbortSignal per job; a queued job is dropped, a running one's worker is terminated (a
 *   synchronous simulation cannot be interrupted otherwise) and replaced.
 * - Progress: `onProgress(done, total, detail)` per job, called as the worker reports.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { WorkerApi } from './expose-jobs.js';
import { WORKER_READY_MESSAGE, type SpawnWorker, type WorkerHandle } from './worker-handle.js';
import type { BuiltInJobs, Job, JobProgress, JobTable } from './worker-jobs.js';

/** Options of `createWorkerPool`. */
export interface WorkerPoolOptions {
  /** Number of workers (default 2, or navigator.hardwareConcurrency where there is one). */
  size?: number;
  /** Starts one worker (node/node-worker-spawner.ts or web-worker-spawner.ts). */
  spawn: SpawnWorker;
  /** Retries of a job whose worker died (default 1). */
  retries?: number;
}

/** Options of one job. */
export interface RunOptions {
  /** Aborts the job (queued: dropped; running: its worker is terminated and replaced). */
  signal?: AbortSignal;
  /** Progress reports of the job. */
  onProgress?: JobProgress;
}

/** Counters of a pool since it was created. */
export interface PoolStats {
  /** Jobs that resolved. */
  completed: number;
  /** Jobs that rejected (job error, crash after the retries, abort). */
  failed: number;
  /** Jobs re-queued after their worker died. */
  retried: number;
  /** Workers that died on their own. */
  crashed: number;
  /** Jobs running now. */
  running: number;
  /** Jobs waiting for a worker. */
  queued: number;
}

/** Input type of a job. */
export type JobInput<T> = T extends Job<infer I, any> ? I : never;
/** Output value type of a job. */
export type JobValue<T> = T extends Job<any, infer O> ? O : never;

/** A pool of workers running the jobs of table J. */
export interface WorkerPool<J extends JobTable = BuiltInJobs> {
  /** Number of workers. */
  readonly size: number;
  /** Runs a job on the next idle worker. */
  run<K extends keyof J & string>(kind: K, input: JobInput<J[K]>, options?: RunOptions): Promise<JobValue<J[K]>>;
  /** Counters. */
  stats(): PoolStats;
  /** Terminates every worker; queued and running jobs reject. */
  close(): Promise<void>;
}

/** A job whose worker died more often than the pool retries. */
export class WorkerCrashError extends Error {
  constructor(kind: string, attempts: number, cause: Error) {
    super(`job '${kind}' failed: its worker died ${attempts} time(s) (last: ${cause.message})`);
    this.name = 'WorkerCrashError';
  }
}

/** The rejection of an aborted job: the signal's reason, or an AbortError. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('the job was aborted', 'AbortError');
}

interface Task {
  kind: string;
  input: unknown;
  onProgress?: JobProgress;
  signal?: AbortSignal;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  attempts: number;
  settled: boolean;
  slot: Slot | null;
  detach(): void;
}

interface Slot {
  handle: WorkerHandle;
  api: Remote<WorkerApi>;
  ready: boolean;
  dead: boolean;
  task: Task | null;
  /** Rejects when the worker dies (a call in flight on a dead worker would never settle). */
  died: Promise<never>;
}

// Workers that die before announcing readiness this many times in a row mean the worker script itself is broken.
const MAX_STARTUP_FAILURES = 3;

/** Creates a pool; workers start at once. */
export function createWorkerPool<J extends JobTable = BuiltInJobs>(options: WorkerPoolOptions): WorkerPool<J> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const size = options.size ?? Math.max(1, nav?.hardwareConcurrency ?? 2);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`createWorkerPool: size must be a positive integer, got ${size}`);
  const retries = options.retries ?? 1;
  const queue: Task[] = [];
  const slots = new Set<Slot>();
  const counters = { completed: 0, failed: 0, retried: 0, crashed: 0 };
  let closed = false;
  let startupFailures = 0;
  let broken: Error | null = null;

  function settle(task: Task, ok: boolean, value: unknown): void {
    if (task.settled) return;
    task.settled = true;
    task.detach();
    if (ok) {
      counters.completed++;
      task.resolve(value);
    } else {
      counters.failed++;
      task.reject(value);
    }
  }

  function spawnSlot(): void {
    const handle = options.spawn();
    let markDied!: (e: Error) => void;
    const died = new Promise<never>((_, reject) => (markDied = reject));
    died.catch(() => {});
    const slot: Slot = { handle, api: null as unknown as Remote<WorkerApi>, ready: false, dead: false, task: null, died };
    slots.add(slot);
    const onReady = (ev: MessageEvent): void => {
      if (ev.data !== WORKER_READY_MESSAGE) return;
      handle.endpoint.removeEventListener('message', onReady as EventListener);
      if (slot.dead) return;
      slot.api = wrap<WorkerApi>(handle.endpoint);
      slot.ready = true;
      startupFailures = 0;
      dispatch();
    };
    handle.endpoint.addEventListener('message', onReady as EventListener);
    handle.endpoint.start?.();
    handle.onExit((error) => {
      if (slot.dead) return;
      slot.dead = true;
      markDied(error);
      slots.delete(slot);
      if (closed) return;
      counters.crashed++;
      if (!slot.ready && ++startupFailures >= MAX_STARTUP_FAILURES) {
        broken = new Error(`worker pool: workers fail to start (${error.message})`);
        for (const t of queue.splice(0)) settle(t, false, broken);
        return;
      }
      const task = slot.task;
      if (task && !task.settled) {
        task.slot = null;
        if (task.attempts <= retries) {
          counters.retried++;
          queue.unshift(task);
        } else {
          settle(task, false, new WorkerCrashError(task.kind, task.attempts, error));
        }
      }
      spawnSlot();
      dispatch();
    });
  }

  function execute(slot: Slot, task: Task): void {
    slot.task = task;
    task.slot = slot;
    task.attempts++;
    const progress = task.onProgress ? proxy(task.onProgress) : undefined;
    Promise.race([slot.api.run(task.kind, task.input, progress), slot.died]).then(
      (value) => {
        slot.task = null;
        task.slot = null;
        settle(task, true, value);
        dispatch();
      },
      (error) => {
        // A dead worker's job was already re-queued or rejected by the exit handler.
        if (slot.dead) return;
        slot.task = null;
        task.slot = null;
        settle(task, false, error);
        dispatch();
      },
    );
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (slot.ready && !slot.dead && slot.task === null) execute(slot, queue.shift()!);
    }
  }

  for (let i = 0; i < size; i++) spawnSlot();

  return {
    size,
    run(kind, input, runOptions = {}) {
      return new Promise((resolve, reject) => {
        if (closed) return reject(new Error('worker pool: closed'));
        if (broken) return reject(broken);
        const signal = runOptions.signal;
        if (signal?.aborted) return reject(abortReason(signal));
        const onAbort = (): void => {
          const i = queue.indexOf(task);
          if (i >= 0) queue.splice(i, 1);
          const slot = task.slot;
          settle(task, false, abortReason(signal!));
          if (slot && !slot.dead) {
            // The worker is busy with a job nobody wants: stop it and start a fresh one.
            slot.dead = true;
            slots.delete(slot);
            slot.handle.terminate();
            if (!closed) spawnSlot();
          }
        };
        const task: Task = {
          kind,
          input,
          onProgress: runOptions.onProgress,
          signal,
          resolve: resolve as (v: unknown) => void,
          reject,
          attempts: 0,
          settled: false,
          slot: null,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(task);
        dispatch();
      });
    },
    stats() {
      let running = 0;
      for (const s of slots) if (s.task) running++;
      return { ...counters, running, queued: queue.length };
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new Error('worker pool: closed');
      for (const t of queue.splice(0)) settle(t, false, error);
      for (const s of slots) {
        if (s.task) settle(s.task, false, error);
        s.dead = true;
        s.handle.terminate();
      }
      slots.clear();
    },
  };
}
