/**
 * Preset 'power-ledger-seda': the P2P pilot of Malaysia's Sustainable Energy Development Authority on Power Ledger's
 * platform (TNB network, October 2019 – June 2020). Prosumers sold at a fixed 10 % above the tariff they were
 * otherwise credited (35.5 → 39.05 sen/kWh), buyers paid a 6.3 sen/kWh network charge on top and saved against the
 * 50.9 sen/kWh TNB tariff, TNB remained buyer and seller of last resort, and participants were matched using their
 * historical energy data to avoid spillage (surplus without a buyer). Here: 12 households near Kuala Lumpur (4 with
 * 6–12 kWp PV), three days in 15-minute steps, MYR, mechanism 'tariff-margin' (market/community/
 * tariff-margin-matching.ts): the price is feed-in + 10 %, each seller delivers to at most 2 buyers per interval and
 * prefers the buyers it traded with most. What it reproduces and what not: docs/presets/power-ledger-seda.md.
 */
import type { SimulationResult } from '../../engine/simulation.js';
import type { ScenarioPreset } from './index.js';
import { lvCommunity, runOf } from './lv-community.js';

/** SEDA's margin over the seller's tariff, percent. */
const MARGIN_PERCENT = 10;

const HOUSES = [
  { annualKwh: 4800, pvKwp: 12 },
  { annualKwh: 3600 },
  { annualKwh: 2900 },
  { annualKwh: 5200 },
  { annualKwh: 4100, pvKwp: 8 },
  { annualKwh: 3300 },
  { annualKwh: 6000 },
  { annualKwh: 2600 },
  { annualKwh: 3900, pvKwp: 6 },
  { annualKwh: 4500 },
  { annualKwh: 3100 },
  { annualKwh: 5500, pvKwp: 10 },
];

function highlights(results: readonly SimulationResult[]): string[] {
  const run = runOf(results, 'tariff-margin');
  if (run === undefined) return [];
  const s = run.series;
  let intervals = 0;
  let worst = 0;
  let traded = 0;
  let fresh = 0;
  for (let t = 0; t < s.p2pTradedKwh!.length; t++) {
    if (!(s.p2pTradedKwh![t]! > 0)) continue;
    intervals++;
    traded += s.p2pTradedKwh![t]!;
    fresh += s.newPartnerKwh![t]!;
    worst = Math.max(worst, Math.abs(s.clearingPricePerKwh![t]! - s.feedInPricePerKwh![t]! * (1 + MARGIN_PERCENT / 100)));
  }
  const c = run.metrics.community;
  return [
    `tariff + ${MARGIN_PERCENT} %: ${intervals} intervals traded P2P, every one at feed-in × ${1 + MARGIN_PERCENT / 100} (largest deviation ${worst.toExponential(1)} MYR/kWh)`,
    `retailer of last resort: bought ${c.gridExportKwh.toFixed(1)} kWh of unmatched surplus and sold ${c.gridImportKwh.toFixed(1)} kWh; ` +
      `partner churn ${traded > 0 ? ((100 * fresh) / traded).toFixed(1) : '0'} % of the ${traded.toFixed(1)} P2P kWh went to pairs that had not traded before`,
  ];
}

/** The Power Ledger / SEDA Malaysia pilot preset. */
export const powerLedgerSeda: ScenarioPreset = {
  name: 'power-ledger-seda',
  title: 'Power Ledger / SEDA Malaysia pilot: P2P price at the tariff + 10 %, retailer of last resort, historical partners first',
  docs: 'docs/presets/power-ledger-seda.md',
  highlights,
  scenario: () => ({
    name: 'Power Ledger / SEDA Malaysia pilot preset',
    ...lvCommunity('my', HOUSES),
    location: { latitudeDeg: 3.14, longitudeDeg: 101.69 },
    utcOffsetHours: 8,
    // The tropics: no seasons, cloudy afternoons; the clear-sky index is the same all year.
    clouds: { winterMeanClearSkyIndex: 0.6, summerMeanClearSkyIndex: 0.6 },
    currency: 'MYR',
    tariffs: { retailPricePerKwh: 0.509, feedInPricePerKwh: 0.355, networkChargePerKwh: 0.063, leviesPerKwh: 0 },
    market: { mechanism: 'tariff-margin', strategy: { kind: 'truthful' }, tariffMargin: { marginPercent: MARGIN_PERCENT, maxPartnersPerSeller: 2, preferPartners: true } },
    horizon: { start: '2020-02-03T00:00:00+08:00', steps: 288, dtHours: 0.25 },
    seed: 2019,
  }),
};
