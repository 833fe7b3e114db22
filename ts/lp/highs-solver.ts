/**
 * The HiGHS adapter (MIT; the default solver): hands the CSC arrays to a persistent HiGHS model, runs it, reads
 * x and the row duals back and disposes the native model (HiGHS memory is not garbage-collected).
 */
import type { Highs } from 'highs';
import { isQuadratic, validateLpModel, type LpModel } from './lp-model.js';
import { makeLpResult, type LpResult, type LpStatus } from './lp-result.js';
import type { LpRows, LpSession, LpSessionResult } from './lp-session.js';
import type { LpSolveOptions, LpSolver } from './lp-solver.js';

// HiGHS model status codes (highs.constants.modelStatus).
const OPTIMAL = 7, INFEASIBLE = 8, UNBOUNDED_OR_INFEASIBLE = 9, UNBOUNDED = 10, TIME_LIMIT = 13, ITERATION_LIMIT = 14, EMPTY = 6;

const STATUS_TEXT: Record<number, string> = {
  0: 'not set', 1: 'load error', 2: 'model error', 3: 'presolve error', 4: 'solve error', 5: 'postsolve error', 6: 'empty',
  7: 'optimal', 8: 'infeasible', 9: 'unbounded or infeasible', 10: 'unbounded', 11: 'objective bound', 12: 'objective target',
  13: 'time limit', 14: 'iteration limit', 15: 'unknown',
};

function mapStatus(code: number): LpStatus {
  if (code === OPTIMAL || code === EMPTY) return 'optimal';
  if (code === INFEASIBLE) return 'infeasible';
  if (code === UNBOUNDED) return 'unbounded';
  if (code === TIME_LIMIT || code === ITERATION_LIMIT) return 'iteration-limit';
  return 'error';
}

type HighsModel = ReturnType<Highs['createModel']>;

/** Hands the model to HiGHS (quiet; QP regularisation off, so QP duals are exact). */
function createHighsModel(highs: Highs, model: LpModel): { m: HighsModel; quadratic: boolean } {
  validateLpModel(model);
  const quadratic = isQuadratic(model);
  const m = highs.createModel({
    numCols: model.numCols,
    numRows: model.numRows,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    offset: model.objectiveOffset,
    matrix: { format: 'csc', numRows: model.numRows, numCols: model.numCols, ...model.matrix },
    ...(quadratic ? { hessian: { format: 'triangular' as const, dimension: model.numCols, ...model.hessian! } } : {}),
  });
  m.options.set('output_flag', false);
  // HiGHS regularises QPs by default (1e-7), which shifts their duals by ~2e-5; off, the QP duals are exact.
  if (quadratic) m.options.set('qp_regularization_value', 0);
  return { m, quadratic };
}

/** Runs HiGHS; an 'unbounded or infeasible' from presolve is settled by the simplex without presolve. */
function runHighs(m: HighsModel): number {
  let code: number = m.run().modelStatus;
  if (code === UNBOUNDED_OR_INFEASIBLE) {
    m.options.set('presolve', 'off');
    m.clearSolver();
    code = m.run().modelStatus;
  }
  return code;
}

/** Wraps a loaded HiGHS runtime (`await loadHighs()` from the 'highs' package) as an LpSolver. */
export function createHighsSolver(highs: Highs): LpSolver {
  return {
    name: 'highs',
    supportsQuadratic: true,
    solve(model: LpModel, options: LpSolveOptions = {}): LpResult {
      const t0 = performance.now();
      const { m } = createHighsModel(highs, model);
      try {
        if (options.timeLimitSeconds !== undefined) m.options.set('time_limit', options.timeLimitSeconds);
        const code = runHighs(m);
        const status = mapStatus(code);
        if (status !== 'optimal') return makeLpResult(model, status, 'highs', STATUS_TEXT[code] ?? String(code), performance.now() - t0);
        const sol = m.getSolution();
        const x = Float64Array.from(sol.colValue);
        const y = model.numRows === 0 ? new Float64Array(0) : Float64Array.from(sol.rowDual);
        return makeLpResult(model, status, 'highs', STATUS_TEXT[code]!, performance.now() - t0, x, y);
      } finally {
        m.dispose();
      }
    },
    openSession(model: LpModel): LpSession {
      const { m } = createHighsModel(highs, model);
      let numRows = model.numRows;
      return {
        addRows(rows: LpRows): void {
          const count = rows.lower.length;
          m.addRows({ lower: rows.lower, upper: rows.upper, matrix: { format: 'csr', numRows: count, numCols: model.numCols, starts: rows.starts, indices: rows.indices, values: rows.values } });
          numRows += count;
        },
        update(next: LpModel): void {
          if (next.numCols > 0) {
            const cols = { kind: 'range' as const, from: 0, to: next.numCols - 1 };
            m.changeColsBounds(cols, next.colLower, next.colUpper);
            m.changeColsCost(cols, next.colCost);
          }
          if (next.numRows > 0) m.changeRowsBounds({ kind: 'range', from: 0, to: next.numRows - 1 }, next.rowLower, next.rowUpper);
        },
        solve(): LpSessionResult {
          const status = mapStatus(runHighs(m));
          if (status !== 'optimal') return { status, x: new Float64Array(0), rowDuals: new Float64Array(0) };
          const sol = m.getSolution();
          return { status, x: Float64Array.from(sol.colValue), rowDuals: numRows === 0 ? new Float64Array(0) : Float64Array.from(sol.rowDual) };
        },
        dispose(): void {
          m.dispose();
        },
      };
    },
  };
}
