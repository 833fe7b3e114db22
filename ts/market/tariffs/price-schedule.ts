/**
 * A per-kWh price that may vary in time, as tariffs are written: a flat number, time-of-use bands over the hours of
 * the day, or a real-time series with one price per market interval. `priceAt` reads it at one interval.
 */
import { ValidationError } from '../../errors.js';

/** One time-of-use band: the price from `fromHour` (inclusive) to `toHour` (exclusive), local hours in [0, 24]. */
export interface TimeOfUseBand {
  /** Start of the band, local hour of day in [0, 24). */
  fromHour: number;
  /** End of the band, local hour of day in (0, 24]; a band with toHour ≤ fromHour wraps past midnight. */
  toHour: number;
  /** Price in the band, currency per kWh. */
  pricePerKwh: number;
}

/** Time-of-use price: bands that together cover every hour of the day exactly once. */
export interface TimeOfUsePrice {
  /** 'time-of-use'. */
  kind: 'time-of-use';
  /** The bands (any order). */
  bands: TimeOfUseBand[];
}

/** Real-time price: one price per market interval, indexed by the interval number. */
export interface PriceSeries {
  /** 'series'. */
  kind: 'series';
  /** Price of interval i, currency per kWh. */
  pricesPerKwh: number[] | Float64Array;
}

/** A price per kWh: flat (a number), time-of-use or a real-time series. */
export type PriceSchedule = number | TimeOfUsePrice | PriceSeries;

function scheduleError(path: string, value: unknown, problem: string): ValidationError {
  return new ValidationError({ element: 'tariff', id: 'tariff', field: path, value, unit: 'currency/kWh' }, problem);
}

/** Checks a price schedule; `path` names it in errors (e.g. 'energyPricePerKwh'). */
export function validatePriceSchedule(schedule: PriceSchedule, path: string): void {
  if (typeof schedule === 'number') {
    if (!Number.isFinite(schedule)) throw scheduleError(path, schedule, 'must be a finite number');
    return;
  }
  if (schedule === null || typeof schedule !== 'object') {
    throw scheduleError(path, schedule, "must be a number, {kind: 'time-of-use', bands} or {kind: 'series', pricesPerKwh}");
  }
  if (schedule.kind === 'series') {
    const p = schedule.pricesPerKwh;
    if (!(Array.isArray(p) || p instanceof Float64Array) || p.length === 0) {
      throw scheduleError(`${path}.pricesPerKwh`, p, 'must be a non-empty array of prices');
    }
    for (let i = 0; i < p.length; i++) {
      if (typeof p[i] !== 'number' || !Number.isFinite(p[i])) throw scheduleError(`${path}.pricesPerKwh[${i}]`, p[i], 'must be a finite number');
    }
    return;
  }
  if (schedule.kind !== 'time-of-use') throw scheduleError(`${path}.kind`, (schedule as { kind: unknown }).kind, "must be 'time-of-use' or 'series'");
  const bands = schedule.bands;
  if (!Array.isArray(bands) || bands.length === 0) throw scheduleError(`${path}.bands`, bands, 'must be a non-empty array');
  // Coverage is checked on a minute grid: every minute of the day must fall in exactly one band.
  const cover = new Uint8Array(24 * 60);
  bands.forEach((b, i) => {
    const at = `${path}.bands[${i}]`;
    for (const f of ['fromHour', 'toHour'] as const) {
      const h = b?.[f];
      if (typeof h !== 'number' || !(h >= 0 && h <= 24)) throw scheduleError(`${at}.${f}`, h, 'must be an hour in [0, 24]');
    }
    if (typeof b.pricePerKwh !== 'number' || !Number.isFinite(b.pricePerKwh)) throw scheduleError(`${at}.pricePerKwh`, b.pricePerKwh, 'must be a finite number');
    const from = Math.round(b.fromHour * 60);
    let to = Math.round(b.toHour * 60);
    if (to <= from) to += 24 * 60;
    for (let m = from; m < to; m++) cover[m % (24 * 60)]++;
  });
  const gap = cover.findIndex((c) => c !== 1);
  if (gap >= 0) {
    throw scheduleError(`${path}.bands`, `hour ${(gap / 60).toFixed(2)}`,
      cover[gap] === 0 ? 'the bands leave this time of day uncovered' : 'two bands cover this time of day');
  }
}

/**
 * The price of a (validated) schedule in market interval `interval` (series index) starting at local `hourOfDay`
 * (time-of-use), currency per kWh. A series shorter than the run is an error, never a wrap-around.
 */
export function priceAt(schedule: PriceSchedule, interval: number, hourOfDay: number, path = 'price'): number {
  if (typeof schedule === 'number') return schedule;
  if (schedule.kind === 'series') {
    const p = schedule.pricesPerKwh;
    if (!(Number.isInteger(interval) && interval >= 0 && interval < p.length)) {
      throw new ValidationError({ element: 'tariff', id: 'tariff', field: `${path}.pricesPerKwh`, value: interval },
        `has ${p.length} prices; interval ${interval} has none`);
    }
    return p[interval]!;
  }
  const h = ((hourOfDay % 24) + 24) % 24;
  for (const b of schedule.bands) {
    const inBand = b.toHour > b.fromHour ? h >= b.fromHour && h < b.toHour : h >= b.fromHour || h < b.toHour;
    if (inBand) return b.pricePerKwh;
  }
  // Unreachable for a validated schedule (the bands cover the day); a typed error rather than a silent NaN.
  throw new ValidationError({ element: 'tariff', id: 'tariff', field: `${path}.bands`, value: hourOfDay }, 'no band covers this hour');
}
