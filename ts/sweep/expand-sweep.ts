/**
 * Expands a sweep into its runs, in grid order: each run's scenario is the base with the run's values set, then its
 * generators applied, then validated (defaults filled in). Every run is checked before anything runs; a bad value is
 * reported where the sweep file wrote it (`vary["market.mechanism"][1]`), a bad base at `base.<field>`.
 */
import { ValidationError } from '../errors.js';
import type { ScenarioFiles } from '../sim/engine/simulation-deps.js';
import type { Scenario } from '../sim/scenario/scenario-schema.js';
import { ScenarioValidationError, validateScenario } from '../sim/scenario/validate-scenario.js';
import { scenarioFieldOf, setPath } from './dotted-path.js';
import { GENERATOR_PREFIX, SWEEP_GENERATORS } from './sweep-generators.js';
import { sweepError, type SweepSpec } from './sweep-file.js';
import { runKey } from './run-key.js';

/** One run of a sweep, ready to execute anywhere: no file paths are left to read. */
export interface SweepRun {
  /** Position in grid order (0-based). */
  index: number;
  /** The run's axis values, by axis key (the sweep file's keys). */
  params: Record<string, unknown>;
  /** The validated scenario. */
  scenario: Scenario;
  /** Contents of the files the scenario names (MATPOWER case, meter CSVs), by the path written in the scenario. */
  files: Record<string, string>;
  /** Result key (run-key.ts). */
  key: string;
}

/** The paths a scenario reads: a MATPOWER network and meter-CSV loads. */
export function scenarioFilePaths(s: Scenario): string[] {
  const paths = new Set<string>();
  if (/\.(m|json)$/i.test(s.network)) paths.add(s.network);
  for (const p of s.prosumers) if (p.load.kind === 'csv') paths.add(p.load.path);
  return [...paths];
}

/** Where in the sweep file a value comes from: [field, value] per axis key of one run. */
type Origin = Map<string, [string, unknown]>;

function grid(spec: SweepSpec): { params: Record<string, unknown>; origin: Origin }[] {
  const combos = spec.combinations.length > 0 ? spec.combinations.map((c, i) => ({ c, i })) : [{ c: {} as Record<string, unknown>, i: -1 }];
  const out: { params: Record<string, unknown>; origin: Origin }[] = [];
  for (const { c, i } of combos) {
    const rec = (axis: number, params: Record<string, unknown>, origin: Origin): void => {
      if (axis === spec.vary.length) {
        out.push({ params: { ...params }, origin: new Map(origin) });
        return;
      }
      const [key, values] = spec.vary[axis]!;
      values.forEach((v, j) => {
        params[key] = v;
        origin.set(key, [`vary[${JSON.stringify(key)}][${j}]`, v]);
        rec(axis + 1, params, origin);
      });
      delete params[key];
      origin.delete(key);
    };
    const params: Record<string, unknown> = {};
    const origin: Origin = new Map();
    for (const [k, v] of Object.entries(c)) {
      params[k] = v;
      origin.set(k, [`combinations[${i}][${JSON.stringify(k)}]`, v]);
    }
    rec(0, params, origin);
  }
  return out;
}

/** Maps a scenario error to the sweep field that caused it (an axis whose path is a prefix of the field, else the base). */
function locate(spec: SweepSpec, e: ValidationError, origin: Origin): ValidationError {
  const problem = e.message.slice(e.message.lastIndexOf(': ') + 2);
  for (const [key, [field, value]] of origin) {
    if (key.startsWith(GENERATOR_PREFIX)) continue;
    const f = scenarioFieldOf(key);
    if (e.field === f || e.field.startsWith(f + '.') || e.field.startsWith(f + '[')) {
      const sub = e.field === f ? '' : ` (${e.field})`;
      return sweepError(spec.name, field, value, `${problem}${sub}`);
    }
  }
  return sweepError(spec.name, `base.${e.field}`, e.value, problem);
}

/** Expands and validates every run; `files` reads the base's files (needed only when the scenario names some). */
export function expandSweep(spec: SweepSpec, base: Record<string, unknown>, files?: ScenarioFiles): SweepRun[] {
  const contents = new Map<string, string>();
  return grid(spec).map(({ params, origin }, index) => {
    const input = structuredClone(base);
    for (const [key, value] of Object.entries(params)) {
      if (key.startsWith(GENERATOR_PREFIX)) continue;
      const problem = setPath(input, key, value);
      if (problem !== null) throw sweepError(spec.name, origin.get(key)![0], key, problem);
    }
    for (const [key, value] of Object.entries(params)) {
      if (!key.startsWith(GENERATOR_PREFIX)) continue;
      const problem = SWEEP_GENERATORS[key.slice(GENERATOR_PREFIX.length)]!(input, value);
      if (problem !== null) throw sweepError(spec.name, origin.get(key)![0], value, problem);
    }
    let scenario: Scenario;
    try {
      scenario = validateScenario(input);
    } catch (e) {
      if (e instanceof ScenarioValidationError) throw locate(spec, e.errors[0]!, origin);
      throw e;
    }
    const own: Record<string, string> = {};
    for (const path of scenarioFilePaths(scenario)) {
      let text = contents.get(path);
      if (text === undefined) {
        if (!files) throw sweepError(spec.name, 'base', path, `the scenario reads '${path}': give the base as a file path (or run from the CLI)`);
        try {
          text = files.readText(files.resolve(path));
        } catch (err) {
          throw sweepError(spec.name, 'base', path, `cannot read ${files.resolve(path)}: ${(err as Error).message}`);
        }
        contents.set(path, text);
      }
      own[path] = text;
    }
    return { index, params, scenario, files: own, key: runKey(scenario, own) };
  });
}

/** The axis keys of a sweep in column order (combination keys first, as first seen, then the vary axes). */
export function sweepAxes(spec: SweepSpec): string[] {
  const keys: string[] = [];
  for (const c of spec.combinations) for (const k of Object.keys(c)) if (!keys.includes(k)) keys.push(k);
  for (const [k] of spec.vary) keys.push(k);
  return keys;
}
