import { describe, expect, it } from 'vitest';
import { validateOrders } from '../../ts/market/validate-orders.js';
import { ValidationError } from '../../ts/errors.js';
import type { Order } from '../../ts/market/order.js';
import { bookA } from './book-fixtures.js';

function bad(patch: Record<string, unknown>, at = 2): Order[] {
  const orders = bookA.map((o) => ({ ...o }));
  orders[at] = { ...orders[at], ...patch } as Order;
  return orders;
}

function message(orders: Order[], tariffs?: object): string {
  try {
    validateOrders(orders, tariffs as never);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('validateOrders', () => {
  it('accepts a good book, negative prices and feed-in up to retail minus the P2P charges', () => {
    expect(() => validateOrders(bookA, { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.2, networkChargePerKwh: 0.06, leviesPerKwh: 0.04 })).not.toThrow();
    expect(message(bookA, { retailPricePerKwh: 0.1, feedInPricePerKwh: 0.4 })).toMatch(/tariffs "tariffs": feedInPricePerKwh = 0.4 currency\/kWh: exceeds retailPricePerKwh 0.1/);
    expect(message(bookA, { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.2, networkChargePerKwh: 0.08, leviesPerKwh: 0.04 })).toMatch(/feedInPricePerKwh = 0.2 .*networkChargePerKwh \+ leviesPerKwh/);
    expect(message(bookA, { networkChargePerKwh: -0.01 })).toMatch(/networkChargePerKwh = -0.01 currency\/kWh: must be ≥ 0/);
    expect(message(bookA, { leviesPerKwh: NaN })).toMatch(/leviesPerKwh = NaN/);
    expect(message(bookA, { sellerChargeShare: 1.5 })).toMatch(/sellerChargeShare = 1.5: must be a number in \[0, 1\]/);
    expect(() => validateOrders(bad({ pricePerKwh: -5 }))).not.toThrow();
    expect(() => validateOrders([])).not.toThrow();
  });

  it('names the order and field of every bad value', () => {
    expect(message(bad({ quantityKwh: NaN }))).toBe('order "b3": quantityKwh = NaN kWh: must be a finite number');
    expect(message(bad({ quantityKwh: Infinity }))).toMatch(/order "b3": quantityKwh = Infinity kWh/);
    expect(message(bad({ quantityKwh: -1 }))).toBe('order "b3": quantityKwh = -1 kWh: must be > 0');
    expect(message(bad({ quantityKwh: 0 }))).toBe('order "b3": quantityKwh = 0 kWh: must be > 0');
    expect(message(bad({ quantityKwh: '3' }))).toMatch(/order "b3": quantityKwh = "3"/);
    expect(message(bad({ pricePerKwh: NaN }))).toMatch(/order "b3": pricePerKwh = NaN currency\/kWh/);
    expect(message(bad({ pricePerKwh: -Infinity }))).toMatch(/order "b3": pricePerKwh = -Infinity/);
    expect(message(bad({ side: 'bid' }))).toBe('order "b3": side = "bid": must be \'buy\' or \'sell\'');
    expect(message(bad({ id: 'b1' }))).toBe('order "b1": id = "b1": duplicate order id (order #2 repeats an earlier id)');
    expect(message(bad({ id: '' }))).toMatch(/order "#2": id = ""/);
    expect(message(bad({ id: undefined }))).toMatch(/order "#2": id = undefined/);
    expect(message(bad({ prosumer: undefined }))).toMatch(/order "b3": prosumer = undefined/);
    expect(message(bad({ divisible: 'no' }))).toMatch(/order "b3": divisible = "no"/);
    expect(message([null as unknown as Order])).toMatch(/order "#0": order = null/);
  });

  it('rejects books mixing market intervals and bad tariffs', () => {
    const orders = bookA.map((o, i) => ({ ...o, interval: i < 5 ? 3 : 4 }));
    expect(message(orders)).toMatch(/order "s2": interval = 4: differs from interval 3 of order "b1"/);
    expect(message(bookA, { retailPricePerKwh: NaN })).toMatch(/tariffs "tariffs": retailPricePerKwh = NaN currency\/kWh/);
    expect(message(bookA, { feedInPricePerKwh: Infinity })).toMatch(/feedInPricePerKwh = Infinity/);
  });
});
