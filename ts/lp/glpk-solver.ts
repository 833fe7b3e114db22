/**
 * The glpk.js adapter (GPL-3.0, an optional dependency loaded only when chosen): lowers the arrays to glpk.js's
 * JSON form with generated names (x0…, r0…; user names could collide or exceed GLPK's 255 characters), solves with
 * the simplex method and reads x and the row duals back. LPs only: GLPK has no quadratic objective.
 */
import type { GLPK, LP } from 'glpk.js/node';
import { ValidationError } from '../errors.js';
import { isQuadratic, validateLpModel, type LpModel } from './lp-model.js';
import { makeLpResult, type LpResult, type LpStatus } from './lp-result.js';
import type { LpSolveOptions, LpSolver } from './lp-solver.js';

function boundType(glpk: GLPK, lo: number, up: number): number {
  const hasLo = lo !== -Infinity;
  const hasUp = up !== Infinity;
  if (hasLo && hasUp) return lo === up ? glpk.GLP_FX : glpk.GLP_DB;
  if (hasLo) return glpk.GLP_LO;
  if (hasUp) return glpk.GLP_UP;
  return glpk.GLP_FR;
}

function toGlpkLp(glpk: GLPK, model: LpModel): LP {
  const { numCols, numRows } = model;
  const rows: { name: string; coef: number }[][] = Array.from({ length: numRows }, () => []);
  const { starts, indices, values } = model.matrix;
  for (let j = 0; j < numCols; j++) {
    for (let k = starts[j]!; k < starts[j + 1]!; k++) rows[indices[k]!]!.push({ name: `x${j}`, coef: values[k]! });
  }
  const objective: { name: string; coef: number }[] = [];
  const bounds: NonNullable<LP['bounds']> = new Array(numCols);
  for (let j = 0; j < numCols; j++) {
    if (model.colCost[j] !== 0) objective.push({ name: `x${j}`, coef: model.colCost[j]! });
    const lo = model.colLower[j]!;
    const up = model.colUpper[j]!;
    bounds[j] = { name: `x${j}`, type: boundType(glpk, lo, up), lb: Number.isFinite(lo) ? lo : 0, ub: Number.isFinite(up) ? up : 0 };
  }
  const subjectTo: LP['subjectTo'] = new Array(numRows);
  for (let i = 0; i < numRows; i++) {
    const lo = model.rowLower[i]!;
    const up = model.rowUpper[i]!;
    subjectTo[i] = {
      name: `r${i}`,
      vars: rows[i]!,
      bnds: { type: boundType(glpk, lo, up), lb: Number.isFinite(lo) ? lo : 0, ub: Number.isFinite(up) ? up : 0 },
    };
  }
  return { name: 'peergrid', objective: { direction: glpk.GLP_MIN, name: 'objective', vars: objective }, subjectTo, bounds };
}

/** Wraps a loaded glpk.js instance (`await GLPK()` from 'glpk.js/node') as an LpSolver. */
export function createGlpkSolver(glpk: GLPK): LpSolver {
  const text: Record<number, string> = {
    [glpk.GLP_UNDEF]: 'undefined', [glpk.GLP_FEAS]: 'feasible', [glpk.GLP_INFEAS]: 'infeasible (not proved)',
    [glpk.GLP_NOFEAS]: 'no feasible solution', [glpk.GLP_OPT]: 'optimal', [glpk.GLP_UNBND]: 'unbounded',
  };
  return {
    name: 'glpk',
    supportsQuadratic: false,
    solve(model: LpModel, options: LpSolveOptions = {}): LpResult {
      validateLpModel(model);
      if (isQuadratic(model)) {
        throw new ValidationError(
          { element: 'lp-model', id: 'model', field: 'hessian', value: 'quadratic objective' },
          "glpk.js solves linear programs only; solve this QP with solver: 'highs' (no linearisation is done silently)",
        );
      }
      const t0 = performance.now();
      const lp = toGlpkLp(glpk, model);
      const base = { msglev: glpk.GLP_MSG_OFF, ...(options.timeLimitSeconds !== undefined ? { tmlim: options.timeLimitSeconds } : {}) };
      let res = glpk.solve(lp, { ...base, presol: true });
      // With presolve, GLPK leaves an infeasible or unbounded problem's status undefined; the plain simplex names it.
      if (res.result.status === glpk.GLP_UNDEF) res = glpk.solve(lp, { ...base, presol: false });
      const code = res.result.status;
      let status: LpStatus;
      if (code === glpk.GLP_OPT) status = 'optimal';
      else if (code === glpk.GLP_NOFEAS) status = 'infeasible';
      else if (code === glpk.GLP_UNBND) status = 'unbounded';
      else if (code === glpk.GLP_FEAS || code === glpk.GLP_INFEAS) status = 'iteration-limit';
      else status = 'error';
      if (status !== 'optimal') return makeLpResult(model, status, 'glpk', text[code] ?? String(code), performance.now() - t0);
      const x = new Float64Array(model.numCols);
      for (let j = 0; j < model.numCols; j++) x[j] = res.result.vars[`x${j}`] ?? 0;
      const y = new Float64Array(model.numRows);
      const dual = res.result.dual ?? {};
      for (let i = 0; i < model.numRows; i++) y[i] = dual[`r${i}`] ?? 0;
      return makeLpResult(model, status, 'glpk', text[code]!, performance.now() - t0, x, y);
    },
  };
}
