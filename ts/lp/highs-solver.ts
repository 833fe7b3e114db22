/**
 * The HiGHS adapter (MIT; the default solver): hands the CSC arrays to a persistent HiGHS model, runs it, reads
 * x and the row duals back and disposes the native model (HiGHS memory is not garbage-collected).
 */
import type { Highs } from 'highs';
import { isQuadratic, validateLpModel, type LpModel } from './lp-model.js';
import { makeLpResult, type LpResult, type LpStatus } from './lp-result.js';
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

/** Wraps a loaded HiGHS runtime (`await loadHighs()` from the 'highs' package) as an LpSolver. */
export function createHighsSolver(highs: Highs): LpSolver {
  return {
    name: 'highs',
    supportsQuadratic: true,
    solve(model: LpModel, options: LpSolveOptions = {}): LpResult {
      validateLpModel(model);
      const t0 = performance.now();
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
      try {
        m.options.set('output_flag', false);
        // HiGHS regularises QPs by default (1e-7), which shifts their duals by ~2e-5; off, the QP duals are exact.
        if (quadratic) m.options.set('qp_regularization_value', 0);
        if (options.timeLimitSeconds !== undefined) m.options.set('time_limit', options.timeLimitSeconds);
        let code: number = m.run().modelStatus;
        if (code === UNBOUNDED_OR_INFEASIBLE) {
          // Presolve could not tell which; the simplex without presolve can.
          m.options.set('presolve', 'off');
          m.clearSolver();
          code = m.run().modelStatus;
        }
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
  };
}
