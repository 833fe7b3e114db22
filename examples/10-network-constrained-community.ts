// Clearing with the grid inside: the default study's community with PV on every roof and no limits before the
// market (createCongestedCommunity), a June week. The uniform auction ignores the feeder: without the after-the-fact
// correction its flows break the voltage and cable limits; with it, PV is curtailed after the market, household by
// household. Network-constrained clearing (LinDistFlow LP with DLMPs, HiGHS) curtails only what the limits need,
// inside the market, and settles P2P kWh at the bus prices. The report goes to out/network-constrained/report.html.
// Run: node --import tsx examples/10-network-constrained-community.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  comparisonRows,
  createCongestedCommunity,
  describeStudy,
  formatComparisonTable,
  loadLpSolver,
  loadScenarioNetwork,
  renderHtmlReport,
  runComparison,
  validateScenario,
} from 'peergrid';

// clearMarket and the simulation step are synchronous: the LP solver (WebAssembly) is loaded once, before the run.
const lpSolver = await loadLpSolver('highs');
const scenario = validateScenario(createCongestedCommunity({ steps: 7 * 96, start: '2023-06-05T00:00:00+01:00' }));

const uncorrected = runComparison({ ...scenario, correction: { ...scenario.correction, enabled: false } }, { mechanisms: ['uniform'] })[0]!;
const results = runComparison(scenario, { mechanisms: ['none', 'uniform', 'network-constrained'], lpSolver });
console.log(formatComparisonTable(comparisonRows(results), { currency: scenario.currency }));

const u = uncorrected.metrics.community;
console.log(`\nuniform, no correction: ${u.voltageViolations.count} bus-steps outside 0.9–1.1 p.u. (worst by ${u.voltageViolations.worstExcessPu.toFixed(4)} p.u.), ` +
  `${u.thermalViolations.count} overloaded branch-steps (worst +${u.thermalViolations.worstExcessPercent.toFixed(1)} %)`);
for (const r of results.slice(1)) {
  const c = r.metrics.community;
  console.log(`${r.mechanism.padEnd(19)} curtailed ${c.curtailedKwh.toFixed(0)} kWh (after the market ${c.curtailedByReason.networkKwh.toFixed(0)}, ` +
    `in the clearing ${c.curtailedByReason.clearingKwh.toFixed(0)}), violations ${c.voltageViolations.count} V / ${c.thermalViolations.count} thermal, ` +
    `community cost ${c.cost.toFixed(0)} ${scenario.currency}` +
    (c.gridClearing ? `; ${c.gridClearing.lpSteps} steps needed an LP, AC vs LinDistFlow within ${c.gridClearing.maxLinDistFlowErrorPu.toFixed(4)} p.u.` : ''));
}
const nc = results[2]!.metrics.prosumers.filter((p) => p.curtailedKwh > 0).sort((a, b) => b.curtailedKwh - a.curtailedKwh);
console.log(`most curtailed under network-constrained: ${nc.slice(0, 3).map((p) => `${p.id} ${p.curtailedKwh.toFixed(1)} kWh`).join(', ')}`);

mkdirSync('out/network-constrained', { recursive: true });
const net = loadScenarioNetwork(scenario.network, undefined);
writeFileSync('out/network-constrained/report.html', renderHtmlReport(results, {
  title: 'peergrid: network-constrained clearing, congested community, June week',
  vmLimitsPu: [Math.min(...net.vmMinPu), Math.max(...net.vmMaxPu)],
  currency: scenario.currency,
  study: describeStudy(scenario, results, net),
}));
console.log('wrote out/network-constrained/report.html');
