/**
 * The market tariffs of every step of a scenario, resolved and checked once before the run: all-in retail, feed-in
 * and the P2P network charge and levies per step, from the scenario's all-in form or from its decomposition through
 * the tariff model (ts/market/tariffs). A step at which no P2P price can be individually rational (feed-in above
 * retail minus the P2P charges) is a ValidationError naming the tariff field and the step, before anything runs.
 */
import { ValidationError } from '../../errors.js';
import type { Tariffs } from '../../market/order.js';
import { assertRationalityPossible } from '../../market/tariffs/rationality-bounds.js';
import { tariffsAt, type RetailTariff } from '../../market/tariffs/retail-tariff.js';
import { priceAt, type PriceSchedule } from '../../market/tariffs/price-schedule.js';
import { MS_PER_HOUR, type TimeGrid } from '../profiles/time-grid.js';
import type { Scenario } from '../scenario/scenario-schema.js';

/** A scenario price (number, 24 hourly prices, time-of-use bands or a series) as a tariff-model schedule. */
export function toPriceSchedule(p: number | number[] | Exclude<PriceSchedule, number>): PriceSchedule {
  if (!Array.isArray(p)) return p;
  return { kind: 'time-of-use', bands: p.map((pricePerKwh, h) => ({ fromHour: h, toHour: h + 1, pricePerKwh })) };
}

/** Per-step tariff columns, currency/kWh. */
export interface StepTariffColumns {
  retailPricePerKwh: Float64Array;
  feedInPricePerKwh: Float64Array;
  /** P2P network charge per kWh (after any local-use discount, VAT included). */
  networkChargePerKwh: Float64Array;
  /** P2P levies per kWh (after any local-use discount, VAT included). */
  leviesPerKwh: Float64Array;
  /** Share of the P2P charges the seller pays. */
  sellerChargeShare: number;
}

/** Local hour of day (0–23) of step s's start. */
export function localHourOf(grid: TimeGrid, s: number, utcOffsetHours: number): number {
  const hours = grid.timeMs(s) / MS_PER_HOUR + utcOffsetHours;
  return ((Math.floor(hours) % 24) + 24) % 24;
}

/** Resolves the scenario's tariffs at every step of `grid`; throws a ValidationError naming `tariffs.<field>` and the step. */
export function resolveStepTariffs(scenario: Scenario, grid: TimeGrid): StepTariffColumns {
  const n = grid.steps;
  const t = scenario.tariffs;
  const cols: StepTariffColumns = {
    retailPricePerKwh: new Float64Array(n),
    feedInPricePerKwh: new Float64Array(n),
    networkChargePerKwh: new Float64Array(n),
    leviesPerKwh: new Float64Array(n),
    sellerChargeShare: t.sellerChargeShare,
  };
  const parts = t.retailParts;
  const model: RetailTariff | null = parts
    ? {
        energyPricePerKwh: toPriceSchedule(parts.energyPricePerKwh),
        networkChargePerKwh: toPriceSchedule(parts.networkChargePerKwh),
        leviesPerKwh: toPriceSchedule(parts.leviesPerKwh),
        vatPercent: parts.vatPercent,
        feedInPricePerKwh: toPriceSchedule(t.feedInPricePerKwh),
        localUseDiscountPercent: parts.localUseDiscountPercent,
        sellerChargeShare: t.sellerChargeShare,
      }
    : null;
  const at = (p: number | number[], h: number): number => (typeof p === 'number' ? p : p[h]!);
  const one: Tariffs = {};
  for (let s = 0; s < n; s++) {
    const h = localHourOf(grid, s, scenario.utcOffsetHours);
    let x: Tariffs;
    try {
      if (model !== null) x = tariffsAt(model, s, h);
      else {
        one.retailPricePerKwh = at(t.retailPricePerKwh!, h);
        one.feedInPricePerKwh = priceAt(toPriceSchedule(t.feedInPricePerKwh), s, h, 'feedInPricePerKwh');
        one.networkChargePerKwh = t.networkChargePerKwh ?? 0;
        one.leviesPerKwh = t.leviesPerKwh ?? 0;
        one.sellerChargeShare = t.sellerChargeShare;
        assertRationalityPossible(one);
        x = one;
      }
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const field = `tariffs.${model !== null && /^(energy|network|levies|vat|local)/.test(e.field) ? 'retailParts.' : ''}${e.field}`;
      // The inner message repeats element, field and value; keep only its problem.
      const prefix = `${e.element} ${JSON.stringify(e.id)}: ${e.field} = `;
      const problem = e.message.startsWith(prefix) ? e.message.slice(e.message.indexOf(': ', prefix.length) + 2) : e.message;
      throw new ValidationError({ element: 'scenario', id: scenario.name, field, value: e.value, unit: e.unit }, `at step ${s} (${new Date(grid.timeMs(s)).toISOString()}): ${problem}`);
    }
    cols.retailPricePerKwh[s] = x.retailPricePerKwh!;
    cols.feedInPricePerKwh[s] = x.feedInPricePerKwh!;
    cols.networkChargePerKwh[s] = x.networkChargePerKwh ?? 0;
    cols.leviesPerKwh[s] = x.leviesPerKwh ?? 0;
  }
  return cols;
}
