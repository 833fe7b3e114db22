/**
 * A household retail tariff as regulators write it, decomposed into its parts, and its reading at one market
 * interval as the `Tariffs` every mechanism of clearMarket takes.
 *
 * Retail (all-in, what a household pays per grid kWh):
 *   retail = (energy + network charge + levies) · (1 + VAT/100)
 * Feed-in: the tariff paid for exported energy, as given (household producers are commonly exempt from VAT on it).
 * P2P charges: a kWh traded inside the community still pays the share (1 − localUseDiscount/100) of the network
 * charge and of the levies, with VAT on them:
 *   P2P network charge = (1 − d/100) · network · (1 + VAT/100),   P2P levies = (1 − d/100) · levies · (1 + VAT/100)
 * (d = 0: a P2P kWh pays the full network charge and levies, as in most of Europe today; d = 100: local trades are
 * exempt, as some local-energy-community schemes grant). The P2P price itself is a transfer between households
 * and is not taxed here. Who pays the charges: `sellerChargeShare` (0: the buyer, the default).
 * Energy, network charge, levies and feed-in may each be flat, time-of-use or a real-time series (price-schedule.ts).
 */
import { ValidationError } from '../../errors.js';
import type { Tariffs } from '../order.js';
import { priceAt, validatePriceSchedule, type PriceSchedule } from './price-schedule.js';
import { assertRationalityPossible } from './rationality-bounds.js';

/** A retail tariff decomposed into energy, network charge, levies and VAT, with its feed-in tariff. */
export interface RetailTariff {
  /** Energy (supply) component, currency per kWh, net of VAT. */
  energyPricePerKwh: PriceSchedule;
  /** Network (distribution and transmission) charge, currency per kWh, net of VAT. */
  networkChargePerKwh: PriceSchedule;
  /** Levies and energy taxes other than VAT, currency per kWh, net of VAT. */
  leviesPerKwh: PriceSchedule;
  /** VAT on energy, network charge and levies, percent (e.g. 19). */
  vatPercent: number;
  /** Feed-in tariff for exported energy, currency per kWh. */
  feedInPricePerKwh: PriceSchedule;
  /** Share of the network charge and levies waived for a P2P kWh, percent in [0, 100] (default 0). */
  localUseDiscountPercent?: number;
  /** Share of the P2P charges the seller pays, in [0, 1] (default 0: the buyer pays them). */
  sellerChargeShare?: number;
}

function fieldError(field: string, value: unknown, problem: string, unit?: string): ValidationError {
  return new ValidationError({ element: 'tariff', id: 'tariff', field, value, unit }, problem);
}

/** Checks every field of a retail tariff (ValidationError naming the field); rationality is checked per interval. */
export function validateRetailTariff(t: RetailTariff): void {
  if (t === null || typeof t !== 'object') throw fieldError('tariff', t, 'must be an object');
  for (const f of ['energyPricePerKwh', 'networkChargePerKwh', 'leviesPerKwh', 'feedInPricePerKwh'] as const) {
    if (t[f] === undefined) throw fieldError(f, undefined, 'is required');
    validatePriceSchedule(t[f], f);
  }
  if (typeof t.vatPercent !== 'number' || !(t.vatPercent >= 0 && t.vatPercent < 100)) {
    throw fieldError('vatPercent', t.vatPercent, 'must be a number in [0, 100)', '%');
  }
  const d = t.localUseDiscountPercent;
  if (d !== undefined && (typeof d !== 'number' || !(d >= 0 && d <= 100))) {
    throw fieldError('localUseDiscountPercent', d, 'must be a number in [0, 100]', '%');
  }
  const s = t.sellerChargeShare;
  if (s !== undefined && (typeof s !== 'number' || !(s >= 0 && s <= 1))) {
    throw fieldError('sellerChargeShare', s, 'must be a number in [0, 1]');
  }
}

/** The parts of the retail price at one interval, currency per kWh (all VAT-inclusive except where named). */
export interface RetailPriceParts {
  /** Energy component incl. VAT. */
  energyPerKwh: number;
  /** Full network charge incl. VAT (what a grid kWh pays). */
  networkChargePerKwh: number;
  /** Full levies incl. VAT. */
  leviesPerKwh: number;
  /** VAT on the three parts. */
  vatPerKwh: number;
  /** Their sum: the all-in retail price. */
  retailPerKwh: number;
}

/** The decomposition of the retail price at market interval `interval` starting at local `hourOfDay`. */
export function retailPriceParts(t: RetailTariff, interval: number, hourOfDay: number): RetailPriceParts {
  const vat = t.vatPercent / 100;
  const e = priceAt(t.energyPricePerKwh, interval, hourOfDay, 'energyPricePerKwh');
  const n = priceAt(t.networkChargePerKwh, interval, hourOfDay, 'networkChargePerKwh');
  const l = priceAt(t.leviesPerKwh, interval, hourOfDay, 'leviesPerKwh');
  return {
    energyPerKwh: e * (1 + vat),
    networkChargePerKwh: n * (1 + vat),
    leviesPerKwh: l * (1 + vat),
    vatPerKwh: (e + n + l) * vat,
    retailPerKwh: (e + n + l) * (1 + vat),
  };
}

/**
 * The market tariffs of interval `interval` (series index) starting at local `hourOfDay` (time-of-use): all-in
 * retail, feed-in, and the P2P network charge and levies after the local-use discount, VAT included. Throws a
 * ValidationError when the tariff is invalid or when feed-in exceeds retail minus the P2P charges at this interval.
 */
export function tariffsAt(t: RetailTariff, interval: number, hourOfDay: number): Tariffs {
  validateRetailTariff(t);
  const parts = retailPriceParts(t, interval, hourOfDay);
  const keep = 1 - (t.localUseDiscountPercent ?? 0) / 100;
  const out: Tariffs = {
    retailPricePerKwh: parts.retailPerKwh,
    feedInPricePerKwh: priceAt(t.feedInPricePerKwh, interval, hourOfDay, 'feedInPricePerKwh'),
    networkChargePerKwh: keep * parts.networkChargePerKwh,
    leviesPerKwh: keep * parts.leviesPerKwh,
    sellerChargeShare: t.sellerChargeShare ?? 0,
  };
  assertRationalityPossible(out);
  return out;
}
