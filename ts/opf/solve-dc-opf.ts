/**
 * `solveDcOpf`: the DC optimal power flow of a MATPOWER case (dc-opf-model.ts) on HiGHS or glpk.js, with results in
 * the case's units and row order: dispatch (MW), flows (MW), angles (deg), LMPs = duals of the bus balances
 * ($/MWh), and line shadow prices ($/MWh per MW of rating).
 */
import { type LpSolver } from '../lp/lp-solver.js';
import { loadLpSolver } from '../lp/load-lp-solver.js';
import type { LpSolverName, LpStatus } from '../lp/lp-result.js';
import type { MatpowerCase } from '../network/matpower-case.js';
import { buildDcOpfModel } from './dc-opf-model.js';

/** Options of solveDcOpf. */
export interface DcOpfOptions {
  /** LP solver: a name (loaded and cached) or an already loaded LpSolver; default 'highs'. */
  solver?: LpSolverName | LpSolver;
}

/** Result of a DC OPF; arrays are in case row order and empty unless status is 'optimal'. */
export interface DcOpfResult {
  /** 'optimal', or how the LP ended. */
  status: LpStatus;
  /** Total generation cost, $/h (NaN unless optimal). */
  objectiveUsdPerH: number;
  /** External bus numbers, one per bus row. */
  busIds: number[];
  /** Locational marginal price of each bus (dual of its balance), $/MWh. */
  lmpUsdPerMwh: Float64Array;
  /** Dispatch of each generator row, MW (0 when out of service). */
  pgMw: Float64Array;
  /** Active-power flow at each branch's from end, MW (0 when out of service). */
  branchFlowMw: Float64Array;
  /** Cost saved per MW of extra RATE_A on each branch (MATPOWER's mu_Sf + mu_St, ≥ 0), $/MWh. */
  branchShadowPriceUsdPerMwh: Float64Array;
  /** Voltage angle of each bus, degrees. */
  vaDeg: Float64Array;
  /** LP solver used. */
  solver: LpSolverName;
  /** Time to build the LP, solve it and read the results back (solver loading excluded), ms. */
  solveMs: number;
}

/** Solves MATPOWER's DC OPF of the case (which must carry gencost). */
export async function solveDcOpf(mc: MatpowerCase, options: DcOpfOptions = {}): Promise<DcOpfResult> {
  const solver = typeof options.solver === 'object' ? options.solver : await loadLpSolver(options.solver ?? 'highs');
  return solveDcOpfWith(solver, mc);
}

/** Synchronous solveDcOpf on an already loaded solver (`await loadLpSolver()` once, then solve many cases). */
export function solveDcOpfWith(solver: LpSolver, mc: MatpowerCase): DcOpfResult {
  const t0 = performance.now();
  const m = buildDcOpfModel(mc);
  const r = solver.solve(m.lp);
  const nb = m.busIds.length, ng = m.pgCol.length, nl = m.b.length, base = m.baseMva;
  if (r.status !== 'optimal') {
    const e = new Float64Array(0);
    return {
      status: r.status, objectiveUsdPerH: NaN, busIds: m.busIds, lmpUsdPerMwh: e, pgMw: e, branchFlowMw: e,
      branchShadowPriceUsdPerMwh: e, vaDeg: e, solver: solver.name, solveMs: performance.now() - t0,
    };
  }
  const lmp = new Float64Array(nb), va = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    // Balance rows are written in p.u. with demand on the right: their duals are $/h per p.u. of demand.
    lmp[i] = r.rowDuals[i]! / base;
    va[i] = (r.x[i]! * 180) / Math.PI;
  }
  const pg = new Float64Array(ng);
  for (let g = 0; g < ng; g++) if (m.pgCol[g]! >= 0) pg[g] = r.x[m.pgCol[g]!]! * base;
  const flow = new Float64Array(nl), mu = new Float64Array(nl);
  for (let l = 0; l < nl; l++) {
    if (m.b[l] === 0) continue;
    flow[l] = (m.b[l]! * (r.x[m.fromBus[l]!]! - r.x[m.toBus[l]!]!) + m.pfInj[l]!) * base;
    if (m.flowRow[l]! >= 0) mu[l] = Math.abs(r.rowDuals[m.flowRow[l]!]!) / base;
  }
  return {
    status: 'optimal', objectiveUsdPerH: r.objective, busIds: m.busIds, lmpUsdPerMwh: lmp, pgMw: pg, branchFlowMw: flow,
    branchShadowPriceUsdPerMwh: mu, vaDeg: va, solver: solver.name, solveMs: performance.now() - t0,
  };
}
