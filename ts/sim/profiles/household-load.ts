/**
 * Synthetic household electricity demand, average kW per step.
 *
 * Shape and assumptions (documented so users can judge fitness):
 * - Daily shape: hourly relative values for weekdays and for weekends, read off the published form of the German
 *   BDEW H0 standard load profile (VDEW 1999, "Repräsentative VDEW-Lastprofile"): a night base of about 0.4× the
 *   daily mean at 03-05 h, a morning ramp to ~1.1× at 07-09 h, a midday plateau (higher at weekends, when people are
 *   at home), and the evening peak of ~1.7× at 19-20 h. The values are approximations of that shape, not the
 *   quarter-hourly table; each day type is normalised to mean 1. Hours are local standard time (`utcOffsetHours`).
 * - Season: a cosine with relative amplitude `seasonalAmplitude` (default 0.2), peaking on `winterPeakDayOfYear`
 *   (default 15, northern hemisphere; use ~196 for the southern hemisphere). The default brackets H0's dynamisation
 *   factor, which runs from ~1.24 in January to ~0.8 in summer.
 * - Scale: the deterministic profile has mean 1 over a week and a year, so the household's expected annual energy is
 *   `annualKwh` (exact over a full year up to the noise; the noise has mean 1).
 * - Noise (seeded, multiplicative, so load is never negative): a daily log-normal factor (σ `dailySigma`) and an AR(1)
 *   process in log space with correlation time `noiseCorrelationHours` and stationary σ `noiseSigma`, each
 *   bias-corrected (exp(x − σ²/2)) to mean 1. Each household's shape is shifted in time by a seeded N(0,
 *   `timeShiftSdHours`) offset (clipped to ±3 σ) so a community's aggregate is smoother than one house.
 */
import { ValidationError } from '../../errors.js';
import type { Rng } from '../../random.js';
import { MS_PER_HOUR, utcDayOfWeek, utcDayOfYear, utcHourOfDay, type TimeGrid } from './time-grid.js';

/** Options of the synthetic household load. */
export interface HouseholdLoadOptions {
  /** Expected annual consumption, kWh/yr (default 3500; typical range 2,000–6,000). */
  annualKwh?: number;
  /** Local standard time offset from UTC, hours (default 1, Central European Time without DST). */
  utcOffsetHours?: number;
  /** Relative seasonal amplitude (default 0.2 → winter 1.2×, summer 0.8× the annual mean). */
  seasonalAmplitude?: number;
  /** Day of year of the seasonal maximum (default 15: northern hemisphere winter). */
  winterPeakDayOfYear?: number;
  /** Stationary σ of the intra-day log-noise (default 0.3). */
  noiseSigma?: number;
  /** Correlation time of the intra-day noise, hours (default 1). */
  noiseCorrelationHours?: number;
  /** σ of the daily log-normal level factor (default 0.1). */
  dailySigma?: number;
  /** σ of the household's time shift of the daily shape, hours (default 0.5). */
  timeShiftSdHours?: number;
}

// Relative demand at the centre of each local hour (00:30, 01:30, …), before normalisation.
const WEEKDAY_SHAPE = [
  0.62, 0.48, 0.42, 0.4, 0.4, 0.45, 0.7, 1.05, 1.1, 1.0, 0.98, 1.05, 1.15, 1.05, 0.95, 0.92, 1.0, 1.25, 1.55, 1.7,
  1.6, 1.4, 1.1, 0.8,
];
const WEEKEND_SHAPE = [
  0.7, 0.55, 0.46, 0.42, 0.4, 0.42, 0.5, 0.7, 0.98, 1.2, 1.25, 1.3, 1.4, 1.25, 1.05, 1.0, 1.05, 1.25, 1.5, 1.6, 1.5,
  1.35, 1.1, 0.85,
];

function normalised(shape: number[]): Float64Array {
  // Mean of the piecewise-linear interpolation through hour centres (periodic) equals the mean of the points.
  const mean = shape.reduce((a, b) => a + b, 0) / shape.length;
  return Float64Array.from(shape, (v) => v / mean);
}
const WEEKDAY = normalised(WEEKDAY_SHAPE);
const WEEKEND = normalised(WEEKEND_SHAPE);

/** Relative demand (mean 1 over a day) at local hour `h` ∈ [0, 24) of a weekday or weekend day. */
export function dailyLoadShape(h: number, weekend: boolean): number {
  const s = weekend ? WEEKEND : WEEKDAY;
  const x = (((h - 0.5) % 24) + 24) % 24; // hour centres sit at k + 0.5
  const k = Math.floor(x);
  const f = x - k;
  return s[k]! * (1 - f) + s[(k + 1) % 24]! * f;
}

/** Seasonal factor (mean ≈ 1 over a year) on day of year `doy`. */
export function seasonalLoadFactor(doy: number, amplitude = 0.2, peakDay = 15): number {
  return 1 + amplitude * Math.cos((2 * Math.PI * (doy - peakDay)) / 365.25);
}

function check(name: string, v: number, ok: boolean, unit?: string): void {
  if (!ok) throw new ValidationError({ element: 'household load', id: 'options', field: name, value: v, unit }, 'out of range');
}

/**
 * Synthetic household load on `grid`: average power per step, kW (never negative). Draws from `rng` in a fixed
 * order, so the same seed gives the same series everywhere; pass `rng.fork(householdId)` per household.
 */
export function householdLoadKw(grid: TimeGrid, rng: Rng, options: HouseholdLoadOptions = {}): Float64Array {
  const annualKwh = options.annualKwh ?? 3500;
  const offset = options.utcOffsetHours ?? 1;
  const amp = options.seasonalAmplitude ?? 0.2;
  const peakDay = options.winterPeakDayOfYear ?? 15;
  const sigma = options.noiseSigma ?? 0.3;
  const tau = options.noiseCorrelationHours ?? 1;
  const daySigma = options.dailySigma ?? 0.1;
  const shiftSd = options.timeShiftSdHours ?? 0.5;
  check('annualKwh', annualKwh, annualKwh >= 0 && Number.isFinite(annualKwh), 'kWh');
  check('utcOffsetHours', offset, Math.abs(offset) <= 14, 'h');
  check('seasonalAmplitude', amp, amp >= 0 && amp < 1);
  check('winterPeakDayOfYear', peakDay, Number.isFinite(peakDay));
  check('noiseSigma', sigma, sigma >= 0 && sigma <= 2);
  check('noiseCorrelationHours', tau, tau > 0 && Number.isFinite(tau), 'h');
  check('dailySigma', daySigma, daySigma >= 0 && daySigma <= 2);
  check('timeShiftSdHours', shiftSd, shiftSd >= 0 && shiftSd <= 6, 'h');

  const n = grid.steps;
  const dt = grid.dtHours;
  const out = new Float64Array(n);
  const baseKw = annualKwh / 8760;
  const shift = Math.max(-3 * shiftSd, Math.min(3 * shiftSd, rng.normal(0, shiftSd)));
  const sub = Math.max(1, Math.ceil(dt / 0.25)); // sample the shape every ≤ 15 min within a step
  const phi = Math.exp(-dt / tau);
  const innov = sigma * Math.sqrt(1 - phi * phi);
  let x = rng.normal(0, sigma); // start in the stationary distribution
  let lastDay = Number.NaN;
  let dayFactor = 1;
  for (let i = 0; i < n; i++) {
    const startMs = grid.timeMs(i) + offset * MS_PER_HOUR;
    const day = Math.floor(startMs / 86_400_000);
    if (day !== lastDay) {
      lastDay = day;
      dayFactor = Math.exp(rng.normal(0, daySigma) - (daySigma * daySigma) / 2);
    }
    let shape = 0;
    for (let k = 0; k < sub; k++) {
      const ms = startMs + ((k + 0.5) / sub) * dt * MS_PER_HOUR - shift * MS_PER_HOUR;
      const dow = utcDayOfWeek(ms);
      shape += dailyLoadShape(utcHourOfDay(ms), dow === 0 || dow === 6) * seasonalLoadFactor(utcDayOfYear(ms), amp, peakDay);
    }
    shape /= sub;
    x = phi * x + innov * rng.normal();
    out[i] = baseKw * shape * dayFactor * Math.exp(x - (sigma * sigma) / 2);
  }
  return out;
}
