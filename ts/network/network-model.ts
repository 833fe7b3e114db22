/**
 * The network model in engineering units: plain objects (JSON-friendly) that `createNetwork` builds and users may
 * also write by hand. Ids are strings chosen by the user. Bus ids form one namespace; every other element id is
 * unique across all non-bus elements (a line and a load may not share an id), so results can name elements
 * unambiguously.
 *
 * Bus types are not declared: a bus with the slack is the reference bus, a bus with an in-service generator is a
 * PV bus, every other bus is PQ.
 */

/** A bus (node) of the network. */
export interface BusSpec {
  /** Unique bus id. */
  id: string;
  /** Nominal voltage, kV line-to-line (the bus's base voltage). */
  vnKv: number;
  /** Lower voltage limit, p.u. (default 0.9). */
  vmMinPu?: number;
  /** Upper voltage limit, p.u. (default 1.1). */
  vmMaxPu?: number;
}

/** A line or cable between two buses of the same nominal voltage, π-model; either totals or per-km values with a length. */
export interface LineSpec {
  /** Unique element id. */
  id: string;
  /** From-bus id. */
  from: string;
  /** To-bus id. */
  to: string;
  /** Series resistance, Ω (total). */
  rOhm?: number;
  /** Series reactance, Ω (total). */
  xOhm?: number;
  /** Total shunt (charging) susceptance, μS. */
  bMicroS?: number;
  /** Series resistance, Ω/km (with lengthKm). */
  rOhmPerKm?: number;
  /** Series reactance, Ω/km (with lengthKm). */
  xOhmPerKm?: number;
  /** Shunt susceptance, μS/km (with lengthKm). */
  bMicroSPerKm?: number;
  /** Length, km (with the per-km values). */
  lengthKm?: number;
  /** Thermal current limit, A (omitted or 0: unlimited). */
  ampacityA?: number;
  /** In service (default true). Out-of-service lines are compiled with branchStatus 0. */
  inService?: boolean;
}

/** A two-winding transformer; impedance as short-circuit voltages (uk, ur) or p.u. on its own rating. */
export interface TransformerSpec {
  /** Unique element id. */
  id: string;
  /** High-voltage (tap side) bus id. */
  hv: string;
  /** Low-voltage bus id. */
  lv: string;
  /** Rated power, kVA (also its thermal rating). */
  ratingKva: number;
  /** Short-circuit voltage, % of rated voltage (the impedance magnitude on the transformer's own base). */
  ukPercent?: number;
  /** Resistive part of the short-circuit voltage (copper losses), % (default 0). */
  urPercent?: number;
  /** Series resistance, p.u. on the transformer's own base (instead of urPercent). */
  rPu?: number;
  /** Series reactance, p.u. on the transformer's own base (instead of ukPercent). */
  xPu?: number;
  /** Off-nominal turns ratio at the HV side, p.u. (default 1). */
  tapRatio?: number;
  /** Phase shift, degrees (positive: HV side leads; default 0). */
  phaseShiftDeg?: number;
  /** In service (default true). */
  inService?: boolean;
}

/** A constant-power load (consumption positive). */
export interface LoadSpec {
  /** Unique element id. */
  id: string;
  /** Bus id. */
  bus: string;
  /** Active power consumed, kW. */
  pKw: number;
  /** Reactive power consumed, kvar (default 0). */
  qKvar?: number;
}

/** A voltage-controlling generator (makes its bus a PV bus). */
export interface GeneratorSpec {
  /** Unique element id. */
  id: string;
  /** Bus id. */
  bus: string;
  /** Active power injected, kW. */
  pKw: number;
  /** Voltage set-point, p.u. */
  vSetPu: number;
  /** Reactive lower limit, kvar (default -Infinity). */
  qMinKvar?: number;
  /** Reactive upper limit, kvar (default +Infinity). */
  qMaxKvar?: number;
  /** In service (default true). */
  inService?: boolean;
}

/** The slack: the external grid holding voltage magnitude and angle at its bus (exactly one per network). */
export interface SlackSpec {
  /** Unique element id. */
  id: string;
  /** Bus id. */
  bus: string;
  /** Voltage magnitude, p.u. (default 1). */
  vmPu?: number;
  /** Voltage angle, degrees (default 0). */
  vaDeg?: number;
}

/** A fixed shunt at nominal voltage. */
export interface ShuntSpec {
  /** Unique element id. */
  id: string;
  /** Bus id. */
  bus: string;
  /** Active power consumed at 1 p.u. voltage, kW (default 0). */
  gKw?: number;
  /** Reactive power injected at 1 p.u. voltage (capacitive positive), kvar (default 0). */
  bKvar?: number;
}

/** A constant-power injection (PV system, storage, EV charger): positive pKw injects into the bus. */
export interface InjectionSpec {
  /** Unique element id. */
  id: string;
  /** Bus id. */
  bus: string;
  /** Active power injected, kW (negative: consumed, e.g. a charging battery). */
  pKw: number;
  /** Reactive power injected, kvar (default 0). */
  qKvar?: number;
}

/** A whole network in engineering units; only baseMva and buses are required. */
export interface NetworkModel {
  /** Network name. */
  name?: string;
  /** System base power for the per-unit tables, MVA. */
  baseMva: number;
  /** Buses (kV); row order of every per-bus result. */
  buses: BusSpec[];
  /** Lines and cables (Ω, μS, km, A). */
  lines?: LineSpec[];
  /** Transformers (kVA, %, tap p.u., degrees). */
  transformers?: TransformerSpec[];
  /** Constant-power loads (kW, kvar). */
  loads?: LoadSpec[];
  /** Voltage-controlling generators (kW, kvar limits, p.u. set-point). */
  generators?: GeneratorSpec[];
  /** The slack (grid connection); exactly one. */
  slacks?: SlackSpec[];
  /** Bus shunts (kW / kvar at 1 p.u. voltage). */
  shunts?: ShuntSpec[];
  /** PV systems (constant-power injections). */
  pvSystems?: InjectionSpec[];
  /** Batteries (constant-power injections; negative pKw while charging). */
  storages?: InjectionSpec[];
  /** EV chargers (constant-power injections; negative pKw while charging, positive for V2G). */
  evChargers?: InjectionSpec[];
}
