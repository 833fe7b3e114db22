import { describe, expect, it } from 'vitest';
import { clearMarket, type MechanismName } from '../../../ts/market/clear-market.js';
import type { Order } from '../../../ts/market/order.js';
import { Rng } from '../../../ts/random.js';
import { createRandomBook as randomBook } from '../../../ts/market/random-book.js';

const MECHS: MechanismName[] = ['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'trade-reduction', 'huang', 'muda'];

describe('WASM and TS engines give bit-identical results on seeded random books', () => {
  it.each(MECHS)('%s', (mechanism) => {
    for (const [n, seed] of [[100, 1], [1000, 2], [5000, 3]] as const) {
      const orders = randomBook(n, seed);
      const options = { mechanism, seed, tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 } };
      const w = clearMarket(orders, { ...options, engine: 'wasm' });
      const t = clearMarket(orders, { ...options, engine: 'ts' });
      expect(t).toEqual(w);
      expect(w.tradedKwh).toBeGreaterThan(0);
    }
  });

  it('Huang drops and re-shares on a large book exactly as the twin does', () => {
    // Many tiny sell quantities force the drop-out loop; the quantities go through the radix sort (> 48 orders).
    const rng = new Rng(9);
    const orders: Order[] = [];
    for (let i = 0; i < 300; i++) orders.push({ id: `s${i}`, prosumer: `S${i}`, side: 'sell', quantityKwh: rng.chance(0.5) ? 0.01 : rng.uniform(1, 5), pricePerKwh: rng.uniform(0, 0.1) });
    for (let i = 0; i < 60; i++) orders.push({ id: `b${i}`, prosumer: `B${i}`, side: 'buy', quantityKwh: rng.uniform(1, 5), pricePerKwh: rng.uniform(0.2, 0.3) });
    const w = clearMarket(orders, { mechanism: 'huang', engine: 'wasm' });
    expect(clearMarket(orders, { mechanism: 'huang', engine: 'ts' })).toEqual(w);
    const sellFills = w.fills.filter((f) => f.side === 'sell');
    const share = Math.min(...sellFills.map((f) => orders.find((o) => o.id === f.orderId)!.quantityKwh - f.quantityKwh));
    // Every trading seller gave up the same share; every tiny seller (0.01 kWh < share) dropped out.
    for (const f of sellFills) expect(orders.find((o) => o.id === f.orderId)!.quantityKwh - f.quantityKwh).toBeCloseTo(share, 9);
    expect(sellFills.some((f) => orders.find((o) => o.id === f.orderId)!.quantityKwh === 0.01)).toBe(false);
    const bought = w.fills.filter((f) => f.side === 'buy').reduce((s, f) => s + f.quantityKwh, 0);
    expect(sellFills.reduce((s, f) => s + f.quantityKwh, 0)).toBeCloseTo(bought, 9);
  });
});
