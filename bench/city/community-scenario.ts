/**
 * The scenario of one LV community of the city: one prosumer per household bus, seeded, with realistic sizes —
 * 2–6 MWh/yr (household profile), 40 % with 3–10 kWp PV, 15 % with a home battery (PV owners: 2 kWh per kWp,
 * half-hour power), 10 % with an EV (11 kW, median 10 kWh per session); retail 0.30, feed-in 0.08, a P2P network
 * charge of 0.03 per kWh; a uniform-price auction among the community's households, truthful bids.
 */
import { Rng } from '../../ts/random.js';

/** Builds the scenario input of a community. */
export function communityScenario(id: string, householdBuses: readonly string[], seed: number, steps: number): Record<string, unknown> {
  const rng = new Rng(seed).fork(`city-${id}`);
  const prosumers = householdBuses.map((bus, i) => {
    const p: Record<string, unknown> = {
      id: `${id}-h${i}`,
      bus,
      load: { kind: 'household', annualKwh: Math.round(rng.uniform(2000, 6000)) },
      reactiveKvarPerKw: 0.33,
    };
    const u = rng.uniform(0, 1);
    if (u < 0.4) {
      const kwp = Math.round(rng.uniform(3, 10) * 10) / 10;
      p.pvKwp = kwp;
      if (u < 0.15) p.battery = { capacityKwh: Math.round(2 * kwp * 10) / 10, powerKw: Math.round(kwp * 10) / 10 };
    }
    if (rng.uniform(0, 1) < 0.1) p.ev = { powerKw: 11, capacityKwh: 60, medianEnergyKwh: 10 };
    return p;
  });
  return {
    name: `city-${id}`,
    // Not loaded: the community's compiled network is passed to createSimulation directly.
    network: 'ieee33',
    prosumers,
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.03 },
    market: { mechanism: 'uniform' },
    horizon: { start: '2024-01-01T00:00:00Z', steps, dtHours: 0.25 },
    seed,
  };
}
