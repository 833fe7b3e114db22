import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clearMarket, type MechanismName } from '../../ts/market/clear-market.js';
import type { Order } from '../../ts/market/order.js';

const MECHS: MechanismName[] = ['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'trade-reduction', 'huang', 'muda'];
const EFFICIENT = new Set<MechanismName>(['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint']);
const BUDGET_BALANCED = new Set<MechanismName>(['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'muda']);
const tariffs = { retailPricePerKwh: 40, feedInPricePerKwh: 2 };

/** Random books: quantities in 0.1 kWh steps, prices in 0.5 steps (many ties), up to 10 prosumers. */
const bookArb = fc
  .array(fc.record({ buy: fc.boolean(), tenths: fc.integer({ min: 1, max: 80 }), halfCents: fc.integer({ min: -6, max: 70 }), who: fc.integer({ min: 0, max: 9 }) }), { maxLength: 40 })
  .map((rows): Order[] => rows.map((r, i) => ({ id: `o${i}`, prosumer: `P${r.who}`, side: r.buy ? 'buy' : 'sell', quantityKwh: r.tenths / 10, pricePerKwh: r.halfCents / 2 })));

/** Independent maximum welfare and volume: expand every order into 0.1 kWh units and pair sorted units. */
function unitReference(orders: Order[]): { welfare: number; volume: number } {
  const bids: number[] = [];
  const asks: number[] = [];
  for (const o of orders) for (let u = 0; u < Math.round(o.quantityKwh * 10); u++) (o.side === 'buy' ? bids : asks).push(o.pricePerKwh);
  bids.sort((a, b) => b - a);
  asks.sort((a, b) => a - b);
  let welfare = 0;
  let units = 0;
  for (let t = 0; t < Math.min(bids.length, asks.length) && bids[t] >= asks[t]; t++) {
    welfare += (bids[t] - asks[t]) / 10;
    units++;
  }
  return { welfare, volume: units / 10 };
}

describe('auction invariants on random books (fast-check)', () => {
  it.each(MECHS)('%s: individual rationality, balance, welfare ≤ max, engines agree', (mechanism) => {
    fc.assert(
      fc.property(bookArb, fc.integer({ min: 0, max: 1000 }), (orders, seed) => {
        const opts = { mechanism, tariffs, seed: mechanism === 'muda' ? seed : undefined };
        const r = clearMarket(orders, { ...opts, engine: 'wasm' });
        expect(clearMarket(orders, { ...opts, engine: 'ts' })).toEqual(r);
        const byId = new Map(orders.map((o) => [o.id, o]));
        const scale = 1 + orders.reduce((s, o) => s + Math.abs(o.pricePerKwh) * o.quantityKwh, 0);
        const tol = 1e-9 * scale;
        let bought = 0;
        let sold = 0;
        const filled = new Map<string, number>();
        for (const f of r.fills) {
          const o = byId.get(f.orderId)!;
          expect(f.side).toBe(o.side);
          expect(f.prosumer).toBe(o.prosumer);
          expect(f.quantityKwh).toBeGreaterThan(0);
          expect(f.quantityKwh).toBeLessThanOrEqual(o.quantityKwh);
          if (o.side === 'buy') {
            expect(f.pricePerKwh).toBeLessThanOrEqual(o.pricePerKwh);
            bought += f.quantityKwh;
          } else {
            expect(f.pricePerKwh).toBeGreaterThanOrEqual(o.pricePerKwh);
            sold += f.quantityKwh;
          }
          filled.set(f.orderId, f.quantityKwh);
        }
        expect(Math.abs(bought - sold)).toBeLessThanOrEqual(1e-9 * (1 + bought));
        // Every kWh is accounted for: P2P fill + grid residual = the order's quantity (both tariffs are given).
        const grid = new Map([...r.gridPurchases, ...r.gridSales].map((g) => [g.orderId, g.quantityKwh]));
        for (const o of orders) expect((filled.get(o.id) ?? 0) + (grid.get(o.id) ?? 0)).toBeCloseTo(o.quantityKwh, 9);
        if (BUDGET_BALANCED.has(mechanism)) expect(Math.abs(r.marketSurplus)).toBeLessThanOrEqual(tol);
        else expect(r.marketSurplus).toBeGreaterThanOrEqual(-tol);
        expect(r.welfare).toBeLessThanOrEqual(r.maxWelfare + tol);
        expect(r.tradedKwh).toBeLessThanOrEqual(r.maxTradableKwh + 1e-9 * (1 + r.maxTradableKwh));
        const ref = unitReference(orders);
        expect(r.maxWelfare).toBeCloseTo(ref.welfare, 7);
        expect(r.maxTradableKwh).toBeCloseTo(ref.volume, 9);
        if (EFFICIENT.has(mechanism)) {
          expect(r.welfare).toBe(r.maxWelfare);
          expect(r.tradedKwh).toBe(r.maxTradableKwh);
        }
        if (r.trades) {
          for (const t of r.trades) {
            expect(t.pricePerKwh).toBeLessThanOrEqual(byId.get(t.buyOrderId)!.pricePerKwh);
            expect(t.pricePerKwh).toBeGreaterThanOrEqual(byId.get(t.sellOrderId)!.pricePerKwh);
          }
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('uniform: the price is market-clearing (bids above it fully served, bids below it idle; asks likewise)', () => {
    fc.assert(
      fc.property(bookArb, fc.constantFrom('midpoint', 'buyer', 'seller', 'k') as fc.Arbitrary<'midpoint' | 'buyer' | 'seller' | 'k'>, (orders, priceRule) => {
        const r = clearMarket(orders, { mechanism: 'uniform', priceRule, engine: 'ts' });
        if (r.clearingPrice === null) {
          expect(r.tradedKwh).toBe(0);
          return;
        }
        const [lo, hi] = r.priceInterval!;
        expect(lo).toBeLessThanOrEqual(hi);
        const filled = new Map(r.fills.map((f) => [f.orderId, f.quantityKwh]));
        for (const o of orders) {
          const f = filled.get(o.id) ?? 0;
          // Inside the open interval (lo, hi) every order strictly in the money trades fully, out of it not at all.
          if (o.side === 'buy' && o.pricePerKwh > hi) expect(f).toBe(o.quantityKwh);
          if (o.side === 'buy' && o.pricePerKwh < lo) expect(f).toBe(0);
          if (o.side === 'sell' && o.pricePerKwh < lo) expect(f).toBe(o.quantityKwh);
          if (o.side === 'sell' && o.pricePerKwh > hi) expect(f).toBe(0);
        }
        if (priceRule === 'midpoint') expect(r.clearingPrice).toBe((lo + hi) / 2);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});
