// Communities within a community: the 100 households of the built-in study form four neighbourhood communities.
// Each clears its own market first, what is left trades between the communities (one aggregated order per
// community and side, as a community manager would submit it), and the retailer takes the rest. First one interval
// by hand-sized numbers, then two June days against the no-P2P baseline, with per-community figures.
// Run: node --import tsx examples/08-nested-communities.ts
import {
  clearNestedCommunities,
  comparisonRows,
  createDefaultStudy,
  formatCommunityReport,
  formatComparisonTable,
  runComparison,
  type ScenarioInput,
} from 'peergrid';

// 1. One interval: community A has a seller with surplus, community B two buyers; uniform price everywhere.
const book = [
  { id: 'a1', prosumer: 'a1', side: 'sell' as const, quantityKwh: 4, pricePerKwh: 0.1 },
  { id: 'a2', prosumer: 'a2', side: 'buy' as const, quantityKwh: 1, pricePerKwh: 0.25 },
  { id: 'b1', prosumer: 'b1', side: 'buy' as const, quantityKwh: 4, pricePerKwh: 0.28 },
  { id: 'b2', prosumer: 'b2', side: 'sell' as const, quantityKwh: 1, pricePerKwh: 0.12 },
  { id: 'b3', prosumer: 'b3', side: 'buy' as const, quantityKwh: 2, pricePerKwh: 0.2 },
];
const one = clearNestedCommunities(book, {
  communities: [{ id: 'A', prosumers: ['a1', 'a2'], mechanism: 'uniform' }, { id: 'B', prosumers: ['b1', 'b2', 'b3'], mechanism: 'uniform' }],
  interCommunity: { mechanism: 'uniform' },
  tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 },
});
for (const c of one.communities) console.log(`${c.id}: ${c.intraKwh} kWh inside at ${c.intra?.clearingPrice?.toFixed(2)}, cost ${c.cost.toFixed(2)}`);
console.log(`between communities: ${one.interKwh} kWh at ${one.inter.result?.clearingPrice?.toFixed(2)}; retailer: ${one.gridImportKwh} kWh; welfare ${one.welfare.toFixed(2)} of ${one.maxWelfare.toFixed(2)}`);

// 2. Two June days of the built-in study in four communities: two streets of houses with rooftop PV (A, B) and two
//    blocks of flats without (C, D); C settles by SDR inside, the others run the compared mechanism.
const base = createDefaultStudy({ steps: 2 * 96 });
const withPv = base.prosumers!.filter((p) => (p.pvKwp ?? 0) > 0).map((p) => p.id);
const withoutPv = base.prosumers!.filter((p) => !((p.pvKwp ?? 0) > 0)).map((p) => p.id);
const half = (ids: string[], k: number): string[] => ids.filter((_, i) => i % 2 === k);
const scenario: ScenarioInput = {
  ...base,
  name: 'four neighbourhood communities, June',
  horizon: { ...base.horizon!, start: '2023-06-05T00:00:00+01:00' },
  communities: [
    { id: 'A', prosumers: half(withPv, 0) },
    { id: 'B', prosumers: half(withPv, 1) },
    { id: 'C', prosumers: half(withoutPv, 0), mechanism: 'sdr' },
    { id: 'D', prosumers: half(withoutPv, 1) },
  ],
  interCommunity: { mechanism: 'uniform', residuals: 'aggregate' },
};
const results = runComparison(scenario, { mechanisms: ['none', 'uniform', 'pay-as-bid'] });
console.log('\n' + formatComparisonTable(comparisonRows(results), { currency: 'EUR' }));
console.log(formatCommunityReport(results, { currency: 'EUR' }).join('\n'));
const whole = results[1]!.metrics.communities!.whole;
console.log(`\nuniform: ${whole.intraKwh.toFixed(0)} kWh inside communities + ${whole.interKwh.toFixed(0)} kWh between them + ${whole.gridImportKwh.toFixed(0)} kWh from the retailer`);
