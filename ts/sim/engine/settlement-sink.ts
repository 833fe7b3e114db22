import type { ClearingResult } from '../../market/clearing-result.js';
import type { Order } from '../../market/order.js';
import type { Simulation } from './simulation.js';

/**
 * Receives each finished step: the final order book, its clearing (null for the no-P2P baseline) and, through the
 * simulation, the per-prosumer settlement of the step (`stepBoughtKwh`, `stepCost`, …). The book's order objects are
 * reused by the next step: copy what you keep.
 */
export interface SettlementSink {
  /** Called once per step after settlement. */
  record(sim: Simulation, clearing: ClearingResult | null, book: readonly Order[]): void;
}

/** One sink that passes every step to each of `sinks` in order (undefined entries are skipped). */
export function combineSinks(...sinks: Array<SettlementSink | undefined>): SettlementSink | undefined {
  const present = sinks.filter((s): s is SettlementSink => s !== undefined);
  if (present.length <= 1) return present[0];
  return { record: (sim, clearing, book) => present.forEach((s) => s.record(sim, clearing, book)) };
}
