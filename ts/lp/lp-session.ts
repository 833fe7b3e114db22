/**
 * An LP kept open between solves for constraint generation: rows are added and the next solve starts from the
 * previous optimal basis (HiGHS: the dual simplex goes on from where it stopped, a few pivots per added row);
 * a solver without that ability re-solves the whole grown model.
 */
import { tripletsToCsc } from './lp-model-builder.js';
import { validateLpModel, type LpModel } from './lp-model.js';
import type { LpStatus } from './lp-result.js';
import type { LpSolver } from './lp-solver.js';

/** Outcome of one session solve; x and rowDuals (lp-result.ts sign convention) are empty unless status is 'optimal'. */
export interface LpSessionResult {
  /** How the solve ended. */
  status: LpStatus;
  /** Primal solution, length numCols. */
  x: Float64Array;
  /** Row duals of the current model (original rows first, then added rows in order). */
  rowDuals: Float64Array;
}

/** Rows in compressed sparse row form (0-based columns), with their bounds. */
export interface LpRows {
  /** Row lower bounds (may be −Infinity). */
  lower: Float64Array;
  /** Row upper bounds (may be +Infinity). */
  upper: Float64Array;
  /** Row starts, length rows + 1. */
  starts: Int32Array;
  /** Column of each entry (no repeats within a row). */
  indices: Int32Array;
  /** Value of each entry. */
  values: Float64Array;
}

/** A model inside a solver, growing by rows. */
export interface LpSession {
  /** Appends rows to the model. */
  addRows(rows: LpRows): void;
  /**
   * Replaces the column bounds, costs and row bounds by those of `model`, which must have the session's current
   * structure (same sizes and matrix): the next solve starts from the last basis (a time series of similar LPs).
   */
  update(model: LpModel): void;
  /** Solves the current model. */
  solve(): LpSessionResult;
  /** Frees what the solver holds (HiGHS memory is not garbage-collected). */
  dispose(): void;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The model with `rows` appended, as a new validated LpModel. */
export function appendRows(model: LpModel, rows: LpRows): LpModel {
  const added = rows.lower.length;
  const nnz = model.matrix.values.length + rows.values.length;
  const r = new Int32Array(nnz), c = new Int32Array(nnz), v = new Float64Array(nnz);
  let k = 0;
  for (let j = 0; j < model.numCols; j++) {
    for (let p = model.matrix.starts[j]!; p < model.matrix.starts[j + 1]!; p++, k++) {
      r[k] = model.matrix.indices[p]!;
      c[k] = j;
      v[k] = model.matrix.values[p]!;
    }
  }
  for (let i = 0; i < added; i++) {
    for (let p = rows.starts[i]!; p < rows.starts[i + 1]!; p++, k++) {
      r[k] = model.numRows + i;
      c[k] = rows.indices[p]!;
      v[k] = rows.values[p]!;
    }
  }
  const grown: LpModel = {
    ...model,
    numRows: model.numRows + added,
    rowLower: concat(model.rowLower, rows.lower),
    rowUpper: concat(model.rowUpper, rows.upper),
    matrix: tripletsToCsc(model.numRows + added, model.numCols, r, c, v),
    rowNames: undefined,
  };
  validateLpModel(grown);
  return grown;
}

/** Opens a session on the solver's own incremental interface if it has one, else on whole re-solves. */
export function openLpSession(solver: LpSolver, model: LpModel): LpSession {
  if (solver.openSession !== undefined) return solver.openSession(model);
  let current = model;
  return {
    addRows(rows) {
      current = appendRows(current, rows);
    },
    update(model) {
      current = { ...current, colCost: model.colCost, colLower: model.colLower, colUpper: model.colUpper, rowLower: model.rowLower, rowUpper: model.rowUpper };
    },
    solve() {
      const r = solver.solve(current);
      return { status: r.status, x: r.x, rowDuals: r.rowDuals };
    },
    dispose() {},
  };
}
