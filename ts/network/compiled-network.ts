/**
 * The compiled network: what `compileNetwork` (and the MATPOWER importers) produce and what every power-flow kernel
 * consumes. Consecutive 0-based indices, per-unit on `baseMva`, one typed-array column per quantity, MATPOWER's
 * conventions (ext2int) so MATPOWER cases map one-to-one. Rows keep the user's (or the case file's) order.
 *
 * This is a contract between ts/network and ts/powerflow: fields may be added, never renamed or re-meant.
 */

/** A user-facing element id: string for built networks, the bus/row number for MATPOWER cases. */
export type ElementId = string | number;

/** PQ bus (MATPOWER bus type 1). */
export const BUS_PQ = 1;
/** PV bus (type 2): voltage magnitude held by an in-service generator. */
export const BUS_PV = 2;
/** Slack / reference bus (type 3). */
export const BUS_SLACK = 3;
/** Isolated bus (type 4): excluded from the power flow. */
export const BUS_ISOLATED = 4;

/** A network lowered to per-unit typed-array tables with id ↔ index maps. */
export interface CompiledNetwork {
  /** System base power, MVA. */
  baseMva: number;

  /** Number of buses. */
  nBus: number;
  /** Bus ids in row order. */
  busIds: ElementId[];
  /** Bus id → row index. */
  busIndex: Map<ElementId, number>;
  /** Bus type (BUS_PQ, BUS_PV, BUS_SLACK, BUS_ISOLATED) after generator status is applied (a PV bus with no
   *  in-service generator becomes PQ, as MATPOWER's bustypes does). */
  busType: Int32Array;
  /** Base voltage, kV line-to-line. */
  baseKv: Float64Array;
  /** Constant-power active demand at the bus, p.u. (consumption positive, MATPOWER Pd / baseMVA). */
  pLoadPu: Float64Array;
  /** Constant-power reactive demand at the bus, p.u. (MATPOWER Qd / baseMVA). */
  qLoadPu: Float64Array;
  /** Shunt conductance, p.u. (MATPOWER Gs / baseMVA: MW consumed at 1 p.u. voltage). */
  gsPu: Float64Array;
  /** Shunt susceptance, p.u. (MATPOWER Bs / baseMVA: Mvar injected at 1 p.u. voltage). */
  bsPu: Float64Array;
  /** Starting voltage magnitude, p.u. (case VM; generator VG at PV and slack buses). */
  vmPu: Float64Array;
  /** Starting voltage angle, rad (case VA). */
  vaRad: Float64Array;
  /** Lower voltage limit, p.u. */
  vmMinPu: Float64Array;
  /** Upper voltage limit, p.u. */
  vmMaxPu: Float64Array;

  /** Number of generators (including the slack's). */
  nGen: number;
  /** Generator ids in row order. */
  genIds: ElementId[];
  /** Generator bus index. */
  genBus: Int32Array;
  /** 1 in service, 0 out. */
  genStatus: Uint8Array;
  /** Active output, p.u. (injection positive). */
  pGenPu: Float64Array;
  /** Reactive output, p.u. */
  qGenPu: Float64Array;
  /** Upper reactive limit, p.u. (Infinity when unlimited). */
  qMaxPu: Float64Array;
  /** Lower reactive limit, p.u. (−Infinity when unlimited). */
  qMinPu: Float64Array;
  /** Voltage set-point, p.u. */
  vSetPu: Float64Array;

  /** Number of branches (lines and transformers, in-service or not). */
  nBranch: number;
  /** Branch ids in row order. */
  branchIds: ElementId[];
  /** From-bus index (the tap side of a transformer). */
  fromBus: Int32Array;
  /** To-bus index. */
  toBus: Int32Array;
  /** 1 in service, 0 out. */
  branchStatus: Uint8Array;
  /** Series resistance, p.u. (may be negative in equivalents). */
  rPu: Float64Array;
  /** Series reactance, p.u. (may be negative in equivalents). */
  xPu: Float64Array;
  /** Total line-charging susceptance, p.u. */
  bPu: Float64Array;
  /** Off-nominal tap ratio at the from side (1 where the case says 0). */
  tap: Float64Array;
  /** Phase shift, rad (positive: from-side voltage leads). */
  shiftRad: Float64Array;
  /** Thermal rating, MVA (0 = unlimited). For cables given in A: √3 · kV · A / 1000. */
  rateMva: Float64Array;
}
