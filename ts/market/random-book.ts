import type { Order } from './order.js';
import { Rng } from '../random.js';

/**
 * A seeded random order book for tests, benchmarks and examples: n orders, each a buy with probability 1/2;
 * quantities uniform in [0.1, 8] kWh (1 Wh resolution); bids uniform in [0.05, 0.35] and asks in [0.02, 0.30]
 * currency/kWh rounded to 0.01 (so many prices tie); n/4 prosumers (at least 1), so prosumers have several orders.
 */
export function createRandomBook(n: number, seed: number): Order[] {
  const rng = new Rng(seed);
  const prosumers = Math.max(1, n >> 2);
  const orders = new Array<Order>(n);
  for (let i = 0; i < n; i++) {
    const buy = rng.chance(0.5);
    orders[i] = {
      id: `o${i}`,
      prosumer: `P${rng.int(prosumers)}`,
      side: buy ? 'buy' : 'sell',
      quantityKwh: Math.round(rng.uniform(0.1, 8) * 1000) / 1000,
      pricePerKwh: Math.round((buy ? rng.uniform(0.05, 0.35) : rng.uniform(0.02, 0.3)) * 100) / 100,
    };
  }
  return orders;
}
