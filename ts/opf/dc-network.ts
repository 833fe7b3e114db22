/**
 * A MATPOWER case in the terms of MATPOWER's DC model (manual §4; makeBdc, makeAang), validated once and held in
 * flat typed arrays in p.u. on baseMVA, for the two OPF formulations (dc-opf-model.ts: B-θ, ptdf-dc-opf.ts: PTDF):
 *   branch l in service: b_l = 1/(x_l·τ_l) (τ = TAP, 0 meaning 1), flow P_f = b_l(θ_f − θ_t) + P_f,inj,l with the
 *   phase-shifter injection P_f,inj = −b_l·SHIFT_l (rad); out of service: b_l = 0, no limit.
 *   bus i: demand d_i = (PD_i + GS_i)/baseMVA + (Cftᵀ·P_f,inj)_i (GS shunts as load at 1 p.u.; the shifter's
 *   injection leaves the from bus and arrives at the to bus), so the balance reads Σ_{g at i} p_g − (B_bus θ)_i = d_i.
 */
import { ValidationError } from '../errors.js';
import { LpModelBuilder } from '../lp/lp-model-builder.js';
import type { LpModel } from '../lp/lp-model.js';
import { MATPOWER_COLUMN as MPC, validateMatpowerCase, type MatpowerCase } from '../network/matpower-case.js';
import { addGeneratorCost } from './generator-cost.js';

// MATPOWER columns the power-flow importer does not name.
const PMAX = 8, PMIN = 9, ANGMIN = 11, ANGMAX = 12;
const DEG = Math.PI / 180;

/** The DC model of a case: buses, branches and limits in p.u. and radians, case row order. */
export interface DcNetwork {
  /** System base, MVA. */
  baseMva: number;
  /** External bus numbers in case row order. */
  busIds: number[];
  /** Bus row of each external bus number. */
  busIndex: Map<number, number>;
  /** Bus rows of the reference buses (type 3), at least one. */
  refBuses: Int32Array;
  /** Voltage angle of each bus from the case (VA), rad; fixed for the reference buses. */
  vaRad: Float64Array;
  /** Right-hand side d_i of each bus balance (load, GS shunt and shifter injections), p.u. */
  demandPu: Float64Array;
  /** Bus row of each branch's from end. */
  fromBus: Int32Array;
  /** Bus row of each branch's to end. */
  toBus: Int32Array;
  /** Series susceptance 1/(x·τ) of each in-service branch (0 when out of service), p.u. */
  b: Float64Array;
  /** Phase-shifter injection −b·shift of each branch, p.u. */
  pfInj: Float64Array;
  /** Flow limit RATE_A/baseMVA of each branch, p.u.; Infinity when unlimited (RATE_A 0 or ≥ 1e10) or out of service. */
  flowLimitPu: Float64Array;
  /** Branches with an active angle-difference limit (makeAang), in row order. */
  angleBranches: Int32Array;
  /** Lower limit of θ_f − θ_t for each of angleBranches, rad (−Infinity when that side is open). */
  angleMinRad: Float64Array;
  /** Upper limit, rad (Infinity when open). */
  angleMaxRad: Float64Array;
}

function refuse(matrix: string, row: number, field: string, value: unknown, problem: string): never {
  throw new ValidationError({ element: matrix, id: row + 1, field, value }, `${problem} (row ${row + 1} of mpc.${matrix})`);
}

/** Validates a case with gencost for the DC OPF and lowers its network; ValidationError for what the DC model cannot take. */
export function dcNetworkOf(mc: MatpowerCase): DcNetwork {
  validateMatpowerCase(mc);
  if (mc.gencost === undefined) {
    throw new ValidationError({ element: 'case', id: mc.name ?? 'mpc', field: 'gencost', value: undefined }, 'the case has no generator costs (mpc.gencost); an OPF needs them');
  }
  const base = mc.baseMva;
  const nb = mc.bus.length, nl = mc.branch.length;
  const busIndex = new Map<number, number>();
  const busIds = new Array<number>(nb);
  const vaRad = new Float64Array(nb), demandPu = new Float64Array(nb);
  const refs: number[] = [];
  for (let i = 0; i < nb; i++) {
    const row = mc.bus[i]!;
    busIds[i] = row[MPC.BUS_I]!;
    busIndex.set(busIds[i]!, i);
    if (row[MPC.BUS_TYPE] === 4) refuse('bus', i, 'BUS_TYPE', 4, 'isolated buses (type 4) are not supported by the DC OPF; remove them');
    if (row[MPC.BUS_TYPE] === 3) refs.push(i);
    vaRad[i] = row[MPC.VA]! * DEG;
    demandPu[i] = (row[MPC.PD]! + row[MPC.GS]!) / base;
  }
  if (refs.length === 0) throw new ValidationError({ element: 'case', id: mc.name ?? 'mpc', field: 'BUS_TYPE', value: 0 }, 'no reference bus (type 3)');
  const fromBus = new Int32Array(nl), toBus = new Int32Array(nl);
  const b = new Float64Array(nl), pfInj = new Float64Array(nl), flowLimitPu = new Float64Array(nl).fill(Infinity);
  const angleBranches: number[] = [], angleMin: number[] = [], angleMax: number[] = [];
  for (let l = 0; l < nl; l++) {
    const r = mc.branch[l]!;
    fromBus[l] = busIndex.get(r[MPC.F_BUS]!)!;
    toBus[l] = busIndex.get(r[MPC.T_BUS]!)!;
    if (!(r[MPC.BR_STATUS]! > 0)) continue;
    if (r[MPC.BR_X] === 0) refuse('branch', l, 'BR_X', 0, 'in-service branch has zero reactance; the DC model needs x ≠ 0');
    const tap = r[MPC.TAP] === 0 ? 1 : r[MPC.TAP]!;
    b[l] = 1 / (r[MPC.BR_X]! * tap);
    pfInj[l] = -b[l]! * r[MPC.SHIFT]! * DEG;
    demandPu[fromBus[l]!]! += pfInj[l]!;
    demandPu[toBus[l]!]! -= pfInj[l]!;
    const rate = r[MPC.RATE_A]!;
    // MATPOWER treats RATE_A = 0 (and ≥ 1e10) as unlimited.
    if (rate !== 0 && rate < 1e10) flowLimitPu[l] = rate / base;
    if (r.length <= ANGMAX) continue;
    const lo = r[ANGMIN]!, up = r[ANGMAX]!;
    // makeAang: active when a non-zero ANGMIN > −360 or a non-zero ANGMAX < 360; a zero side stays unbounded.
    if (!((lo !== 0 && lo > -360) || (up !== 0 && up < 360))) continue;
    angleBranches.push(l);
    angleMin.push(lo !== 0 ? lo * DEG : -Infinity);
    angleMax.push(up !== 0 ? up * DEG : Infinity);
  }
  return {
    baseMva: base, busIds, busIndex, refBuses: Int32Array.from(refs), vaRad, demandPu, fromBus, toBus, b, pfInj, flowLimitPu,
    angleBranches: Int32Array.from(angleBranches), angleMinRad: Float64Array.from(angleMin), angleMaxRad: Float64Array.from(angleMax),
  };
}

/** The generators' part of both formulations: their columns, costs and cost rows, with one balance row. */
export interface DcGeneratorLp {
  /**
   * Columns: per in-service generator (row order) its output p (p.u., PMIN ≤ P ≤ PMAX) then, for a piecewise-linear
   * cost, its epigraph z; row 0: Σ_g p_g = Σ_i d_i (the system balance); rows 1…: the cost segments (generator-cost.ts).
   */
  lp: LpModel;
  /** Column of each gen row's output, −1 when out of service. */
  pgCol: Int32Array;
  /** Bus row of each gen row. */
  genBus: Int32Array;
}

/** Builds the generators' columns and cost rows; both formulations use them, so their order is the same in both. */
export function buildDcGeneratorLp(mc: MatpowerCase, net: DcNetwork): DcGeneratorLp {
  const ng = mc.gen.length, base = net.baseMva;
  const b = new LpModelBuilder();
  let demand = 0;
  for (const d of net.demandPu) demand += d;
  b.addConstraint('system.balance', [], [], demand, demand);
  const pgCol = new Int32Array(ng).fill(-1), genBus = new Int32Array(ng);
  for (let g = 0; g < ng; g++) {
    const r = mc.gen[g]!;
    genBus[g] = net.busIndex.get(r[MPC.GEN_BUS]!)!;
    if (!(r[MPC.GEN_STATUS]! > 0)) continue;
    if (r.length <= PMIN) refuse('gen', g, 'PMIN', undefined, 'PMAX and PMIN are needed for an OPF');
    const pmin = r[PMIN]!, pmax = r[PMAX]!;
    if (!(pmin <= pmax)) refuse('gen', g, 'PMIN', pmin, `PMIN exceeds PMAX = ${pmax}`);
    pgCol[g] = b.addVariable(`gen[${g + 1}].p`, { lower: pmin / base, upper: pmax / base });
    b.addCoefficient(0, pgCol[g]!, 1);
    addGeneratorCost(b, mc.gencost![g]!, g, pgCol[g]!, base);
  }
  return { lp: b.build(), pgCol, genBus };
}
