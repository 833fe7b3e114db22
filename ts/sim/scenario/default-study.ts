/**
 * The built-in study of `peergrid simulate`: the IEEE 33-bus feeder (Baran & Wu 1989) with about 100 prosumers.
 *
 * - Each load bus's published demand (Baran & Wu, Table 1: 3,715 kW and 2,300 kvar in total) is split equally among
 *   the prosumers placed at that bus; prosumers per bus are proportional to the bus's demand (largest remainder, at
 *   least one per load bus). The published demand is read as the bus's peak: the household profile's peak-to-mean
 *   ratio is about 2, so a prosumer's annual energy is share·8760/2 kWh, and its reactive demand keeps the bus's Q/P.
 * - Seeded: 40% of the prosumers get PV (0.8–1.6 kWp per MWh/yr of demand, i.e. 80–160% of annual demand at ~1,000
 *   kWh/kWp), 15% a battery (all among the PV owners: 2 kWh per kWp, half-hour power), 10% an EV (11 kW, median 8–16 kWh
 *   per evening session; half of them price-aware).
 * - One week of 15-minute steps (672) from Monday 2024-06-03, at latitude 48° N; retail 0.30, feed-in 0.08 and a P2P
 *   network charge of 0.03 currency/kWh; zero-intelligence (seeded) bidding, so
 *   mechanisms differ in volume and welfare, not only in how they split the gains.
 */
import { Rng } from '../../random.js';
import type { ScenarioInput } from './scenario-schema.js';
import type { Engine } from '../../engine.js';

/** IEEE 33-bus demand per bus id (Baran & Wu 1989): [P kW, Q kvar]; bus '1' is the substation. */
export const IEEE33_BUS_LOADS: ReadonlyArray<readonly [string, number, number]> = [
  ['2', 100, 60], ['3', 90, 40], ['4', 120, 80], ['5', 60, 30], ['6', 60, 20], ['7', 200, 100], ['8', 200, 100],
  ['9', 60, 20], ['10', 60, 20], ['11', 45, 30], ['12', 60, 35], ['13', 60, 35], ['14', 120, 80], ['15', 60, 10],
  ['16', 60, 20], ['17', 60, 20], ['18', 90, 40], ['19', 90, 40], ['20', 90, 40], ['21', 90, 40], ['22', 90, 40],
  ['23', 90, 50], ['24', 420, 200], ['25', 420, 200], ['26', 60, 25], ['27', 60, 25], ['28', 60, 20], ['29', 120, 70],
  ['30', 200, 600], ['31', 150, 70], ['32', 210, 100], ['33', 60, 40],
];

/** Options of the default study. */
export interface DefaultStudyOptions {
  /** Number of prosumers (default 100; at least one per load bus, so ≥ 32). */
  prosumers?: number;
  /** Number of 15-minute steps (default 672 = one week). */
  steps?: number;
  /** Seed (default 2024). */
  seed?: number;
  /** Engine (default 'wasm'). */
  engine?: Engine;
}

/** Peak-to-mean ratio assumed for the household profile when sizing annual energy from the published peak demand. */
export const PEAK_TO_MEAN = 2;

/** Builds the default study scenario (see the file header for every assumption). */
export function createDefaultStudy(options: DefaultStudyOptions = {}): ScenarioInput {
  const n = options.prosumers ?? 100;
  const seed = options.seed ?? 2024;
  if (!Number.isInteger(n) || n < IEEE33_BUS_LOADS.length) {
    throw new RangeError(`createDefaultStudy: prosumers must be an integer ≥ ${IEEE33_BUS_LOADS.length}, got ${n}`);
  }
  const totalKw = IEEE33_BUS_LOADS.reduce((s, [, p]) => s + p, 0);
  // Largest-remainder apportionment of the prosumers beyond the first per bus.
  const extra = n - IEEE33_BUS_LOADS.length;
  const quotas = IEEE33_BUS_LOADS.map(([, p]) => (extra * p) / totalKw);
  const counts = quotas.map((q) => 1 + Math.floor(q));
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j++, left--) counts[order[j % order.length]![1]]! += 1;

  const rng = new Rng(seed).fork('default-study');
  const prosumers: NonNullable<ScenarioInput['prosumers']> = [];
  IEEE33_BUS_LOADS.forEach(([bus, pKw, qKvar], b) => {
    const c = counts[b]!;
    for (let k = 0; k < c; k++) {
      prosumers.push({
        id: `p${String(prosumers.length + 1).padStart(3, '0')}`,
        bus,
        load: { kind: 'household', annualKwh: ((pKw / c) * 8760) / PEAK_TO_MEAN },
        reactiveKvarPerKw: qKvar / pKw,
      });
    }
  });
  const idx = rng.shuffle(prosumers.map((_, i) => i));
  const nPv = Math.round(0.4 * n);
  const nBat = Math.round(0.15 * n);
  const nEv = Math.round(0.1 * n);
  for (let j = 0; j < nPv; j++) {
    const p = prosumers[idx[j]!]!;
    const annual = (p.load as { annualKwh: number }).annualKwh;
    const kwp = Math.round((annual / 1000) * rng.uniform(0.8, 1.6) * 10) / 10;
    p.pvKwp = kwp;
    if (j < nBat) {
      const cap = Math.round(2 * kwp * 10) / 10;
      p.battery = { capacityKwh: cap, powerKw: Math.round(cap * 5) / 10, efficiency: 0.9, socMin: 0.1, socMax: 0.9, initialSoc: 0.5 };
    }
  }
  const evIdx = rng.shuffle(prosumers.map((_, i) => i)).slice(0, nEv);
  evIdx.forEach((i, j) => {
    prosumers[i]!.ev = {
      powerKw: 11,
      capacityKwh: 60,
      medianEnergyKwh: Math.round(rng.uniform(8, 16)),
      policy: j % 2 === 0 ? 'immediate' : 'price-aware',
    };
  });
  return {
    name: 'ieee33-default-study',
    network: 'ieee33',
    location: { latitudeDeg: 48, longitudeDeg: 11 },
    utcOffsetHours: 1,
    clouds: {},
    prosumers,
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.03 },
    market: { mechanism: 'uniform', strategy: { kind: 'zero-intelligence' } },
    horizon: { start: '2024-06-03T00:00:00Z', steps: options.steps ?? 672, dtHours: 0.25 },
    seed,
    engine: options.engine ?? 'wasm',
  };
}
