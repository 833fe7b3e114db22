// Gate closure: the community's market clears every 15 minutes on forecasts, delivery is what actually happens, and
// each prosumer's deviation is settled at imbalance prices. Two weeks of June of the built-in study, persistence
// forecasts (the last metered quarter-hour) against noisy truth (σ = 20 % of the gross energy); the report with its
// imbalance table goes to out/gate-closure/report.html.
// Run: node --import tsx examples/07-gate-closure.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  comparisonRows,
  createDefaultStudy,
  describeStudy,
  formatComparisonTable,
  loadScenarioNetwork,
  renderHtmlReport,
  runComparison,
  validateScenario,
  type ScenarioInput,
} from 'peergrid';

const base = createDefaultStudy({ steps: 14 * 96 });
const june = (gateClosure: NonNullable<ScenarioInput['market']>['gateClosure']): ScenarioInput => ({
  ...base,
  name: 'lv-community, June, gate closure',
  horizon: { ...base.horizon!, start: '2023-06-05T00:00:00Z' },
  market: { ...base.market, gateClosure },
});
const imbalance = { kind: 'retail-feed-in', penaltyPerKwh: 0.05 } as const;
for (const forecast of [{ kind: 'persistence', lagSteps: 1 }, { kind: 'noisy-truth', relativeErrorSd: 0.2 }] as const) {
  const scenario = validateScenario(june({ forecast, imbalance }));
  const results = runComparison(scenario, { mechanisms: ['none', 'uniform', 'sdr', 'bill-sharing'] });
  console.log(`\nforecast: ${forecast.kind}`);
  console.log(formatComparisonTable(comparisonRows(results), { currency: scenario.currency }));
  for (const r of results.filter((x) => x.metrics.community.imbalance !== null)) {
    const im = r.metrics.community.imbalance!;
    const worst = Math.max(...r.metrics.prosumers.map((p) => p.imbalanceCost));
    console.log(`${r.mechanism.padEnd(13)} imbalance short ${im.shortKwh.toFixed(0)} kWh, long ${im.longKwh.toFixed(0)} kWh, net cost ${im.cost.toFixed(2)} ${scenario.currency} (worst prosumer ${worst.toFixed(2)})`);
  }
  if (forecast.kind === 'persistence') {
    mkdirSync('out/gate-closure', { recursive: true });
    const net = loadScenarioNetwork(scenario.network, undefined);
    const html = renderHtmlReport(results, {
      title: `peergrid simulation: ${scenario.name}`,
      currency: scenario.currency,
      utcOffsetHours: scenario.utcOffsetHours,
      vmLimitsPu: [Math.min(...net.vmMinPu), Math.max(...net.vmMaxPu)],
      study: describeStudy(scenario, results, net),
    });
    writeFileSync('out/gate-closure/report.html', html);
    console.log('wrote out/gate-closure/report.html');
  }
}
