/**
 * Reader for the JSON matrix form of MATPOWER cases (../shared/cases/matpower/*.case.json): `baseMVA` and the `bus`,
 * `gen`, `branch` matrices in MATPOWER column order, one array per row, non-finite values as the strings
 * "Infinity", "-Infinity", "NaN", and optionally `gencost` (generator costs, ../shared/cases/opf/). Other keys (case, source, columns, counts) are metadata; `columns`, when present,
 * must name the columns in MATPOWER order, so a file with reordered columns is refused, not misread.
 */
import { ValidationError } from '../errors.js';
import { parseJsonText } from './json-text.js';
import {
  MATPOWER_BRANCH_COLUMNS,
  MATPOWER_BUS_COLUMNS,
  MATPOWER_GEN_COLUMNS,
  validateMatpowerCase,
  type MatpowerCase,
} from './matpower-case.js';

const NON_FINITE: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };
const COLUMNS = { bus: MATPOWER_BUS_COLUMNS, gen: MATPOWER_GEN_COLUMNS, branch: MATPOWER_BRANCH_COLUMNS } as const;

function toMatrix(raw: unknown, key: 'bus' | 'gen' | 'branch' | 'gencost', fileName: string): number[][] {
  if (!Array.isArray(raw)) {
    throw new ValidationError({ element: 'case', id: fileName, field: key, value: raw }, `"${key}" must be an array of rows`);
  }
  const out: number[][] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i] as unknown;
    if (!Array.isArray(r)) {
      throw new ValidationError({ element: key, id: i + 1, field: 'columns', value: r }, `row ${i + 1} of "${key}" must be an array`);
    }
    const row = new Array<number>(r.length);
    for (let j = 0; j < r.length; j++) {
      const v = r[j] as unknown;
      if (typeof v === 'number') row[j] = v;
      else if (typeof v === 'string' && Object.hasOwn(NON_FINITE, v)) row[j] = NON_FINITE[v]!;
      else {
        throw new ValidationError(
          { element: key, id: i + 1, field: (key === 'gencost' ? undefined : COLUMNS[key][j]) ?? `column ${j + 1}`, value: v },
          `must be a number or one of "Infinity", "-Infinity", "NaN" (row ${i + 1} of "${key}")`,
        );
      }
    }
    out[i] = row;
  }
  return out;
}

/**
 * Reads a MATPOWER case in JSON matrix form (text or an already parsed object) into a validated MatpowerCase.
 * Throws ParseError for text that is not JSON, ValidationError for missing or bad fields.
 */
export function parseMatpowerJson(input: string | object, fileName = '<input>'): MatpowerCase {
  const obj = typeof input === 'string' ? parseJsonText(input, fileName) : input;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new ValidationError({ element: 'case', id: fileName, field: '(root)', value: obj }, 'must be a JSON object with baseMVA, bus, gen, branch');
  }
  const o = obj as Record<string, unknown>;
  for (const key of ['baseMVA', 'bus', 'gen', 'branch']) {
    if (!Object.hasOwn(o, key)) throw new ValidationError({ element: 'case', id: fileName, field: key, value: undefined }, `missing "${key}"`);
  }
  if (o.columns !== undefined) {
    const cols = o.columns as Record<string, unknown>;
    for (const key of ['bus', 'gen', 'branch'] as const) {
      const given = cols?.[key];
      if (given === undefined) continue;
      const want = COLUMNS[key];
      const ok = Array.isArray(given) && given.every((name, j) => j >= want.length || name === want[j]);
      if (!ok) {
        throw new ValidationError({ element: 'case', id: fileName, field: `columns.${key}`, value: given }, `columns must be in MATPOWER order: ${want.join(', ')}`);
      }
    }
  }
  const baseMva = typeof o.baseMVA === 'string' && Object.hasOwn(NON_FINITE, o.baseMVA) ? NON_FINITE[o.baseMVA]! : o.baseMVA;
  const mc: MatpowerCase = {
    baseMva: baseMva as number,
    bus: toMatrix(o.bus, 'bus', fileName),
    gen: toMatrix(o.gen, 'gen', fileName),
    branch: toMatrix(o.branch, 'branch', fileName),
  };
  if (typeof o.case === 'string') mc.name = o.case;
  if (o.version !== undefined) mc.version = String(o.version);
  if (Array.isArray(o.bus_name)) mc.busNames = o.bus_name.map(String);
  if (o.gencost !== undefined) mc.gencost = toMatrix(o.gencost, 'gencost', fileName);
  validateMatpowerCase(mc);
  return mc;
}
