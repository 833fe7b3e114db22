// Nested communities on one interval's book: a two-community case solved by hand, the energy identity
// intra + inter + retailer = total on random books in both residual forms, and one community = the plain market.
import { describe, expect, it } from 'vitest';
import { clearNestedCommunities, type NestedClearOptions } from '../../../ts/market/communities/clear-nested-communities.js';
import { clearMarket } from '../../../ts/market/clear-market.js';
import type { ClearingResult } from '../../../ts/market/clearing-result.js';
import { MECHANISMS } from '../../../ts/market/mechanisms.js';
import type { Order } from '../../../ts/market/order.js';
import { createRandomBook } from '../../../ts/market/random-book.js';
import { ValidationError } from '../../../ts/errors.js';

const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 };
const o = (id: string, side: 'buy' | 'sell', quantityKwh: number, pricePerKwh: number): Order => ({ id, prosumer: id, side, quantityKwh, pricePerKwh });
// Community A: a long seller and a small buyer; community B: two buyers and a small seller.
const book = [o('a1', 'sell', 4, 0.1), o('a2', 'buy', 1, 0.25), o('b1', 'buy', 4, 0.28), o('b2', 'sell', 1, 0.12), o('b3', 'buy', 2, 0.2)];
const twoCommunities = (residuals: 'orders' | 'aggregate'): NestedClearOptions => ({
  communities: [{ id: 'A', prosumers: ['a1', 'a2'], mechanism: 'uniform' }, { id: 'B', prosumers: ['b1', 'b2', 'b3'], mechanism: 'uniform' }],
  interCommunity: { mechanism: 'uniform', residuals },
  tariffs,
});
const filled = (fills: readonly { orderId: string; quantityKwh: number }[], id: string): number => fills.filter((f) => f.orderId === id).reduce((s, f) => s + f.quantityKwh, 0);
const TOL = 1e-12;

describe('clearNestedCommunities, two communities by hand (uniform midpoint everywhere; tolerance 1e-12)', () => {
  it("residual orders: A trades 1 kWh at 0.10, B 1 kWh at 0.28, A's 3 kWh go to b1 at 0.24, b3's 2 kWh to the retailer", () => {
    // A: ask 0.10 (4 kWh) vs bid 0.25 (1 kWh): the seller is marginal with 3 kWh left, so p = 0.10.
    // B: bid 0.28 (4 kWh) vs ask 0.12 (1 kWh): b1 is marginal with 3 kWh left, so p = 0.28.
    // Inter: ask a1 3 @ 0.10 vs bids b1 3 @ 0.28, b3 2 @ 0.20: 3 kWh trade, interval [max(0.10, 0.20), 0.28], p = 0.24.
    const r = clearNestedCommunities(book, twoCommunities('orders'));
    const [A, B] = r.communities;
    expect(A!.intra!.clearingPrice).toBeCloseTo(0.1, 12);
    expect(B!.intra!.clearingPrice).toBeCloseTo(0.28, 12);
    expect(r.inter.result!.clearingPrice).toBeCloseTo(0.24, 12);
    expect(r.inter.book.map((x) => [x.id, x.quantityKwh])).toEqual([['a1', 3], ['b1', 3], ['b3', 2]]);
    expect([r.intraKwh, r.interKwh, r.gridImportKwh, r.gridExportKwh]).toEqual([2, 3, 2, 0]);
    expect(r.gridPurchases).toEqual([{ orderId: 'b3', prosumer: 'b3', side: 'buy', quantityKwh: 2, pricePerKwh: 0.3 }]);
    // Costs: A = 0.10 (a2) − 0.10 − 3·0.24 (a1) = −0.72; B = 0.28 + 3·0.24 (b1) + 2·0.30 (b3) − 0.28 (b2) = 1.32.
    expect(A!.cost).toBeCloseTo(-0.72, 12);
    expect(B!.cost).toBeCloseTo(1.32, 12);
    expect([A!.interSoldKwh, A!.interBoughtKwh, B!.interBoughtKwh, B!.gridImportKwh]).toEqual([3, 0, 3, 2]);
    // Welfare: A 1·(0.25 − 0.10) + B 1·(0.28 − 0.12) + inter 3·(0.28 − 0.10) = 0.85 = the whole book's efficient cross
    // (4 kWh b1–a1 at 0.18 + 1 kWh a2–b2 at 0.13), so nesting lost nothing here.
    expect(r.welfare).toBeCloseTo(0.85, 12);
    expect(r.maxWelfare).toBeCloseTo(0.85, 12);
    expect(r.clearingPrice).toBeNull(); // three different prices
  });

  it("aggregated residuals: B's manager bids 5 kWh at (3·0.28 + 2·0.20)/5 = 0.248, gets A's 3 kWh at 0.248, split 3:2", () => {
    const r = clearNestedCommunities(book, twoCommunities('aggregate'));
    expect(r.inter.book.map((x) => [x.id, x.prosumer, x.side, x.quantityKwh])).toEqual([['A/sell', 'A', 'sell', 3], ['B/buy', 'B', 'buy', 5]]);
    expect(r.inter.book[1]!.pricePerKwh).toBeCloseTo(0.248, 12);
    // The buyer is marginal with 2 kWh left: p = its bid, 0.248.
    expect(r.inter.result!.clearingPrice).toBeCloseTo(0.248, 12);
    expect(filled(r.fills, 'b1') - 1).toBeCloseTo(1.8, 12); // 1 kWh inside B + 3·3/5 outside
    expect(filled(r.fills, 'b3')).toBeCloseTo(1.2, 12);
    expect(filled(r.fills, 'a1')).toBeCloseTo(4, 12);
    expect(r.gridPurchases.map((g) => [g.orderId, +g.quantityKwh.toFixed(12)])).toEqual([['b1', 1.2], ['b3', 0.8]]);
    expect(r.communities[0]!.cost).toBeCloseTo(0.1 - 0.1 - 3 * 0.248, 12);
  });
});

function expectBalanced(orders: readonly Order[], r: ReturnType<typeof clearNestedCommunities>): void {
  const grid = [...r.gridPurchases, ...r.gridSales];
  for (const x of orders) {
    const total = filled(r.fills, x.id) + filled(grid, x.id);
    expect(Math.abs(total - x.quantityKwh), x.id).toBeLessThanOrEqual(1e-9 * x.quantityKwh);
  }
  let demand = 0;
  let supply = 0;
  for (const x of orders) (x.side === 'buy' ? (demand += x.quantityKwh) : (supply += x.quantityKwh));
  const bought = r.fills.filter((f) => f.side === 'buy').reduce((s, f) => s + f.quantityKwh, 0);
  const sold = r.fills.filter((f) => f.side === 'sell').reduce((s, f) => s + f.quantityKwh, 0);
  expect(Math.abs(bought - sold)).toBeLessThanOrEqual(1e-9 * demand);
  expect(Math.abs(r.intraKwh + r.interKwh - bought)).toBeLessThanOrEqual(1e-9 * demand);
  expect(Math.abs(r.intraKwh + r.interKwh + r.gridImportKwh - demand)).toBeLessThanOrEqual(1e-9 * demand);
  expect(Math.abs(r.intraKwh + r.interKwh + r.gridExportKwh - supply)).toBeLessThanOrEqual(1e-9 * supply);
  for (const c of r.communities) {
    expect(Math.abs(c.intraKwh + c.interBoughtKwh + c.gridImportKwh - c.demandKwh)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.demandKwh));
    expect(Math.abs(c.intraKwh + c.interSoldKwh + c.gridExportKwh - c.supplyKwh)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.supplyKwh));
  }
}

describe('clearNestedCommunities on random books', () => {
  const randomCommunities = (orders: Order[], k: number) => {
    const prosumers = [...new Set(orders.map((x) => x.prosumer))];
    return Array.from({ length: k }, (_, c) => ({ id: `c${c}`, prosumers: prosumers.filter((_, i) => i % k === c), mechanism: MECHANISMS[c % MECHANISMS.length]! }));
  };

  it('intra + inter + retailer = every order, every community and the whole (1e-9 relative), in both residual forms', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const orders = createRandomBook(80, seed);
      for (const residuals of ['orders', 'aggregate'] as const) {
        for (const inter of ['uniform', 'huang', 'sdr', 'none'] as const) {
          const r = clearNestedCommunities(orders, { communities: randomCommunities(orders, 1 + (seed % 5)), interCommunity: { mechanism: inter, residuals }, tariffs, seed });
          expectBalanced(orders, r);
          // Nobody does worse than with the retailer at either level: welfare at reservation values is the savings.
          expect(r.prosumerSavings!).toBeGreaterThanOrEqual(-1e-9);
          expect(r.welfare).toBeLessThanOrEqual(r.maxWelfare + 1e-9);
        }
      }
    }
  });

  const sameOutcome = (a: ClearingResult, b: ClearingResult): void => {
    const byId = (xs: readonly { orderId: string }[]) => [...xs].sort((x, y) => (x.orderId < y.orderId ? -1 : 1));
    expect(byId(a.fills)).toEqual(byId(b.fills));
    expect(byId(a.gridPurchases)).toEqual(byId(b.gridPurchases));
    expect(byId(a.gridSales)).toEqual(byId(b.gridSales));
    for (const k of ['tradedKwh', 'welfare', 'marketSurplus', 'maxWelfare', 'clearingPrice'] as const) expect(a[k], k).toBe(b[k]);
  };

  it.each(MECHANISMS)('one community equals the plain %s market exactly (inter none, and inter uniform after an efficient intra market)', (mechanism) => {
    for (let seed = 1; seed <= 4; seed++) {
      const orders = createRandomBook(200, seed);
      const plain = clearMarket(orders, { mechanism, tariffs, seed });
      const one = [{ id: 'all', prosumers: [...new Set(orders.map((x) => x.prosumer))], mechanism }];
      sameOutcome(clearNestedCommunities(orders, { communities: one, interCommunity: { mechanism: 'none' }, tariffs, seed }), plain);
      // Efficient mechanisms (and the community rules, which leave one side) leave nothing that crosses for the inter market.
      if (!['trade-reduction', 'huang', 'muda'].includes(mechanism)) {
        const withInter = clearNestedCommunities(orders, { communities: one, interCommunity: { mechanism: 'uniform' }, tariffs, seed });
        expect(withInter.interKwh).toBe(0);
        sameOutcome(withInter, plain);
      }
    }
  });
});

describe('clearNestedCommunities input checks', () => {
  const bad = (opts: Partial<NestedClearOptions>, orders: Order[] = book) => () => clearNestedCommunities(orders, { ...twoCommunities('orders'), ...opts } as NestedClearOptions);
  it('names the order, community or option at fault', () => {
    expect(bad({ communities: [{ id: 'A', prosumers: ['a1', 'a2'], mechanism: 'uniform' }] })).toThrow(/order "b1": prosumer = "b1".*no community/);
    expect(bad({ communities: [{ id: 'A', prosumers: ['a1'], mechanism: 'uniform' }, { id: 'B', prosumers: ['a1'], mechanism: 'uniform' }] })).toThrow(/community "B".*already belongs to community 'A'/);
    expect(bad({ communities: [{ id: 'A', prosumers: ['a1'], mechanism: 'auction' as never }] })).toThrow(ValidationError);
    expect(bad({ interCommunity: { mechanism: 'uniform', residuals: 'net' as never } })).toThrow(/residuals/);
    expect(bad({ interCommunity: { mechanism: 'k-double' as never } })).toThrow(/interCommunity.*mechanism/);
  });
});
