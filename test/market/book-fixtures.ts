// Small named order books shared by the market tests; expected values are computed by hand in the tests.
import type { Order } from '../../ts/market/order.js';

/** Shorthand for an order. */
export function order(id: string, prosumer: string, side: 'buy' | 'sell', quantityKwh: number, pricePerKwh: number): Order {
  return { id, prosumer, side, quantityKwh, pricePerKwh };
}

/** Four bids, four asks; efficient volume 15 kWh, marginal pair b2 (25) / s3 (22), next bid 20, next ask s3 (22). */
export const bookA: Order[] = [
  order('b1', 'P1', 'buy', 10, 30),
  order('b2', 'P2', 'buy', 5, 25),
  order('b3', 'P3', 'buy', 8, 20),
  order('b4', 'P4', 'buy', 4, 10),
  order('s1', 'P5', 'sell', 6, 12),
  order('s2', 'P6', 'sell', 7, 18),
  order('s3', 'P7', 'sell', 10, 22),
  order('s4', 'P8', 'sell', 5, 28),
];

/** bookA without s4: McAfee's p0 does not exist, so trade reduction excludes the marginal pair. */
export const bookB: Order[] = bookA.filter((o) => o.id !== 's4');
