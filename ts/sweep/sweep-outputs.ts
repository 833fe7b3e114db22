/**
 * What a sweep writes: runs.json (and, with --json, stdout) as `{ runs: [{ params, metrics }], workers, elapsedMs }`
 * with runs in grid order (a failed run has metrics null and an `error`), and runs.csv with one row per run: the axis
 * values, the headline metrics, then the run's key and error (empty when it succeeded).
 */
import { toCsv } from '../sim/report/csv.js';
import type { SweepOutcome } from './run-sweep.js';

/** One run in runs.json. */
export interface SweepRunRecord {
  params: Record<string, unknown>;
  metrics: Record<string, number | string | null> | null;
  error?: string;
}

/** The runs.json / --json object. */
export interface SweepRunsJson {
  runs: SweepRunRecord[];
  /** Workers that ran the sweep (local pool size, or the queue's concurrency as configured here: see the README). */
  workers: number;
  /** Wall time of the sweep, ms. */
  elapsedMs: number;
}

/** The runs.json object. */
export function sweepRunsJson(outcomes: readonly SweepOutcome[], workers: number, elapsedMs: number): SweepRunsJson {
  return {
    runs: outcomes.map((o) => ({ params: o.params, metrics: o.metrics, ...(o.error !== undefined ? { error: o.error } : {}) })),
    workers,
    elapsedMs,
  };
}

/** Metric names in the order of the first run that has metrics. */
export function metricNames(outcomes: readonly SweepOutcome[]): string[] {
  return Object.keys(outcomes.find((o) => o.metrics !== null)?.metrics ?? {});
}

function cell(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
}

/** runs.csv: axis values, metrics, key, error. */
export function sweepRunsCsv(outcomes: readonly SweepOutcome[], axes: readonly string[]): string {
  const metrics = metricNames(outcomes);
  return toCsv(
    [...axes, ...metrics, 'key', 'error'],
    outcomes.map((o) => [...axes.map((a) => cell(o.params[a])), ...metrics.map((m) => o.metrics?.[m] ?? null), o.key, o.error ?? null]),
  );
}
