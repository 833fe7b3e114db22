/**
 * Input checks for community pricing: the orders (until the shared `validateOrders` of ts/market lands, this file
 * checks the same fields: id, prosumer, side, quantityKwh, pricePerKwh, duplicate ids) and the two tariffs the
 * rules need. Every problem throws a ValidationError naming the order id (or 'tariffs') and the field.
 */
import { ValidationError } from '../../errors.js';
import type { Order, Tariffs } from '../order.js';

/** Checks orders and tariffs for a community rule; returns the tariffs as numbers (currency/kWh). */
export function validateCommunityInput(
  orders: readonly Order[], tariffs: Tariffs | undefined, rule: string,
): { retail: number; feedIn: number } {
  if (!Array.isArray(orders)) {
    throw new ValidationError({ element: 'orders', id: 'orders', field: 'orders', value: orders }, 'must be an array of orders');
  }
  const seen = new Set<string>();
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i] as Order | undefined;
    if (o === null || typeof o !== 'object') {
      throw new ValidationError({ element: 'order', id: i, field: `orders[${i}]`, value: o }, 'must be an order object');
    }
    if (typeof o.id !== 'string' || o.id.length === 0) {
      throw new ValidationError({ element: 'order', id: i, field: 'id', value: o.id }, 'must be a non-empty string');
    }
    if (seen.has(o.id)) {
      throw new ValidationError({ element: 'order', id: o.id, field: 'id', value: o.id }, 'duplicate order id');
    }
    seen.add(o.id);
    if (typeof o.prosumer !== 'string' || o.prosumer.length === 0) {
      throw new ValidationError({ element: 'order', id: o.id, field: 'prosumer', value: o.prosumer }, 'must be a non-empty string');
    }
    if (o.side !== 'buy' && o.side !== 'sell') {
      throw new ValidationError({ element: 'order', id: o.id, field: 'side', value: o.side }, "must be 'buy' or 'sell'");
    }
    if (typeof o.quantityKwh !== 'number' || !Number.isFinite(o.quantityKwh) || !(o.quantityKwh > 0)) {
      throw new ValidationError({ element: 'order', id: o.id, field: 'quantityKwh', value: o.quantityKwh, unit: 'kWh' },
        'must be a finite number > 0');
    }
    if (typeof o.pricePerKwh !== 'number' || !Number.isFinite(o.pricePerKwh)) {
      throw new ValidationError({ element: 'order', id: o.id, field: 'pricePerKwh', value: o.pricePerKwh, unit: 'currency/kWh' },
        'must be a finite number (community rules ignore it for pricing, but welfare uses it)');
    }
  }
  const retail = tariffs?.retailPricePerKwh;
  const feedIn = tariffs?.feedInPricePerKwh;
  if (typeof retail !== 'number' || !Number.isFinite(retail)) {
    throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'retailPricePerKwh', value: retail, unit: 'currency/kWh' },
      `the ${rule} rule needs a finite retail price λb`);
  }
  if (typeof feedIn !== 'number' || !Number.isFinite(feedIn)) {
    throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'feedInPricePerKwh', value: feedIn, unit: 'currency/kWh' },
      `the ${rule} rule needs a finite feed-in tariff λs`);
  }
  if (feedIn > retail) {
    throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'feedInPricePerKwh', value: feedIn, unit: 'currency/kWh' },
      `must not exceed the retail price ${retail} (the rules assume λs ≤ λb)`);
  }
  if (rule === 'sdr' && feedIn < 0) {
    throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'feedInPricePerKwh', value: feedIn, unit: 'currency/kWh' },
      'must be ≥ 0 for the sdr rule (its price formula divides by (λb − λs)·SDR + λs)');
  }
  return { retail, feedIn };
}
