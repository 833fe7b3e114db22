/**
 * One interface over the LP solvers. Loading a solver is asynchronous (its WebAssembly is compiled once per process
 * or worker: HiGHS ~60 ms, glpk.js ~15 ms); solving is synchronous afterwards, so a simulation step or an ADMM
 * iteration can solve many small problems in a plain loop after one `await loadLpSolver()`.
 */
import type { LpModel } from './lp-model.js';
import type { LpResult, LpSolverName } from './lp-result.js';
import type { LpSession } from './lp-session.js';

/** Per-solve options. */
export interface LpSolveOptions {
  /** Stop after this much time, seconds (status 'iteration-limit'); default: no limit. */
  timeLimitSeconds?: number;
}

/** A loaded LP solver: synchronous solves of LpModels, results in the common sign convention (lp-result.ts). */
export interface LpSolver {
  /** Which solver this is. */
  readonly name: LpSolverName;
  /** Whether the solver accepts a quadratic objective term (HiGHS yes, glpk.js no). */
  readonly supportsQuadratic: boolean;
  /** Solves the model; throws ValidationError on a malformed model, returns every numerical outcome as a status. */
  solve(model: LpModel, options?: LpSolveOptions): LpResult;
  /** Keeps the model inside the solver to add rows and re-solve from the last basis, if the solver can (HiGHS). */
  openSession?(model: LpModel): LpSession;
}
