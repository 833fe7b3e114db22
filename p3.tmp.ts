import { createCongestedCommunity } from './ts/sim/scenario/congested-community.js';
import { runComparison } from './ts/sim/engine/run-comparison.js';
import { loadLpSolver } from './ts/lp/load-lp-solver.js';
const lpSolver = await loadLpSolver();
const steps = Number(process.argv[2] ?? 672);
const s = createCongestedCommunity({ steps, start: process.argv[3] ?? '2023-06-05T00:00:00+01:00' });
for (const m of (process.argv[4] ?? 'uniform,network-constrained').split(',') as any) {
  const t0 = performance.now();
  const [r] = runComparison(s, { mechanisms: [m], lpSolver });
  const c = r!.metrics.community;
  console.log(m, ((performance.now() - t0) / 1000).toFixed(1), 's', JSON.stringify({ g: c.gridClearing, v: c.voltageViolations, th: c.thermalViolations, curt: c.curtailedByReason, cost: c.cost, w: c.welfare, p2p: c.p2pVolumeKwh }));
}
