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
 * its p and cost epigraph z; row order: balances (bus rows), flow limits, angle limits, cost segments.
 */
import { LpModelBuilder } from '../lp/lp-model-builder.js';
import type { LpModel } from '../lp/lp-model.js';
import type { MatpowerCase } from '../network/matpower-case.js';
import { addDcGenerators, dcNetworkOf, type DcNetwork } from './dc-network.js';

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
}

/** Lowers a MATPOWER case with gencost to the B-θ DC OPF LP; ValidationError for what the DC model cannot take. */
export function buildDcOpfModel(mc: MatpowerCase, network: DcNetwork = dcNetworkOf(mc)): DcOpfModel {
  const net = network;
  const nb = net.busIds.length, nl = net.b.length;
  const b = new LpModelBuilder();
  const isRef = new Uint8Array(nb);
  for (const i of net.refBuses) isRef[i] = 1;
  for (let i = 0; i < nb; i++) {
    const va = net.vaRad[i]!;
    b.addVariable(`bus[${net.busIds[i]}].theta`, isRef[i] ? { lower: va, upper: va } : { lower: -Infinity, upper: Infinity });
  }
  // Bus balance rows first, so row i is bus i.
  for (let i = 0; i < nb; i++) b.addConstraint(`bus[${net.busIds[i]}].balance`, [], [], net.demandPu[i]!, net.demandPu[i]!);
  for (let l = 0; l < nl; l++) {
    if (net.b[l] === 0) continue;
    const f = net.fromBus[l]!, t = net.toBus[l]!, v = net.b[l]!;
    // −(B_bus θ) in the balance rows: B_bus = Cftᵀ·B_f with B_f row l = [b at f, −b at t].
    b.addCoefficient(f, f, -v);
    b.addCoefficient(f, t, v);
    b.addCoefficient(t, f, v);
    b.addCoefficient(t, t, -v);
  }
  const flowRow = new Int32Array(nl).fill(-1);
  for (let l = 0; l < nl; l++) {
    const lim = net.flowLimitPu[l]!;
    if (lim === Infinity) continue;
    flowRow[l] = b.addConstraint(`branch[${l + 1}].flow`, [net.fromBus[l]!, net.toBus[l]!], [net.b[l]!, -net.b[l]!], -lim - net.pfInj[l]!, lim - net.pfInj[l]!);
  }
  const angleRow = new Int32Array(net.angleBranches.length);
  net.angleBranches.forEach((l, k) => {
    angleRow[k] = b.addConstraint(`branch[${l + 1}].angleDifference`, [net.fromBus[l]!, net.toBus[l]!], [1, -1], net.angleMinRad[k]!, net.angleMaxRad[k]!);
  });
  const pgCol = addDcGenerators(b, mc, net, (bus) => bus);
  return {
    lp: b.build(), baseMva: net.baseMva, busIds: net.busIds, pgCol, flowRow, angleRow, fromBus: net.fromBus, toBus: net.toBus,
    b: net.b, pfInj: net.pfInj, network: net,
  };
}
