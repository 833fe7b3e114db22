/** Runs sweep runs on a worker pool: one 'simulate' job per run, metrics only (no reporter columns come back). */
import type { WorkerPool } from '../parallel/worker-pool.js';
import { headlineMetrics } from './run-metrics.js';
import type { SweepExecutor } from './run-sweep.js';

/** A sweep executor over `pool`. */
export function poolExecutor(pool: WorkerPool): SweepExecutor {
  return {
    workers: pool.size,
    run: async (run) => headlineMetrics(await pool.run('simulate', { scenario: run.scenario, files: run.files, series: false })),
  };
}
