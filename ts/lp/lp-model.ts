/**
 * The solver-neutral LP/QP model: what every optimisation in peergrid (DC-OPF, schedules, network-constrained
 * clearing) lowers to and what both solver adapters take.
 *
 *   minimise    cᵀx + ½ xᵀQx + offset
 *   subject to  rowLower ≤ A x ≤ rowUpper
 *               colLower ≤ x ≤ colUpper
 *
 * A is stored by columns (CSC), Q (convex, symmetric) by its lower triangle in CSC. Bounds may be ±Infinity. Names
 * are optional and serve error messages and debugging only; solvers see arrays.
 */
import { ValidationError } from '../errors.js';

/** A sparse matrix in compressed sparse column form (0-based). */
export interface CscMatrix {
  /** Column starts, length numCols + 1: column j holds entries starts[j] … starts[j+1]−1. */
  starts: Int32Array;
  /** Row index of each entry. */
  indices: Int32Array;
  /** Value of each entry. */
  values: Float64Array;
}

/** A linear (or convex quadratic) program in array form; see the file header for the problem statement. */
export interface LpModel {
  /** Number of variables (columns). */
  numCols: number;
  /** Number of constraints (rows). */
  numRows: number;
  /** Linear objective coefficients c, length numCols. */
  colCost: Float64Array;
  /** Variable lower bounds (may be −Infinity), length numCols. */
  colLower: Float64Array;
  /** Variable upper bounds (may be +Infinity), length numCols. */
  colUpper: Float64Array;
  /** Row lower bounds (may be −Infinity), length numRows. */
  rowLower: Float64Array;
  /** Row upper bounds (may be +Infinity), length numRows. */
  rowUpper: Float64Array;
  /** Constraint matrix A (numRows × numCols), CSC. */
  matrix: CscMatrix;
  /** Q of the objective term ½ xᵀQx as its lower triangle (row index ≥ column index), CSC; absent for an LP. */
  hessian?: CscMatrix;
  /** Constant added to the objective. */
  objectiveOffset: number;
  /** Variable names for messages, if given (length numCols). */
  colNames?: string[];
  /** Row names for messages, if given (length numRows). */
  rowNames?: string[];
}

/** True when the model has a quadratic objective term with at least one non-zero entry. */
export function isQuadratic(model: LpModel): boolean {
  const h = model.hessian;
  if (h === undefined) return false;
  for (let k = 0; k < h.values.length; k++) if (h.values[k] !== 0) return true;
  return false;
}

/** Name of variable j for messages. */
export function colName(model: LpModel, j: number): string {
  return model.colNames?.[j] ?? `x${j}`;
}

/** Name of row i for messages. */
export function rowName(model: LpModel, i: number): string {
  return model.rowNames?.[i] ?? `r${i}`;
}

function bad(element: string, id: string | number, field: string, value: unknown, problem: string): never {
  throw new ValidationError({ element, id, field, value }, problem);
}

function checkLength(field: string, a: ArrayLike<unknown> | undefined, n: number): void {
  if (a === undefined || a.length !== n) bad('lp-model', 'model', field, a?.length, `must have length ${n}`);
}

function checkBounds(model: LpModel, kind: 'variable' | 'row', lower: Float64Array, upper: Float64Array): void {
  for (let k = 0; k < lower.length; k++) {
    const lo = lower[k]!;
    const up = upper[k]!;
    const id = kind === 'variable' ? colName(model, k) : rowName(model, k);
    if (Number.isNaN(lo) || lo === Infinity) bad(kind, id, 'lower', lo, 'lower bound must be a number or -Infinity');
    if (Number.isNaN(up) || up === -Infinity) bad(kind, id, 'upper', up, 'upper bound must be a number or Infinity');
    if (lo > up) bad(kind, id, 'lower', lo, `lower bound exceeds upper bound ${up}`);
  }
}

function checkCsc(model: LpModel, field: string, m: CscMatrix, numRows: number, lowerTriangle: boolean): void {
  const n = model.numCols;
  checkLength(`${field}.starts`, m.starts, n + 1);
  if (m.starts[0] !== 0) bad('lp-model', 'model', `${field}.starts[0]`, m.starts[0], 'must be 0');
  const nnz = m.starts[n]!;
  checkLength(`${field}.indices`, m.indices, nnz);
  checkLength(`${field}.values`, m.values, nnz);
  for (let j = 0; j < n; j++) {
    const s = m.starts[j]!;
    const e = m.starts[j + 1]!;
    if (e < s) bad('lp-model', 'model', `${field}.starts[${j + 1}]`, e, `column starts must not decrease (previous ${s})`);
    for (let k = s; k < e; k++) {
      const i = m.indices[k]!;
      const v = m.values[k]!;
      if (!Number.isInteger(i) || i < 0 || i >= numRows) bad('variable', colName(model, j), `${field} row index`, i, `must be in 0…${numRows - 1}`);
      // Both solvers reject (GLPK aborts on) repeated entries; one canonical order keeps them agreeing.
      if (k > s && i <= m.indices[k - 1]!) bad('variable', colName(model, j), `${field} row index`, i, 'row indices must increase within a column (no repeated entries)');
      if (lowerTriangle && i < j) bad('variable', colName(model, j), `${field} row index`, i, 'the Hessian is given by its lower triangle: row index must be ≥ column index');
      if (!Number.isFinite(v)) bad('variable', colName(model, j), `${field} value (row ${lowerTriangle ? colName(model, i) : rowName(model, i)})`, v, 'must be finite');
      if (lowerTriangle && i === j && v < 0) bad('variable', colName(model, j), 'hessian diagonal', v, 'must be ≥ 0: the quadratic term must be convex');
    }
  }
}

/** Checks every array's length and value; throws ValidationError naming the variable or row (by name if given). */
export function validateLpModel(model: LpModel): void {
  const { numCols, numRows } = model;
  if (!Number.isInteger(numCols) || numCols < 0) bad('lp-model', 'model', 'numCols', numCols, 'must be an integer ≥ 0');
  if (!Number.isInteger(numRows) || numRows < 0) bad('lp-model', 'model', 'numRows', numRows, 'must be an integer ≥ 0');
  checkLength('colCost', model.colCost, numCols);
  checkLength('colLower', model.colLower, numCols);
  checkLength('colUpper', model.colUpper, numCols);
  checkLength('rowLower', model.rowLower, numRows);
  checkLength('rowUpper', model.rowUpper, numRows);
  if (model.colNames !== undefined) checkLength('colNames', model.colNames, numCols);
  if (model.rowNames !== undefined) checkLength('rowNames', model.rowNames, numRows);
  if (!Number.isFinite(model.objectiveOffset)) bad('lp-model', 'model', 'objectiveOffset', model.objectiveOffset, 'must be finite');
  for (let j = 0; j < numCols; j++) {
    if (!Number.isFinite(model.colCost[j]!)) bad('variable', colName(model, j), 'cost', model.colCost[j], 'must be finite');
  }
  checkBounds(model, 'variable', model.colLower, model.colUpper);
  checkBounds(model, 'row', model.rowLower, model.rowUpper);
  checkCsc(model, 'matrix', model.matrix, numRows, false);
  if (model.hessian !== undefined) checkCsc(model, 'hessian', model.hessian, numCols, true);
}
