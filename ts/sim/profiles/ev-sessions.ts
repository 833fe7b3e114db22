/**
 * Seeded home-charging sessions of one electric vehicle: for each local day of the horizon, with probability
 * `plugInProbability`, the car arrives home in the evening (N(`arrivalMeanHour`, `arrivalSdHours`), clipped to
 * [12, 23.75] h), leaves the next morning (N(`departureMeanHour`, `departureSdHours`), clipped to [4, 11] h) and needs
 * the energy it used that day: a log-normal daily distance (median `medianDailyKm`, log-σ `distanceLogSd`) times
 * `kwhPerKm`, capped at `batteryKwh`. Whether the charger can deliver that energy in the window is reported
 * (`feasible`), never adjusted silently. Times are local standard time (`utcOffsetHours`, no DST).
 */
import { ValidationError } from '../../errors.js';
import type { Rng } from '../../random.js';
import { MS_PER_HOUR, type TimeGrid } from './time-grid.js';

/** Options of the EV session generator. */
export interface EvSessionOptions {
  /** Local standard time offset from UTC, hours (default 1). */
  utcOffsetHours?: number;
  /** Mean arrival time, local hour (default 18). */
  arrivalMeanHour?: number;
  /** σ of the arrival time, hours (default 1.5). */
  arrivalSdHours?: number;
  /** Mean departure time next morning, local hour (default 7.5). */
  departureMeanHour?: number;
  /** σ of the departure time, hours (default 1). */
  departureSdHours?: number;
  /** Median daily distance, km (default 30). */
  medianDailyKm?: number;
  /** σ of log(distance) (default 0.6). */
  distanceLogSd?: number;
  /** Consumption, kWh/km (default 0.18). */
  kwhPerKm?: number;
  /** Usable battery capacity, kWh (default 60): caps the energy need. */
  batteryKwh?: number;
  /** Charger rating, kW (default 11). */
  chargerKw?: number;
  /** Probability the car is driven and plugged in on a given day (default 0.9). */
  plugInProbability?: number;
}

/** One charging session: the car is plugged in from arrival to departure and needs `energyKwh`. */
export interface EvSession {
  /** Index of the local day the session starts on (0 = the grid's first local day). */
  day: number;
  /** Arrival instant, ms since the epoch (UTC). */
  arrivalMs: number;
  /** Departure instant, ms since the epoch (UTC). */
  departureMs: number;
  /** First grid step the car is plugged in for (the step containing arrival). */
  arrivalStep: number;
  /** First grid step after departure (exclusive end; may exceed grid.steps when it leaves after the horizon). */
  departureStep: number;
  /** Energy the car needs by departure, kWh. */
  energyKwh: number;
  /** Charger rating, kW. */
  chargerKw: number;
  /** Whether chargerKw × plugged-in hours ≥ energyKwh. */
  feasible: boolean;
}

function clip(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

/**
 * EV home-charging sessions whose arrival falls within `grid`, in time order. Draws a fixed number of values per day
 * from `rng`, so the same seed gives the same sessions; pass `rng.fork(evId)` per vehicle.
 */
export function evSessions(grid: TimeGrid, rng: Rng, options: EvSessionOptions = {}): EvSession[] {
  const o = {
    utcOffsetHours: 1, arrivalMeanHour: 18, arrivalSdHours: 1.5, departureMeanHour: 7.5, departureSdHours: 1,
    medianDailyKm: 30, distanceLogSd: 0.6, kwhPerKm: 0.18, batteryKwh: 60, chargerKw: 11, plugInProbability: 0.9,
    ...options,
  };
  for (const [field, value] of Object.entries(o)) {
    const v = value as number;
    const ok =
      Number.isFinite(v) &&
      (field === 'plugInProbability' ? v >= 0 && v <= 1 : field === 'utcOffsetHours' ? Math.abs(v) <= 14 : v >= 0);
    if (!ok) throw new ValidationError({ element: 'ev', id: 'options', field, value: v }, 'out of range');
  }
  if (!(o.chargerKw > 0)) throw new ValidationError({ element: 'ev', id: 'options', field: 'chargerKw', value: o.chargerKw, unit: 'kW' }, 'must be > 0');
  const offMs = o.utcOffsetHours * MS_PER_HOUR;
  const endMs = grid.timeMs(grid.steps);
  const firstDay = Math.floor((grid.startMs + offMs) / 86_400_000);
  const lastDay = Math.floor((endMs - 1 + offMs) / 86_400_000);
  const sessions: EvSession[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    // Always draw the same count per day, so one day's outcome never shifts the next day's draws.
    const plug = rng.next();
    const arr = clip(rng.normal(o.arrivalMeanHour, o.arrivalSdHours), 12, 23.75);
    const dep = clip(rng.normal(o.departureMeanHour, o.departureSdHours), 4, 11);
    const km = o.medianDailyKm * Math.exp(rng.normal(0, o.distanceLogSd));
    if (plug >= o.plugInProbability) continue;
    const midnightUtc = day * 86_400_000 - offMs;
    const arrivalMs = midnightUtc + arr * MS_PER_HOUR;
    const departureMs = midnightUtc + (24 + dep) * MS_PER_HOUR;
    if (arrivalMs < grid.startMs || arrivalMs >= endMs) continue;
    const energyKwh = Math.min(o.batteryKwh, km * o.kwhPerKm);
    sessions.push({
      day: day - firstDay,
      arrivalMs,
      departureMs,
      arrivalStep: grid.stepAt(arrivalMs),
      departureStep: Math.ceil((departureMs - grid.startMs) / (grid.dtHours * MS_PER_HOUR) - 1e-9),
      energyKwh,
      chargerKw: o.chargerKw,
      feasible: o.chargerKw * ((departureMs - arrivalMs) / MS_PER_HOUR) >= energyKwh,
    });
  }
  return sessions;
}

/**
 * Reference "charge immediately at full power on arrival" demand, kW per step, for `sessions` on `grid` (charging
 * energy at the plug; the efficiency of the charger is the caller's concern). Steps only partly inside a session
 * get the pro-rated average power.
 */
export function immediateChargingKw(grid: TimeGrid, sessions: readonly EvSession[]): Float64Array {
  const out = new Float64Array(grid.steps);
  const stepMs = grid.dtHours * MS_PER_HOUR;
  for (const s of sessions) {
    let remaining = s.energyKwh;
    for (let i = Math.max(0, s.arrivalStep); i < Math.min(grid.steps, s.departureStep) && remaining > 0; i++) {
      const t0 = Math.max(grid.timeMs(i), s.arrivalMs);
      const t1 = Math.min(grid.timeMs(i) + stepMs, s.departureMs);
      const kwh = Math.min(remaining, (s.chargerKw * Math.max(0, t1 - t0)) / MS_PER_HOUR);
      out[i] = out[i]! + kwh / grid.dtHours;
      remaining -= kwh;
    }
  }
  return out;
}
