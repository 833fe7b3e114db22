/**
 * A MATPOWER case as its matrices (MATPOWER case format version 2): what `parseMatpowerM` and `parseMatpowerJson`
 * produce and `compileMatpowerCase` lowers. Columns in MATPOWER order, units as MATPOWER stores them (MW, MVAr,
 * p.u. on baseMVA, degrees, kV). Validation here is the one place that checks a case's numbers, whatever the source.
 */
import { ValidationError } from '../errors.js';

/** A MATPOWER case: baseMVA and the bus, gen and branch matrices, rows in case order. */
export interface MatpowerCase {
  /** Case name (the `function mpc = NAME` line or the JSON `case` field), if known. */
  name?: string;
  /** MATPOWER case format version (`mpc.version`), if given; only '2' is supported. */
  version?: string;
  /** System base power, MVA. */
  baseMva: number;
  /** Bus matrix: at least 13 columns (BUS_I … VMIN), one row per bus. */
  bus: number[][];
  /** Generator matrix: at least 10 columns (GEN_BUS … PMIN), one row per generator. */
  gen: number[][];
  /** Branch matrix: at least 11 columns (F_BUS … BR_STATUS), one row per branch. */
  branch: number[][];
  /** Bus names (`mpc.bus_name`), one per bus row, if the case has them. */
  busNames?: string[];
  /**
   * Generator costs (`mpc.gencost`), if the case has them: one row per gen row (a further ngen rows of reactive
   * costs are allowed and ignored), columns MODEL, STARTUP, SHUTDOWN, NCOST, COST…; MODEL 2 = polynomial, NCOST
   * coefficients from the highest order ($/h with P in MW); MODEL 1 = piecewise linear, NCOST points (MW, $/h).
   */
  gencost?: number[][];
}

/** MATPOWER column indices of the gencost matrix (idx_cost, 0-based). */
export const MATPOWER_GENCOST_COLUMN = { MODEL: 0, STARTUP: 1, SHUTDOWN: 2, NCOST: 3, COST: 4 } as const;

/** MATPOWER column names of the bus matrix (0-based position = column index). */
export const MATPOWER_BUS_COLUMNS = [
  'BUS_I', 'BUS_TYPE', 'PD', 'QD', 'GS', 'BS', 'BUS_AREA', 'VM', 'VA', 'BASE_KV', 'ZONE', 'VMAX', 'VMIN',
] as const;
/** MATPOWER column names of the gen matrix (the first 21; MATPOWER needs at least the first 10). */
export const MATPOWER_GEN_COLUMNS = [
  'GEN_BUS', 'PG', 'QG', 'QMAX', 'QMIN', 'VG', 'MBASE', 'GEN_STATUS', 'PMAX', 'PMIN', 'PC1', 'PC2', 'QC1MIN',
  'QC1MAX', 'QC2MIN', 'QC2MAX', 'RAMP_AGC', 'RAMP_10', 'RAMP_30', 'RAMP_Q', 'APF',
] as const;
/** MATPOWER column names of the branch matrix (the first 13; MATPOWER needs at least the first 11). */
export const MATPOWER_BRANCH_COLUMNS = [
  'F_BUS', 'T_BUS', 'BR_R', 'BR_X', 'BR_B', 'RATE_A', 'RATE_B', 'RATE_C', 'TAP', 'SHIFT', 'BR_STATUS', 'ANGMIN',
  'ANGMAX',
] as const;

/** Column indices used by the importer (MATPOWER idx_bus / idx_gen / idx_brch, 0-based). */
export const MATPOWER_COLUMN = {
  BUS_I: 0, BUS_TYPE: 1, PD: 2, QD: 3, GS: 4, BS: 5, VM: 7, VA: 8, BASE_KV: 9, VMAX: 11, VMIN: 12,
  GEN_BUS: 0, PG: 1, QG: 2, QMAX: 3, QMIN: 4, VG: 5, GEN_STATUS: 7,
  F_BUS: 0, T_BUS: 1, BR_R: 2, BR_X: 3, BR_B: 4, RATE_A: 5, TAP: 8, SHIFT: 9, BR_STATUS: 10,
} as const;
const MPC = MATPOWER_COLUMN;

/** Minimum columns MATPOWER accepts per matrix. */
export const MATPOWER_MIN_COLUMNS = { bus: 13, gen: 10, branch: 11, gencost: 5 } as const;

const BUS_UNITS: Record<number, string> = { 2: 'MW', 3: 'MVAr', 4: 'MW', 5: 'MVAr', 7: 'p.u.', 8: 'deg', 9: 'kV', 11: 'p.u.', 12: 'p.u.' };
const GEN_UNITS: Record<number, string> = { 1: 'MW', 2: 'MVAr', 3: 'MVAr', 4: 'MVAr', 5: 'p.u.' };
const BRANCH_UNITS: Record<number, string> = { 2: 'p.u.', 3: 'p.u.', 4: 'p.u.', 5: 'MVA', 9: 'deg' };

type Matrix = 'bus' | 'gen' | 'branch' | 'gencost';

const GENCOST_COLUMNS = ['MODEL', 'STARTUP', 'SHUTDOWN', 'NCOST'] as const;

function fail(matrix: Matrix, row: number, col: number, value: unknown, problem: string): never {
  const names: readonly string[] =
    matrix === 'bus' ? MATPOWER_BUS_COLUMNS : matrix === 'gen' ? MATPOWER_GEN_COLUMNS : matrix === 'branch' ? MATPOWER_BRANCH_COLUMNS : GENCOST_COLUMNS;
  const units = matrix === 'bus' ? BUS_UNITS : matrix === 'gen' ? GEN_UNITS : matrix === 'branch' ? BRANCH_UNITS : {};
  const field = col < 0 ? 'columns' : (names[col] ?? `column ${col + 1}`);
  throw new ValidationError(
    { element: matrix, id: row + 1, field, value, unit: col < 0 ? undefined : units[col] },
    `${problem} (row ${row + 1} of mpc.${matrix})`,
  );
}

function checkShape(matrix: Matrix, rows: unknown): number[][] {
  if (!Array.isArray(rows)) {
    throw new ValidationError({ element: 'case', id: `mpc.${matrix}`, field: matrix, value: rows }, 'must be a matrix (an array of rows)');
  }
  const min = MATPOWER_MIN_COLUMNS[matrix];
  let width = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as unknown;
    if (!Array.isArray(r)) fail(matrix, i, -1, r, 'row must be an array of numbers');
    if (width < 0) width = r.length;
    if (r.length < min) fail(matrix, i, -1, r.length, `row has ${r.length} columns, MATPOWER needs at least ${min}`);
    if (r.length !== width) fail(matrix, i, -1, r.length, `row has ${r.length} columns but row 1 has ${width}`);
    for (let j = 0; j < r.length; j++) {
      if (typeof r[j] !== 'number') fail(matrix, i, j, r[j], 'must be a number');
    }
  }
  return rows as number[][];
}

/** Checks a MATPOWER case's shape and the values the power flow uses; throws ValidationError naming matrix, row and column. */
export function validateMatpowerCase(mc: MatpowerCase): void {
  if (typeof mc.baseMva !== 'number' || !Number.isFinite(mc.baseMva) || mc.baseMva <= 0) {
    throw new ValidationError({ element: 'case', id: mc.name ?? 'mpc', field: 'baseMVA', value: mc.baseMva, unit: 'MVA' }, 'must be a finite number > 0');
  }
  if (mc.version !== undefined && mc.version !== '2') {
    throw new ValidationError({ element: 'case', id: mc.name ?? 'mpc', field: 'version', value: mc.version }, "only MATPOWER case format version '2' is supported");
  }
  const bus = checkShape('bus', mc.bus);
  const gen = checkShape('gen', mc.gen);
  const branch = checkShape('branch', mc.branch);
  if (bus.length === 0) {
    throw new ValidationError({ element: 'case', id: mc.name ?? 'mpc', field: 'bus', value: 0 }, 'the case has no buses');
  }

  const seen = new Map<number, number>();
  for (let i = 0; i < bus.length; i++) {
    const r = bus[i]!;
    const id = r[MPC.BUS_I]!;
    if (!Number.isInteger(id) || id <= 0) fail('bus', i, MPC.BUS_I, id, 'bus number must be a positive integer');
    const prev = seen.get(id);
    if (prev !== undefined) fail('bus', i, MPC.BUS_I, id, `duplicate bus number (also row ${prev + 1})`);
    seen.set(id, i);
    const t = r[MPC.BUS_TYPE]!;
    if (t !== 1 && t !== 2 && t !== 3 && t !== 4) fail('bus', i, MPC.BUS_TYPE, t, 'bus type must be 1 (PQ), 2 (PV), 3 (ref) or 4 (isolated)');
    for (const c of [MPC.PD, MPC.QD, MPC.GS, MPC.BS, MPC.VA, MPC.VMAX, MPC.VMIN]) {
      if (!Number.isFinite(r[c]!)) fail('bus', i, c, r[c], 'must be finite');
    }
    if (!Number.isFinite(r[MPC.VM]!) || r[MPC.VM]! <= 0) fail('bus', i, MPC.VM, r[MPC.VM], 'must be finite and > 0');
    if (!Number.isFinite(r[MPC.BASE_KV]!) || r[MPC.BASE_KV]! < 0) fail('bus', i, MPC.BASE_KV, r[MPC.BASE_KV], 'must be finite and >= 0');
  }
  if (mc.busNames !== undefined && mc.busNames.length !== bus.length) {
    throw new ValidationError(
      { element: 'case', id: mc.name ?? 'mpc', field: 'bus_name', value: mc.busNames.length },
      `has ${mc.busNames.length} names for ${bus.length} buses`,
    );
  }

  for (let i = 0; i < gen.length; i++) {
    const r = gen[i]!;
    if (!seen.has(r[MPC.GEN_BUS]!)) fail('gen', i, MPC.GEN_BUS, r[MPC.GEN_BUS], 'no bus with this number');
    for (const c of [MPC.PG, MPC.QG, MPC.GEN_STATUS]) {
      if (!Number.isFinite(r[c]!)) fail('gen', i, c, r[c], 'must be finite');
    }
    if (!Number.isFinite(r[MPC.VG]!) || r[MPC.VG]! <= 0) fail('gen', i, MPC.VG, r[MPC.VG], 'must be finite and > 0');
    // Q limits may be ±Infinity (unlimited) but never NaN, and the range must not be empty.
    if (Number.isNaN(r[MPC.QMAX]!) || r[MPC.QMAX] === -Infinity) fail('gen', i, MPC.QMAX, r[MPC.QMAX], 'must be a number or Infinity');
    if (Number.isNaN(r[MPC.QMIN]!) || r[MPC.QMIN] === Infinity) fail('gen', i, MPC.QMIN, r[MPC.QMIN], 'must be a number or -Infinity');
    if (r[MPC.QMIN]! > r[MPC.QMAX]!) fail('gen', i, MPC.QMIN, r[MPC.QMIN], `QMIN exceeds QMAX = ${r[MPC.QMAX]}`);
  }

  for (let i = 0; i < branch.length; i++) {
    const r = branch[i]!;
    if (!seen.has(r[MPC.F_BUS]!)) fail('branch', i, MPC.F_BUS, r[MPC.F_BUS], 'no bus with this number');
    if (!seen.has(r[MPC.T_BUS]!)) fail('branch', i, MPC.T_BUS, r[MPC.T_BUS], 'no bus with this number');
    for (const c of [MPC.BR_R, MPC.BR_X, MPC.BR_B, MPC.TAP, MPC.SHIFT, MPC.BR_STATUS]) {
      if (!Number.isFinite(r[c]!)) fail('branch', i, c, r[c], 'must be finite');
    }
    if (r[MPC.BR_STATUS]! > 0 && r[MPC.BR_R] === 0 && r[MPC.BR_X] === 0) {
      fail('branch', i, MPC.BR_X, 0, 'in-service branch has zero impedance (R = X = 0)');
    }
    if (Number.isNaN(r[MPC.RATE_A]!) || r[MPC.RATE_A]! < 0) fail('branch', i, MPC.RATE_A, r[MPC.RATE_A], 'must be >= 0 (0 = unlimited)');
  }
  if (mc.gencost !== undefined) validateGencost(checkShape('gencost', mc.gencost), gen.length);
}

/** Checks gencost's shape and values (model, point/coefficient counts, finiteness, increasing pwl x). */
function validateGencost(gc: number[][], ngen: number): void {
  const C = MATPOWER_GENCOST_COLUMN;
  if (gc.length !== ngen && gc.length !== 2 * ngen) {
    throw new ValidationError({ element: 'case', id: 'mpc.gencost', field: 'gencost', value: gc.length }, `has ${gc.length} rows; MATPOWER needs one per generator (${ngen}) or two (${2 * ngen}, with reactive costs)`);
  }
  for (let i = 0; i < gc.length; i++) {
    const r = gc[i]!;
    const model = r[C.MODEL]!;
    const n = r[C.NCOST]!;
    if (model !== 1 && model !== 2) fail('gencost', i, C.MODEL, model, 'MODEL must be 1 (piecewise linear) or 2 (polynomial)');
    if (!Number.isInteger(n) || n < (model === 1 ? 2 : 1)) fail('gencost', i, C.NCOST, n, model === 1 ? 'NCOST must be an integer ≥ 2 (points)' : 'NCOST must be an integer ≥ 1 (coefficients)');
    const used = model === 1 ? 2 * n : n;
    if (r.length < C.COST + used) fail('gencost', i, C.NCOST, n, `needs ${used} cost columns but the row has ${r.length - C.COST}`);
    for (let k = 0; k < used; k++) {
      if (!Number.isFinite(r[C.COST + k]!)) fail('gencost', i, C.COST + k, r[C.COST + k], 'cost data must be finite');
    }
    if (model === 1) {
      for (let k = 1; k < n; k++) {
        if (!(r[C.COST + 2 * k]! > r[C.COST + 2 * k - 2]!)) fail('gencost', i, C.COST + 2 * k, r[C.COST + 2 * k], 'piecewise-linear points must have strictly increasing MW values');
      }
    }
  }
}
