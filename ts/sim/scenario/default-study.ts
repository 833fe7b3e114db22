/**
 * The built-in study of `peergrid simulate`: a realistic low-voltage community of about 100 households on one
 * 20/0.4 kV transformer, over one year of 15-minute steps.
 *
 * - Feeder: the seeded synthetic feeder of ts/network/synthetic-feeder.ts with households + 3 buses (substation
 *   20 kV busbar → one MV cable → one 400 kVA 20/0.4 kV transformer, uk 6 %, +2.5 % tap → LV feeders of 15–30
 *   house connections on NAYY cables, 20–50 m apart, sized by the generator for a 6.5 % drop at nominal load).
 *   Feeder seed 2 gives a single 400 kVA transformer for 100 households (about 4 kVA per household, usual for
 *   German suburban LV grids). Every house bus hosts one prosumer, so the network's own (nominal) loads are all
 *   replaced by the households' profiles and there is no background load ('none', stated in the report).
 * - Households: annual consumption from the German household-size mix (1 person 41 %, 2: 34 %, 3: 12 %, 4+: 13 %;
 *   Destatis 2022) at the typical consumption of each size (2,000 / 3,000 / 3,800 / 4,800 kWh/yr; co2online
 *   Stromspiegel 2023) with a seeded ±15 % log-normal spread, clamped to 2,000–6,000 kWh/yr; the BDEW-H0-like
 *   shape of profiles/household-load.ts; power factor about 0.97 (0.25 kvar/kW).
 * - 40 % of households have rooftop PV of 3–10 kWp (uniform, 0.1 kWp steps); 15 % a home battery (all among the PV
 *   owners, as in practice) of 5–15 kWh with 0.5 C power; 15 % an electric car with a 7.4 kW (one in three) or 11 kW
 *   wall box, a 60 kWh battery and a median daily distance of 20–45 km (0.18 kWh/km, charged at home, 90 % of days).
 * - Limits: PV export per connection at most 70 % of the PV kWp (the German "70 % rule" for small PV without
 *   remote control, EEG 2012–2022), and the community's net exchange at most the transformer's 400 kVA at unity
 *   power factor (400 kW); both are enforced by curtailment and reported.
 * - Tariffs (EUR, German household averages 2024, BDEW Strompreisanalyse): energy and supply 0.170, network charge
 *   0.116 (with metering), levies and electricity tax 0.053 (concession fee, electricity tax, offshore, §19 and CHP
 *   levies) per kWh net of VAT, VAT 19 %: retail 0.4034/kWh all-in. Feed-in 0.081/kWh (EEG, PV ≤ 10 kWp). A P2P kWh
 *   pays the full network charge and levies with their VAT (no local-use discount, as in Germany today): 0.2011/kWh,
 *   paid by the buyer, so the buyers' ceiling is 0.2023/kWh (the energy part with VAT) and the sellers' floor 0.081.
 * - Market: truthful bids at reservation values (buyers: retail minus the P2P charge; sellers: feed-in), one order
 *   per prosumer and step (its net surplus or deficit). Agents do not respond to P2P prices (batteries run
 *   self-consumption, cars charge on arrival), so the physical flows are the same under every mechanism.
 * - One year of 15-minute steps (35,040): the calendar year 2023 in local standard time (UTC+1), at 48° N, 11° E
 *   (Munich).
 */
import { Rng } from '../../random.js';
import type { ScenarioInput } from './scenario-schema.js';
import type { Engine } from '../../engine.js';

/** Options of the default study. */
export interface DefaultStudyOptions {
  /** Number of households (default 100). */
  prosumers?: number;
  /** Number of 15-minute steps (default 35,040 = one year). */
  steps?: number;
  /** Seed of the households, their profiles and the market (default 2024). */
  seed?: number;
  /** Engine (default 'wasm'). */
  engine?: Engine;
  /** Start instant, ISO 8601 (default '2023-01-01T00:00:00+01:00': local midnight of New Year's Day). */
  start?: string;
}

/** Seed of the synthetic feeder: with 100 households it has a single 400 kVA transformer. */
export const DEFAULT_FEEDER_SEED = 2;

/** Household sizes: share of households and typical annual consumption, kWh/yr (see the file header). */
export const HOUSEHOLD_SIZE_MIX: ReadonlyArray<{ persons: string; share: number; annualKwh: number }> = [
  { persons: '1', share: 0.41, annualKwh: 2000 },
  { persons: '2', share: 0.34, annualKwh: 3000 },
  { persons: '3', share: 0.12, annualKwh: 3800 },
  { persons: '4+', share: 0.13, annualKwh: 4800 },
];

/** The built-in network name of the default study's feeder for `households` households. */
export function defaultStudyNetwork(households: number): string {
  return `synthetic-${households + 3}-seed${DEFAULT_FEEDER_SEED}`;
}

/** Builds the default study scenario (see the file header for every assumption and its source). */
export function createDefaultStudy(options: DefaultStudyOptions = {}): ScenarioInput {
  const n = options.prosumers ?? 100;
  const seed = options.seed ?? 2024;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`createDefaultStudy: prosumers must be a positive integer, got ${n}`);
  const rng = new Rng(seed).fork('default-study');
  const round = (x: number, step: number): number => Math.round(x / step) * step;
  const prosumers: NonNullable<ScenarioInput['prosumers']> = [];
  for (let k = 0; k < n; k++) {
    let u = rng.next();
    const size = HOUSEHOLD_SIZE_MIX.find((h) => (u -= h.share) < 0) ?? HOUSEHOLD_SIZE_MIX[HOUSEHOLD_SIZE_MIX.length - 1]!;
    const annual = Math.min(6000, Math.max(2000, size.annualKwh * Math.exp(rng.normal(0, 0.15))));
    prosumers.push({
      id: `hh${String(k + 1).padStart(3, '0')}`,
      bus: `h${k + 1}`,
      load: { kind: 'household', annualKwh: round(annual, 10) },
      reactiveKvarPerKw: 0.25,
    });
  }
  const idx = rng.shuffle(prosumers.map((_, i) => i));
  const nPv = Math.round(0.4 * n);
  const nBat = Math.round(0.15 * n);
  for (let j = 0; j < nPv; j++) {
    const p = prosumers[idx[j]!]!;
    p.pvKwp = round(rng.uniform(3, 10), 0.1);
    if (j < nBat) {
      const cap = round(rng.uniform(5, 15), 0.5);
      p.battery = { capacityKwh: cap, powerKw: round(cap / 2, 0.1), efficiency: 0.9, socMin: 0.1, socMax: 0.9, initialSoc: 0.5 };
    }
  }
  const nEv = Math.round(0.15 * n);
  rng.shuffle(prosumers.map((_, i) => i)).slice(0, nEv).forEach((i, j) => {
    const km = rng.uniform(20, 45);
    prosumers[i]!.ev = { powerKw: j % 3 === 0 ? 7.4 : 11, capacityKwh: 60, medianEnergyKwh: round(km * 0.18, 0.1), plugInProbability: 0.9 };
  });
  return {
    name: 'lv-community',
    network: defaultStudyNetwork(n),
    backgroundLoad: 'none',
    currency: 'EUR',
    location: { latitudeDeg: 48, longitudeDeg: 11 },
    utcOffsetHours: 1,
    clouds: {},
    prosumers,
    limits: { exportFractionOfKwp: 0.7, transformerKw: 400 },
    tariffs: {
      feedInPricePerKwh: 0.081,
      retailParts: { energyPricePerKwh: 0.17, networkChargePerKwh: 0.116, leviesPerKwh: 0.053, vatPercent: 19, localUseDiscountPercent: 0 },
    },
    market: { mechanism: 'uniform', strategy: { kind: 'truthful' } },
    horizon: { start: options.start ?? '2023-01-01T00:00:00+01:00', steps: options.steps ?? 35_040, dtHours: 0.25 },
    seed,
    engine: options.engine ?? 'wasm',
  };
}
