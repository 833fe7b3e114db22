/**
 * Loading the solvers. Both are WebAssembly and load asynchronously once per process or worker (the promise is
 * cached); afterwards `LpSolver.solve` is synchronous. Neither package is imported statically: the module
 * specifiers are computed, so bundlers leave them out of the browser-safe `peergrid` entry. In particular glpk.js
 * (GPL-3.0) is never bundled or loaded unless `solver: 'glpk'` is chosen. In a browser, pass the loaded runtime in
 * (`loadLpSolver('highs', { highs: await loadHighs({ locateFile }) })`).
 */
import type { GLPK } from 'glpk.js/node';
import type { Highs } from 'highs';
import { PeergridError, ValidationError } from '../errors.js';
import { createGlpkSolver } from './glpk-solver.js';
import { createHighsSolver } from './highs-solver.js';
import type { LpModel } from './lp-model.js';
import type { LpResult, LpSolverName } from './lp-result.js';
import type { LpSolveOptions, LpSolver } from './lp-solver.js';

/** Already loaded runtimes to use instead of importing the packages (browsers, custom wasm locations). */
export interface LoadLpSolverOptions {
  /** A loaded HiGHS runtime (`await loadHighs()` from 'highs'). */
  highs?: Highs;
  /** A loaded glpk.js instance (`await GLPK()` from 'glpk.js/node'). */
  glpk?: GLPK;
}

/** Options of `solveLp`: which solver, plus the per-solve options. */
export interface SolveLpOptions extends LpSolveOptions {
  /** Solver to use; default 'highs'. */
  solver?: LpSolverName;
}

const cache = new Map<LpSolverName, Promise<LpSolver>>();

// Computed specifiers: bundlers do not follow them, Node resolves them from this package's node_modules.
const HIGHS_MODULE = ['hig', 'hs'].join('');
const GLPK_MODULE = ['glpk.js', 'node'].join('/');

async function importHighs(): Promise<LpSolver> {
  const mod = (await import(HIGHS_MODULE)) as { default: () => Promise<Highs> };
  return createHighsSolver(await mod.default());
}

async function importGlpk(): Promise<LpSolver> {
  let mod: { default: () => Promise<GLPK> };
  try {
    mod = (await import(GLPK_MODULE)) as { default: () => Promise<GLPK> };
  } catch (err) {
    throw new PeergridError(
      `solver 'glpk' needs the optional package glpk.js (GPL-3.0), which could not be loaded: install it with \`npm i glpk.js\`, or use solver 'highs' (${(err as Error).message.split('\n')[0]})`,
    );
  }
  return createGlpkSolver(await mod.default());
}

/** Checks a solver name coming from user input. */
export function checkLpSolverName(name: unknown, field = 'solver'): LpSolverName {
  if (name !== 'highs' && name !== 'glpk') {
    throw new ValidationError({ element: 'option', id: field, field, value: name }, "must be 'highs' or 'glpk'");
  }
  return name;
}

/** Loads (once per process/worker) and returns the named solver; its `solve` is synchronous. Default 'highs'. */
export async function loadLpSolver(name: LpSolverName = 'highs', options: LoadLpSolverOptions = {}): Promise<LpSolver> {
  checkLpSolverName(name);
  if (name === 'highs' && options.highs !== undefined) return createHighsSolver(options.highs);
  if (name === 'glpk' && options.glpk !== undefined) return createGlpkSolver(options.glpk);
  let p = cache.get(name);
  if (p === undefined) {
    p = name === 'highs' ? importHighs() : importGlpk();
    // A failed load is not cached, so installing the package later and retrying works.
    p.catch(() => cache.delete(name));
    cache.set(name, p);
  }
  return p;
}

/** Loads the chosen solver (cached) and solves the model: `await solveLp(model, { solver: 'glpk' })`. */
export async function solveLp(model: LpModel, options: SolveLpOptions = {}): Promise<LpResult> {
  const solver = await loadLpSolver(options.solver ?? 'highs');
  return solver.solve(model, options);
}
