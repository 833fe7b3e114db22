/**
 * Lowers a NetworkModel (engineering units) to a CompiledNetwork (per-unit typed arrays), in O(elements):
 *  - bus rows in model order; base voltage = the bus's vnKv; Zbase = vnKv² / baseMva per bus;
 *  - lines: Ω / Zbase, μS · Zbase (total charging), ampacity → rateMva = √3 · kV · A / 1000;
 *  - transformers: uk/ur (or r/x p.u.) on their own rating → system base by baseMva / ratingMva (rated voltages are
 *    taken equal to the buses' nominal voltages); tap and shift at the HV side (the branch's from side);
 *    rateMva = rating; magnetising current is neglected;
 *  - branch rows: lines first, then transformers, each in model order; branch ids are the element ids;
 *  - gen rows: the slack first (id = slack id, P = 0, Q unlimited, vSet = slack vmPu), then generators;
 *  - pLoadPu/qLoadPu: loads minus PV, storage and EV-charger injections at the bus (constant power, p.u.); the per-element
 *    tables (`loadBus`, `injectionBus`, …) are kept so a time series can rewrite injections without recompiling;
 *  - start point: 1 p.u. and the slack angle everywhere, set-points at PV and slack buses.
 */
import { RAD_PER_DEG } from '../units.js';
import { ampacityMva, impedanceBaseOhm, transformerImpedancePu } from './per-unit.js';
import { BUS_PV, BUS_SLACK, type CompiledNetwork } from './compiled-network.js';
import type { InjectionSpec, NetworkModel } from './network-model.js';
import { validateNetwork } from './validate-network.js';
import { defineLazyIdMap } from './id-table.js';
import { allocateCompiledNetwork, allocateModelColumns } from './allocate-compiled-network.js';

/** Branch kind in `branchKind`: a line or cable. */
export const BRANCH_LINE = 0;
/** Branch kind in `branchKind`: a transformer. */
export const BRANCH_TRANSFORMER = 1;
/** Injection kind in `injectionKind`: a PV system. */
export const INJECTION_PV = 0;
/** Injection kind in `injectionKind`: a battery. */
export const INJECTION_STORAGE = 1;
/** Injection kind in `injectionKind`: an EV charger. */
export const INJECTION_EV = 2;

/** A CompiledNetwork built from a NetworkModel, with the per-element tables the builder's elements map to. */
export interface CompiledNetworkModel extends CompiledNetwork {
  /** Network name. */
  name: string;
  /** BRANCH_LINE or BRANCH_TRANSFORMER per branch row. */
  branchKind: Uint8Array;
  /** Load ids in model order. */
  loadIds: string[];
  /** Load bus row per load. */
  loadBus: Int32Array;
  /** Load active power per load, p.u. (consumption positive). */
  loadPPu: Float64Array;
  /** Load reactive power per load, p.u. (consumption positive). */
  loadQPu: Float64Array;
  /** Injection ids: PV systems first, then storages, then EV chargers, each in model order. */
  injectionIds: string[];
  /** INJECTION_PV, INJECTION_STORAGE or INJECTION_EV per injection. */
  injectionKind: Uint8Array;
  /** Bus row per injection. */
  injectionBus: Int32Array;
  /** Active injection per element, p.u. (injection positive). */
  injectionPPu: Float64Array;
  /** Reactive injection per element, p.u. (injection positive). */
  injectionQPu: Float64Array;
}

/** Validates (validateNetwork) and compiles a NetworkModel to per-unit typed-array tables; see the file header. */
export function compileNetwork(model: NetworkModel): CompiledNetworkModel {
  const v = validateNetwork(model);
  const { slackBus } = v;
  const base = model.baseMva;
  const buses = model.buses;
  const lines = model.lines ?? [];
  const trafos = model.transformers ?? [];
  const loads = model.loads ?? [];
  const gens = model.generators ?? [];
  const slack = model.slacks![0]!;
  const shunts = model.shunts ?? [];
  const pvs: InjectionSpec[] = model.pvSystems ?? [];
  const storages: InjectionSpec[] = model.storages ?? [];
  const evs: InjectionSpec[] = model.evChargers ?? [];
  const perKw = 1 / (1000 * base);

  const nBus = buses.length;
  const nGen = 1 + gens.length;
  const nBranch = lines.length + trafos.length;
  const injections = [...pvs, ...storages, ...evs];
  const nInj = injections.length;
  const net = allocateCompiledNetwork(base, nBus, nGen, nBranch);
  const columns = allocateModelColumns(nBranch, loads.length, nInj);
  const { busIds, busType, baseKv, vmMinPu, vmMaxPu, vmPu, vaRad, pLoadPu, qLoadPu, gsPu, bsPu } = net;
  vaRad.fill((slack.vaDeg ?? 0) * RAD_PER_DEG);
  for (let i = 0; i < nBus; i++) {
    const b = buses[i]!;
    busIds[i] = b.id;
    baseKv[i] = b.vnKv;
    vmMinPu[i] = b.vmMinPu ?? 0.9;
    vmMaxPu[i] = b.vmMaxPu ?? 1.1;
  }

  const { genIds, genBus, genStatus, pGenPu, qMaxPu, qMinPu, vSetPu } = net;
  genIds[0] = slack.id;
  genBus[0] = slackBus;
  genStatus[0] = 1;
  qMaxPu[0] = Infinity;
  qMinPu[0] = -Infinity;
  vSetPu[0] = slack.vmPu ?? 1;
  for (let g = 0; g < gens.length; g++) {
    const s = gens[g]!;
    const k = g + 1;
    const b = v.genBus[g]!;
    genIds[k] = s.id;
    genBus[k] = b;
    genStatus[k] = s.inService === false ? 0 : 1;
    pGenPu[k] = s.pKw * perKw;
    qMaxPu[k] = (s.qMaxKvar ?? Infinity) * perKw;
    qMinPu[k] = (s.qMinKvar ?? -Infinity) * perKw;
    vSetPu[k] = s.vSetPu;
    if (genStatus[k]) {
      if (busType[b] !== BUS_SLACK) busType[b] = BUS_PV;
      vmPu[b] = s.vSetPu;
    }
  }
  busType[slackBus] = BUS_SLACK;
  vmPu[slackBus] = vSetPu[0]!;

  const { branchIds, fromBus, toBus, branchStatus, rPu, xPu, bPu, tap, shiftRad, rateMva } = net;
  const { branchKind, loadIds, loadBus, loadPPu, loadQPu, injectionIds, injectionKind, injectionBus, injectionPPu, injectionQPu } = columns;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    const f = v.lineFrom[k]!;
    const kv = baseKv[f]!;
    const zBase = impedanceBaseOhm(kv, base);
    branchIds[k] = l.id;
    fromBus[k] = f;
    toBus[k] = v.lineTo[k]!;
    branchStatus[k] = l.inService === false ? 0 : 1;
    if (l.lengthKm !== undefined) {
      rPu[k] = ((l.rOhmPerKm ?? 0) * l.lengthKm) / zBase;
      xPu[k] = ((l.xOhmPerKm ?? 0) * l.lengthKm) / zBase;
      bPu[k] = (l.bMicroSPerKm ?? 0) * l.lengthKm * 1e-6 * zBase;
    } else {
      rPu[k] = (l.rOhm ?? 0) / zBase;
      xPu[k] = (l.xOhm ?? 0) / zBase;
      bPu[k] = (l.bMicroS ?? 0) * 1e-6 * zBase;
    }
    rateMva[k] = l.ampacityA ? ampacityMva(kv, l.ampacityA) : 0;
  }
  const rx = new Float64Array(2);
  for (let j = 0; j < trafos.length; j++) {
    const t = trafos[j]!;
    const k = lines.length + j;
    const ratingMva = t.ratingKva / 1000;
    const toSystem = base / ratingMva;
    let r: number;
    let x: number;
    if (t.rPu !== undefined || t.xPu !== undefined) {
      r = t.rPu ?? 0;
      x = t.xPu ?? 0;
    } else {
      transformerImpedancePu(t.ukPercent!, t.urPercent ?? 0, rx);
      r = rx[0]!;
      x = rx[1]!;
    }
    branchIds[k] = t.id;
    branchKind[k] = BRANCH_TRANSFORMER;
    fromBus[k] = v.trafoHv[j]!;
    toBus[k] = v.trafoLv[j]!;
    branchStatus[k] = t.inService === false ? 0 : 1;
    rPu[k] = r * toSystem;
    xPu[k] = x * toSystem;
    tap[k] = t.tapRatio ?? 1;
    shiftRad[k] = (t.phaseShiftDeg ?? 0) * RAD_PER_DEG;
    rateMva[k] = ratingMva;
  }

  for (let i = 0; i < loads.length; i++) {
    const ld = loads[i]!;
    const b = v.loadBus[i]!;
    loadIds[i] = ld.id;
    loadBus[i] = b;
    loadPPu[i] = ld.pKw * perKw;
    loadQPu[i] = (ld.qKvar ?? 0) * perKw;
    pLoadPu[b] += loadPPu[i]!;
    qLoadPu[b] += loadQPu[i]!;
  }
  for (let i = 0; i < nInj; i++) {
    const s = injections[i]!;
    const b = v.injectionBus[i]!;
    injectionIds[i] = s.id;
    injectionKind[i] = i < pvs.length ? INJECTION_PV : i < pvs.length + storages.length ? INJECTION_STORAGE : INJECTION_EV;
    injectionBus[i] = b;
    injectionPPu[i] = s.pKw * perKw;
    injectionQPu[i] = (s.qKvar ?? 0) * perKw;
    pLoadPu[b] -= injectionPPu[i]!;
    qLoadPu[b] -= injectionQPu[i]!;
  }

  for (let i = 0; i < shunts.length; i++) {
    const s = shunts[i]!;
    const b = v.shuntBus[i]!;
    gsPu[b] += (s.gKw ?? 0) * perKw;
    bsPu[b] += (s.bKvar ?? 0) * perKw;
  }

  const compiled: Omit<CompiledNetworkModel, 'busIndex'> = { name: model.name ?? 'network', ...net, ...columns };
  // busIndex (part of the CompiledNetwork contract) is built on first read: most solves never look ids up.
  defineLazyIdMap(compiled, 'busIndex', nBus, (i) => busIds[i]!);
  return compiled as CompiledNetworkModel;
}
