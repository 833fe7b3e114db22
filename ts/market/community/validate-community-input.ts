/**
 * Input checks for community pricing: the orders through the shared `validateOrders` (ids, prosumers, sides,
 * quantities, prices, one interval), then the two tariffs the rules need. Stricter than the auctions on tariffs:
 * both are required and λs ≤ λb, because every rule's guarantees (buyers never pay more than λb, sellers under SDR
 * and MMR never get less than λs) and the papers' derivations assume it; SDR also needs λs ≥ 0 (its price formula
 * divides by (λb − λs)·SDR + λs). `divisible` has no effect: a community rule settles every order's full quantity,
 * partly peer-to-peer and partly with the grid. Every problem throws a ValidationError naming the id and field.
 */
import { ValidationError } from '../../errors.js';
import type { Order, Tariffs } from '../order.js';
import { validateOrders } from '../validate-orders.js';

/**
 * Checks orders and tariffs for a community rule; returns the tariffs as numbers (currency/kWh). `orders` null:
 * the caller has already validated the orders (and the tariffs' finiteness), only the rule's tariff checks run.
 */
export function validateCommunityInput(
  orders: readonly Order[] | null, tariffs: Tariffs | undefined, rule: string,
): { retail: number; feedIn: number } {
  if (orders !== null) validateOrders(orders, tariffs);
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
