/**
 * MATPOWER's DC OPF model (MATPOWER manual §4 and §6.1; makeBdc, makeAang, opf_setup), lowered to an LpModel:
 *
 *   variables   θ (rad, every bus; reference buses fixed at the case's VA), p (p.u., in-service generators),
 *               z ($/h, one per piecewise-linear cost)
 *   minimise    Σ generator costs (generator-cost.ts)
 *   subject to  bus balance  Σ_{g at i} p_g − (B_bus θ)_i = (PD_i + GS_i)/baseMVA + P_bus,inj,i   (dual → LMP)
 *               flow limit   −RATE_A ≤ b_l(θ_f − θ_t) + P_f,inj,l ≤ RATE_A   (RATE_A = 0: unlimited)
 *               angle limit  ANGMIN ≤ θ_f − θ_t ≤ ANGMAX   (only where MATPOWER activates it; 0 = no limit that side)
 *               PMIN ≤ P_g ≤ PMAX
 * with b_l = 1/(x_l·τ_l) (τ = TAP, 0 meaning 1), shifters as injections P_f,inj = −b_l·SHIFT_l (rad), lossless,
 * GS shunts as load at 1 p.u. Out-of-service branches and generators take no part.
 */
import { ValidationError } from '../errors.js';
import { LpModelBuilder } from '../lp/lp-model-builder.js';
import type { LpModel } from '../lp/lp-model.js';
import { MATPOWER_COLUMN as MPC, validateMatpowerCase, type MatpowerCase } from '../network/matpower-case.js';
import { addGeneratorCost } from './generator-cost.js';

// MATPOWER columns the power-flow importer does not name.
const PMAX = 8, PMIN = 9, ANGMIN = 11, ANGMAX = 12;
const DEG = Math.PI / 180;

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
  /** Bus index (row in the bus matrix) of each branch's from and to end. */
  fromBus: Int32Array;
  /** See fromBus. */
  toBus: Int32Array;
  /** Series susceptance 1/(x·τ) of each in-service branch (0 when out of service), p.u. */
  b: Float64Array;
  /** Phase-shifter injection −b·shift of each branch, p.u. */
  pfInj: Float64Array;
}

function refuse(matrix: string, row: number, field: string, value: unknown, problem: string): never {
  throw new ValidationError({ element: matrix, id: row + 1, field, value }, `${problem} (row ${row + 1} of mpc.${matrix})`);
}

/** Lowers a MATPOWER case with gencost to the DC OPF LP; ValidationError for what the DC model cannot take. */
export function buildDcOpfModel(mc: MatpowerCase): DcOpfModel {
  validateMatpowerCase(mc);
  if (mc.gencost === undefined) {
    throw new ValidationError({ element: 'case', id: mc.name ?? 'mpc', field: 'gencost', value: undefined }, 'the case has no generator costs (mpc.gencost); an OPF needs them');
  }
  const base = mc.baseMva;
  const nb = mc.bus.length;
  const ng = mc.gen.length;
  const nl = mc.branch.length;
  const index = new Map<number, number>();
  const busIds = new Array<number>(nb);
  for (let i = 0; i < nb; i++) {
    busIds[i] = mc.bus[i]![MPC.BUS_I]!;
    index.set(busIds[i]!, i);
    if (mc.bus[i]![MPC.BUS_TYPE] === 4) refuse('bus', i, 'BUS_TYPE', 4, 'isolated buses (type 4) are not supported by the DC OPF; remove them');
  }
  const b = new LpModelBuilder();
  let refs = 0;
  for (let i = 0; i < nb; i++) {
    const row = mc.bus[i]!;
    if (row[MPC.BUS_TYPE] === 3) {
      refs++;
      const va = row[MPC.VA]! * DEG;
      b.addVariable(`bus[${busIds[i]}].theta`, { lower: va, upper: va });
    } else {
      b.addVariable(`bus[${busIds[i]}].theta`, { lower: -Infinity, upper: Infinity });
    }
  }
  if (refs === 0) throw new ValidationError({ element: 'case', id: mc.name ?? 'mpc', field: 'BUS_TYPE', value: 0 }, 'no reference bus (type 3)');

  // Bus balance rows first, so row i is bus i; their right-hand sides collect load, shunts and shifter injections.
  const rhs = new Float64Array(nb);
  for (let i = 0; i < nb; i++) rhs[i] = (mc.bus[i]![MPC.PD]! + mc.bus[i]![MPC.GS]!) / base;
  const fromBus = new Int32Array(nl), toBus = new Int32Array(nl);
  const bl = new Float64Array(nl), pfInj = new Float64Array(nl);
  for (let l = 0; l < nl; l++) {
    const r = mc.branch[l]!;
    fromBus[l] = index.get(r[MPC.F_BUS]!)!;
    toBus[l] = index.get(r[MPC.T_BUS]!)!;
    if (!(r[MPC.BR_STATUS]! > 0)) continue;
    if (r[MPC.BR_X] === 0) refuse('branch', l, 'BR_X', 0, 'in-service branch has zero reactance; the DC model needs x ≠ 0');
    const tap = r[MPC.TAP] === 0 ? 1 : r[MPC.TAP]!;
    bl[l] = 1 / (r[MPC.BR_X]! * tap);
    pfInj[l] = -bl[l]! * r[MPC.SHIFT]! * DEG;
    // P_bus,inj = Cftᵀ·P_f,inj: the shifter's injection leaves the from bus and arrives at the to bus.
    rhs[fromBus[l]!]! += pfInj[l]!;
    rhs[toBus[l]!]! -= pfInj[l]!;
  }
  for (let i = 0; i < nb; i++) b.addConstraint(`bus[${busIds[i]}].balance`, [], [], rhs[i]!, rhs[i]!);
  for (let l = 0; l < nl; l++) {
    if (bl[l] === 0) continue;
    const f = fromBus[l]!, t = toBus[l]!, v = bl[l]!;
    // −(B_bus θ) in the balance rows: B_bus = Cftᵀ·B_f with B_f row l = [b at f, −b at t].
    b.addCoefficient(f, f, -v);
    b.addCoefficient(f, t, v);
    b.addCoefficient(t, f, v);
    b.addCoefficient(t, t, -v);
  }

  const flowRow = new Int32Array(nl).fill(-1);
  for (let l = 0; l < nl; l++) {
    const rate = mc.branch[l]![MPC.RATE_A]!;
    // MATPOWER treats RATE_A = 0 (and ≥ 1e10) as unlimited.
    if (bl[l] === 0 || rate === 0 || rate >= 1e10) continue;
    const lim = rate / base;
    flowRow[l] = b.addConstraint(`branch[${l + 1}].flow`, [fromBus[l]!, toBus[l]!], [bl[l]!, -bl[l]!], -lim - pfInj[l]!, lim - pfInj[l]!);
  }
  for (let l = 0; l < nl; l++) {
    const r = mc.branch[l]!;
    if (bl[l] === 0 || r.length <= ANGMAX) continue;
    const lo = r[ANGMIN]!, up = r[ANGMAX]!;
    // makeAang: active when a non-zero ANGMIN > −360 or a non-zero ANGMAX < 360; a zero side stays unbounded.
    if (!((lo !== 0 && lo > -360) || (up !== 0 && up < 360))) continue;
    b.addConstraint(`branch[${l + 1}].angleDifference`, [fromBus[l]!, toBus[l]!], [1, -1], lo !== 0 ? lo * DEG : -Infinity, up !== 0 ? up * DEG : Infinity);
  }

  const pgCol = new Int32Array(ng).fill(-1);
  for (let g = 0; g < ng; g++) {
    const r = mc.gen[g]!;
    if (!(r[MPC.GEN_STATUS]! > 0)) continue;
    if (r.length <= PMIN) refuse('gen', g, 'PMIN', undefined, 'PMAX and PMIN are needed for an OPF');
    const pmin = r[PMIN]!, pmax = r[PMAX]!;
    if (!(pmin <= pmax)) refuse('gen', g, 'PMIN', pmin, `PMIN exceeds PMAX = ${pmax}`);
    pgCol[g] = b.addVariable(`gen[${g + 1}].p`, { lower: pmin / base, upper: pmax / base });
    b.addCoefficient(index.get(r[MPC.GEN_BUS]!)!, pgCol[g]!, 1);
    addGeneratorCost(b, mc.gencost[g]!, g, pgCol[g]!, base);
  }
  return { lp: b.build(), baseMva: base, busIds, pgCol, flowRow, fromBus, toBus, b: bl, pfInj };
}
