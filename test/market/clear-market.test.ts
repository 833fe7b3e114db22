import { describe, expect, it } from 'vitest';
import { clearMarket, type MechanismName } from '../../ts/market/clear-market.js';
import type { ClearingResult } from '../../ts/market/clearing-result.js';
import { ValidationError } from '../../ts/errors.js';
import { bookA, bookB, order } from './book-fixtures.js';

const ENGINES = ['wasm', 'ts'] as const;
const tariffs = { retailPricePerKwh: 35, feedInPricePerKwh: 5 };

function fills(r: ClearingResult): Record<string, [number, number]> {
  return Object.fromEntries(r.fills.map((f) => [f.orderId, [f.quantityKwh, f.pricePerKwh]]));
}

// All expected numbers below are hand-computed from the merge of bids 30(10) 25(5) 20(8) 10(4) with asks
// 12(6) 18(7) 22(10) 28(5): pairs b1-s1 6, b1-s2 4, b2-s2 3, b2-s3 2 → 15 kWh, welfare 6·18 + 4·12 + 3·7 + 2·3 = 183.
describe.each(ENGINES)('clearMarket on hand-checked books (%s engine)', (engine) => {
  it('uniform midpoint: interval [22, 22], everyone efficient at 22, residuals to the retailer', () => {
    const r = clearMarket(bookA, { mechanism: 'uniform', tariffs, engine });
    expect(r.clearingPrice).toBe(22);
    expect(r.priceInterval).toEqual([22, 22]);
    expect(fills(r)).toEqual({ b1: [10, 22], b2: [5, 22], s1: [6, 22], s2: [7, 22], s3: [2, 22] });
    expect(r.tradedKwh).toBe(15);
    expect(r.welfare).toBe(183);
    expect(r.maxWelfare).toBe(183);
    expect(r.maxTradableKwh).toBe(15);
    expect(r.marketSurplus).toBe(0);
    expect(r.welfarePercent).toBe(100);
    expect(r.trades).toBeNull();
    expect(r.gridPurchases.map((g) => [g.orderId, g.quantityKwh, g.pricePerKwh])).toEqual([['b3', 8, 35], ['b4', 4, 35]]);
    expect(r.gridSales.map((g) => [g.orderId, g.quantityKwh, g.pricePerKwh])).toEqual([['s3', 8, 5], ['s4', 5, 5]]);
  });

  it('uniform price rules on a book with a wide interval [12, 25]', () => {
    const book = [order('b1', 'A', 'buy', 5, 30), order('b2', 'B', 'buy', 5, 12), order('s1', 'C', 'sell', 5, 10), order('s2', 'D', 'sell', 5, 25)];
    expect(clearMarket(book, { mechanism: 'uniform', engine }).priceInterval).toEqual([12, 25]);
    expect(clearMarket(book, { mechanism: 'uniform', engine }).clearingPrice).toBe(18.5);
    // k-DA on the clearing interval: p = lo + k·(hi − lo) = 12 + 0.25·13; buyer = hi, seller = lo (the marginal
    // pair's 30 and 10 lie outside the interval: a buyer at 12 would not trade at 30 against the ask of 25).
    expect(clearMarket(book, { mechanism: 'uniform', k: 0.25, engine }).clearingPrice).toBe(15.25);
    expect(clearMarket(book, { mechanism: 'uniform', priceRule: 'buyer', engine }).clearingPrice).toBe(25);
    expect(clearMarket(book, { mechanism: 'uniform', priceRule: 'seller', engine }).clearingPrice).toBe(12);
    expect(clearMarket(bookA, { mechanism: 'uniform', k: 0.5, engine }).clearingPrice).toBe(22);
  });

  it('pay-as-bid, pay-as-offer and midpoint pair highest bids with lowest asks', () => {
    const pab = clearMarket(bookA, { mechanism: 'pay-as-bid', engine });
    expect(pab.trades!.map((t) => [t.buyOrderId, t.sellOrderId, t.quantityKwh, t.pricePerKwh])).toEqual([
      ['b1', 's1', 6, 30], ['b1', 's2', 4, 30], ['b2', 's2', 3, 25], ['b2', 's3', 2, 25],
    ]);
    expect(fills(pab).b1).toEqual([10, 30]);
    expect(fills(pab).s2[1]).toBeCloseTo(195 / 7, 12);
    expect(pab.marketSurplus).toBeCloseTo(0, 9);
    expect(pab.welfare).toBe(183);
    const pao = clearMarket(bookA, { mechanism: 'pay-as-offer', engine });
    expect(pao.trades!.map((t) => t.pricePerKwh)).toEqual([12, 18, 18, 22]);
    expect(fills(pao).b1[1]).toBeCloseTo(14.4, 12);
    expect(fills(pao).b2[1]).toBeCloseTo(19.6, 12);
    const mid = clearMarket(bookA, { mechanism: 'midpoint', engine });
    expect(mid.trades!.map((t) => t.pricePerKwh)).toEqual([21, 24, 21.5, 23.5]);
    expect(fills(mid).b1[1]).toBeCloseTo(22.2, 12);
    expect(fills(mid).s2[1]).toBeCloseTo(160.5 / 7, 12);
    expect(mid.trades!.every((t) => t.sellerPricePerKwh === t.pricePerKwh)).toBe(true);
  });

  it("trade reduction: McAfee's p0 = (20 + 28)/2 = 24 lies in [22, 25], so all efficient trades clear at 24", () => {
    const r = clearMarket(bookA, { mechanism: 'trade-reduction', engine });
    expect(r.clearingPrice).toBe(24);
    expect(r.tradedKwh).toBe(15);
    expect(r.welfare).toBe(183);
    expect(r.marketSurplus).toBe(0);
  });

  it('trade reduction without p0: marginal b2 and s3 excluded, sellers rationed pro rata 10/13', () => {
    const r = clearMarket(bookB, { mechanism: 'trade-reduction', engine });
    expect(r.clearingPrice).toBeNull();
    expect(r.clearingPrices).toEqual([25, 22]);
    const f = fills(r);
    expect(f.b1).toEqual([10, 25]);
    expect(f.s1[0]).toBeCloseTo(60 / 13, 12);
    expect(f.s2[0]).toBeCloseTo(70 / 13, 12);
    expect(f.s1[1]).toBe(22);
    expect(r.marketSurplus).toBeCloseTo(30, 9);
    expect(r.welfare).toBeCloseTo(300 - 1980 / 13, 9);
    expect(r.maxWelfare).toBe(183);
  });

  it('Huang: sellers share the 3 kWh gap equally (1.5 each), buyers pay 25, sellers get 22', () => {
    const r = clearMarket(bookB, { mechanism: 'huang', engine });
    expect(fills(r)).toEqual({ b1: [10, 25], s1: [4.5, 22], s2: [5.5, 22] });
    expect(r.marketSurplus).toBe(30);
    expect(r.welfare).toBe(147);
    expect(r.welfarePercent).toBeCloseTo((147 / 183) * 100, 12);
  });

  it('Huang: a seller below its equal share drops out and the rest re-share', () => {
    // Trading sellers 0.5, 3, 2 (5.5 kWh) against buyer x1 3 kWh: gap 2.5, share 2.5/3 > 0.5 → y1 dropped,
    // the other two share (2.5 − 0.5)/2 = 1 each.
    const book = [
      order('x1', 'A', 'buy', 3, 30), order('x2', 'B', 'buy', 10, 26),
      order('y1', 'C', 'sell', 0.5, 5), order('y2', 'D', 'sell', 3, 6), order('y3', 'E', 'sell', 2, 7), order('y4', 'F', 'sell', 20, 25),
    ];
    const r = clearMarket(book, { mechanism: 'huang', engine });
    expect(fills(r)).toEqual({ x1: [3, 26], y2: [2, 25], y3: [1, 25] });
    expect(r.clearingPrices).toEqual([26, 25]);
  });

  it('ties: equal bids are served in a seeded random priority drawn per interval, not in book order', () => {
    const book = [order('a', 'A', 'buy', 5, 25), order('b', 'B', 'buy', 5, 25), order('s', 'S', 'sell', 6, 20)];
    const firstServed = { a: 0, b: 0 };
    for (let seed = 0; seed < 200; seed++) {
      const r = clearMarket(book, { mechanism: 'uniform', seed, engine });
      expect(r.priceInterval).toEqual([25, 25]);
      const f = fills(r);
      // One of the tied bids gets its 5 kWh, the other the remaining 1 kWh; the same seed gives the same draw.
      expect([f.a![0], f.b![0]].sort()).toEqual([1, 5]);
      expect(fills(clearMarket(book, { mechanism: 'uniform', seed, engine }))).toEqual(f);
      firstServed[f.a![0] === 5 ? 'a' : 'b']++;
    }
    // Binomial(200, 1/2): each wins in 70–130 draws but with probability ~1e-5 (and the seeds are fixed).
    expect(firstServed.a).toBeGreaterThan(70);
    expect(firstServed.b).toBeGreaterThan(70);
  });

  it('no crossing: nothing trades, prices are null, everything goes to the retailer', () => {
    const book = [order('b', 'A', 'buy', 5, 10), order('s', 'B', 'sell', 4, 20)];
    for (const mechanism of ['uniform', 'pay-as-bid', 'trade-reduction', 'huang', 'muda'] as MechanismName[]) {
      const r = clearMarket(book, { mechanism, tariffs, engine });
      expect(r.fills).toEqual([]);
      expect(r.tradedKwh).toBe(0);
      expect(r.clearingPrice).toBeNull();
      expect(r.priceInterval).toBeNull();
      expect(r.maxWelfare).toBe(0);
      // No gain and no volume were possible: no percentage is meaningful.
      expect(r.welfarePercent).toBeNull();
      expect(r.volumePercent).toBeNull();
      expect(r.gridPurchases).toEqual([{ orderId: 'b', prosumer: 'A', side: 'buy', quantityKwh: 5, pricePerKwh: 35 }]);
      expect(r.gridSales).toEqual([{ orderId: 's', prosumer: 'B', side: 'sell', quantityKwh: 4, pricePerKwh: 5 }]);
    }
  });

  it('one side empty and an empty book', () => {
    const buys = [order('b1', 'A', 'buy', 2, 10), order('b2', 'B', 'buy', 3, 40)];
    const r = clearMarket(buys, { mechanism: 'uniform', tariffs: { retailPricePerKwh: 30 }, engine });
    expect(r.fills).toEqual([]);
    // A bid below retail (b1 at 10) still buys its residual at retail: the demand is physical.
    expect(r.gridPurchases.map((g) => g.orderId)).toEqual(['b1', 'b2']);
    expect(r.gridSales).toEqual([]);
    const e = clearMarket([], { mechanism: 'pay-as-bid', engine });
    expect(e.fills).toEqual([]);
    expect(e.trades).toEqual([]);
  });

  it('equal prices: bid = ask trades at that price with zero welfare (no welfare percentage of a zero maximum)', () => {
    const book = [order('b', 'A', 'buy', 5, 20), order('s', 'B', 'sell', 5, 20)];
    const r = clearMarket(book, { mechanism: 'uniform', engine });
    expect(fills(r)).toEqual({ b: [5, 20], s: [5, 20] });
    expect(r.welfare).toBe(0);
    expect(r.welfarePercent).toBeNull();
    expect(r.volumePercent).toBe(100);
  });

  it('a single pair: uniform settles at the partly-filled seller’s ask; trade reduction and Huang exclude it', () => {
    const book = [order('b', 'A', 'buy', 4, 30), order('s', 'B', 'sell', 6, 10)];
    const u = clearMarket(book, { mechanism: 'uniform', engine });
    expect(u.priceInterval).toEqual([10, 10]);
    expect(fills(u)).toEqual({ b: [4, 10], s: [4, 10] });
    expect(clearMarket(book, { mechanism: 'pay-as-bid', engine }).trades!.map((t) => [t.quantityKwh, t.pricePerKwh])).toEqual([[4, 30]]);
    for (const mechanism of ['trade-reduction', 'huang'] as MechanismName[]) {
      const r = clearMarket(book, { mechanism, engine });
      expect(r.tradedKwh).toBe(0);
      expect(r.maxTradableKwh).toBe(4);
      expect(r.volumePercent).toBe(0);
    }
  });

  it('one prosumer with several orders keeps one fill per order', () => {
    const book = [
      order('p1-a', 'P1', 'buy', 2, 30), order('p1-b', 'P1', 'buy', 3, 15), order('p2', 'P2', 'sell', 4, 12), order('p1-c', 'P1', 'sell', 1, 40),
    ];
    const r = clearMarket(book, { mechanism: 'uniform', tariffs, engine });
    // Merge: 30 vs 12 → 2; 15 vs 12 → 2 (p2 used up); 15 vs 40 stops. Interval [max(12, 15), min(15, 40)] = [15, 15].
    expect(fills(r)).toEqual({ 'p1-a': [2, 15], 'p1-b': [2, 15], p2: [4, 15] });
    expect(r.gridPurchases.map((g) => [g.orderId, g.quantityKwh])).toEqual([['p1-b', 1]]);
    expect(r.gridSales.map((g) => [g.orderId, g.quantityKwh])).toEqual([['p1-c', 1]]);
  });

  it('rounding dust of a used-up order neither trades nor sets the price (0.3 − 0.1 < 0.2 in floating point)', () => {
    // Exact: b1 takes s1 0.1 and s2 0.2, then b2 (20) < s3 (25): interval [20, 25], price 22.5. Without the dust
    // rule s2 keeps 2.8e-17 kWh, trades it with b2 and the marginal pair (b2, s2) moves the price to 20.
    const book = [order('b1', 'A', 'buy', 0.3, 30), order('b2', 'B', 'buy', 1, 20), order('s1', 'C', 'sell', 0.1, 10), order('s2', 'D', 'sell', 0.2, 15), order('s3', 'E', 'sell', 1, 25)];
    const r = clearMarket(book, { mechanism: 'uniform', engine });
    expect(r.priceInterval).toEqual([20, 25]);
    expect(r.clearingPrice).toBe(22.5);
    expect(fills(r)).toEqual({ b1: [0.3, 22.5], s1: [0.1, 22.5], s2: [0.2, 22.5] });
    expect(clearMarket(book, { mechanism: 'pay-as-bid', engine }).trades!.map((t) => t.sellOrderId)).toEqual(['s1', 's2']);
  });

  it('negative prices are allowed', () => {
    const book = [order('b', 'A', 'buy', 5, -1), order('s', 'B', 'sell', 5, -3)];
    const r = clearMarket(book, { mechanism: 'uniform', engine });
    expect(r.clearingPrice).toBe(-2);
    expect(r.welfare).toBe(10);
  });
});

describe('clearMarket options', () => {
  it('rejects unknown mechanisms, k outside [0, 1], k on other mechanisms and indivisible orders', () => {
    expect(() => clearMarket(bookA, { mechanism: 'vickrey' as MechanismName })).toThrow(/mechanism/);
    expect(() => clearMarket(bookA, { mechanism: 'uniform', k: 1.5 })).toThrow(ValidationError);
    expect(() => clearMarket(bookA, { mechanism: 'huang', k: 0.5 })).toThrow(/uniform' only/);
    expect(() => clearMarket(bookA, { mechanism: 'uniform', k: 0.5, priceRule: 'buyer' })).toThrow(/conflicts/);
    const indivisible = [{ ...bookA[0], divisible: false }, ...bookA.slice(1)];
    expect(() => clearMarket(indivisible, { mechanism: 'uniform' })).toThrow(/order "b1": divisible = false/);
    expect(() => clearMarket(bookA, { mechanism: 'uniform', engine: 'gpu' as 'ts' })).toThrow(/engine/);
  });

  it('MUDA is reproducible for a seed and prices each half from the other', () => {
    const a = clearMarket(bookA, { mechanism: 'muda', seed: 7 });
    const b = clearMarket(bookA, { mechanism: 'muda', seed: 7, engine: 'ts' });
    expect(b).toEqual(a);
    const seeds = new Set<string>();
    for (let seed = 0; seed < 20; seed++) seeds.add(JSON.stringify(clearMarket(bookA, { mechanism: 'muda', seed }).fills));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('dispatches sdr, mmr and bill-sharing to the community pricing rules', () => {
    for (const mechanism of ['sdr', 'mmr', 'bill-sharing'] as MechanismName[]) {
      for (const engine of ENGINES) {
        const r = clearMarket(bookA, { mechanism, tariffs, engine });
        expect(r.mechanism).toBe(mechanism);
        expect(r.fills.length).toBeGreaterThan(0);
      }
    }
    // Validation runs first, with the same messages as for auctions.
    expect(() => clearMarket([{ ...bookA[0], quantityKwh: -1 }], { mechanism: 'sdr', tariffs })).toThrow(/order "b1": quantityKwh = -1/);
  });
});
