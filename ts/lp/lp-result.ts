/**
 * The result of an LP/QP solve, the same for every solver.
 *
 * Dual sign convention (both solvers, tested on the same models): for the minimisation in lp-model.ts,
 *   rowDuals[i]     = ∂(optimal objective)/∂(the active bound of row i): ≥ 0 when the row sits at its lower bound,
 *                     ≤ 0 at its upper bound, 0 when neither binds; free for an equality row.
 *   reducedCosts[j] = c_j + (Qx)_j − (Aᵀy)_j = ∂(optimal objective)/∂(the active bound of variable j): ≥ 0 at a
 *                     lower bound, ≤ 0 at an upper bound, 0 for a variable strictly between its bounds.
 * So an energy balance written "Σ generation − Σ flows = demand" has as dual the marginal cost of demand (an LMP).
 */
import { type LpModel } from './lp-model.js';

/** How a solve ended. 'iteration-limit' also covers a time limit. */
export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'iteration-limit' | 'error';

/** The two LP solvers peergrid can use. */
export type LpSolverName = 'highs' | 'glpk';

/** Result of `solveLp` / `LpSolver.solve`; arrays are empty unless status is 'optimal'. */
export interface LpResult {
  /** How the solve ended. */
  status: LpStatus;
  /** Optimal objective cᵀx + ½xᵀQx + offset (NaN unless optimal). */
  objective: number;
  /** Primal solution, length numCols. */
  x: Float64Array;
  /** Row duals y (see the sign convention above), length numRows. */
  rowDuals: Float64Array;
  /** Reduced costs c + Qx − Aᵀy, length numCols. */
  reducedCosts: Float64Array;
  /** Solver that produced the result. */
  solver: LpSolverName;
  /** Wall time of the solve (model hand-over, solve, read-back), ms. */
  solveMs: number;
  /** Solver's own status text, for diagnostics. */
  solverStatus: string;
}

/** Computes (Qx)_j for the symmetric Q stored as its lower triangle. */
export function hessianTimes(model: LpModel, x: Float64Array): Float64Array {
  const out = new Float64Array(model.numCols);
  const h = model.hessian;
  if (h === undefined) return out;
  for (let j = 0; j < model.numCols; j++) {
    for (let k = h.starts[j]!; k < h.starts[j + 1]!; k++) {
      const i = h.indices[k]!;
      const v = h.values[k]!;
      out[i]! += v * x[j]!;
      if (i !== j) out[j]! += v * x[i]!;
    }
  }
  return out;
}

/** Objective cᵀx + ½xᵀQx + offset at x. */
export function objectiveAt(model: LpModel, x: Float64Array): number {
  const qx = model.hessian === undefined ? undefined : hessianTimes(model, x);
  let f = model.objectiveOffset;
  for (let j = 0; j < model.numCols; j++) f += x[j]! * (model.colCost[j]! + (qx === undefined ? 0 : 0.5 * qx[j]!));
  return f;
}

/** Reduced costs c + Qx − Aᵀy: computed here rather than taken from a solver, so both solvers report the same thing. */
export function reducedCostsAt(model: LpModel, x: Float64Array, rowDuals: Float64Array): Float64Array {
  const d = hessianTimes(model, x);
  const { starts, indices, values } = model.matrix;
  for (let j = 0; j < model.numCols; j++) {
    let s = model.colCost[j]! + d[j]!;
    for (let k = starts[j]!; k < starts[j + 1]!; k++) s -= values[k]! * rowDuals[indices[k]!]!;
    d[j] = s;
  }
  return d;
}

/** Assembles an LpResult; objective and reduced costs are computed from x and y for an optimal solve. */
export function makeLpResult(
  model: LpModel,
  status: LpStatus,
  solver: LpSolverName,
  solverStatus: string,
  solveMs: number,
  x?: Float64Array,
  rowDuals?: Float64Array,
): LpResult {
  if (status !== 'optimal' || x === undefined || rowDuals === undefined) {
    const empty = new Float64Array(0);
    return { status, objective: NaN, x: empty, rowDuals: empty, reducedCosts: empty, solver, solveMs, solverStatus };
  }
  return {
    status,
    objective: objectiveAt(model, x),
    x,
    rowDuals,
    reducedCosts: reducedCostsAt(model, x, rowDuals),
    solver,
    solveMs,
    solverStatus,
  };
}
