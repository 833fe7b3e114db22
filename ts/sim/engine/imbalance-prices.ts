/**
 * Imbalance prices of the gate-closure mode: a prosumer that delivers less (or uses more) than its cleared position
 * is short and buys the difference at the short price; one that delivers more is long and sells it at the long
 * price. 'retail-feed-in': short = retail + penalty, long = max(0, feed-in − penalty), so a deviation always costs
 * at least as much as the retail alternative it replaces. 'prices': given prices (one, or 24 by local hour).
 */
import type { GateClosureSpec } from '../scenario/scenario-schema.js';

/** Short and long imbalance prices of one step, currency/kWh. */
export interface ImbalancePrices {
  shortPricePerKwh: number;
  longPricePerKwh: number;
}

/** Writes the step's imbalance prices into `out`; `localHour` indexes hourly price arrays. */
export function imbalancePricesAt(
  spec: GateClosureSpec['imbalance'],
  retailPricePerKwh: number,
  feedInPricePerKwh: number,
  localHour: number,
  out: ImbalancePrices,
): ImbalancePrices {
  if (spec.kind === 'retail-feed-in') {
    out.shortPricePerKwh = retailPricePerKwh + spec.penaltyPerKwh;
    out.longPricePerKwh = Math.max(0, feedInPricePerKwh - spec.penaltyPerKwh);
  } else {
    const at = (p: number | number[]): number => (typeof p === 'number' ? p : p[localHour]!);
    out.shortPricePerKwh = at(spec.shortPricePerKwh);
    out.longPricePerKwh = at(spec.longPricePerKwh);
  }
  return out;
}
