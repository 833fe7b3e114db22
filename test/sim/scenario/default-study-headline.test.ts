// Reproducibility across versions: the built-in study's headline figures for one day (seed 1, 96 steps from Friday
// 2023-04-21, a sunny spring day with P2P trade; every default mechanism), pinned. A change to profiles, agents,
// markets or physics that moves any of them fails here, on purpose (clouds are drawn day by day from the horizon's
// start, so this day's weather is that of a one-day run, not of the same date in the year run): if the change is
// intended (a new default study, a corrected model), run this test, copy the table it prints on failure over
// HEADLINE below, and say why in the commit message.
// Tolerance: 1e-6 relative (absolute 1e-9 near zero) — far above float noise between engines and power-flow paths
// (1e-8 p.u. convergence), far below any modelling change.
import { describe, expect, it } from 'vitest';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import { comparisonRows } from '../../../ts/sim/report/comparison.js';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';

const COLUMNS = ['cost', 'savings', 'p2pVolumeKwh', 'welfare', 'lossesKwh', 'peakImportKw', 'voltageViolations', 'curtailedKwh'] as const;

// mechanism: cost, savings, p2pVolumeKwh, welfare, lossesKwh, peakImportKw, voltageViolations, curtailedKwh
const HEADLINE: Record<string, number[]> = {
  'none (no P2P)': [214.16306227286952, 0, 0, 0, 8.55413788073883, 83.62178171088911, 0, 0],
  'uniform': [186.6485888712329, 27.51447340163662, 226.82995384696318, 27.51447340163663, 8.55413788073883, 83.62178171088911, 0, 0],
  'pay-as-bid': [186.6485888712329, 27.51447340163662, 226.82995384696318, 27.51447340163663, 8.55413788073883, 83.62178171088911, 0, 0],
  'sdr': [186.64858887123287, 27.51447340163665, 226.82995384696312, 27.514473401636625, 8.55413788073883, 83.62178171088911, 0, 0],
  'mmr': [186.64858887123282, 27.514473401636707, 226.82995384696312, 27.514473401636625, 8.55413788073883, 83.62178171088911, 0, 0],
  'bill-sharing': [186.64858887123287, 27.51447340163665, 226.82995384696312, 27.514473401636625, 8.55413788073883, 83.62178171088911, 0, 0],
};

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, 1e-6 * Math.abs(b));
}

describe('the default study, pinned', () => {
  it('one day, seed 1: every mechanism reproduces its headline figures', () => {
    const rows = comparisonRows(runComparison(createDefaultStudy({ seed: 1, steps: 96, start: '2023-04-21T00:00:00Z' })));
    const now: Record<string, number[]> = {};
    for (const r of rows) now[String(r.mechanism)] = COLUMNS.map((c) => Number(r[c] ?? NaN));
    const table = Object.entries(now).map(([m, v]) => `  '${m}': [${v.join(', ')}],`).join('\n');
    const same =
      Object.keys(now).join() === Object.keys(HEADLINE).join() &&
      Object.entries(now).every(([m, v]) => v.every((x, i) => close(x, HEADLINE[m]![i]!)));
    expect(same, `the headline figures moved; if intended, the new table is:\n${table}\n`).toBe(true);
  });
});
