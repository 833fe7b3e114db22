/**
 * A simulation with the grid inside the clearing: the congested variant of the default study
 * (createCongestedCommunity: 100 households, PV on every roof, no limits before the market, synthetic-103-seed2
 * feeder) under the uniform auction (after-the-fact correction) and under network-constrained clearing (LinDistFlow
 * LP with DLMPs, HiGHS), one run each, over a June week (672 steps) and over the year 2023 (35,040 steps).
 * The LP solver is loaded and warmed up (one LP) before the runs. Reports wall time (setup + run), the steps that needed an LP, curtailment, violations, welfare and cost, and the
 * load average at the end of each run (the machine is shared: absolute times vary with it, the ratio in one run less).
 * Usage: node --import tsx bench/network-constrained-simulation.bench.ts [--quick]   (--quick: the week only)
 * Writes bench/results/network-constrained-simulation.json and .md.
 */
import { loadLpSolver } from '../ts/lp/load-lp-solver.js';
import { runComparison } from '../ts/sim/engine/run-comparison.js';
import { createCongestedCommunity } from '../ts/sim/scenario/congested-community.js';
import type { SimMechanism } from '../ts/sim/scenario/scenario-schema.js';
import { cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const lpSolver = await loadLpSolver('highs');
// HiGHS's first solves in a process run in V8's baseline WASM tier: warm it up outside the timed runs.
runComparison(createCongestedCommunity({ steps: 48, start: '2023-06-05T08:00:00+01:00' }), { mechanisms: ['network-constrained'], lpSolver });

interface Run {
  horizon: string;
  steps: number;
  mechanism: SimMechanism;
  wallS: number;
  loadAverage: string;
  lpSteps: number | null;
  relaxedSteps: number | null;
  curtailedInClearingKwh: number;
  curtailedAfterKwh: number;
  voltageViolations: number;
  thermalViolations: number;
  worstVoltageExcessPu: number;
  linDistFlowErrorPu: number | null;
  welfare: number;
  cost: number;
  p2pKwh: number;
}

const horizons = [{ name: 'June week', start: '2023-06-05T00:00:00+01:00', steps: 672 }];
if (!quick) horizons.push({ name: 'year 2023', start: '2023-01-01T00:00:00+01:00', steps: 35_040 });
const runs: Run[] = [];
for (const h of horizons) {
  const scenario = createCongestedCommunity({ steps: h.steps, start: h.start });
  for (const mechanism of ['uniform', 'network-constrained'] as const) {
    const t0 = performance.now();
    const [r] = runComparison(scenario, { mechanisms: [mechanism], lpSolver });
    const wallS = (performance.now() - t0) / 1000;
    const c = r!.metrics.community;
    runs.push({
      horizon: h.name, steps: h.steps, mechanism, wallS, loadAverage: loadAverageText(),
      lpSteps: c.gridClearing?.lpSteps ?? null,
      relaxedSteps: c.gridClearing?.relaxedSteps ?? null,
      curtailedInClearingKwh: c.curtailedByReason.clearingKwh,
      curtailedAfterKwh: c.curtailedByReason.networkKwh,
      voltageViolations: c.voltageViolations.count,
      thermalViolations: c.thermalViolations.count,
      worstVoltageExcessPu: c.voltageViolations.worstExcessPu,
      linDistFlowErrorPu: c.gridClearing?.maxLinDistFlowErrorPu ?? null,
      welfare: c.welfare,
      cost: c.cost,
      p2pKwh: c.p2pVolumeKwh,
    });
    console.log(JSON.stringify(runs.at(-1)));
  }
}

const f = (x: number, d = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const lines = [
  '## Network-constrained clearing in the simulation (bench/network-constrained-simulation.bench.ts)',
  '',
  `Node ${process.version}, ${cpuDescription()}; one run per row; load average (1/5/15 min) after each run in its row.`,
  'Congested variant of the default study (PV on every roof, no limits before the market); money in EUR.',
  '',
  '| horizon | mechanism | wall s | LP steps (soft limits) | curtailed in clearing kWh | curtailed after kWh | V viol. | thermal viol. | LinDistFlow error p.u. | welfare | cost | load average |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...runs.map((r) => `| ${r.horizon} | ${r.mechanism} | ${f(r.wallS, 1)} | ${r.lpSteps === null ? '–' : `${f(r.lpSteps)} (${r.relaxedSteps})`} | ${f(r.curtailedInClearingKwh)} | ${f(r.curtailedAfterKwh)} | ${r.voltageViolations} | ${r.thermalViolations} | ${r.linDistFlowErrorPu === null ? '–' : r.linDistFlowErrorPu.toExponential(2)} | ${f(r.welfare)} | ${f(r.cost)} | ${r.loadAverage} |`),
  '',
];
for (const h of horizons) {
  const u = runs.find((r) => r.horizon === h.name && r.mechanism === 'uniform')!;
  const n = runs.find((r) => r.horizon === h.name && r.mechanism === 'network-constrained')!;
  lines.push(`${h.name}: network-constrained / uniform wall time = ${(n.wallS / u.wallS).toFixed(2)}× (same process, one run each).`);
}
lines.push('');
writeResult('network-constrained-simulation.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpuDescription(), runs }, null, 2));
writeResult('network-constrained-simulation.md', lines.join('\n'));
console.log(lines.join('\n'));
