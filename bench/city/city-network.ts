/**
 * The city of the city-scale run: one seeded synthetic MV/LV network (ts/network/synthetic-feeder.ts: a 20 kV
 * substation, MV feeders, 20/0.4 kV transformers, LV feeders with one bus per household), cut into
 *   - one LV community per transformer: its MV bus (the community's slack at 1 p.u.), the transformer and every bus
 *     below it, without the generator's nominal household loads (the prosumers' profiles replace them);
 *   - the MV network: the substation, MV lines and MV buses, where each community's transformer draw is a load.
 * The communities are independent within a step (each has its own P2P market and its LV power flow seen from a
 * stiff MV bus); the MV power flow then takes their transformer draws. The MV voltage drop (≤ 2 % by the
 * generator's sizing) is therefore not passed down to the LV voltages: stated in the results.
 */
import { createSyntheticFeederModel } from '../../ts/network/synthetic-feeder.js';
import type { NetworkModel } from '../../ts/network/network-model.js';

/** One LV community: its network and household bus ids. */
export interface CityCommunity {
  id: string;
  /** MV bus id the community hangs from (a load bus of the MV network). */
  mvBus: string;
  network: NetworkModel;
  householdBuses: string[];
}

/** The city cut into communities and the MV network. */
export interface City {
  communities: CityCommunity[];
  mv: NetworkModel;
  households: number;
  buses: number;
}

/** Generates and cuts a city of about `households` households (the generator sets the exact count). */
export function createCity(households: number, seed: number): City {
  // 1 + 2·transformers + households buses; ~125 households per transformer on average.
  const transformers = Math.max(1, Math.round(households / 125));
  const model = createSyntheticFeederModel({ buses: 1 + 2 * transformers + households, seed });
  const lines = model.lines ?? [];
  const children = new Map<string, string[]>();
  for (const l of lines) children.set(l.from, [...(children.get(l.from) ?? []), l.to]);
  const loadsAt = new Set((model.loads ?? []).map((l) => l.bus));
  const inLv = new Set<string>();
  const communities: CityCommunity[] = (model.transformers ?? []).map((t) => {
    const area: string[] = [];
    const stack = [t.lv];
    while (stack.length) {
      const b = stack.pop()!;
      area.push(b);
      inLv.add(b);
      for (const c of children.get(b) ?? []) stack.push(c);
    }
    const set = new Set(area);
    const busById = new Map(model.buses.map((b) => [b.id, b]));
    return {
      id: t.id,
      mvBus: t.hv,
      network: {
        name: `lv-${t.id}`,
        baseMva: model.baseMva,
        buses: [busById.get(t.hv)!, ...model.buses.filter((b) => set.has(b.id))],
        lines: lines.filter((l) => set.has(l.from) && set.has(l.to)),
        transformers: [t],
        slacks: [{ id: `slack-${t.id}`, bus: t.hv, vmPu: 1 }],
      },
      householdBuses: area.filter((b) => loadsAt.has(b)),
    };
  });
  const mvBuses = model.buses.filter((b) => !inLv.has(b.id));
  const mvSet = new Set(mvBuses.map((b) => b.id));
  return {
    communities,
    mv: {
      name: 'mv',
      baseMva: model.baseMva,
      buses: mvBuses,
      lines: lines.filter((l) => mvSet.has(l.from) && mvSet.has(l.to)),
      slacks: model.slacks,
    },
    households: communities.reduce((n, c) => n + c.householdBuses.length, 0),
    buses: model.buses.length,
  };
}
