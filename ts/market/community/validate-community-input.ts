/**
 * Input checks for community pricing: the orders through the shared `validateOrders` (ids, prosumers, sides,
 * quantities, prices, one interval, and the tariffs: feed-in ≤ retail − P2P charges), then the two tariffs the
 * rules need: both are required. The rules price P2P energy with λb = the buyers' ceiling (retail − buyers' P2P
 * charges) and λs = the sellers' floor (feed-in + sellers' P2P charges), so a buyer never pays more than retail
 * all-in and a seller (except under the literal bill-sharing rule) never nets less than feed-in. SDR also needs
 * λs ≥ 0 (its price formula divides by (λb − λs)·SDR + λs). `divisible` has no effect: a community rule settles
 * every order's full quantity, partly peer-to-peer and partly with the grid. Every problem throws a
 * ValidationError naming the id and field.
 */
import { ValidationError } from '../../errors.js';
import type { Order, Tariffs } from '../order.js';
import { validateOrders, validateTariffs } from '../validate-orders.js';
import { rationalInterval } from '../tariffs/rationality-bounds.js';

/**
 * Checks orders and tariffs for a community rule; returns the tariffs and the rules' price bounds as numbers
 * (currency/kWh). `orders` null: the caller has already validated the orders and tariffs, only the rule's tariff
 * checks run.
 */
export function validateCommunityInput(
  orders: readonly Order[] | null, tariffs: Tariffs | undefined, rule: string,
): { retail: number; feedIn: number; ceiling: number; floor: number } {
  if (orders !== null) validateOrders(orders, tariffs);
  else if (tariffs !== undefined) validateTariffs(tariffs);
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
  const { ceiling, floor } = rationalInterval(tariffs);
  if (rule === 'sdr' && floor! < 0) {
    throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'feedInPricePerKwh', value: feedIn, unit: 'currency/kWh' },
      'plus the sellers\' P2P charges must be ≥ 0 for the sdr rule (its price formula divides by (λb − λs)·SDR + λs)');
  }
  return { retail, feedIn, ceiling: ceiling!, floor: floor! };
}
