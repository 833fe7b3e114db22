/**
 * Preset 'elecbay': Elecbay (Zhang, Wu, Zhou, Cheng & Long, "Peer-to-Peer energy trading in a Microgrid", Applied
 * Energy 220, 2018), a P2P platform for an LV microgrid in the UK where peers post bids and offers for each
 * half-hour settlement period on an order book, choose their bids by a game-theoretic strategy, and the supplier
 * balances the rest; the paper measures how far P2P trading balances generation and demand locally. Here: 12
 * households on one LV feeder in Cardiff (5 with 3–6 kWp PV, 2 of them with a 5 kWh battery), one June week in
 * half-hour steps, GBP, mechanism 'continuous': each period's orders arrive on the order book in seeded random
 * order and ZIP traders (Cliff 1997), kept across periods, learn their margins; what is left goes to the supplier.
 * The local balance (metrics/local-balance.ts: the share of the deficit met by peers, per period and in all) is the
 * measure shown. What it reproduces and what not: docs/presets/elecbay.md.
 */
import type { SimulationResult } from '../../engine/simulation.js';
import { localBalanceOf } from '../../metrics/local-balance.js';
import type { ScenarioPreset } from './index.js';
import { lvCommunity, runOf } from './lv-community.js';

const BATTERY = { capacityKwh: 5, powerKw: 2.5 };
const HOUSES = [
  { annualKwh: 3100, pvKwp: 4, battery: BATTERY },
  { annualKwh: 2700 },
  { annualKwh: 3600 },
  { annualKwh: 2400, pvKwp: 3 },
  { annualKwh: 4200 },
  { annualKwh: 2900 },
  { annualKwh: 3300, pvKwp: 6, battery: BATTERY },
  { annualKwh: 2200 },
  { annualKwh: 3800, pvKwp: 5 },
  { annualKwh: 2600 },
  { annualKwh: 3000, pvKwp: 4 },
  { annualKwh: 4600 },
];

const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);

function highlights(results: readonly SimulationResult[]): string[] {
  const run = runOf(results, 'continuous');
  if (run === undefined) return [];
  const lb = localBalanceOf(run.series);
  return [
    `local balance: peers met ${pct(lb.share)} of the deficit (at most ${pct(lb.possibleShare)} was possible from local surplus); ` +
      `mean per half-hour ${pct(lb.meanPerInterval)} over ${lb.intervals} periods with a deficit`,
  ];
}

/** The Elecbay preset. */
export const elecbay: ScenarioPreset = {
  name: 'elecbay',
  title: 'Elecbay (LV microgrid, UK): half-hourly order book with adaptive (ZIP) bidding, local-balance metric',
  docs: 'docs/presets/elecbay.md',
  highlights,
  scenario: () => ({
    name: 'Elecbay LV microgrid preset',
    ...lvCommunity('eb', HOUSES),
    location: { latitudeDeg: 51.48, longitudeDeg: -3.18 },
    utcOffsetHours: 0,
    currency: 'GBP',
    tariffs: { retailPricePerKwh: 0.28, feedInPricePerKwh: 0.055, networkChargePerKwh: 0.045, leviesPerKwh: 0.02 },
    market: { mechanism: 'continuous', strategy: { kind: 'truthful' }, continuous: { strategy: 'zip', rounds: 5 } },
    horizon: { start: '2024-06-17T00:00:00Z', steps: 336, dtHours: 0.5 },
    seed: 2018,
  }),
};
