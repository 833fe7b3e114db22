/**
 * The small LV community every preset runs on: one house connection per household on the seeded synthetic feeder
 * (network/synthetic-feeder.ts) with households + 3 buses (substation → MV cable → one 20/0.4 kV transformer → LV
 * cables to the houses h1 … hN), so each household replaces its connection's nominal load and no background load
 * remains.
 */
import type { ScenarioInput } from '../scenario-schema.js';

/** A prosumer as a scenario file writes it. */
type ProsumerInput = ScenarioInput['prosumers'][number];

/** One household of a preset: annual consumption, kWh/yr, and optionally PV (kWp), a battery and an EV. */
export interface PresetHouse {
  annualKwh: number;
  pvKwp?: number;
  battery?: ProsumerInput['battery'];
  ev?: ProsumerInput['ev'];
}

/** Feeder seed: one transformer for a dozen households. */
const FEEDER_SEED = 2;

/** The network name and the prosumers (ids `<prefix>1` …, at buses h1 …) of a preset's households. */
export function lvCommunity(prefix: string, houses: readonly PresetHouse[]): Pick<ScenarioInput, 'network' | 'prosumers' | 'backgroundLoad'> {
  return {
    network: `synthetic-${houses.length + 3}-seed${FEEDER_SEED}`,
    backgroundLoad: 'none',
    prosumers: houses.map((h, k) => ({
      id: `${prefix}${k + 1}`,
      bus: `h${k + 1}`,
      load: { kind: 'household', annualKwh: h.annualKwh },
      ...(h.pvKwp ? { pvKwp: h.pvKwp } : {}),
      ...(h.battery ? { battery: { ...h.battery } } : {}),
      ...(h.ev ? { ev: { ...h.ev } } : {}),
    })),
  };
}

/** The run of `mechanism` among a comparison's results (undefined when it was not run). */
export function runOf<R extends { mechanism: string }>(results: readonly R[], mechanism: string): R | undefined {
  return results.find((r) => r.mechanism === mechanism);
}
