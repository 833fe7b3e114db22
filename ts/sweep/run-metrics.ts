/** The headline metrics of one sweep run: the comparison table's columns (report/comparison.ts) except the mechanism. */
import type { SimulationResult } from '../sim/engine/simulation.js';
import { comparisonRows } from '../sim/report/comparison.js';

/** Headline metrics of a run by name (null = not defined for this run). */
export type RunMetrics = Record<string, number | string | null>;

/** The headline metrics of a finished run. */
export function headlineMetrics(result: SimulationResult): RunMetrics {
  const { mechanism: _mechanism, ...metrics } = comparisonRows([result])[0]!;
  return metrics;
}
