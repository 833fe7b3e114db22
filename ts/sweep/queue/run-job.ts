/**
 * The BullMQ job of one sweep run: its data carries the resolved scenario and the contents of its files (never
 * paths), its id is the run's key (so adding a run twice is a no-op, and a result exists once per key), and its
 * return value is the run's metrics with the worker that computed them.
 */
import type { Scenario } from '../../sim/scenario/scenario-schema.js';
import type { RunMetrics } from '../run-metrics.js';

/** The queue every sweep and worker uses (one Redis can serve many sweeps: runs with equal keys are shared). */
export const SWEEP_QUEUE_NAME = 'peergrid-sweep-runs';

/** Job data. */
export interface RunJobData {
  /** The run's key (run-key.ts): the worker recomputes it and refuses a mismatch (another peergrid version). */
  key: string;
  scenario: Scenario;
  files: Record<string, string>;
}

/** Job return value. */
export interface RunJobResult {
  metrics: RunMetrics;
  /** `host:pid` of the worker process that computed it. */
  worker: string;
}

/** The job id of a run key (BullMQ ids must not be integers or contain ':'). */
export function jobIdOf(key: string): string {
  return `run-${key}`;
}
