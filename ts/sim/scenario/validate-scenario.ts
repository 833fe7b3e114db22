import type { ZodIssue } from 'zod';
import { ValidationError } from '../../errors.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

/** Thrown when a scenario has one or more bad fields; the message names the first, `errors` lists them all. */
export class ScenarioValidationError extends ValidationError {
  /** Every problem found, one ValidationError each (field = path such as 'prosumers[12].battery.capacityKwh'). */
  readonly errors: ValidationError[];
  constructor(errors: ValidationError[]) {
    const first = errors[0]!;
    super(
      { element: first.element, id: first.id, field: first.field, value: first.value, unit: first.unit },
      problemOf(first) + (errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''),
    );
    this.errors = errors;
  }
}

const problems = new WeakMap<ValidationError, string>();
function problemOf(e: ValidationError): string {
  return problems.get(e) ?? e.message;
}

/** Formats a zod path as `prosumers[12].battery.capacityKwh`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let s = '';
  for (const part of path) {
    if (typeof part === 'number') s += `[${part}]`;
    else s += s === '' ? part : `.${part}`;
  }
  return s === '' ? '(scenario)' : s;
}

/** Unit of a scenario field, read off the suffix of its name (the naming rule: units are in field names). */
export function unitOfField(field: string): string | undefined {
  const name = field.replace(/\[\d+\]$/, '').split('.').pop() ?? '';
  if (/PerKwh$/.test(name)) return 'currency/kWh';
  if (/KvarPerKw$/.test(name)) return 'kvar/kW';
  if (/Kwp$/.test(name)) return 'kWp';
  if (/Kwh$/.test(name)) return 'kWh';
  if (/Kw$/.test(name)) return 'kW';
  if (/Hours?$/.test(name)) return 'h';
  if (/Deg$/.test(name)) return '°';
  if (/Pu$/.test(name)) return 'p.u.';
  return undefined;
}

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
  let v: unknown = input;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[part];
  }
  return v;
}

function describe(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? `required (expected ${issue.expected})` : `expected ${issue.expected}, got ${issue.received}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_enum_value':
      return `expected one of ${issue.options.map((o) => `'${String(o)}'`).join(', ')}`;
    case 'invalid_union_discriminator':
      return `expected kind to be one of ${issue.options.map((o) => `'${String(o)}'`).join(', ')}`;
    case 'too_small':
      if (issue.type === 'array') return `expected at least ${issue.minimum} item(s)`;
      if (issue.type === 'string') return 'must not be empty';
      return `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`;
    case 'too_big':
      if (issue.type === 'array') return `expected at most ${issue.maximum} item(s)`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
    case 'invalid_union': {
      // Union fields: a price (number or 24 hourly prices), a bus id, or the clouds switch.
      const last = issue.path[issue.path.length - 1];
      if (typeof last === 'string' && /PricePerKwh$/.test(last)) return 'expected a number or an array of 24 numbers';
      if (last === 'bus') return 'expected a bus id (a non-empty string or an integer)';
      if (last === 'clouds') return 'expected false or an object of cloud parameters';
      return 'matches none of the allowed forms';
    }
    default:
      return issue.message.toLowerCase().startsWith('expected') ? issue.message : issue.message.replace(/^./, (c) => c.toLowerCase());
  }
}

/**
 * Validates a scenario (parsed JSON or a TS object) and fills in defaults. Throws a ScenarioValidationError whose
 * message is one line naming the first bad path, its value, unit and the problem; `errors` lists every problem.
 */
export function validateScenario(input: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const id = (input && typeof input === 'object' && typeof (input as { name?: unknown }).name === 'string')
    ? (input as { name: string }).name
    : 'scenario';
  const errors = parsed.error.issues.map((issue) => {
    // An unknown key is reported at the key itself, so the path points at what to remove.
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    const field = formatPath(path);
    const problem = describe(issue);
    const e = new ValidationError({ element: 'scenario', id, field, value: valueAt(input, path), unit: unitOfField(field) }, problem);
    problems.set(e, problem);
    return e;
  });
  throw new ScenarioValidationError(errors);
}
