import { describe, expect, it } from 'vitest';
import { createContinuousMarket } from '../../../ts/market/continuous/continuous-interval-market.js';
import type { Order } from '../../../ts/market/order.js';
import { Rng } from '../../../ts/random.js';

const tariffs = { retailPricePerKwh: 0.32, feedInPricePerKwh: 0.08 };
// The Smith-style schedule of the CDA experiment as one interval's book: equilibrium 6 kWh at 0.20.
const smithBook: Order[] = [
  ...Array.from({ length: 11 }, (_, i): Order => ({ id: `b${i}`, prosumer: `h${i}`, side: 'buy', quantityKwh: 1, pricePerKwh: (30 - 2 * i) / 100 })),
  ...Array.from({ length: 11 }, (_, i): Order => ({ id: `s${i}`, prosumer: `g${i}`, side: 'sell', quantityKwh: 1, pricePerKwh: (10 + 2 * i) / 100 })),
];

describe('continuous interval market (order book + adaptive traders)', () => {
  it('settles every kWh (P2P + retailer), within every limit and within [feed-in, retail]; same seed, same result on both engines', () => {
    const rng = new Rng(4);
    const book: Order[] = Array.from({ length: 30 }, (_, k) => ({
      id: `o${k}`, prosumer: `p${k % 12}`, side: k % 3 ? 'buy' : 'sell', quantityKwh: rng.uniform(0.1, 2), pricePerKwh: rng.uniform(0.08, 0.32),
    }));
    const a = createContinuousMarket({ seed: 1, strategy: 'zip' }).clear(book, tariffs);
    const b = createContinuousMarket({ seed: 1, strategy: 'zip', engine: 'ts' }).clear(book, tariffs);
    expect(b).toEqual(a);
    for (const o of book) {
      const p2p = a.fills.filter((f) => f.orderId === o.id).reduce((s, f) => s + f.quantityKwh, 0);
      const grid = [...a.gridPurchases, ...a.gridSales].filter((g) => g.orderId === o.id).reduce((s, g) => s + g.quantityKwh, 0);
      expect(p2p + grid).toBeCloseTo(o.quantityKwh, 9);
    }
    for (const f of a.fills) {
      const o = book.find((x) => x.id === f.orderId)!;
      expect(f.pricePerKwh).toBeGreaterThanOrEqual(tariffs.feedInPricePerKwh - 1e-12);
      expect(f.pricePerKwh).toBeLessThanOrEqual(tariffs.retailPricePerKwh + 1e-12);
      if (o.side === 'buy') expect(f.pricePerKwh).toBeLessThanOrEqual(o.pricePerKwh + 1e-12);
      else expect(f.pricePerKwh).toBeGreaterThanOrEqual(o.pricePerKwh - 1e-12);
    }
    expect(a.allocativeEfficiency).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('with P2P charges no buyer pays more than retail all-in and no seller nets less than feed-in', () => {
    const charged = { ...tariffs, networkChargePerKwh: 0.06, leviesPerKwh: 0.02, sellerChargeShare: 0.25 };
    const r = createContinuousMarket({ seed: 3, strategy: 'zi-c' }).clear(smithBook, charged);
    expect(r.fills.length).toBeGreaterThan(0);
    for (const f of r.fills) {
      if (f.side === 'buy') expect(f.allInPricePerKwh).toBeLessThanOrEqual(charged.retailPricePerKwh + 1e-12);
      else expect(f.allInPricePerKwh).toBeGreaterThanOrEqual(charged.feedInPricePerKwh - 1e-12);
      expect(f.allInPricePerKwh - f.pricePerKwh).toBeCloseTo(f.side === 'buy' ? 0.06 : -0.02, 12);
    }
  });

  it('ZIP traders learn across intervals: prices approach 0.20 and efficiency rises on a repeated Smith schedule', () => {
    const market = createContinuousMarket({ seed: 2, strategy: 'zip' });
    const deviation: number[] = [];
    const efficiency: number[] = [];
    for (let t = 0; t < 30; t++) {
      const r = market.clear(smithBook, tariffs);
      const rms = Math.sqrt(r.trades!.reduce((s, tr) => s + (tr.pricePerKwh - 0.2) ** 2, 0) / Math.max(1, r.trades!.length));
      deviation.push(rms);
      efficiency.push(r.allocativeEfficiency);
    }
    const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(deviation.slice(-5))).toBeLessThan(mean(deviation.slice(0, 5)));
    expect(mean(deviation.slice(-5))).toBeLessThan(0.01);
    expect(mean(efficiency.slice(-5))).toBeGreaterThan(0.9);
  });
});
