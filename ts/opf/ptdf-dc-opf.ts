/**
 * The DC OPF in its angle-free PTDF form with line limits added lazily (constraint generation), giving the primal
 * and dual solution of the B-θ model (dc-opf-model.ts) without handing the solver the bus balances:
 *
 *   variables   p, z as in the B-θ model (same order), no θ
 *   minimise    Σ generator costs
 *   subject to  Σ_g p_g = Σ_i d_i                                    (system balance, dual λ)
 *               −RATE_A ≤ c_l + Σ_g H_lg p_g ≤ RATE_A  for l ∈ 𝓛     (flow limits generated so far, duals ν_l)
 *               ANGMIN ≤ a_k + Σ_g V_kg p_g ≤ ANGMAX   for k ∈ 𝓐    (angle limits generated so far)
 * with θ_n = B_nn⁻¹(C_g p − d)_n (one reference bus at its fixed angle), H_lg = b_l·(X(e_f − e_t))_{bus g}, X = B_nn⁻¹
 * padded with zeros at the reference: one sparse solve per generated row (reduced-susceptance.ts). c_l, a_k are
 * read off the current flows, so no separate zero-dispatch solve is needed.
 *
 * Loop: solve; compute θ and every flow; add each limit the dispatch violates; repeat until none is violated. The
 * last LP is a relaxation of the full problem whose optimum is feasible for it, hence optimal for it: the omitted
 * limits get zero duals. The bus balance duals (LMPs) follow by differentiating the constants with respect to d_i:
 * y_i = λ + (X·w)_i with w = Σ_l ν_l·b_l·(e_f − e_t) + Σ_k ν_k·(e_f − e_t), one more sparse solve.
 */
import { openLpSession } from '../lp/lp-session.js';
import type { LpSolver } from '../lp/lp-solver.js';
import type { DcOpfModel } from './dc-opf-model.js';
import type { ReducedSusceptance } from './reduced-susceptance.js';

/** Rounds after which the generation gives up (the caller then solves the B-θ model). */
const MAX_ROUNDS = 50;

/** A limit counts as violated above its bound by more than this, in p.u. (flows) or rad (angles). */
const VIOLATION_TOLERANCE = 1e-9;

/** The B-θ model's solution as found through the PTDF form. */
export interface PtdfDcOpfSolution {
  /** Primal solution of the B-θ model (θ, p, z in its column order). */
  x: Float64Array;
  /** Row duals of the B-θ model (balances = LMPs·baseMVA, limits, cost segments). */
  rowDuals: Float64Array;
  /** LP solves needed (the relaxation without limits counts as the first). */
  rounds: number;
  /** Flow and angle limits that were generated. */
  limitRows: number;
}

/**
 * Solves the B-θ model `full` through the PTDF form; null when an LP of the loop does not end optimal or the loop
 * does not settle within MAX_ROUNDS (the caller then solves `full` itself, which names the status).
 */
export function solveDcOpfByPtdf(solver: LpSolver, full: DcOpfModel, factor: ReducedSusceptance): PtdfDcOpfSolution | null {
  const net = full.network;
  const nb = net.busIds.length, nl = net.b.length, na = net.angleBranches.length;
  const base = full.generators;
  const costRows = base.lp.numRows - 1;
  const gens: number[] = [];
  for (let g = 0; g < base.pgCol.length; g++) if (base.pgCol[g]! >= 0) gens.push(g);
  const genBus = gens.map((g) => base.genBus[g]!);
  const genCol = gens.map((g) => base.pgCol[g]!);

  const theta = new Float64Array(nb), v = new Float64Array(nb);
  const angles = (x: Float64Array): void => {
    // B_nn θ_n = (C_g p − d)_n − B_nr θ_r, with B_ir = −Σ b over the branches between i and the reference.
    for (let i = 0; i < nb; i++) theta[i] = -net.demandPu[i]!;
    for (let k = 0; k < gens.length; k++) theta[genBus[k]!]! += x[genCol[k]!]!;
    const ref = factor.ref, thRef = net.vaRad[ref]!;
    for (let l = 0; l < nl; l++) {
      if (net.b[l] === 0) continue;
      if (net.fromBus[l] === ref && net.toBus[l] !== ref) theta[net.toBus[l]!]! += net.b[l]! * thRef;
      else if (net.toBus[l] === ref && net.fromBus[l] !== ref) theta[net.fromBus[l]!]! += net.b[l]! * thRef;
    }
    factor.solve(theta);
    theta[ref] = thRef;
  };
  // Generated rows: which limit each PTDF row k ≥ 1 + costRows is (branch l ≥ 0, or angle limit −1 − k).
  const generated: number[] = [];
  const flowDone = new Uint8Array(nl), angleDone = new Uint8Array(na);
  // Rows generated in a round, CSR, handed to the session together.
  let lower: number[] = [], upper: number[] = [], starts: number[] = [0], indices: number[] = [], values: number[] = [];
  const addLimit = (x: Float64Array, l: number, scale: number, value: number, lo: number, up: number): void => {
    v.fill(0);
    v[net.fromBus[l]!] = 1;
    v[net.toBus[l]!]! -= 1;
    factor.solve(v);
    let constant = value;
    for (let k = 0; k < gens.length; k++) {
      const h = scale * v[genBus[k]!]!;
      if (h === 0) continue;
      indices.push(genCol[k]!);
      values.push(h);
      constant -= h * x[genCol[k]!]!;
    }
    starts.push(indices.length);
    lower.push(lo - constant);
    upper.push(up - constant);
  };

  const session = openLpSession(solver, base.lp);
  try {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const r = session.solve();
      if (r.status !== 'optimal') return null;
      angles(r.x);
      const before = generated.length;
      for (let l = 0; l < nl; l++) {
        const lim = net.flowLimitPu[l]!;
        if (flowDone[l] || lim === Infinity) continue;
        const flow = net.b[l]! * (theta[net.fromBus[l]!]! - theta[net.toBus[l]!]!) + net.pfInj[l]!;
        if (Math.abs(flow) <= lim + VIOLATION_TOLERANCE) continue;
        flowDone[l] = 1;
        generated.push(l);
        addLimit(r.x, l, net.b[l]!, flow, -lim, lim);
      }
      for (let k = 0; k < na; k++) {
        const l = net.angleBranches[k]!;
        const diff = theta[net.fromBus[l]!]! - theta[net.toBus[l]!]!;
        const lo = net.angleMinRad[k]!, up = net.angleMaxRad[k]!;
        if (angleDone[k] || (diff >= lo - VIOLATION_TOLERANCE && diff <= up + VIOLATION_TOLERANCE)) continue;
        angleDone[k] = 1;
        generated.push(-1 - k);
        addLimit(r.x, l, 1, diff, lo, up);
      }
      if (generated.length > before) {
        session.addRows({
          lower: Float64Array.from(lower), upper: Float64Array.from(upper), starts: Int32Array.from(starts),
          indices: Int32Array.from(indices), values: Float64Array.from(values),
        });
        [lower, upper, starts, indices, values] = [[], [], [0], [], []];
        continue;
      }

      // Feasible for every limit: read the B-θ solution back.
      const x = new Float64Array(full.lp.numCols), y = new Float64Array(full.lp.numRows);
      x.set(theta);
      x.set(r.x, nb);
      const w = new Float64Array(nb);
      generated.forEach((lim, k) => {
        const nu = r.rowDuals[1 + costRows + k]!;
        const l = lim >= 0 ? lim : net.angleBranches[-1 - lim]!;
        const s = lim >= 0 ? nu * net.b[l]! : nu;
        w[net.fromBus[l]!]! += s;
        w[net.toBus[l]!]! -= s;
        y[lim >= 0 ? full.flowRow[l]! : full.angleRow[-1 - lim]!] = nu;
      });
      factor.solve(w);
      const lambda = r.rowDuals[0]!;
      for (let i = 0; i < nb; i++) y[i] = lambda + w[i]!;
      const firstCostRow = full.lp.numRows - costRows;
      for (let k = 0; k < costRows; k++) y[firstCostRow + k] = r.rowDuals[1 + k]!;
      return { x, rowDuals: y, rounds: round, limitRows: generated.length };
    }
    return null;
  } finally {
    session.dispose();
  }
}
