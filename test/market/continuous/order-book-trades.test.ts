import { describe, expect, it } from 'vitest';
import type { Order } from '../../../ts/market/order.js';
import { orderBookTrades } from '../../../ts/market/continuous/order-book-trades.js';

const order = (id: string, side: 'buy' | 'sell', quantityKwh: number, pricePerKwh: number): Order => ({ id, prosumer: id, side, quantityKwh, pricePerKwh });

describe('orderBookTrades (the continuous double auction fed the book in book order)', () => {
  it('by hand: trades in execution order at the resting order\'s price, as book positions (both engines)', () => {
    // s1 rests; b1 takes s1's 2 kWh at 0.10 and rests 3 kWh at 0.30; s2 takes 3 kWh of b1 at 0.30; b2 finds no ask.
    const book = [order('s1', 'sell', 2, 0.1), order('b1', 'buy', 5, 0.3), order('s2', 'sell', 4, 0.2), order('b2', 'buy', 1, 0.15)];
    for (const engine of ['wasm', 'ts'] as const) {
      const t = orderBookTrades(book, { engine });
      expect([...t.buyIndex]).toEqual([1, 1]);
      expect([...t.sellIndex]).toEqual([0, 2]);
      expect([...t.quantityKwh]).toEqual([2, 3]);
      expect([...t.pricePerKwh]).toEqual([0.1, 0.3]);
    }
  });

  it('bids are capped at the buyers\' ceiling and asks raised to the sellers\' floor before they enter the book', () => {
    // Retail 0.30, feed-in 0.08: b1's 0.50 rests at 0.30 and s1's 0.02 arrives as 0.08; s1 takes b1 at 0.30.
    const t = orderBookTrades([order('b1', 'buy', 1, 0.5), order('s1', 'sell', 1, 0.02)], { tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 } });
    expect([...t.pricePerKwh]).toEqual([0.3]);
    const u = orderBookTrades([order('s1', 'sell', 1, 0.02), order('b1', 'buy', 1, 0.5)], { tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 } });
    expect([...u.pricePerKwh]).toEqual([0.08]);
  });
});
