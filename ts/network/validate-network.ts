/**
 * Validation of a NetworkModel: every check the compile step relies on, each failure a ValidationError naming the
 * element kind, its id, the field, the value and its unit. It runs in O(elements) and also produces the bus index
 * the compile step reuses, so a model is checked exactly once per compile.
 */
import { ValidationError } from '../errors.js';
import type { InjectionSpec, NetworkModel } from './network-model.js';
import { defineLazyIdMap, IdTable } from './id-table.js';

/** The model's element lists, in validation order (their ids share one namespace). */
const ELEMENT_LISTS = ['lines', 'transformers', 'loads', 'slacks', 'generators', 'shunts', 'pvSystems', 'storages', 'evChargers'] as const;
/** Element kind (as named in errors) → its list in the model. */
const ELEMENT_LIST_OF: Record<string, (typeof ELEMENT_LISTS)[number]> = {
  line: 'lines', transformer: 'transformers', load: 'loads', slack: 'slacks', generator: 'generators', shunt: 'shunts',
  pv: 'pvSystems', storage: 'storages', ev: 'evChargers',
};

/** What validation learned that compile needs: bus id → row, and every element's bus rows (looked up once). */
export interface ValidatedNetwork {
  /** Bus id → row index (model order); built on first read. */
  busIndex: Map<string, number>;
  /** Bus row of an id, −1 when absent (no Map needed). */
  busRow(id: string): number;
  /** Row of the slack bus. */
  slackBus: number;
  /** From/to bus rows per line (model order). */
  lineFrom: Int32Array;
  lineTo: Int32Array;
  /** HV/LV bus rows per transformer. */
  trafoHv: Int32Array;
  trafoLv: Int32Array;
  /** Bus row per load, generator, shunt; per injection (PV systems, then storages, then EV chargers). */
  loadBus: Int32Array;
  genBus: Int32Array;
  shuntBus: Int32Array;
  injectionBus: Int32Array;
}

function bad(element: string, id: string | number, field: string, value: unknown, unit: string | undefined, problem: string): never {
  throw new ValidationError({ element, id, field, value, unit }, problem);
}

function finite(element: string, id: string, field: string, v: unknown, unit?: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(element, id, field, v, unit, 'must be a finite number');
  return v;
}
function optFinite(element: string, id: string, field: string, v: unknown, unit?: string): void {
  if (v !== undefined) finite(element, id, field, v, unit);
}
function positive(element: string, id: string, field: string, v: unknown, unit?: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) bad(element, id, field, v, unit, 'must be a finite number > 0');
  return v;
}
function nonNegative(element: string, id: string, field: string, v: unknown, unit?: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(element, id, field, v, unit, 'must be a finite number >= 0');
  return v;
}
function optNonNegative(element: string, id: string, field: string, v: unknown, unit?: string): void {
  if (v !== undefined) nonNegative(element, id, field, v, unit);
}
function optBoolean(element: string, id: string, field: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'boolean') bad(element, id, field, v, undefined, 'must be true or false');
}
function list<T>(model: NetworkModel, key: keyof NetworkModel): T[] {
  const v = model[key] as unknown;
  if (v === undefined) return [];
  if (!Array.isArray(v)) bad('network', model.name ?? 'network', key, v, undefined, 'must be an array');
  return v as T[];
}

/**
 * Checks a NetworkModel; throws the first ValidationError found (element, id, field, value, unit). Checks: finite
 * numbers, signs, limits order, unique ids, known bus references, same kV at both ends of a line, non-zero
 * impedances, exactly one slack, consistent voltage set-points per bus, every bus connected to the slack through
 * in-service branches.
 */
export function validateNetwork(model: NetworkModel): ValidatedNetwork {
  if (model === null || typeof model !== 'object') bad('network', 'network', '(root)', model, undefined, 'must be an object');
  const netId = model.name ?? 'network';
  positive('network', netId, 'baseMva', model.baseMva, 'MVA');
  const buses = list<NetworkModel['buses'][number]>(model, 'buses');
  if (buses.length === 0) bad('network', netId, 'buses', 0, undefined, 'the network has no buses');

  // Ids are checked and looked up through IdTables (a Set/Map of a million ids is several times slower).
  const busTable = new IdTable(buses.length, (row) => buses[row]!.id);
  const vnKv = new Float64Array(buses.length);
  for (let i = 0; i < buses.length; i++) {
    const b = buses[i]!;
    const id = b?.id;
    if (typeof id !== 'string' || id.length === 0) bad('bus', i, 'id', id, undefined, `bus at position ${i} needs a non-empty string id`);
    const row = busTable.add(id);
    if (row < 0) bad('bus', id, 'id', id, undefined, `duplicate bus id (also the bus at position ${-1 - row})`);
    vnKv[i] = positive('bus', id, 'vnKv', b.vnKv, 'kV');
    const lo = b.vmMinPu ?? 0.9;
    const hi = b.vmMaxPu ?? 1.1;
    positive('bus', id, 'vmMinPu', lo, 'p.u.');
    positive('bus', id, 'vmMaxPu', hi, 'p.u.');
    if (lo > hi) bad('bus', id, 'vmMinPu', lo, 'p.u.', `exceeds vmMaxPu = ${hi} p.u.`);
  }

  let nElements = 0;
  for (const key of ELEMENT_LISTS) {
    const a = model[key] as unknown;
    if (Array.isArray(a)) nElements += a.length;
  }
  /** Element kind and position of each id, in elementIds row order: where the table reads ids back from, and who
   *  holds an id first when a duplicate appears. */
  const elementKinds: string[] = [];
  const elementLists: { id: string }[][] = [];
  const elementKindOf = new Uint8Array(nElements);
  const elementPos = new Int32Array(nElements);
  const elementIds = new IdTable(nElements, (row) => elementLists[elementKindOf[row]!]![elementPos[row]!]!.id);
  const busOf = (element: string, id: string, field: string, ref: unknown): number => {
    const k = typeof ref === 'string' ? busTable.get(ref) : -1;
    if (k < 0) bad(element, id, field, ref, undefined, 'no bus with this id');
    return k;
  };
  const idOf = (element: string, pos: number, e: { id?: unknown } | undefined): string => {
    const id = e?.id;
    if (typeof id !== 'string' || id.length === 0) bad(element, pos, 'id', id, undefined, `${element} at position ${pos} needs a non-empty string id`);
    let kind = elementKinds.indexOf(element);
    if (kind < 0) {
      kind = elementKinds.push(element) - 1;
      elementLists.push(list<{ id: string }>(model, ELEMENT_LIST_OF[element]!));
    }
    const next = elementIds.size;
    elementKindOf[next] = kind;
    elementPos[next] = pos;
    const row = elementIds.add(id);
    if (row < 0) {
      const first = -1 - row;
      bad(element, id, 'id', id, undefined,
        `duplicate element id (ids are unique across all non-bus elements; also the ${elementKinds[elementKindOf[first]!]} at position ${elementPos[first]})`);
    }
    return id;
  };

  // Union-find over in-service branches for the connectivity check.
  const parent = new Int32Array(buses.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };

  const lines = list<NonNullable<NetworkModel['lines']>[number]>(model, 'lines');
  const lineFrom = new Int32Array(lines.length);
  const lineTo = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const id = idOf('line', i, l);
    const f = busOf('line', id, 'from', l.from);
    const t = busOf('line', id, 'to', l.to);
    lineFrom[i] = f;
    lineTo[i] = t;
    if (f === t) bad('line', id, 'to', l.to, undefined, 'a line must connect two different buses');
    if (Math.abs(vnKv[f]! - vnKv[t]!) > 1e-9 * vnKv[f]!) {
      bad('line', id, 'to', l.to, undefined, `connects ${vnKv[f]} kV to ${vnKv[t]} kV; use a transformer between voltage levels`);
    }
    const perKm = l.rOhmPerKm !== undefined || l.xOhmPerKm !== undefined || l.bMicroSPerKm !== undefined || l.lengthKm !== undefined;
    const total = l.rOhm !== undefined || l.xOhm !== undefined || l.bMicroS !== undefined;
    let r: number;
    let x: number;
    if (perKm && total) {
      bad('line', id, l.rOhm !== undefined ? 'rOhm' : l.xOhm !== undefined ? 'xOhm' : 'bMicroS', l.rOhm ?? l.xOhm ?? l.bMicroS, l.rOhm !== undefined || l.xOhm !== undefined ? 'Ω' : 'μS',
        'give either total values (rOhm, xOhm, bMicroS) or per-km values with lengthKm, not both');
    }
    if (perKm) {
      const len = positive('line', id, 'lengthKm', l.lengthKm, 'km');
      r = nonNegative('line', id, 'rOhmPerKm', l.rOhmPerKm ?? 0, 'Ω/km') * len;
      x = finite('line', id, 'xOhmPerKm', l.xOhmPerKm ?? 0, 'Ω/km') * len;
      optFinite('line', id, 'bMicroSPerKm', l.bMicroSPerKm, 'μS/km');
      if (r === 0 && x === 0) bad('line', id, 'xOhmPerKm', l.xOhmPerKm ?? 0, 'Ω/km', 'zero impedance (R = X = 0): merge the two buses instead');
    } else {
      r = nonNegative('line', id, 'rOhm', l.rOhm ?? 0, 'Ω');
      x = finite('line', id, 'xOhm', l.xOhm ?? 0, 'Ω');
      optFinite('line', id, 'bMicroS', l.bMicroS, 'μS');
      if (r === 0 && x === 0) bad('line', id, 'xOhm', l.xOhm ?? 0, 'Ω', 'zero impedance (R = X = 0): merge the two buses instead');
    }
    optNonNegative('line', id, 'ampacityA', l.ampacityA, 'A');
    optBoolean('line', id, 'inService', l.inService);
    if (l.inService !== false) union(f, t);
  }

  const trafos = list<NonNullable<NetworkModel['transformers']>[number]>(model, 'transformers');
  const trafoHv = new Int32Array(trafos.length);
  const trafoLv = new Int32Array(trafos.length);
  for (let i = 0; i < trafos.length; i++) {
    const tr = trafos[i]!;
    const id = idOf('transformer', i, tr);
    const h = busOf('transformer', id, 'hv', tr.hv);
    const lv = busOf('transformer', id, 'lv', tr.lv);
    trafoHv[i] = h;
    trafoLv[i] = lv;
    if (h === lv) bad('transformer', id, 'lv', tr.lv, undefined, 'a transformer must connect two different buses');
    positive('transformer', id, 'ratingKva', tr.ratingKva, 'kVA');
    const byUk = tr.ukPercent !== undefined || tr.urPercent !== undefined;
    const byPu = tr.rPu !== undefined || tr.xPu !== undefined;
    if (byUk && byPu) bad('transformer', id, 'rPu', tr.rPu ?? tr.xPu, 'p.u.', 'give either ukPercent/urPercent or rPu/xPu, not both');
    if (byPu) {
      const r = nonNegative('transformer', id, 'rPu', tr.rPu ?? 0, 'p.u.');
      const x = finite('transformer', id, 'xPu', tr.xPu ?? 0, 'p.u.');
      if (r === 0 && x === 0) bad('transformer', id, 'xPu', tr.xPu ?? 0, 'p.u.', 'zero impedance (R = X = 0)');
    } else {
      const uk = positive('transformer', id, 'ukPercent', tr.ukPercent, '%');
      const ur = nonNegative('transformer', id, 'urPercent', tr.urPercent ?? 0, '%');
      if (ur > uk) bad('transformer', id, 'urPercent', ur, '%', `exceeds ukPercent = ${uk} % (the resistive part cannot exceed the impedance)`);
    }
    if (tr.tapRatio !== undefined) positive('transformer', id, 'tapRatio', tr.tapRatio, 'p.u.');
    optFinite('transformer', id, 'phaseShiftDeg', tr.phaseShiftDeg, 'deg');
    optBoolean('transformer', id, 'inService', tr.inService);
    if (tr.inService !== false) union(h, lv);
  }

  const loads = list<NonNullable<NetworkModel['loads']>[number]>(model, 'loads');
  const loadBus = new Int32Array(loads.length);
  for (let i = 0; i < loads.length; i++) {
    const ld = loads[i]!;
    const id = idOf('load', i, ld);
    loadBus[i] = busOf('load', id, 'bus', ld.bus);
    finite('load', id, 'pKw', ld.pKw, 'kW');
    optFinite('load', id, 'qKvar', ld.qKvar, 'kvar');
  }

  const slacks = list<NonNullable<NetworkModel['slacks']>[number]>(model, 'slacks');
  if (slacks.length === 0) bad('network', netId, 'slacks', 0, undefined, 'no slack: add one with addSlack({ id, bus })');
  const vSetAt = new Map<number, { id: string; v: number }>();
  let slackBus = -1;
  for (let i = 0; i < slacks.length; i++) {
    const s = slacks[i]!;
    const id = idOf('slack', i, s);
    if (i > 0) bad('slack', id, 'id', id, undefined, `only one slack is supported (the first is ${JSON.stringify(slacks[0]!.id)})`);
    slackBus = busOf('slack', id, 'bus', s.bus);
    const v = s.vmPu ?? 1;
    positive('slack', id, 'vmPu', v, 'p.u.');
    optFinite('slack', id, 'vaDeg', s.vaDeg, 'deg');
    vSetAt.set(slackBus, { id, v });
  }

  const gens = list<NonNullable<NetworkModel['generators']>[number]>(model, 'generators');
  const genBus = new Int32Array(gens.length);
  for (let i = 0; i < gens.length; i++) {
    const g = gens[i]!;
    const id = idOf('generator', i, g);
    const b = busOf('generator', id, 'bus', g.bus);
    genBus[i] = b;
    finite('generator', id, 'pKw', g.pKw, 'kW');
    const v = positive('generator', id, 'vSetPu', g.vSetPu, 'p.u.');
    const qMin = g.qMinKvar ?? -Infinity;
    const qMax = g.qMaxKvar ?? Infinity;
    if (typeof qMin !== 'number' || Number.isNaN(qMin) || qMin === Infinity) bad('generator', id, 'qMinKvar', qMin, 'kvar', 'must be a number or -Infinity');
    if (typeof qMax !== 'number' || Number.isNaN(qMax) || qMax === -Infinity) bad('generator', id, 'qMaxKvar', qMax, 'kvar', 'must be a number or Infinity');
    if (qMin > qMax) bad('generator', id, 'qMinKvar', qMin, 'kvar', `exceeds qMaxKvar = ${qMax} kvar`);
    optBoolean('generator', id, 'inService', g.inService);
    if (g.inService === false) continue;
    const prev = vSetAt.get(b);
    if (prev !== undefined && prev.v !== v) {
      bad('generator', id, 'vSetPu', v, 'p.u.', `bus ${JSON.stringify(g.bus)} is already held at ${prev.v} p.u. by ${JSON.stringify(prev.id)}`);
    }
    vSetAt.set(b, { id, v });
  }

  const shunts = list<NonNullable<NetworkModel['shunts']>[number]>(model, 'shunts');
  const shuntBus = new Int32Array(shunts.length);
  for (let i = 0; i < shunts.length; i++) {
    const s = shunts[i]!;
    const id = idOf('shunt', i, s);
    shuntBus[i] = busOf('shunt', id, 'bus', s.bus);
    optFinite('shunt', id, 'gKw', s.gKw, 'kW');
    optFinite('shunt', id, 'bKvar', s.bKvar, 'kvar');
  }

  const pvs = list<InjectionSpec>(model, 'pvSystems');
  const storages = list<InjectionSpec>(model, 'storages');
  const evs = list<InjectionSpec>(model, 'evChargers');
  const injectionBus = new Int32Array(pvs.length + storages.length + evs.length);
  let inj = 0;
  for (const [items, element] of [[pvs, 'pv'], [storages, 'storage'], [evs, 'ev']] as const) {
    for (let i = 0; i < items.length; i++) {
      const s = items[i]!;
      const id = idOf(element, i, s);
      injectionBus[inj++] = busOf(element, id, 'bus', s.bus);
      finite(element, id, 'pKw', s.pKw, 'kW');
      optFinite(element, id, 'qKvar', s.qKvar, 'kvar');
    }
  }

  const root = find(slackBus);
  for (let i = 0; i < buses.length; i++) {
    if (find(i) !== root) {
      bad('bus', buses[i]!.id, 'connectivity', 'island', undefined,
        `not connected to the slack bus ${JSON.stringify(buses[slackBus]!.id)} through in-service lines or transformers`);
    }
  }
  const result = {
    busRow: (id: string): number => busTable.get(id),
    slackBus, lineFrom, lineTo, trafoHv, trafoLv, loadBus, genBus, shuntBus, injectionBus,
  } as Omit<ValidatedNetwork, 'busIndex'>;
  defineLazyIdMap(result, 'busIndex', buses.length, (i) => buses[i]!.id);
  return result as ValidatedNetwork;
}
