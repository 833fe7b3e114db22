/**
 * The time axis of a simulation: `steps` consecutive intervals of `dtHours` starting at `startIso` (UTC). Step i
 * covers [start + i·dt, start + (i+1)·dt). Profiles are average power over each step in kW, so a step's energy is
 * kW · dtHours. Calendar fields are computed in UTC plus a fixed offset (no daylight saving time: a simulation clock
 * must not have 23- or 25-hour days; give loads a local standard-time offset instead).
 */
import { ValidationError } from '../../errors.js';

/** Milliseconds per hour. */
export const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Options that define a time grid. */
export interface TimeGridOptions {
  /** Start instant, ISO 8601 (with 'Z' or an offset; a bare date-time is read as UTC). */
  startIso: string;
  /** Number of steps (positive integer). */
  steps: number;
  /** Step length, hours (e.g. 0.25 for 15 minutes). */
  dtHours: number;
}

/** A validated time axis: start (UTC), step count and step length in hours. */
export class TimeGrid {
  /** Start instant as given. */
  readonly startIso: string;
  /** Start instant, milliseconds since the Unix epoch (UTC). */
  readonly startMs: number;
  /** Number of steps. */
  readonly steps: number;
  /** Step length, hours. */
  readonly dtHours: number;

  constructor(options: TimeGridOptions) {
    const { startIso, steps, dtHours } = options;
    const ms = typeof startIso === 'string' ? parseIsoInstantMs(startIso, 0) : NaN;
    if (!Number.isFinite(ms)) {
      throw new ValidationError({ element: 'time grid', id: 'grid', field: 'startIso', value: startIso }, 'expected an ISO 8601 date-time such as 2024-01-01T00:00:00Z');
    }
    if (!Number.isInteger(steps) || steps < 1) {
      throw new ValidationError({ element: 'time grid', id: 'grid', field: 'steps', value: steps }, 'expected a positive integer');
    }
    if (!(dtHours > 0) || !Number.isFinite(dtHours) || dtHours > 24) {
      throw new ValidationError({ element: 'time grid', id: 'grid', field: 'dtHours', value: dtHours, unit: 'h' }, 'expected a step length in (0, 24] hours');
    }
    this.startIso = startIso;
    this.startMs = ms;
    this.steps = steps;
    this.dtHours = dtHours;
  }

  /** Start of step i, ms since the epoch (UTC). */
  timeMs(i: number): number {
    return this.startMs + i * this.dtHours * MS_PER_HOUR;
  }

  /** Horizon length, hours. */
  get hours(): number {
    return this.steps * this.dtHours;
  }

  /** Day of year (1..366) of the instant `ms` shifted by `utcOffsetHours`. */
  static dayOfYear(ms: number, utcOffsetHours = 0): number {
    const t = ms + utcOffsetHours * MS_PER_HOUR;
    const d = new Date(t);
    return Math.floor((t - Date.UTC(d.getUTCFullYear(), 0, 1)) / MS_PER_DAY) + 1;
  }

  /** Hour of day in [0, 24) (fractional) of the instant `ms` shifted by `utcOffsetHours`. */
  static hourOfDay(ms: number, utcOffsetHours = 0): number {
    const t = ms + utcOffsetHours * MS_PER_HOUR;
    return (((t % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HOUR;
  }

  /** Day of week 0 = Sunday .. 6 = Saturday of the instant `ms` shifted by `utcOffsetHours`. */
  static dayOfWeek(ms: number, utcOffsetHours = 0): number {
    return new Date(ms + utcOffsetHours * MS_PER_HOUR).getUTCDay();
  }

  /**
   * Per-step calendar columns at the START of each step, in UTC shifted by `utcOffsetHours`: day of year (1..366),
   * hour of day [0, 24), day of week (0 = Sunday) and the day index since the grid's first (shifted) midnight.
   */
  axes(utcOffsetHours = 0): TimeGridAxes {
    const n = this.steps;
    const dayOfYear = new Int16Array(n);
    const hourOfDay = new Float64Array(n);
    const dayOfWeek = new Int8Array(n);
    const dayIndex = new Int32Array(n);
    const firstMidnight = Math.floor((this.startMs + utcOffsetHours * MS_PER_HOUR) / MS_PER_DAY);
    for (let i = 0; i < n; i++) {
      const ms = this.timeMs(i);
      dayOfYear[i] = TimeGrid.dayOfYear(ms, utcOffsetHours);
      hourOfDay[i] = TimeGrid.hourOfDay(ms, utcOffsetHours);
      dayOfWeek[i] = TimeGrid.dayOfWeek(ms, utcOffsetHours);
      dayIndex[i] = Math.floor((ms + utcOffsetHours * MS_PER_HOUR) / MS_PER_DAY) - firstMidnight;
    }
    return { dayOfYear, hourOfDay, dayOfWeek, dayIndex };
  }

  /** Index of the step containing the instant `ms` (may be < 0 or ≥ steps when outside the horizon). */
  stepAt(ms: number): number {
    return Math.floor((ms - this.startMs) / (this.dtHours * MS_PER_HOUR) + 1e-9);
  }
}

/** Calendar columns of a time grid, one value per step. */
export interface TimeGridAxes {
  /** Day of year, 1..366. */
  dayOfYear: Int16Array;
  /** Hour of day, [0, 24). */
  hourOfDay: Float64Array;
  /** Day of week, 0 = Sunday .. 6 = Saturday. */
  dayOfWeek: Int8Array;
  /** Days since the first midnight at or before the grid start. */
  dayIndex: Int32Array;
}

let cachedDay = Number.NaN;
let cachedDoy = 0;

/**
 * Day of year (1..366) of the UTC instant `ms`. Hot loops call this per sample; a one-entry cache of the day number
 * avoids a Date per call (the day changes once per 24 h of samples).
 */
export function utcDayOfYear(ms: number): number {
  const day = Math.floor(ms / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDoy = day - Math.floor(Date.UTC(new Date(ms).getUTCFullYear(), 0, 1) / 86_400_000) + 1;
  }
  return cachedDoy;
}

/** Day of week (0 = Sunday) of the UTC instant `ms`, without a Date (1970-01-01 was a Thursday). */
export function utcDayOfWeek(ms: number): number {
  return (((Math.floor(ms / 86_400_000) + 4) % 7) + 7) % 7;
}

/** Hour of day [0, 24) of the UTC instant `ms`. */
export function utcHourOfDay(ms: number): number {
  return (((ms % 86_400_000) + 86_400_000) % 86_400_000) / MS_PER_HOUR;
}

/** Creates a validated time grid. */
export function createTimeGrid(options: TimeGridOptions): TimeGrid {
  return new TimeGrid(options);
}

/** Converts a kW series (average power per step) to kWh per step. */
export function kwToKwhPerStep(kw: Float64Array, dtHours: number): Float64Array {
  const out = new Float64Array(kw.length);
  for (let i = 0; i < kw.length; i++) out[i] = kw[i]! * dtHours;
  return out;
}

/** Converts kWh per step to average power in kW. */
export function kwhPerStepToKw(kwh: Float64Array, dtHours: number): Float64Array {
  const out = new Float64Array(kwh.length);
  for (let i = 0; i < kwh.length; i++) out[i] = kwh[i]! / dtHours;
  return out;
}

/** Total energy of a kW series over its steps, kWh. */
export function energyKwh(kw: Float64Array, dtHours: number): number {
  let s = 0;
  for (let i = 0; i < kw.length; i++) s += kw[i]!;
  return s * dtHours;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** The parts of an ISO 8601 date-time: its wall-clock time read as if UTC, and its offset if it has one. */
export interface IsoParts {
  /** Wall-clock date and time as ms since the epoch as if it were UTC. */
  wallMs: number;
  /** Explicit offset from UTC in minutes ('Z' = 0), or null when the text has none. */
  offsetMinutes: number | null;
}

/**
 * Splits an ISO 8601 date or date-time into wall-clock time and offset, or returns null. Accepts 'T' or a space
 * between date and time, optional seconds and fractions, and 'Z' / ±hh / ±hh:mm / ±hhmm offsets; rejects impossible
 * dates (2023-02-29) and fields out of range.
 */
export function parseIsoParts(text: string): IsoParts | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = m[4] === undefined ? 0 : +m[4];
  const minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  const frac = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || frac !== 0)) return null;
  const dateMs = Date.UTC(year, month - 1, day);
  if (new Date(dateMs).getUTCDate() !== day) return null; // 2023-02-30 and friends
  let offsetMinutes: number | null = null;
  const z = m[8];
  if (z === 'Z' || z === 'z') offsetMinutes = 0;
  else if (z !== undefined) {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 18 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return { wallMs: dateMs + ((hour * 60 + minute) * 60 + second + frac) * 1000, offsetMinutes };
}

/**
 * Parses an ISO 8601 date or date-time to ms since the epoch, or NaN (see parseIsoParts for the forms accepted).
 * A time without an offset is read at the fixed `naiveOffsetHours` (0 = UTC). Hand-written rather than Date.parse,
 * whose treatment of offset-less strings differs between runtimes (local time vs UTC).
 */
export function parseIsoInstantMs(text: string, naiveOffsetHours = 0): number {
  const p = parseIsoParts(text);
  if (!p) return NaN;
  return p.wallMs - (p.offsetMinutes ?? naiveOffsetHours * 60) * 60_000;
}

const ZONE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Offset of IANA time zone `timeZone` from UTC at instant `ms`, minutes (throws RangeError for an unknown zone). */
export function timeZoneOffsetMinutes(timeZone: string, ms: number): number {
  let f = ZONE_FORMATS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    ZONE_FORMATS.set(timeZone, f);
  }
  const whole = Math.floor(ms / 1000) * 1000;
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  for (const part of f.formatToParts(new Date(whole))) {
    const v = +part.value;
    if (part.type === 'year') y = v;
    else if (part.type === 'month') mo = v;
    else if (part.type === 'day') d = v;
    else if (part.type === 'hour') h = v;
    else if (part.type === 'minute') mi = v;
    else if (part.type === 'second') se = v;
  }
  return (Date.UTC(y, mo - 1, d, h, mi, se) - whole) / 60_000;
}

/**
 * The instants at which the wall-clock time `wallMs` (ms as if UTC) occurs in IANA zone `timeZone`, ascending:
 * one normally, none in a spring-forward gap, two in a fall-back overlap.
 */
export function localTimeInstants(wallMs: number, timeZone: string): number[] {
  const out: number[] = [];
  for (const probe of [wallMs - 86_400_000, wallMs + 86_400_000]) {
    const t = wallMs - timeZoneOffsetMinutes(timeZone, probe) * 60_000;
    if (t + timeZoneOffsetMinutes(timeZone, t) * 60_000 === wallMs && !out.includes(t)) out.push(t);
  }
  return out.sort((a, b) => a - b);
}
