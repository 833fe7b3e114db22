/**
 * Input checks shared by the optimal schedules (battery-schedule/1, ev-schedule/1): every error names the format,
 * the field with its index, the value and the unit.
 */
import { ValidationError } from '../errors.js';

/** Throws a ValidationError for field `field` of a schedule problem in format `format`. */
export function scheduleError(format: string, field: string, value: unknown, problem: string, unit?: string): never {
  throw new ValidationError({ element: format, id: 'problem', field, value, unit }, problem);
}

/** Checks a number field: finite, and ≥ min / > 0 when asked. */
export function checkNumber(format: string, field: string, v: unknown, unit: string, rule: 'any' | 'nonnegative' | 'positive' = 'any'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) scheduleError(format, field, v, 'must be a finite number', unit);
  if (rule === 'nonnegative' && v < 0) scheduleError(format, field, v, 'must be ≥ 0', unit);
  if (rule === 'positive' && v <= 0) scheduleError(format, field, v, 'must be > 0', unit);
  return v;
}

/** Checks a series of length n (n = -1: any length ≥ 1) and returns it as a Float64Array. */
export function checkSeries(format: string, field: string, v: unknown, n: number, unit: string, rule: 'any' | 'nonnegative' = 'any'): Float64Array {
  if (!Array.isArray(v) && !(v instanceof Float64Array)) scheduleError(format, field, v, 'must be an array of numbers', unit);
  const a = v as ArrayLike<unknown>;
  if (n < 0 ? a.length < 1 : a.length !== n) scheduleError(format, field, a.length, n < 0 ? 'must have at least one interval' : `must have one value per interval (${n})`);
  const out = new Float64Array(a.length);
  for (let t = 0; t < a.length; t++) out[t] = checkNumber(format, `${field}[${t}]`, a[t], unit, rule);
  return out;
}

/** A limit that may be null (no limit): returns +Infinity for null. */
export function checkLimit(format: string, field: string, v: unknown, unit: string): number {
  if (v === null) return Infinity;
  return checkNumber(format, field, v, unit, 'nonnegative');
}
