// An islanded microgrid: the built-in study's 100 households cut off from the upstream grid for three days of
// June. No retailer: after the local market, the households' batteries cover shortfalls before load is shed (pro
// rata to unmet demand) and absorb surpluses before PV is curtailed; shed load is valued at 10 EUR/kWh. Prints the
// islanded metrics per mechanism and the hours in which the lights went out.
// Run: node --import tsx examples/09-islanded-microgrid.ts
import { comparisonRows, createDefaultStudy, formatCommunityReport, formatComparisonTable, runComparison, type ScenarioInput } from 'peergrid';

const base = createDefaultStudy({ steps: 3 * 96 });
const scenario: ScenarioInput = {
  ...base,
  name: 'islanded LV community, June',
  horizon: { ...base.horizon!, start: '2023-06-05T00:00:00+01:00' },
  // No transformer to an upstream grid; the 70 % export rule of the PV connections stays.
  limits: { exportFractionOfKwp: 0.7 },
  grid: { mode: 'islanded', vollPerKwh: 10 },
};
const results = runComparison(scenario, { mechanisms: ['none', 'uniform', 'sdr'] });
console.log(formatComparisonTable(comparisonRows(results), { currency: 'EUR' }));
console.log(formatCommunityReport(results, { currency: 'EUR' }).join('\n'));

// When was load shed? The 'energyNotServedKwh' reporter has one value per 15-minute step.
const uniform = results[1]!;
const shedByHour = new Float64Array(24);
uniform.series.energyNotServedKwh!.forEach((kwh, s) => (shedByHour[Math.floor((s % 96) / 4)]! += kwh));
console.log('\nenergy not served by hour of day (kWh over three days):');
console.log(Array.from(shedByHour, (x, h) => `${String(h).padStart(2, '0')}h ${x.toFixed(0).padStart(5)}`).join('  '));
const m = uniform.metrics.islanded!;
console.log(`served ${(m.servedShare! * 100).toFixed(1)} % of consumption; shedding in ${m.sheddingHours} h; curtailed ${m.curtailedKwh.toFixed(0)} kWh of PV that nobody could store`);
