import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clearMarket, type MechanismName } from '../../ts/market/clear-market.js';
import type { Order } from '../../ts/market/order.js';

const MECHS: MechanismName[] = ['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'trade-reduction', 'huang', 'muda'];
const EFFICIENT = new Set<MechanismName>(['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint']);
const BUDGET_BALANCED = new Set<MechanismName>(['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'muda']);
const tariffs = { retailPricePerKwh: 40, feedInPricePerKwh: 2 };

/** Valid tariffs on the books' price scale: feed-in ≤ retail − (network charge + levies), random seller share. */
const tariffArb = fc
  .record({ feedIn: fc.integer({ min: -4, max: 30 }), room: fc.integer({ min: 0, max: 30 }), chargeTenths: fc.integer({ min: 0, max: 10 }), levyPart: fc.integer({ min: 0, max: 10 }), share: fc.integer({ min: 0, max: 4 }) })
  .map(({ feedIn, room, chargeTenths, levyPart, share }) => {
    const charges = (room * chargeTenths) / 10;
    return {
      retailPricePerKwh: feedIn + room, feedInPricePerKwh: feedIn,
      networkChargePerKwh: (charges * levyPart) / 10, leviesPerKwh: charges - (charges * levyPart) / 10, sellerChargeShare: share / 4,
    };
  });

/** Random books: quantities in 0.1 kWh steps, prices in 0.5 steps (many ties), up to 10 prosumers. */
const bookArb = fc
  .array(fc.record({ buy: fc.boolean(), tenths: fc.integer({ min: 1, max: 80 }), halfCents: fc.integer({ min: -6, max: 70 }), who: fc.integer({ min: 0, max: 9 }) }), { maxLength: 40 })
  .map((rows): Order[] => rows.map((r, i) => ({ id: `o${i}`, prosumer: `P${r.who}`, side: r.buy ? 'buy' : 'sell', quantityKwh: r.tenths / 10, pricePerKwh: r.halfCents / 2 })));

/**
 * Independent maximum welfare and volume: expand every order into 0.1 kWh units, cap bids at `ceiling` and raise
 * asks to `floor` (the rational interval the kernels clear on), and pair sorted units.
 */
function unitReference(orders: Order[], ceiling = Infinity, floor = -Infinity): { welfare: number; volume: number } {
  const bids: number[] = [];
  const asks: number[] = [];
  for (const o of orders) {
    const p = o.side === 'buy' ? Math.min(o.pricePerKwh, ceiling) : Math.max(o.pricePerKwh, floor);
    for (let u = 0; u < Math.round(o.quantityKwh * 10); u++) (o.side === 'buy' ? bids : asks).push(p);
  }
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
        if (r.welfarePercent !== null) expect(r.maxWelfare).toBeGreaterThan(0);
        else expect(r.maxWelfare).toBeLessThanOrEqual(0);
        expect(r.tradedKwh).toBeLessThanOrEqual(r.maxTradableKwh + 1e-9 * (1 + r.maxTradableKwh));
        const ref = unitReference(orders, 40, 2);
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
        // Every rule prices inside the reported interval.
        expect(r.clearingPrice).toBeGreaterThanOrEqual(lo);
        expect(r.clearingPrice).toBeLessThanOrEqual(hi);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('individual rationality against the retailer, every mechanism, both engines, random valid tariffs', () => {
  it.each([...MECHS, 'sdr', 'mmr', 'bill-sharing', 'bill-sharing-literal'] as MechanismName[])('%s', (mechanism) => {
    fc.assert(
      fc.property(bookArb, tariffArb, fc.integer({ min: 0, max: 1000 }), (orders, t0, seed) => {
        // SDR's formula needs a floor ≥ 0 (a ValidationError otherwise, tested in community-pricing.test.ts).
        const shift = mechanism === 'sdr' ? Math.max(0, -t0.feedInPricePerKwh) : 0;
        const t = { ...t0, feedInPricePerKwh: t0.feedInPricePerKwh + shift, retailPricePerKwh: t0.retailPricePerKwh + shift };
        const literal = mechanism === 'bill-sharing-literal';
        const r = clearMarket(orders, { mechanism, tariffs: t, seed, engine: 'wasm' });
        expect(clearMarket(orders, { mechanism, tariffs: t, seed, engine: 'ts' })).toEqual(r);
        const byId = new Map(orders.map((o) => [o.id, o]));
        const tol = 1e-9 * (1 + t.retailPricePerKwh + Math.abs(t.feedInPricePerKwh));
        const charges = t.networkChargePerKwh + t.leviesPerKwh;
        let savings = 0;
        for (const f of r.fills) {
          // A buyer never pays more than retail all-in, a seller never nets less than feed-in (the published bill
          // sharing rule excepted: its shared energy is free whatever the tariffs, so it is not rational for sellers).
          if (f.side === 'buy') {
            if (!literal) expect(f.allInPricePerKwh).toBeLessThanOrEqual(t.retailPricePerKwh + tol);
            expect(f.allInPricePerKwh).toBeCloseTo(f.pricePerKwh + charges * (1 - t.sellerChargeShare), 9);
            savings += f.quantityKwh * (t.retailPricePerKwh - f.allInPricePerKwh);
          } else {
            if (!literal) expect(f.allInPricePerKwh).toBeGreaterThanOrEqual(t.feedInPricePerKwh - tol);
            expect(f.allInPricePerKwh).toBeCloseTo(f.pricePerKwh - charges * t.sellerChargeShare, 9);
            savings += f.quantityKwh * (f.allInPricePerKwh - t.feedInPricePerKwh);
          }
          // Auctions also respect each order's own limit.
          if (MECHS.includes(mechanism)) {
            const o = byId.get(f.orderId)!;
            if (f.side === 'buy') expect(f.pricePerKwh).toBeLessThanOrEqual(o.pricePerKwh + tol);
            else expect(f.pricePerKwh).toBeGreaterThanOrEqual(o.pricePerKwh - tol);
          }
        }
        // Welfare at reservation values = prosumers' savings (fill by fill, all-in) + the operator's surplus, 1e-9.
        const scale = 1 + r.tradedKwh * (1 + t.retailPricePerKwh + Math.abs(t.feedInPricePerKwh));
        expect(Math.abs(r.welfareAtReservation! - (savings + r.marketSurplus))).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(r.prosumerSavings! - savings)).toBeLessThanOrEqual(1e-9 * scale);
        expect(r.networkOperatorRevenue).toBeCloseTo(r.tradedKwh * charges, 9);
      }),
      { numRuns: 60, seed: 8 },
    );
  });
});
