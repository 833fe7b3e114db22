// What "truthful" means for trade reduction, Huang and MUDA here: dominant-strategy truthful for unit-demand
// traders (the papers' setting); with multi-kWh orders, splitting an order or inflating a quantity can pay. These
// are hand-checked counterexamples, so the README's claim is exactly as strong as the tests.
import { describe, expect, it } from 'vitest';
import { clearMarket } from '../../../ts/market/clear-market.js';
import type { Order } from '../../../ts/market/order.js';

const o = (id: string, prosumer: string, side: 'buy' | 'sell', quantityKwh: number, pricePerKwh: number): Order => ({ id, prosumer, side, quantityKwh, pricePerKwh });

/** A prosumer's utility at true value `value` per kWh for at most `need` kWh: Σ (value − price)·usable kWh. */
function buyerUtility(orders: Order[], prosumer: string, value: number, need: number, engine: 'wasm' | 'ts'): number {
  const r = clearMarket(orders, { mechanism: 'trade-reduction', engine });
  let got = 0;
  let paid = 0;
  for (const f of r.fills) {
    if (f.prosumer !== prosumer) continue;
    got += f.quantityKwh;
    paid += f.quantityKwh * f.pricePerKwh;
  }
  return value * Math.min(got, need) - paid;
}

describe.each(['wasm', 'ts'] as const)('trade reduction with multi-kWh orders is not truthful (%s)', (engine) => {
  it('splitting an order pays: A (value 0.30, 3 kWh) gets nothing truthfully, 2 kWh at 0.26 when it splits', () => {
    // Truthful: A is the marginal buyer (A–S1 2 kWh, A–S2 1 kWh) and is excluded with S2; nobody trades.
    const truthful = [o('a', 'A', 'buy', 3, 0.3), o('b', 'B', 'buy', 1, 0.15), o('s1', 'S1', 'sell', 2, 0.1), o('s2', 'S2', 'sell', 2, 0.2)];
    expect(buyerUtility(truthful, 'A', 0.3, 3, engine)).toBe(0);
    // Split: A1 2.9 kWh at 0.30 and a decoy A2 0.1 kWh at 0.26 that becomes the excluded marginal order; A1 then
    // buys V = min(2.9, 2) = 2 kWh at b_K = 0.26: utility 2·(0.30 − 0.26) = 0.08 > 0.
    const split = [o('a1', 'A', 'buy', 2.9, 0.3), o('a2', 'A', 'buy', 0.1, 0.26), o('b', 'B', 'buy', 1, 0.15), o('s1', 'S1', 'sell', 2, 0.1), o('s2', 'S2', 'sell', 2, 0.2)];
    expect(buyerUtility(split, 'A', 0.3, 3, engine)).toBeCloseTo(0.08, 12);
  });

  it('inflating a quantity pays: A (needs 1 kWh) gets 0.5 kWh truthfully and 0.6 kWh reporting 1.5 kWh', () => {
    // Marginal C and S2 are excluded; A and B (long side) share S1's 1 kWh pro rata at C's bid 0.25.
    const book = (aQty: number) => [o('a', 'A', 'buy', aQty, 0.3), o('b', 'B', 'buy', 1, 0.3), o('c', 'C', 'buy', 1, 0.25), o('s1', 'S1', 'sell', 1, 0.1), o('s2', 'S2', 'sell', 2, 0.2)];
    expect(buyerUtility(book(1), 'A', 0.3, 1, engine)).toBeCloseTo(0.5 * 0.05, 12);
    expect(buyerUtility(book(1.5), 'A', 0.3, 1, engine)).toBeCloseTo(0.6 * 0.05, 12);
  });
});

describe.each(['wasm', 'ts'] as const)("trade reduction: the retailer as McAfee's fictitious outside ask (%s)", (engine) => {
  // Truthful reservation bids: buyers at the ceiling 0.30 − 0.08 = 0.22, the seller at the floor 0.08.
  const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.08 };
  const book = [o('b1', 'B1', 'buy', 2, 0.22), o('b2', 'B2', 'buy', 1, 0.22), o('s1', 'S1', 'sell', 2, 0.08)];
  it('no order L+1: the outside ask 0.22 gives p0 = (0.22 + 0.22)/2 inside [0.08, 0.22], so nothing is reduced', () => {
    const r = clearMarket(book, { mechanism: 'trade-reduction', tariffs, engine, seed: 3 });
    expect(r.tradedKwh).toBe(2);
    expect(r.clearingPrice).toBeCloseTo(0.22, 12);
    expect(r.marketSurplus).toBe(0);
    // Without tariffs there is no outside ask and no p0: the marginal pair is excluded and nothing trades.
    const bare = clearMarket(book, { mechanism: 'trade-reduction', engine, seed: 3 });
    expect(bare.clearingPrice).toBeNull();
  });
});
