/**
 * The sweep file, format `peergrid-sweep/1`:
 *
 *   { "format": "peergrid-sweep/1",
 *     "base": <a scenario object, or the path of a scenario file relative to the sweep file>,
 *     "vary": { "market.mechanism": ["uniform", "sdr"], "seed": [1, 2, 3], "generator.pvShare": [0.2, 0.4] },
 *     "combinations": [ { "market.mechanism": "uniform", "market.k": 0.3 }, … ] }
 *
 * `vary` spans the full grid of its axes (first axis slowest, in the file's key order). `combinations` (optional)
 * lists runs explicitly; with both, every combination is crossed with the grid (combination slowest). Keys are
 * dotted paths into the scenario (dotted-path.ts) or named generators (`generator.<name>`, sweep-generators.ts).
 * This file checks the shape; expand-sweep.ts resolves and validates every run's scenario.
 */
import { ValidationError } from '../errors.js';
import { GENERATOR_PREFIX, SWEEP_GENERATORS } from './sweep-generators.js';
import { splitPath } from './dotted-path.js';

/** The format tag of a sweep file. */
export const SWEEP_FORMAT = 'peergrid-sweep/1';

/** Largest number of runs one sweep may expand to. */
export const MAX_SWEEP_RUNS = 1_000_000;

/** A checked sweep file (base not yet loaded when it is a path). */
export interface SweepSpec {
  /** Name used in messages (the file's path, or 'sweep'). */
  name: string;
  /** The base scenario object, or its path as written. */
  base: Record<string, unknown> | string;
  /** Axes in file order: key → values. */
  vary: [string, unknown[]][];
  /** Listed combinations (key → value), or [] for none. */
  combinations: Record<string, unknown>[];
}

/** A ValidationError located in a sweep file (`field` is e.g. `vary["seed"][2]`). */
export function sweepError(name: string, field: string, value: unknown, problem: string): ValidationError {
  return new ValidationError({ element: 'sweep', id: name, field, value }, problem);
}

function checkKey(name: string, key: string, field: string): void {
  if (key.startsWith(GENERATOR_PREFIX)) {
    const g = key.slice(GENERATOR_PREFIX.length);
    if (!Object.prototype.hasOwnProperty.call(SWEEP_GENERATORS, g)) {
      throw sweepError(name, field, key, `unknown generator '${g}' (known: ${Object.keys(SWEEP_GENERATORS).join(', ')})`);
    }
  } else if (splitPath(key) === null) {
    throw sweepError(name, field, key, 'expected a dotted path into the scenario such as market.mechanism');
  }
}

/** Checks the shape of a parsed sweep file; throws a located ValidationError. */
export function parseSweepSpec(input: unknown, name = 'sweep'): SweepSpec {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw sweepError(name, '(sweep)', input, 'expected a JSON object');
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['format', 'base', 'vary', 'combinations'].includes(k)) throw sweepError(name, k, o[k], `unknown field '${k}' (expected format, base, vary, combinations)`);
  }
  if (o.format !== SWEEP_FORMAT) throw sweepError(name, 'format', o.format, `expected "${SWEEP_FORMAT}"`);
  const base = o.base;
  if (typeof base === 'string' ? base === '' : base === null || typeof base !== 'object' || Array.isArray(base)) {
    throw sweepError(name, 'base', base, 'expected a scenario object or the path of a scenario file');
  }
  const vary: [string, unknown[]][] = [];
  if (o.vary !== undefined) {
    if (o.vary === null || typeof o.vary !== 'object' || Array.isArray(o.vary)) throw sweepError(name, 'vary', o.vary, 'expected an object of axis → list of values');
    for (const [key, values] of Object.entries(o.vary)) {
      const field = `vary[${JSON.stringify(key)}]`;
      checkKey(name, key, field);
      if (!Array.isArray(values) || values.length === 0) throw sweepError(name, field, values, 'expected a non-empty list of values');
      values.forEach((v, i) => {
        if (v === undefined) throw sweepError(name, `${field}[${i}]`, v, 'expected a JSON value');
      });
      vary.push([key, values]);
    }
  }
  const combinations: Record<string, unknown>[] = [];
  if (o.combinations !== undefined) {
    if (!Array.isArray(o.combinations) || o.combinations.length === 0) throw sweepError(name, 'combinations', o.combinations, 'expected a non-empty list of objects');
    o.combinations.forEach((c, i) => {
      const field = `combinations[${i}]`;
      if (c === null || typeof c !== 'object' || Array.isArray(c) || Object.keys(c).length === 0) throw sweepError(name, field, c, 'expected a non-empty object of axis → value');
      for (const key of Object.keys(c)) {
        checkKey(name, key, `${field}[${JSON.stringify(key)}]`);
        if (vary.some(([k]) => k === key)) throw sweepError(name, `${field}[${JSON.stringify(key)}]`, key, `'${key}' is also a vary axis`);
      }
      combinations.push(c as Record<string, unknown>);
    });
  }
  const count = vary.reduce((n, [, v]) => n * v.length, Math.max(1, combinations.length));
  if (count > MAX_SWEEP_RUNS) throw sweepError(name, 'vary', count, `expands to ${count} runs (at most ${MAX_SWEEP_RUNS})`);
  return { name, base: base as Record<string, unknown> | string, vary, combinations };
}
