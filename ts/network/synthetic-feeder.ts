/**
 * Seeded synthetic radial distribution networks of any size (4 to millions of buses), realistic enough to exercise
 * power flow and markets at scale, deterministic for a seed (Rng from ts/random.ts).
 *
 * Structure (all buses in topological order: every bus's parent has a smaller row):
 *
 *   sub (20 kV busbar, slack)
 *    ├─ MV feeder 1: a mostly-chained tree of 6–14 MV nodes, cable segments 0.2–0.6 km
 *    │    (NA2XS2Y 1x150 / 1x240 / 1x400: R 0.206 / 0.125 / 0.078 Ω/km, X ≈ 0.11 Ω/km, 63 μS/km)
 *    │    each MV node ── distribution transformer 20/0.4 kV, 250 / 400 / 630 kVA (uk 6 %, ur 1.2–1.44 %,
 *    │                    tap ratio 0.975 at HV: the usual +2.5 % no-load boost) ── LV busbar (0.4 kV)
 *    │                      └─ LV feeders of 15–30 households each; every household is one bus, hung on the
 *    │                         previous household's bus (75 %) or one of the 4 before it (short branches),
 *    │                         cable segments 20–50 m (NAYY 4x50 / 4x95 / 4x150 / 4x240: R 0.642 / 0.320 /
 *    │                         0.206 / 0.125 Ω/km, X ≈ 0.08 Ω/km, 142 / 215 / 275 / 364 A)
 *    └─ MV feeder 2 …
 *
 * Households per transformer: 50–90 (250 kVA), 90–150 (400 kVA), 150–230 (630 kVA). Each household has one
 * constant-power load of 0.5–3 kW at power factor 0.95 (lagging). Bus count is exact: 1 + 2·transformers +
 * households = `buses`.
 *
 * Sizing: cables are chosen as a planner would. With a linearised DistFlow estimate (ΔV ≈ r·P + x·Q per branch,
 * losses neglected), each LV feeder's cable is upgraded until transformer plus feeder drop is at most 6.5 % and
 * its head current fits the cable's ampacity; each MV feeder's cable until its drop is at most 2 %. With the
 * slack at 1.0 p.u. and the +2.5 % tap, the nominal-load voltages then lie in about 0.93–1.03 p.u.
 * (`estimatedMinVmPu` reports the estimate; the power-flow tests check it).
 *
 * `createSyntheticFeeder` builds the per-unit tables directly (1,000,000 buses in about a second);
 * `createSyntheticFeederModel` returns the same network as a NetworkModel (engineering units, plain objects):
 * `compileNetwork` of that model gives exactly the same CompiledNetworkModel.
 */
import { ValidationError } from '../errors.js';
import { Rng } from '../random.js';
import { SQRT3 } from '../units.js';
import { BUS_SLACK } from './compiled-network.js';
import { BRANCH_TRANSFORMER, type CompiledNetworkModel } from './compile-network.js';
import type { NetworkModel } from './network-model.js';
import { defineLazyIdMap } from './id-table.js';
import { allocateCompiledNetwork, allocateModelColumns } from './allocate-compiled-network.js';
import { ampacityMva, impedanceBaseOhm, transformerImpedancePu } from './per-unit.js';

/** Options of the synthetic feeder generator. */
export interface SyntheticFeederOptions {
  /** Exact number of buses (≥ 4). */
  buses: number;
  /** Seed of the random structure and loads. */
  seed: number;
  /** System base power, MVA (default 1). */
  baseMva?: number;
  /** MV nominal voltage, kV (default 20). */
  mvKv?: number;
  /** LV nominal voltage, kV (default 0.4). */
  lvKv?: number;
  /** Slack voltage magnitude, p.u. (default 1). */
  slackVmPu?: number;
  /** Household load range, kW (default [0.5, 3]). */
  householdKw?: [number, number];
  /** Household power factor, lagging (default 0.95). */
  powerFactor?: number;
}

/** A synthetic feeder: compiled tables plus which buses are households. */
export interface SyntheticFeeder {
  /** The network as per-unit typed-array tables. */
  compiled: CompiledNetworkModel;
  /** Household bus ids, in row order. */
  householdBusIds: string[];
  /** Household bus rows (indices into the compiled bus tables). */
  householdBus: Int32Array;
  /** Household load ids, one per household, same order. */
  householdLoadIds: string[];
  /** Number of distribution transformers. */
  transformers: number;
  /** Number of MV feeders. */
  mvFeeders: number;
  /** Total nominal load, kW. */
  totalLoadKw: number;
  /** Lowest bus voltage of the linearised estimate at nominal load, p.u. */
  estimatedMinVmPu: number;
  /** Highest bus voltage of the linearised estimate at nominal load, p.u. */
  estimatedMaxVmPu: number;
}

interface CableType {
  name: string;
  rOhmPerKm: number;
  xOhmPerKm: number;
  bMicroSPerKm: number;
  ampacityA: number;
}
const LV_CABLES: CableType[] = [
  { name: 'NAYY 4x50', rOhmPerKm: 0.642, xOhmPerKm: 0.083, bMicroSPerKm: 0, ampacityA: 142 },
  { name: 'NAYY 4x95', rOhmPerKm: 0.32, xOhmPerKm: 0.082, bMicroSPerKm: 0, ampacityA: 215 },
  { name: 'NAYY 4x150', rOhmPerKm: 0.206, xOhmPerKm: 0.08, bMicroSPerKm: 0, ampacityA: 275 },
  { name: 'NAYY 4x240', rOhmPerKm: 0.125, xOhmPerKm: 0.08, bMicroSPerKm: 0, ampacityA: 364 },
];
const MV_CABLES: CableType[] = [
  { name: 'NA2XS2Y 1x150', rOhmPerKm: 0.206, xOhmPerKm: 0.116, bMicroSPerKm: 78.5, ampacityA: 319 },
  { name: 'NA2XS2Y 1x240', rOhmPerKm: 0.125, xOhmPerKm: 0.11, bMicroSPerKm: 97.4, ampacityA: 417 },
  { name: 'NA2XS2Y 1x400', rOhmPerKm: 0.078, xOhmPerKm: 0.105, bMicroSPerKm: 119.4, ampacityA: 530 },
];
interface TrafoType {
  ratingKva: number;
  ukPercent: number;
  urPercent: number;
  minHouses: number;
  maxHouses: number;
}
const TRAFOS: TrafoType[] = [
  { ratingKva: 250, ukPercent: 6, urPercent: 1.44, minHouses: 50, maxHouses: 90 },
  { ratingKva: 400, ukPercent: 6, urPercent: 1.425, minHouses: 90, maxHouses: 150 },
  { ratingKva: 630, ukPercent: 6, urPercent: 1.206, minHouses: 150, maxHouses: 230 },
];
const TAP = 0.975;
const LV_MAX_DROP = 0.065;
const MV_MAX_DROP = 0.02;

/** Bus kinds of the generated topology. */
const SUB = 0, MV = 1, LVBAR = 2, HOUSE = 3;

/** The generated topology and parameters, before lowering to a model or tables. */
interface Plan {
  n: number;
  baseMva: number;
  mvKv: number;
  lvKv: number;
  slackVmPu: number;
  kind: Uint8Array; // per bus
  parent: Int32Array; // per bus (-1 for the substation)
  num: Int32Array; // per bus: 1-based number within its kind (mv{t}, lv{t}, h{k})
  lengthKm: Float64Array; // per bus: length of the cable into it (lines only)
  cable: Uint8Array; // per bus: cable type index into LV_CABLES or MV_CABLES (lines only)
  trafo: Uint8Array; // per bus (LV busbars): transformer type index
  pKw: Float64Array; // per bus (households)
  qKvar: Float64Array;
  transformers: number;
  mvFeeders: number;
  houses: number;
  estMin: number;
  estMax: number;
}

function checkOptions(o: SyntheticFeederOptions): void {
  const bad = (field: string, value: unknown, problem: string, unit?: string): never => {
    throw new ValidationError({ element: 'syntheticFeeder', id: 'options', field, value, unit }, problem);
  };
  if (!Number.isInteger(o.buses) || o.buses < 4) bad('buses', o.buses, 'must be an integer >= 4 (substation, MV node, LV busbar, one household)');
  if (o.buses > 50_000_000) bad('buses', o.buses, 'must be at most 50,000,000');
  if (!Number.isFinite(o.seed)) bad('seed', o.seed, 'must be a finite number');
  for (const [f, u] of [['baseMva', 'MVA'], ['mvKv', 'kV'], ['lvKv', 'kV'], ['slackVmPu', 'p.u.']] as const) {
    const v = o[f];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) bad(f, v, 'must be a finite number > 0', u);
  }
  const h = o.householdKw;
  if (h !== undefined && !(Array.isArray(h) && h.length === 2 && Number.isFinite(h[0]) && Number.isFinite(h[1]) && h[0] >= 0 && h[0] <= h[1])) {
    bad('householdKw', h, 'must be [min, max] with 0 <= min <= max', 'kW');
  }
  const pf = o.powerFactor;
  if (pf !== undefined && !(typeof pf === 'number' && pf > 0 && pf <= 1)) bad('powerFactor', pf, 'must be in (0, 1]');
}

function plan(o: SyntheticFeederOptions): Plan {
  checkOptions(o);
  const n = o.buses;
  const rng = new Rng(o.seed);
  const baseMva = o.baseMva ?? 1;
  const mvKv = o.mvKv ?? 20;
  const lvKv = o.lvKv ?? 0.4;
  const [pLo, pHi] = o.householdKw ?? [0.5, 3];
  const pf = o.powerFactor ?? 0.95;
  const qPerP = Math.tan(Math.acos(pf));
  const kind = new Uint8Array(n);
  const parent = new Int32Array(n);
  const num = new Int32Array(n);
  const lengthKm = new Float64Array(n);
  const cable = new Uint8Array(n);
  const trafo = new Uint8Array(n);
  const pKw = new Float64Array(n);
  const qKvar = new Float64Array(n);
  // LV feeder of each household bus (index into feederCable/feederStart), for cable upgrades.
  const feederOf = new Int32Array(n);
  const feederStart: number[] = [];
  const feederCable: number[] = [];
  const mvFeederStart: number[] = [];
  const mvFeederCable: number[] = [];

  kind[0] = SUB;
  parent[0] = -1;
  let next = 1;
  let t = 0;
  let h = 0;
  let mvFeeders = 0;
  while (next < n) {
    // One MV feeder: a mostly-chained tree of MV nodes.
    const perFeeder = 6 + rng.int(9);
    const mvCable = rng.int(2);
    mvFeederStart.push(next);
    mvFeederCable.push(mvCable);
    mvFeeders++;
    const mvNodes: number[] = [];
    for (let j = 0; j < perFeeder && next < n; j++) {
      const remaining = n - next;
      const tt = rng.int(TRAFOS.length);
      const type = TRAFOS[tt]!;
      let houses = type.minHouses + rng.int(type.maxHouses - type.minHouses + 1);
      houses = Math.min(houses, remaining - 2);
      // Leftovers too small for another transformer (which needs 3 buses) join this one.
      if (remaining - 2 - houses < 3) houses = remaining - 2;
      const mvBus = next++;
      t++;
      kind[mvBus] = MV;
      num[mvBus] = t;
      parent[mvBus] = mvNodes.length === 0 ? 0 : rng.chance(0.75) ? mvNodes[mvNodes.length - 1]! : mvNodes[rng.int(mvNodes.length)]!;
      lengthKm[mvBus] = rng.uniform(0.2, 0.6);
      cable[mvBus] = mvCable;
      mvNodes.push(mvBus);
      const lvBus = next++;
      kind[lvBus] = LVBAR;
      num[lvBus] = t;
      parent[lvBus] = mvBus;
      trafo[lvBus] = tt;
      // LV feeders of 15–30 households.
      let left = houses;
      while (left > 0) {
        const size = Math.min(left, 15 + rng.int(16));
        const f = feederStart.length;
        feederStart.push(next);
        feederCable.push(rng.int(3));
        for (let k = 0; k < size; k++) {
          const hb = next++;
          h++;
          kind[hb] = HOUSE;
          num[hb] = h;
          feederOf[hb] = f;
          if (k === 0) parent[hb] = lvBus;
          else if (k === 1 || rng.chance(0.75)) parent[hb] = hb - 1;
          else parent[hb] = hb - 1 - rng.int(Math.min(4, k));
          lengthKm[hb] = rng.uniform(0.02, 0.05);
          const p = rng.uniform(pLo, pHi);
          pKw[hb] = p;
          qKvar[hb] = p * qPerP;
        }
        left -= size;
      }
    }
  }

  // Linearised DistFlow sizing, in per-unit of the system base. Downstream sums first (children have larger rows).
  const perKw = 1 / (1000 * baseMva);
  const zLv = (lvKv * lvKv) / baseMva;
  const zMv = (mvKv * mvKv) / baseMva;
  const P = new Float64Array(n);
  const Q = new Float64Array(n);
  for (let i = n - 1; i >= 1; i--) {
    P[i] += pKw[i]! * perKw;
    Q[i] += qKvar[i]! * perKw;
    P[parent[i]!] += P[i]!;
    Q[parent[i]!] += Q[i]!;
  }
  const ownRx = new Float64Array(2);
  const trafoRx = (i: number): [number, number] => {
    const ty = TRAFOS[trafo[i]!]!;
    const s = baseMva / (ty.ratingKva / 1000);
    transformerImpedancePu(ty.ukPercent, ty.urPercent, ownRx);
    return [ownRx[0]! * s, ownRx[1]! * s];
  };
  const drop = new Float64Array(n); // estimated drop from the feeder's reference point, p.u.
  const iBase = (baseMva * 1000) / (SQRT3 * lvKv); // A per p.u. at LV
  for (let f = 0; f < feederStart.length; f++) {
    const start = feederStart[f]!;
    const end = f + 1 < feederStart.length && feederStart[f + 1]! > start ? feederStart[f + 1]! : n;
    let stop = start;
    while (stop < end && kind[stop] === HOUSE && feederOf[stop] === f) stop++;
    const lvBus = parent[start]!;
    const [rt, xt] = trafoRx(lvBus);
    const base = rt * P[lvBus]! + xt * Q[lvBus]!;
    const headI = Math.hypot(P[start]!, Q[start]!) * iBase;
    for (;;) {
      const c = LV_CABLES[feederCable[f]!]!;
      let worst = 0;
      for (let i = start; i < stop; i++) {
        const len = lengthKm[i]!;
        const d = ((c.rOhmPerKm * len) / zLv) * P[i]! + ((c.xOhmPerKm * len) / zLv) * Q[i]!;
        drop[i] = (parent[i] === lvBus ? base : drop[parent[i]!]!) + d;
        if (drop[i]! > worst) worst = drop[i]!;
      }
      if ((worst <= LV_MAX_DROP && headI <= c.ampacityA) || feederCable[f] === LV_CABLES.length - 1) break;
      feederCable[f]!++;
    }
    for (let i = start; i < stop; i++) cable[i] = feederCable[f]!;
  }
  const mvIBase = (baseMva * 1000) / (SQRT3 * mvKv);
  for (let f = 0; f < mvFeederStart.length; f++) {
    const start = mvFeederStart[f]!;
    const end = f + 1 < mvFeederStart.length ? mvFeederStart[f + 1]! : n;
    const headI = Math.hypot(P[start]!, Q[start]!) * mvIBase;
    for (;;) {
      const c = MV_CABLES[mvFeederCable[f]!]!;
      let worst = 0;
      for (let i = start; i < end; i++) {
        if (kind[i] !== MV) continue;
        const len = lengthKm[i]!;
        const d = ((c.rOhmPerKm * len) / zMv) * P[i]! + ((c.xOhmPerKm * len) / zMv) * Q[i]!;
        drop[i] = (parent[i] === 0 ? 0 : drop[parent[i]!]!) + d;
        if (drop[i]! > worst) worst = drop[i]!;
      }
      if ((worst <= MV_MAX_DROP && headI <= c.ampacityA) || mvFeederCable[f] === MV_CABLES.length - 1) break;
      mvFeederCable[f]!++;
    }
    for (let i = start; i < end; i++) if (kind[i] === MV) cable[i] = mvFeederCable[f]!;
  }

  // Final estimate with the chosen cables and the tap boost.
  const slackVmPu = o.slackVmPu ?? 1;
  const v = new Float64Array(n);
  v[0] = slackVmPu;
  let estMin = slackVmPu;
  let estMax = slackVmPu;
  for (let i = 1; i < n; i++) {
    const p = parent[i]!;
    let vi: number;
    if (kind[i] === LVBAR) {
      const [rt, xt] = trafoRx(i);
      vi = v[p]! / TAP - (rt * P[i]! + xt * Q[i]!);
    } else {
      const c = kind[i] === MV ? MV_CABLES[cable[i]!]! : LV_CABLES[cable[i]!]!;
      const z = kind[i] === MV ? zMv : zLv;
      const len = lengthKm[i]!;
      vi = v[p]! - (((c.rOhmPerKm * len) / z) * P[i]! + ((c.xOhmPerKm * len) / z) * Q[i]!);
    }
    v[i] = vi;
    if (vi < estMin) estMin = vi;
    if (vi > estMax) estMax = vi;
  }

  return {
    n, baseMva, mvKv, lvKv, slackVmPu, kind, parent, num, lengthKm, cable, trafo, pKw, qKvar,
    transformers: t, mvFeeders, houses: h, estMin, estMax,
  };
}

const busId = (pl: Plan, i: number): string => {
  const k = pl.kind[i]!;
  return k === SUB ? 'sub' : k === MV ? `mv${pl.num[i]}` : k === LVBAR ? `lv${pl.num[i]}` : `h${pl.num[i]}`;
};
/** Id of the branch feeding bus i (a line, or a transformer for LV busbars). */
const branchId = (pl: Plan, i: number): string => {
  const k = pl.kind[i]!;
  return k === MV ? `mvl${pl.num[i]}` : k === LVBAR ? `tr${pl.num[i]}` : `lvl${pl.num[i]}`;
};

function summary(pl: Plan, compiled: CompiledNetworkModel): SyntheticFeeder {
  const householdBus = new Int32Array(pl.houses);
  const householdBusIds: string[] = new Array(pl.houses);
  const householdLoadIds: string[] = new Array(pl.houses);
  let k = 0;
  let total = 0;
  for (let i = 0; i < pl.n; i++) {
    if (pl.kind[i] !== HOUSE) continue;
    householdBus[k] = i;
    householdBusIds[k] = compiled.busIds[i] as string;
    householdLoadIds[k] = compiled.loadIds[k]!;
    total += pl.pKw[i]!;
    k++;
  }
  return {
    compiled, householdBusIds, householdBus, householdLoadIds, transformers: pl.transformers, mvFeeders: pl.mvFeeders,
    totalLoadKw: total, estimatedMinVmPu: pl.estMin, estimatedMaxVmPu: pl.estMax,
  };
}

/**
 * Generates a seeded synthetic radial feeder (structure in the file header) directly as per-unit tables, without
 * building element objects: fast enough for 1,000,000 buses.
 */
export function createSyntheticFeeder(options: SyntheticFeederOptions): SyntheticFeeder {
  const pl = plan(options);
  const { n, baseMva: base, mvKv, lvKv } = pl;
  const perKw = 1 / (1000 * base);
  const nBranch = n - 1;
  const nTr = pl.transformers;
  const nLine = nBranch - nTr;

  const net = allocateCompiledNetwork(base, n, 1, nBranch);
  const columns = allocateModelColumns(nBranch, pl.houses, 0);
  const { busIds, baseKv, busType, vmPu, pLoadPu, qLoadPu, vmMinPu, vmMaxPu } = net;
  const { branchIds, fromBus, toBus, rPu, xPu, bPu, tap, rateMva } = net;
  const { branchKind, loadIds, loadBus, loadPPu, loadQPu } = columns;
  for (let i = 0; i < n; i++) {
    const id = busId(pl, i);
    busIds[i] = id;
    baseKv[i] = pl.kind[i]! <= MV ? mvKv : lvKv;
  }
  busType[0] = BUS_SLACK;
  vmPu[0] = pl.slackVmPu;
  vmMinPu.fill(0.9);
  vmMaxPu.fill(1.1);
  net.genIds[0] = 'grid';
  net.genStatus[0] = 1;
  net.qMaxPu[0] = Infinity;
  net.qMinPu[0] = -Infinity;
  net.vSetPu[0] = pl.slackVmPu;
  net.branchStatus.fill(1);
  // Same arithmetic, in the same order, as compileNetwork on the equivalent model (lines first, then transformers).
  const rx = new Float64Array(2);
  let line = 0;
  let tr = nLine;
  let ld = 0;
  for (let i = 1; i < n; i++) {
    const k = pl.kind[i]!;
    const f = pl.parent[i]!;
    if (k === LVBAR) {
      const ty = TRAFOS[pl.trafo[i]!]!;
      const ratingMva = ty.ratingKva / 1000;
      const toSystem = base / ratingMva;
      transformerImpedancePu(ty.ukPercent, ty.urPercent, rx);
      const r = rx[0]!;
      const x = rx[1]!;
      branchIds[tr] = branchId(pl, i);
      branchKind[tr] = BRANCH_TRANSFORMER;
      fromBus[tr] = f;
      toBus[tr] = i;
      rPu[tr] = r * toSystem;
      xPu[tr] = x * toSystem;
      tap[tr] = TAP;
      rateMva[tr] = ratingMva;
      tr++;
      continue;
    }
    const c = k === MV ? MV_CABLES[pl.cable[i]!]! : LV_CABLES[pl.cable[i]!]!;
    const kv = baseKv[f]!;
    const zBase = impedanceBaseOhm(kv, base);
    const len = pl.lengthKm[i]!;
    branchIds[line] = branchId(pl, i);
    fromBus[line] = f;
    toBus[line] = i;
    rPu[line] = (c.rOhmPerKm * len) / zBase;
    xPu[line] = (c.xOhmPerKm * len) / zBase;
    bPu[line] = c.bMicroSPerKm * len * 1e-6 * zBase;
    rateMva[line] = ampacityMva(kv, c.ampacityA);
    line++;
    if (k === HOUSE) {
      loadIds[ld] = `load${pl.num[i]}`;
      loadBus[ld] = i;
      loadPPu[ld] = pl.pKw[i]! * perKw;
      loadQPu[ld] = pl.qKvar[i]! * perKw;
      pLoadPu[i] += loadPPu[ld]!;
      qLoadPu[i] += loadQPu[ld]!;
      ld++;
    }
  }

  const compiled: Omit<CompiledNetworkModel, 'busIndex'> = { name: `synthetic-${n}-seed${options.seed}`, ...net, ...columns };
  // Ids are unique by construction; the id → row Map is built on first read (most users never read it).
  defineLazyIdMap(compiled, 'busIndex', n, (i) => busIds[i]!);
  return summary(pl, compiled as CompiledNetworkModel);
}

/** The same synthetic feeder as createSyntheticFeeder, as a NetworkModel in engineering units (plain objects). */
export function createSyntheticFeederModel(options: SyntheticFeederOptions): NetworkModel {
  const pl = plan(options);
  const { n, mvKv, lvKv } = pl;
  const model: Required<Omit<NetworkModel, 'name'>> & { name: string } = {
    name: `synthetic-${n}-seed${options.seed}`,
    baseMva: pl.baseMva,
    buses: new Array(n), lines: [], transformers: [], loads: [], generators: [], shunts: [], pvSystems: [], storages: [],
    evChargers: [],
    slacks: [{ id: 'grid', bus: 'sub', vmPu: pl.slackVmPu, vaDeg: 0 }],
  };
  for (let i = 0; i < n; i++) model.buses[i] = { id: busId(pl, i), vnKv: pl.kind[i]! <= MV ? mvKv : lvKv };
  for (let i = 1; i < n; i++) {
    const k = pl.kind[i]!;
    const from = model.buses[pl.parent[i]!]!.id;
    const to = model.buses[i]!.id;
    if (k === LVBAR) {
      const ty = TRAFOS[pl.trafo[i]!]!;
      model.transformers.push({ id: branchId(pl, i), hv: from, lv: to, ratingKva: ty.ratingKva, ukPercent: ty.ukPercent, urPercent: ty.urPercent, tapRatio: TAP });
      continue;
    }
    const c = k === MV ? MV_CABLES[pl.cable[i]!]! : LV_CABLES[pl.cable[i]!]!;
    model.lines.push({
      id: branchId(pl, i), from, to, rOhmPerKm: c.rOhmPerKm, xOhmPerKm: c.xOhmPerKm, bMicroSPerKm: c.bMicroSPerKm,
      lengthKm: pl.lengthKm[i]!, ampacityA: c.ampacityA,
    });
    if (k === HOUSE) model.loads.push({ id: `load${pl.num[i]}`, bus: to, pKw: pl.pKw[i]!, qKvar: pl.qKvar[i]! });
  }
  return model;
}
