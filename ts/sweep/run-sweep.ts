/**
 * Runs a sweep's runs on an executor (the worker pool, or a queue of remote workers), skipping those whose result
 * is already stored under their key (resume), storing each result as soon as it arrives (an interruption loses only
 * the runs in flight), and returning the outcomes in grid order whatever the completion order. Runs of one sweep
 * with equal keys (values that change nothing) are computed once.
 */
import type { SweepRun } from './expand-sweep.js';
import type { RunMetrics } from './run-metrics.js';

/** Something that computes a run's metrics. */
export interface SweepExecutor {
  /** Runs in parallel at most (the number of workers). */
  readonly workers: number;
  /** Computes one run. */
  run(run: SweepRun): Promise<RunMetrics>;
}

/** Where results are kept by key (node/run-store.ts: one file per key). */
export interface RunStore {
  get(key: string): RunMetrics | undefined;
  put(key: string, metrics: RunMetrics): void;
}

/** The outcome of one run. */
export interface SweepOutcome {
  /** The run's axis values. */
  params: Record<string, unknown>;
  /** Its metrics, or null when it failed. */
  metrics: RunMetrics | null;
  /** Why it failed. */
  error?: string;
  /** Result key. */
  key: string;
  /** Taken from the store instead of computed. */
  cached: boolean;
}

/** Options of runSweep. */
export interface RunSweepOptions {
  executor: SweepExecutor;
  store?: RunStore;
  /** Called after every run (cached ones first, at once), with the count done and the total. */
  onRunDone?: (done: number, total: number, outcome: SweepOutcome) => void;
}

/** Runs every run not already stored; resolves when all are done (failed runs are outcomes, not rejections). */
export async function runSweep(runs: readonly SweepRun[], options: RunSweepOptions): Promise<SweepOutcome[]> {
  const { executor, store } = options;
  const outcomes: SweepOutcome[] = new Array(runs.length);
  let done = 0;
  const finish = (i: number, o: SweepOutcome): void => {
    outcomes[i] = o;
    options.onRunDone?.(++done, runs.length, o);
  };
  const pending = new Map<string, number[]>();
  runs.forEach((run, i) => {
    const stored = store?.get(run.key);
    if (stored !== undefined) finish(i, { params: run.params, metrics: stored, key: run.key, cached: true });
    else pending.set(run.key, [...(pending.get(run.key) ?? []), i]);
  });
  await Promise.all(
    [...pending].map(async ([key, indices]) => {
      const run = runs[indices[0]!]!;
      let metrics: RunMetrics | null = null;
      let error: string | undefined;
      try {
        metrics = await executor.run(run);
        store?.put(key, metrics);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      for (const i of indices) finish(i, { params: runs[i]!.params, metrics, ...(error !== undefined ? { error } : {}), key, cached: false });
    }),
  );
  return outcomes;
}
