/**
 * A clearing LP kept open between the intervals of a time series (the simulation's steps). Consecutive intervals
 * often give LPs of the same structure (the same orders at the same buses, the same thermal polygons) that differ
 * only in bounds and costs: then the open model is updated and HiGHS goes on from the last optimal basis instead of
 * building and solving from scratch (a solver without sessions re-solves the whole model, with the same answer).
 */
import type { LpModel } from '../../lp/lp-model.js';
import { makeLpResult, type LpResult } from '../../lp/lp-result.js';
import { openLpSession, type LpSession } from '../../lp/lp-session.js';
import type { LpSolver } from '../../lp/lp-solver.js';

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two models have the same sizes and constraint matrix (bounds and costs may differ). */
function sameStructure(a: LpModel, b: LpModel): boolean {
  return a.numCols === b.numCols && a.numRows === b.numRows && sameArray(a.matrix.starts, b.matrix.starts)
    && sameArray(a.matrix.indices, b.matrix.indices) && sameArray(a.matrix.values, b.matrix.values);
}

/** The open LP of a series of clearings; `dispose()` it when the series ends (HiGHS memory is not collected). */
export class ClearingWarmStart {
  /** Solves that reused the open model (warm), and solves that opened a new one. */
  warmSolves = 0;
  coldSolves = 0;
  private polygons: Uint8Array | null = null;
  private session: LpSession | null = null;
  private model: LpModel | null = null;
  private solver: LpSolver | null = null;

  /** Solves `model` on `solver`, from the last basis when it has the structure of the last model solved. */
  solve(solver: LpSolver, model: LpModel): LpResult {
    const t0 = performance.now();
    if (this.session !== null && this.solver === solver && sameStructure(this.model!, model)) {
      this.session.update(model);
      this.warmSolves++;
    } else {
      this.dispose();
      this.session = openLpSession(solver, model);
      this.solver = solver;
      this.coldSolves++;
    }
    this.model = model;
    const r = this.session.solve();
    // A failed warm solve leaves a basis that may not suit the next LP: start the next one afresh.
    if (r.status !== 'optimal') this.dispose();
    return makeLpResult(model, r.status, solver.name, r.status, performance.now() - t0, r.x, r.rowDuals);
  }

  /** The thermal polygons (per feeder position, 1 = in the LP) the series has needed so far; kept by the clearing. */
  polygonsFor(positions: number): Uint8Array {
    if (this.polygons === null || this.polygons.length !== positions) this.polygons = new Uint8Array(positions);
    return this.polygons;
  }

  /** Frees the open model. */
  dispose(): void {
    this.session?.dispose();
    this.session = null;
    this.model = null;
    this.solver = null;
  }
}
