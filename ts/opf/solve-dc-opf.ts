/**
 * `solveDcOpf`: the DC optimal power flow of a MATPOWER case on HiGHS or glpk.js, with results in the case's units
 * and row order: dispatch (MW), flows (MW), angles (deg), LMPs = duals of the bus balances ($/MWh), and line shadow
 * prices ($/MWh per MW of rating).
 *
 * The answer is always the optimum of the B-θ model (dc-opf-model.ts). By default it is found through the PTDF form
 * with lazily generated limits (ptdf-dc-opf.ts: an LP of the generators only, a few rows, where the B-θ LP has a
 * row per bus and a column per bus angle), and accepted only when the B-θ model's KKT conditions hold for it
 * (kkt-violation.ts; every line limit is among its primal conditions); otherwise — several reference buses, a bus
 * cut off from the reference, an LP of the loop not optimal, a certificate that fails — the B-θ LP is solved itself.
 */
import { kktViolation } from '../lp/kkt-violation.js';
import { type LpSolver } from '../lp/lp-solver.js';
import { loadLpSolver } from '../lp/load-lp-solver.js';
import { makeLpResult, type LpResult, type LpSolverName, type LpStatus } from '../lp/lp-result.js';
import type { MatpowerCase } from '../network/matpower-case.js';
import { buildDcOpfModel, type DcOpfModel } from './dc-opf-model.js';
import { solveDcOpfByPtdf } from './ptdf-dc-opf.js';
import { factorReducedSusceptance } from './reduced-susceptance.js';

/** How the optimum was found: the PTDF form with generated limits, or the B-θ LP handed to the solver whole. */
export type DcOpfFormulation = 'ptdf' | 'b-theta';

/** Options of solveDcOpfWith. */
export interface DcOpfSolveOptions {
  /** 'ptdf' (default: PTDF form, B-θ when it does not apply or is not certified) or 'b-theta' (the B-θ LP only). */
  formulation?: DcOpfFormulation;
}

/** Options of solveDcOpf. */
export interface DcOpfOptions extends DcOpfSolveOptions {
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
  /** Formulation that produced the answer. */
  formulation: DcOpfFormulation;
  /** LP solves (PTDF: one per round of generated limits; B-θ: 1, plus the PTDF rounds tried before it). */
  lpSolves: number;
  /** Flow and angle limits handed to the solver (B-θ: every limited branch and active angle limit). */
  limitRows: number;
}

/** Largest KKT violations a PTDF answer may show on the B-θ model: p.u./rad, and 1e-9 of the largest cost coefficient. */
function certified(model: DcOpfModel, r: LpResult): boolean {
  const v = kktViolation(model.lp, r);
  let scale = 1;
  for (const c of model.lp.colCost) scale = Math.max(scale, Math.abs(c));
  const h = model.lp.hessian;
  if (h !== undefined) for (const q of h.values) scale = Math.max(scale, Math.abs(q));
  const dualTol = Math.max(1e-6, 1e-9 * scale);
  return v.primal <= 1e-6 && v.dualSign <= dualTol && v.slackness <= dualTol && v.stationarity <= dualTol;
}

/** Solves MATPOWER's DC OPF of the case (which must carry gencost). */
export async function solveDcOpf(mc: MatpowerCase, options: DcOpfOptions = {}): Promise<DcOpfResult> {
  const solver = typeof options.solver === 'object' ? options.solver : await loadLpSolver(options.solver ?? 'highs');
  return solveDcOpfWith(solver, mc, options);
}

/** Synchronous solveDcOpf on an already loaded solver (`await loadLpSolver()` once, then solve many cases). */
export function solveDcOpfWith(solver: LpSolver, mc: MatpowerCase, options: DcOpfSolveOptions = {}): DcOpfResult {
  const t0 = performance.now();
  const m = buildDcOpfModel(mc);
  let r: LpResult | undefined;
  let formulation: DcOpfFormulation = 'b-theta';
  let lpSolves = 0;
  let limitRows = m.lp.numRows - m.busIds.length;
  if ((options.formulation ?? 'ptdf') === 'ptdf') {
    const factor = factorReducedSusceptance(m);
    const p = factor === null ? null : solveDcOpfByPtdf(solver, m, factor);
    if (p !== null) {
      lpSolves = p.rounds;
      const candidate = makeLpResult(m.lp, 'optimal', solver.name, 'optimal (PTDF form)', performance.now() - t0, p.x, p.rowDuals);
      if (certified(m, candidate)) {
        r = candidate;
        formulation = 'ptdf';
        limitRows = p.limitRows;
      }
    }
  }
  if (r === undefined) {
    r = solver.solve(m.lp);
    lpSolves++;
  }
  const nb = m.busIds.length, ng = m.pgCol.length, nl = m.b.length, base = m.baseMva;
  const common = { busIds: m.busIds, solver: solver.name, formulation, lpSolves, limitRows };
  if (r.status !== 'optimal') {
    const e = new Float64Array(0);
    return {
      ...common, status: r.status, objectiveUsdPerH: NaN, lmpUsdPerMwh: e, pgMw: e, branchFlowMw: e, branchShadowPriceUsdPerMwh: e, vaDeg: e,
      solveMs: performance.now() - t0,
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
    ...common, status: 'optimal', objectiveUsdPerH: r.objective, lmpUsdPerMwh: lmp, pgMw: pg, branchFlowMw: flow,
    branchShadowPriceUsdPerMwh: mu, vaDeg: va, solveMs: performance.now() - t0,
  };
}
