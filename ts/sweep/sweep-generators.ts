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
 */
import { Rng } from '../random.js';

/** A generator: applies a value to a scenario input in place; returns a problem (string) or null. */
export type ScenarioGenerator = (scenario: Record<string, unknown>, value: unknown) => string | null;

interface ProsumerInput {
  pvKwp?: number;
  battery?: unknown;
  load?: { kind?: string; annualKwh?: number };
}

const DEFAULT_KWP_PER_KWH = 1 / 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const pvShare: ScenarioGenerator = (scenario, value) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) return 'expected a share between 0 and 1';
  const prosumers = scenario.prosumers;
  if (!Array.isArray(prosumers) || prosumers.length === 0) return 'the base scenario has no prosumers';
  const ps = prosumers as ProsumerInput[];
  const annual = (p: ProsumerInput): number | null =>
    p.load?.kind === 'household' && typeof p.load.annualKwh === 'number' && p.load.annualKwh > 0 ? p.load.annualKwh : null;
  const owners = ps.map((_, i) => i).filter((i) => (ps[i]!.pvKwp ?? 0) > 0);
  const others = ps.map((_, i) => i).filter((i) => !((ps[i]!.pvKwp ?? 0) > 0));
  const rng = new Rng(typeof scenario.seed === 'number' ? scenario.seed : 0).fork('sweep-generator-pv-share');
  const order = [...rng.shuffle(owners), ...rng.shuffle(others)];
  const ratios = owners.map((i) => annual(ps[i]!)).flatMap((a, j) => (a === null ? [] : [ps[owners[j]!]!.pvKwp! / a]));
  const kwpPerKwh = ratios.length > 0 ? median(ratios) : DEFAULT_KWP_PER_KWH;
  const fallbackKwp = owners.length > 0 ? median(owners.map((i) => ps[i]!.pvKwp!)) : 5;
  const n = Math.round(value * ps.length);
  order.forEach((i, rank) => {
    const p = ps[i]!;
    if (rank < n) {
      if (!((p.pvKwp ?? 0) > 0)) {
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

/** The generators a sweep may name (`generator.<name>`). */
export const SWEEP_GENERATORS: Readonly<Record<string, ScenarioGenerator>> = { pvShare };

/** The axis-name prefix of generators. */
export const GENERATOR_PREFIX = 'generator.';
