/**
 * Validation of an order book and of the retailer's tariffs, before any clearing. Every problem throws a
 * ValidationError naming the order (its id, or its position `#i` when it has no usable id), the field, the value
 * and the unit.
 *
 * Rules: id and prosumer are non-empty strings, ids are unique; side is 'buy' or 'sell'; quantityKwh is a finite
 * number > 0; pricePerKwh is a finite number (negative prices are allowed: surplus PV may pay to be taken);
 * divisible, when present, is a boolean; interval, when present, is a finite number and all orders of one book
 * carry the same interval (a book clears one market interval). Tariffs, when present: retail and feed-in finite
 * numbers (they may be negative), the P2P network charge and levies finite and ≥ 0, the seller's charge share in
 * [0, 1]. With both retail and feed-in given, feed-in must not exceed retail minus the P2P charges: otherwise no
 * P2P price is individually rational for both sides (tariffs/rationality-bounds.ts). (Gross-metering schemes whose
 * feed-in exceeded retail, such as the German EEG tariffs of 2009-2011, sold all generation to the grid; a
 * community market has nothing to trade under them.)
 */
import { ValidationError } from '../errors.js';
import type { Order, Tariffs } from './order.js';
import { indexStrings } from './string-index.js';
import { assertRationalityPossible } from './tariffs/rationality-bounds.js';

/** Checks an order book (and the tariffs, when given); throws ValidationError on the first bad field. */
export function validateOrders(orders: readonly Order[], tariffs?: Tariffs): void {
  if (!Array.isArray(orders)) {
    throw new ValidationError({ element: 'book', id: 'orders', field: 'orders', value: orders }, 'must be an array of orders');
  }
  if (tariffs !== undefined) validateTariffs(tariffs);
  let interval: number | undefined;
  let intervalOwner = '';
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i] as Partial<Order> | null;
    if (o === null || typeof o !== 'object') {
      throw new ValidationError({ element: 'order', id: `#${i}`, field: 'order', value: o }, 'must be an object');
    }
    const id = o.id;
    if (typeof id !== 'string' || id.length === 0) {
      throw new ValidationError({ element: 'order', id: `#${i}`, field: 'id', value: id }, 'must be a non-empty string');
    }
    if (typeof o.prosumer !== 'string' || o.prosumer.length === 0) {
      throw new ValidationError({ element: 'order', id, field: 'prosumer', value: o.prosumer }, 'must be a non-empty string');
    }
    if (o.side !== 'buy' && o.side !== 'sell') {
      throw new ValidationError({ element: 'order', id, field: 'side', value: o.side }, "must be 'buy' or 'sell'");
    }
    const q = o.quantityKwh;
    if (typeof q !== 'number' || !Number.isFinite(q)) {
      throw new ValidationError({ element: 'order', id, field: 'quantityKwh', value: q, unit: 'kWh' }, 'must be a finite number');
    }
    if (!(q > 0)) {
      throw new ValidationError({ element: 'order', id, field: 'quantityKwh', value: q, unit: 'kWh' }, 'must be > 0');
    }
    const p = o.pricePerKwh;
    if (typeof p !== 'number' || !Number.isFinite(p)) {
      throw new ValidationError({ element: 'order', id, field: 'pricePerKwh', value: p, unit: 'currency/kWh' }, 'must be a finite number');
    }
    if (o.divisible !== undefined && typeof o.divisible !== 'boolean') {
      throw new ValidationError({ element: 'order', id, field: 'divisible', value: o.divisible }, 'must be true or false');
    }
    if (o.interval !== undefined) {
      if (typeof o.interval !== 'number' || !Number.isFinite(o.interval)) {
        throw new ValidationError({ element: 'order', id, field: 'interval', value: o.interval }, 'must be a finite number');
      }
      if (interval === undefined) {
        interval = o.interval;
        intervalOwner = id;
      } else if (o.interval !== interval) {
        throw new ValidationError(
          { element: 'order', id, field: 'interval', value: o.interval },
          `differs from interval ${interval} of order ${JSON.stringify(intervalOwner)}; clear one interval per book`,
        );
      }
    }
  }
  const dup = indexStrings(orders.length, (i) => orders[i].id).firstRepeat;
  if (dup >= 0) {
    const id = orders[dup].id;
    throw new ValidationError({ element: 'order', id, field: 'id', value: id }, `duplicate order id (order #${dup} repeats an earlier id)`);
  }
}

/** Checks the tariffs (currency per kWh): finite prices, charges ≥ 0, share in [0, 1], and that rationality is possible. */
export function validateTariffs(tariffs: Tariffs): void {
  if (tariffs === null || typeof tariffs !== 'object') {
    throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'tariffs', value: tariffs }, 'must be an object');
  }
  for (const field of ['retailPricePerKwh', 'feedInPricePerKwh', 'networkChargePerKwh', 'leviesPerKwh'] as const) {
    const v = tariffs[field];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
      throw new ValidationError({ element: 'tariffs', id: 'tariffs', field, value: v, unit: 'currency/kWh' }, 'must be a finite number');
    }
    if (v !== undefined && (field === 'networkChargePerKwh' || field === 'leviesPerKwh') && v < 0) {
      throw new ValidationError({ element: 'tariffs', id: 'tariffs', field, value: v, unit: 'currency/kWh' }, 'must be ≥ 0');
    }
  }
  const share = tariffs.sellerChargeShare;
  if (share !== undefined && (typeof share !== 'number' || !(share >= 0 && share <= 1))) {
    throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'sellerChargeShare', value: share }, 'must be a number in [0, 1]');
  }
  assertRationalityPossible(tariffs);
}
