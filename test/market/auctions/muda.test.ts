import { describe, expect, it } from 'vitest';
import { tsAuctionEngine, wasmAuctionEngine } from '../../../ts/market/auctions/auction-engine.js';
import { Summary } from '../../../ts/market/auctions/summary-slots.js';

// Half 0: bids 30(5) 20(5), asks 10(4) 24(6) → crossing 30-10 4, 30-24 1; interval [max(24, 20), min(30, 24)] = 24.
// Half 1: bid 28(3), asks 15(2) 26(4) → 28-15 2, 28-26 1; interval [max(26, −∞), min(28, 26)] = 26.
// Half 0 trades at 26: demand 5 (bid 30), supply 4 + 6 = 10 → sellers pro rata 1/2.
// Half 1 trades at 24: demand 3, supply 2 (ask 15) → the buyer gets 2 of 3.
const book = {
  buyPrice: Float64Array.of(30, 20, 28),
  buyQuantity: Float64Array.of(5, 5, 3),
  sellPrice: Float64Array.of(10, 24, 15, 26),
  sellQuantity: Float64Array.of(4, 6, 2, 4),
  buyHalf: Int32Array.of(0, 0, 1),
  sellHalf: Int32Array.of(0, 0, 1, 1),
};

describe.each([tsAuctionEngine, wasmAuctionEngine])('MUDA kernel ($name engine), hand-checked', (engine) => {
  it('each half trades at the other half’s competitive price', () => {
    const out = engine.clear('muda', book, { priceRule: 0, k: 0.5 });
    expect(out.summary[Summary.HALF0_PRICE]).toBe(26);
    expect(out.summary[Summary.HALF1_PRICE]).toBe(24);
    expect(Array.from(out.buyFill)).toEqual([5, 0, 3 * (2 / 3)]);
    expect(out.buyFill[2]).toBeCloseTo(2, 12);
    expect(Array.from(out.buyPrice)).toEqual([26, 0, 24]);
    expect(Array.from(out.sellFill)).toEqual([2, 3, 2, 0]);
    expect(Array.from(out.sellPrice)).toEqual([26, 26, 24, 0]);
    expect(out.summary[Summary.SURPLUS]).toBeCloseTo(0, 12);
  });

  it('rejects a half other than 0 or 1 with the invalid-input status', () => {
    expect(() => engine.clear('muda', { ...book, buyHalf: Int32Array.of(0, 2, 1) }, { priceRule: 0, k: 0.5 })).toThrow(/invalid-input/);
  });
});
