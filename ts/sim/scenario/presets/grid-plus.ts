/**
 * Preset 'grid-plus': Grid+ (ConsenSys, Texas, 2017–2019), a retailer that passed ERCOT's real-time wholesale price
 * through to its members for a fixed membership fee, settled in real time, and expected batteries behind the meter
 * to earn by buying cheap and selling dear; peer-to-peer trading with localised distribution charges was its stated
 * next step. Here: 10 households in Austin (5 with 5–9 kWp PV, 4 of them with a 13.5 kWh / 5 kW battery), two July
 * days in 15-minute steps, USD. The energy part of retail and the export price are the wholesale series below (a
 * synthetic but ERCOT-shaped real-time price: 5–45 USD/MWh most of the day, evening scarcity peaks up to 1,450
 * USD/MWh, two slightly negative night hours); retail adds a 0.045 USD/kWh delivery charge and 0.002 of fees, no
 * sales tax. Batteries run the rolling-horizon optimal strategy (rule 'optimal', sim/agents/rolling-horizon-battery.ts):
 * every hour the exact 24-hour schedule against the price series, on a persistence forecast of the household's net
 * load (yesterday at the same time; none on the first day). P2P trades clear in the
 * uniform-price auction every interval with half the delivery charge waived for local kWh (the localised pricing
 * Grid+ anticipated), and every interval's settlement is an operator-signed ledger entry (per-interval settlement).
 * What it reproduces and what not: docs/presets/grid-plus.md.
 */
import type { SimulationResult } from '../../engine/simulation.js';
import type { ScenarioPreset } from './index.js';
import { lvCommunity, runOf } from './lv-community.js';

/** Hourly real-time wholesale prices of the two days, USD/MWh (local hours 0–23 of day 1, then of day 2). */
const WHOLESALE_USD_PER_MWH = [
  24, 21, 19, 18, 18, 20, 24, 27, 25, 22, 20, 19, 21, 25, 32, 45, 68, 120, 95, 60, 42, 35, 30, 27,
  23, 19, 12, 5, -8, -3, 15, 24, 22, 19, 18, 20, 24, 35, 58, 110, 380, 1450, 620, 140, 70, 45, 33, 28,
];
/** Steps per hour (15-minute settlement intervals). */
const STEPS_PER_HOUR = 4;
/** The wholesale price of every 15-minute interval, USD/kWh (each hour's price held for its four intervals). */
const WHOLESALE_PER_KWH = WHOLESALE_USD_PER_MWH.flatMap((p) => Array<number>(STEPS_PER_HOUR).fill(p / 1000));
/** Delivery (TDU) charge, USD/kWh. */
const DELIVERY_PER_KWH = 0.045;
/** Other fees per kWh, USD/kWh. */
const FEES_PER_KWH = 0.002;

const BATTERY = {
  capacityKwh: 13.5,
  powerKw: 5,
  efficiency: 0.9,
  rule: 'optimal' as const,
  planning: { horizonHours: 24, resolveEveryHours: 1, forecast: { kind: 'persistence' as const, lagSteps: 24 * STEPS_PER_HOUR } },
};
const HOUSES = [
  { annualKwh: 11000, pvKwp: 8, battery: BATTERY },
  { annualKwh: 13500 },
  { annualKwh: 9000, pvKwp: 6, battery: BATTERY },
  { annualKwh: 12500 },
  { annualKwh: 10500, pvKwp: 9, battery: BATTERY },
  { annualKwh: 8500 },
  { annualKwh: 14000, pvKwp: 7, battery: BATTERY },
  { annualKwh: 9500 },
  { annualKwh: 11500, pvKwp: 5 },
  { annualKwh: 12000 },
];

/** Σ w·x / Σ w (NaN when Σ w = 0). */
function weightedMean(x: Float64Array, w: Float64Array): number {
  let a = 0;
  let b = 0;
  for (let t = 0; t < x.length; t++) {
    a += x[t]! * w[t]!;
    b += w[t]!;
  }
  return a / b;
}

function highlights(results: readonly SimulationResult[]): string[] {
  const run = runOf(results, 'uniform') ?? runOf(results, 'none');
  if (run === undefined) return [];
  const s = run.series;
  const retail = s.retailPricePerKwh!;
  let worst = 0;
  for (let t = 0; t < retail.length; t++) {
    worst = Math.max(worst, Math.abs(retail[t]! - (WHOLESALE_PER_KWH[t]! + DELIVERY_PER_KWH + FEES_PER_KWH)), Math.abs(s.feedInPricePerKwh![t]! - WHOLESALE_PER_KWH[t]!));
  }
  const ones = new Float64Array(retail.length).fill(1);
  return [
    `wholesale pass-through: retail = wholesale + ${DELIVERY_PER_KWH + FEES_PER_KWH} and export = wholesale USD/kWh in all ${retail.length} intervals (largest deviation ${worst.toExponential(1)}), each settled on its own`,
    `battery arbitrage (rolling-horizon optimal): grid energy bought at ${weightedMean(retail, s.gridImportKwh!).toFixed(4)} USD/kWh on average against a mean retail of ${weightedMean(retail, ones).toFixed(4)}; ` +
      `exports sold at ${weightedMean(s.feedInPricePerKwh!, s.gridExportKwh!).toFixed(4)} against a mean wholesale of ${weightedMean(s.feedInPricePerKwh!, ones).toFixed(4)}`,
  ];
}

/** The Grid+ preset. */
export const gridPlus: ScenarioPreset = {
  name: 'grid-plus',
  title: 'Grid+ (Texas): real-time wholesale prices passed through, per-interval settlement, battery arbitrage',
  docs: 'docs/presets/grid-plus.md',
  highlights,
  scenario: () => ({
    name: 'Grid+ (wholesale pass-through) preset',
    ...lvCommunity('tx', HOUSES),
    location: { latitudeDeg: 30.27, longitudeDeg: -97.74 },
    utcOffsetHours: -6,
    currency: 'USD',
    tariffs: {
      feedInPricePerKwh: { kind: 'series', pricesPerKwh: [...WHOLESALE_PER_KWH] },
      retailParts: {
        energyPricePerKwh: { kind: 'series', pricesPerKwh: [...WHOLESALE_PER_KWH] },
        networkChargePerKwh: DELIVERY_PER_KWH,
        leviesPerKwh: FEES_PER_KWH,
        vatPercent: 0,
        localUseDiscountPercent: 50,
      },
    },
    market: { mechanism: 'uniform', strategy: { kind: 'truthful' } },
    horizon: { start: '2024-07-15T00:00:00-06:00', steps: WHOLESALE_PER_KWH.length, dtHours: 1 / STEPS_PER_HOUR },
    seed: 2017,
    ledger: { enabled: true, format: 'entries', mode: 'batch', signOrders: false },
  }),
};
