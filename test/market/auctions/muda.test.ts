import { describe, expect, it } from 'vitest';
import { tsAuctionEngine, wasmAuctionEngine } from '../../../ts/market/auctions/auction-engine.js';
import { Summary } from '../../../ts/market/auctions/summary-slots.js';
import { clearMarket } from '../../../ts/market/clear-market.js';
import type { Order } from '../../../ts/market/order.js';

// Half 0: bids 30(5) 20(5), asks 10(4) 24(6) → crossing 30-10 4, 30-24 1; interval [max(24, 20), min(30, 24)] = 24.
// Half 1: bid 28(3), asks 15(2) 26(4) → 28-15 2, 28-26 1; interval [max(26, −∞), min(28, 26)] = 26.
// Half 0 trades at 26: demand 5 (bid 30), supply 4 + 6 = 10 → the lottery (column order) serves seller 0 fully
// (4) and seller 1 with the remaining 1. Half 1 trades at 24: demand 3, supply 2 (ask 15) → the buyer gets 2 of 3.
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
    expect(Array.from(out.buyFill)).toEqual([5, 0, 2]);
    expect(Array.from(out.buyPrice)).toEqual([26, 0, 24]);
    expect(Array.from(out.sellFill)).toEqual([4, 1, 2, 0]);
    expect(Array.from(out.sellPrice)).toEqual([26, 26, 24, 0]);
    expect(out.summary[Summary.SURPLUS]).toBeCloseTo(0, 12);
  });

  it('rejects a half other than 0 or 1 with the invalid-input status', () => {
    expect(() => engine.clear('muda', { ...book, buyHalf: Int32Array.of(0, 2, 1) }, { priceRule: 0, k: 0.5 })).toThrow(/invalid-input/);
  });
});

describe.each([tsAuctionEngine, wasmAuctionEngine])('MUDA lottery ($name engine): overstating a quantity no longer pays', (engine) => {
  // Half 0: buyers X (true need 2 kWh) and Y (1 kWh) bid 30, seller s asks 10 for 2 kWh; half 1 prices it at 20
  // (bid 25 × 1, ask 15 × 1). Pro rata gave X 2·2/3 = 1.33 kWh truthfully and 2·6/7 = 1.71 kWh when it reported
  // 6 kWh (the figures); the lottery serves X fully or after Y, whatever X reports.
  const run = (xQty: number, xFirst: boolean) => {
    const buyQuantity = xFirst ? Float64Array.of(xQty, 1, 1) : Float64Array.of(1, xQty, 1);
    const out = engine.clear('muda', {
      buyPrice: Float64Array.of(30, 30, 25), buyQuantity, sellPrice: Float64Array.of(10, 15), sellQuantity: Float64Array.of(2, 1),
      buyHalf: Int32Array.of(0, 0, 1), sellHalf: Int32Array.of(0, 1),
    }, { priceRule: 0, k: 0.5 });
    expect(out.summary[Summary.HALF0_PRICE]).toBe(20);
    return out.buyFill[xFirst ? 0 : 1]!;
  };
  it('X gets the same usable kWh (min(fill, need)) truthful or inflated, in both lottery outcomes', () => {
    const proRata = (q: number) => (2 * q) / (q + 1);
    expect(proRata(2)).toBeCloseTo(1.33, 2);
    expect(proRata(6)).toBeCloseTo(1.71, 2);
    for (const xFirst of [true, false]) {
      const truthful = Math.min(run(2, xFirst), 2);
      const inflated = Math.min(run(6, xFirst), 2);
      expect(inflated).toBe(truthful);
      expect(truthful).toBe(xFirst ? 2 : 1);
    }
  });
});

describe('MUDA through clearMarket: the lottery is drawn per seed, overstatement gains nothing in any draw', () => {
  const book = (xQty: number): Order[] => [
    { id: 'x', prosumer: 'X', side: 'buy', quantityKwh: xQty, pricePerKwh: 0.3 },
    { id: 'y', prosumer: 'Y', side: 'buy', quantityKwh: 1, pricePerKwh: 0.3 },
    { id: 'z', prosumer: 'Z', side: 'buy', quantityKwh: 1.5, pricePerKwh: 0.28 },
    { id: 'w', prosumer: 'W', side: 'buy', quantityKwh: 2, pricePerKwh: 0.22 },
    { id: 's1', prosumer: 'S1', side: 'sell', quantityKwh: 2, pricePerKwh: 0.1 },
    { id: 's2', prosumer: 'S2', side: 'sell', quantityKwh: 1, pricePerKwh: 0.12 },
    { id: 's3', prosumer: 'S3', side: 'sell', quantityKwh: 1, pricePerKwh: 0.25 },
    { id: 's4', prosumer: 'S4', side: 'sell', quantityKwh: 2, pricePerKwh: 0.15 },
  ];
  it('for 200 seeds, both engines', () => {
    let rationed = 0;
    for (const engine of ['wasm', 'ts'] as const) {
      for (let seed = 0; seed < 200; seed++) {
        const got = (q: number) => clearMarket(book(q), { mechanism: 'muda', seed, engine }).fills.find((f) => f.orderId === 'x')?.quantityKwh ?? 0;
        const truthful = got(2);
        expect(Math.min(got(6), 2)).toBe(Math.min(truthful, 2));
        if (truthful > 0 && truthful < 2) rationed++;
      }
    }
    // Not vacuous: X is rationed in some draws.
    expect(rationed).toBeGreaterThan(0);
  });
});
