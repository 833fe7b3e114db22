/**
 * MATPOWER's DC OPF model (MATPOWER manual §4 and §6.1; makeBdc, makeAang, opf_setup) in its B-θ form, lowered to
 * an LpModel (the network's terms in dc-network.ts):
 *
 *   variables   θ (rad, every bus; reference buses fixed at the case's VA), p (p.u., in-service generators),
 *               z ($/h, one per piecewise-linear cost)
 *   minimise    Σ generator costs (generator-cost.ts)
 *   subject to  bus balance  Σ_{g at i} p_g − (B_bus θ)_i = d_i   (dual → LMP)
 *               flow limit   −RATE_A ≤ b_l(θ_f − θ_t) + P_f,inj,l ≤ RATE_A   (RATE_A = 0: unlimited)
 *               angle limit  ANGMIN ≤ θ_f − θ_t ≤ ANGMAX   (only where MATPOWER activates it; 0 = no limit that side)
 *               PMIN ≤ P_g ≤ PMAX
 * Out-of-service branches and generators take no part. Column order: θ (bus rows), then per in-service generator
 * its p and cost epigraph z; row order: balances (bus rows), flow limits, angle limits, cost segments. The model
 * carries no names: error messages from it would be bugs here, and 25,000 names cost more than the assembly.
 */
import { tripletsToCsc } from '../lp/lp-model-builder.js';
import type { LpModel } from '../lp/lp-model.js';
import type { MatpowerCase } from '../network/matpower-case.js';
import { buildDcGeneratorLp, dcNetworkOf, type DcGeneratorLp, type DcNetwork } from './dc-network.js';

/** The DC OPF as an LP plus what is needed to read its solution back in the case's terms. */
export interface DcOpfModel {
  /** The LP/QP. */
  lp: LpModel;
  /** System base, MVA. */
  baseMva: number;
  /** External bus numbers in case row order. */
  busIds: number[];
  /** Column of generator row g's output, −1 when out of service. */
  pgCol: Int32Array;
  /** Row of branch l's flow limit, −1 when unlimited or out of service. */
  flowRow: Int32Array;
  /** Row of the angle limit of each of network.angleBranches. */
  angleRow: Int32Array;
  /** Bus index (row in the bus matrix) of each branch's from and to end. */
  fromBus: Int32Array;
  /** See fromBus. */
  toBus: Int32Array;
  /** Series susceptance 1/(x·τ) of each in-service branch (0 when out of service), p.u. */
  b: Float64Array;
  /** Phase-shifter injection −b·shift of each branch, p.u. */
  pfInj: Float64Array;
  /** The case's DC network the model was built from. */
  network: DcNetwork;
  /** The generator block the model was built from (its columns are the model's columns from busIds.length on). */
  generators: DcGeneratorLp;
}

/**
 * Lowers a MATPOWER case with gencost to the B-θ DC OPF LP; ValidationError for what the DC model cannot take.
 * Assembled straight into arrays (no names): the network block from the branch arrays, the generator block copied
 * from `generators` with its system balance row spread over the bus balance rows. Well-formed by construction;
 * a solver validates it again when it is handed one (validateLpModel).
 */
export function buildDcOpfModel(mc: MatpowerCase, network: DcNetwork = dcNetworkOf(mc), generators: DcGeneratorLp = buildDcGeneratorLp(mc, network)): DcOpfModel {
  const net = network, gen = generators.lp;
  const nb = net.busIds.length, nl = net.b.length, na = net.angleBranches.length;
  const flowRow = new Int32Array(nl).fill(-1);
  let rows = nb;
  for (let l = 0; l < nl; l++) if (net.flowLimitPu[l] !== Infinity) flowRow[l] = rows++;
  const angleRow = new Int32Array(na);
  for (let k = 0; k < na; k++) angleRow[k] = rows++;
  const costRow0 = rows - 1; // generator-block row r ≥ 1 becomes row costRow0 + r
  const numRows = rows + gen.numRows - 1, numCols = nb + gen.numCols;

  // θ block as triplets: −B_bus in the balance rows (B_bus = Cftᵀ·B_f, B_f row l = [b at f, −b at t]), the flow
  // rows' b(θ_f − θ_t) and the angle rows' θ_f − θ_t.
  let nt = 0;
  for (let l = 0; l < nl; l++) if (net.b[l] !== 0) nt += flowRow[l]! >= 0 ? 6 : 4;
  const tr = new Int32Array(nt + 2 * na), tc = new Int32Array(nt + 2 * na), tv = new Float64Array(nt + 2 * na);
  let k = 0;
  const put = (r: number, c: number, v: number): void => {
    tr[k] = r;
    tc[k] = c;
    tv[k++] = v;
  };
  for (let l = 0; l < nl; l++) {
    const v = net.b[l]!;
    if (v === 0) continue;
    const f = net.fromBus[l]!, t = net.toBus[l]!;
    put(f, f, -v);
    put(f, t, v);
    put(t, f, v);
    put(t, t, -v);
    if (flowRow[l]! >= 0) {
      put(flowRow[l]!, f, v);
      put(flowRow[l]!, t, -v);
    }
  }
  for (let a = 0; a < na; a++) {
    const l = net.angleBranches[a]!;
    put(angleRow[a]!, net.fromBus[l]!, 1);
    put(angleRow[a]!, net.toBus[l]!, -1);
  }
  const theta = tripletsToCsc(numRows, nb, tr, tc, tv);
  const gs = gen.matrix;
  const nnz = theta.values.length + gs.values.length;
  const starts = new Int32Array(numCols + 1), indices = new Int32Array(nnz), values = new Float64Array(nnz);
  starts.set(theta.starts);
  indices.set(theta.indices);
  values.set(theta.values);
  let p = theta.values.length;
  const genCol = new Int32Array(gen.numCols).fill(-1);
  for (let g = 0; g < generators.pgCol.length; g++) if (generators.pgCol[g]! >= 0) genCol[generators.pgCol[g]!] = g;
  for (let j = 0; j < gen.numCols; j++) {
    for (let q = gs.starts[j]!; q < gs.starts[j + 1]!; q++) {
      // Row 0 (the system balance) holds only outputs, so genCol[j] is defined there.
      indices[p] = gs.indices[q] === 0 ? generators.genBus[genCol[j]!]! : costRow0 + gs.indices[q]!;
      values[p++] = gs.values[q]!;
    }
    starts[nb + j + 1] = p;
  }
  const isRef = new Uint8Array(nb);
  for (const i of net.refBuses) isRef[i] = 1;
  const colLower = new Float64Array(numCols), colUpper = new Float64Array(numCols), colCost = new Float64Array(numCols);
  for (let i = 0; i < nb; i++) {
    colLower[i] = isRef[i] ? net.vaRad[i]! : -Infinity;
    colUpper[i] = isRef[i] ? net.vaRad[i]! : Infinity;
  }
  colLower.set(gen.colLower, nb);
  colUpper.set(gen.colUpper, nb);
  colCost.set(gen.colCost, nb);
  const rowLower = new Float64Array(numRows), rowUpper = new Float64Array(numRows);
  rowLower.set(net.demandPu);
  rowUpper.set(net.demandPu);
  for (let l = 0; l < nl; l++) {
    if (flowRow[l]! < 0) continue;
    rowLower[flowRow[l]!] = -net.flowLimitPu[l]! - net.pfInj[l]!;
    rowUpper[flowRow[l]!] = net.flowLimitPu[l]! - net.pfInj[l]!;
  }
  rowLower.set(net.angleMinRad, rows - na);
  rowUpper.set(net.angleMaxRad, rows - na);
  rowLower.set(gen.rowLower.subarray(1), rows);
  rowUpper.set(gen.rowUpper.subarray(1), rows);
  const lp: LpModel = {
    numCols, numRows, colCost, colLower, colUpper, rowLower, rowUpper, matrix: { starts, indices, values }, objectiveOffset: gen.objectiveOffset,
  };
  if (gen.hessian !== undefined) {
    const h = gen.hessian;
    const hs = new Int32Array(numCols + 1);
    for (let j = 0; j < gen.numCols; j++) hs[nb + j + 1] = h.starts[j + 1]!;
    lp.hessian = { starts: hs, indices: h.indices.map((i) => i + nb), values: h.values.slice() };
  }
  const pgCol = generators.pgCol.map((c) => (c >= 0 ? c + nb : -1));
  return {
    lp, baseMva: net.baseMva, busIds: net.busIds, pgCol, flowRow, angleRow, fromBus: net.fromBus, toBus: net.toBus, b: net.b, pfInj: net.pfInj, network: net,
    generators,
  };
}
