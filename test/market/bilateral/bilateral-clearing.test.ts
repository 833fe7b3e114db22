import { describe, expect, it } from 'vitest';
import { clearBilateralBook } from '../../../ts/market/bilateral/bilateral-clearing.js';
import { clearMarket } from '../../../ts/market/clear-market.js';
import { createRandomBook } from '../../../ts/market/random-book.js';

describe('an order book cleared as a bilateral market (the simulation mechanism)', () => {
  it('without charges reaches the efficient-cross welfare of the book (independent sort-based algorithm, 1e-6 rel.)', () => {
    for (const seed of [1, 2, 3]) {
      const orders = createRandomBook(60, seed);
      const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 };
      const r = clearBilateralBook(orders, tariffs);
      expect(Math.abs(r.welfare - r.maxWelfare)).toBeLessThan(1e-6 * Math.max(1, r.maxWelfare));
      // Every order is settled in full: P2P fill plus grid residual equals its quantity (1e-9 kWh).
      const settled = new Map<string, number>();
      for (const f of [...r.fills, ...r.gridPurchases, ...r.gridSales]) settled.set(f.orderId, (settled.get(f.orderId) ?? 0) + f.quantityKwh);
      for (const o of orders) expect(Math.abs((settled.get(o.id) ?? 0) - o.quantityKwh)).toBeLessThan(1e-9);
      // The uniform auction on the same book reaches the same maximum.
      expect(r.maxWelfare).toBeCloseTo(clearMarket(orders, { mechanism: 'uniform', tariffs }).maxWelfare, 9);
      // Trades pair a buy and a sell order, priced between the seller's ask and the buyer's bid.
      const byId = new Map(orders.map((o) => [o.id, o]));
      for (const t of r.trades!) {
        expect(byId.get(t.buyOrderId)!.side).toBe('buy');
        expect(t.pricePerKwh).toBeGreaterThanOrEqual(byId.get(t.sellOrderId)!.pricePerKwh - 1e-6);
        expect(t.pricePerKwh).toBeLessThanOrEqual(byId.get(t.buyOrderId)!.pricePerKwh + 1e-6);
      }
    }
  });

  it('a P2P network charge trades less, and only pairs whose bid − ask covers it', () => {
    const orders = createRandomBook(60, 4);
    const free = clearBilateralBook(orders, { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 });
    const charged = clearBilateralBook(orders, { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05, networkChargePerKwh: 0.05 });
    expect(charged.tradedKwh).toBeLessThan(free.tradedKwh);
    const byId = new Map(orders.map((o) => [o.id, o]));
    for (const t of charged.trades!) expect(byId.get(t.buyOrderId)!.pricePerKwh - byId.get(t.sellOrderId)!.pricePerKwh).toBeGreaterThanOrEqual(0.05 - 1e-6);
  });
});
