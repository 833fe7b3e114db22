/**
 * Named generators: derived knobs of a scenario that no single field holds, offered to sweeps as axes named
 * `generator.<name>` and applied to the base after the dotted-path axes.
 *
 * - `pvShare` (0 … 1): the share of prosumers with PV. Owners are taken in a fixed seeded order — the base's PV
 *   owners first, then the others — so a share equal to the base's reproduces it, and the owners at a smaller share
 *   are a subset of those at a larger one (sweeps compare like with like). Base owners keep their kWp; a new owner
 *   gets the base owners' median kWp per kWh of annual household load times its own load (or their median kWp when
 *   its load is not a household profile; 1 kWp per MWh/yr when the base has no PV at all). Prosumers left without PV
 *   lose their battery (the default study gives batteries to PV owners only).
 * - `batteryShare` (0 … 1): the share of prosumers with a home battery, in the same kind of seeded order (battery
 *   owners, then PV owners, then the rest). A new battery holds 2 kWh per kWp of the prosumer's PV (5 kWh without
 *   PV) with half-hour power, as the default study sizes them.
 * - `evShare` (0 … 1): the share of prosumers with an EV (owners first); a new EV has an 11 kW charger, 60 kWh and a
 *   median 10 kWh per session, the other EV fields at their defaults.
 * Apply pvShare before batteryShare when both are given (list it first): taking PV away also takes the battery.
 */
import { Rng } from '../random.js';

/** A generator: applies a value to a scenario input in place; returns a problem (string) or null. */
export type ScenarioGenerator = (scenario: Record<string, unknown>, value: unknown) => string | null;

interface ProsumerInput {
  pvKwp?: number;
  battery?: unknown;
  ev?: unknown;
  load?: { kind?: string; annualKwh?: number };
}

const DEFAULT_KWP_PER_KWH = 1 / 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Checks a share and returns the prosumers, or a problem. */
function sharedProsumers(scenario: Record<string, unknown>, value: unknown): ProsumerInput[] | string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) return 'expected a share between 0 and 1';
  const prosumers = scenario.prosumers;
  if (!Array.isArray(prosumers) || prosumers.length === 0) return 'the base scenario has no prosumers';
  return prosumers as ProsumerInput[];
}

/** Prosumer indices in tiers (each shuffled by a generator-specific stream of the scenario's seed), tier by tier. */
function seededOrder(scenario: Record<string, unknown>, label: string, tiers: number[][]): number[] {
  const rng = new Rng(typeof scenario.seed === 'number' ? scenario.seed : 0).fork(label);
  return tiers.flatMap((t) => rng.shuffle([...t]));
}

const hasPv = (p: ProsumerInput): boolean => (p.pvKwp ?? 0) > 0;

const pvShare: ScenarioGenerator = (scenario, value) => {
  const ps = sharedProsumers(scenario, value);
  if (typeof ps === 'string') return ps;
  const annual = (p: ProsumerInput): number | null =>
    p.load?.kind === 'household' && typeof p.load.annualKwh === 'number' && p.load.annualKwh > 0 ? p.load.annualKwh : null;
  const owners = ps.map((_, i) => i).filter((i) => hasPv(ps[i]!));
  const others = ps.map((_, i) => i).filter((i) => !hasPv(ps[i]!));
  const order = seededOrder(scenario, 'sweep-generator-pv-share', [owners, others]);
  const ratios = owners.map((i) => annual(ps[i]!)).flatMap((a, j) => (a === null ? [] : [ps[owners[j]!]!.pvKwp! / a]));
  const kwpPerKwh = ratios.length > 0 ? median(ratios) : DEFAULT_KWP_PER_KWH;
  const fallbackKwp = owners.length > 0 ? median(owners.map((i) => ps[i]!.pvKwp!)) : 5;
  const n = Math.round((value as number) * ps.length);
  order.forEach((i, rank) => {
    const p = ps[i]!;
    if (rank < n) {
      if (!hasPv(p)) {
        const a = annual(p);
        p.pvKwp = Math.round((a === null ? fallbackKwp : a * kwpPerKwh) * 10) / 10 || 0.1;
      }
    } else {
      if ((p.pvKwp ?? 0) > 0) p.pvKwp = 0;
      if (p.battery !== undefined) delete p.battery;
    }
  });
  return null;
};

const batteryShare: ScenarioGenerator = (scenario, value) => {
  const ps = sharedProsumers(scenario, value);
  if (typeof ps === 'string') return ps;
  const all = ps.map((_, i) => i);
  const owners = all.filter((i) => ps[i]!.battery !== undefined);
  const pvOnly = all.filter((i) => ps[i]!.battery === undefined && hasPv(ps[i]!));
  const rest = all.filter((i) => ps[i]!.battery === undefined && !hasPv(ps[i]!));
  const n = Math.round((value as number) * ps.length);
  seededOrder(scenario, 'sweep-generator-battery-share', [owners, pvOnly, rest]).forEach((i, rank) => {
    const p = ps[i]!;
    if (rank >= n) {
      if (p.battery !== undefined) delete p.battery;
    } else if (p.battery === undefined) {
      const capacityKwh = hasPv(p) ? Math.round(2 * p.pvKwp! * 10) / 10 || 0.1 : 5;
      p.battery = { capacityKwh, powerKw: Math.round(capacityKwh * 5) / 10 || 0.1 };
    }
  });
  return null;
};

const evShare: ScenarioGenerator = (scenario, value) => {
  const ps = sharedProsumers(scenario, value);
  if (typeof ps === 'string') return ps;
  const all = ps.map((_, i) => i);
  const n = Math.round((value as number) * ps.length);
  const order = seededOrder(scenario, 'sweep-generator-ev-share', [all.filter((i) => ps[i]!.ev !== undefined), all.filter((i) => ps[i]!.ev === undefined)]);
  order.forEach((i, rank) => {
    const p = ps[i]!;
    if (rank >= n) {
      if (p.ev !== undefined) delete p.ev;
    } else if (p.ev === undefined) {
      p.ev = { powerKw: 11, capacityKwh: 60, medianEnergyKwh: 10 };
    }
  });
  return null;
};

/** The generators a sweep may name (`generator.<name>`). */
export const SWEEP_GENERATORS: Readonly<Record<string, ScenarioGenerator>> = { pvShare, batteryShare, evShare };

/** The axis-name prefix of generators. */
export const GENERATOR_PREFIX = 'generator.';
