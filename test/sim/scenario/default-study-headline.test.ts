// Reproducibility across versions: the built-in study's headline figures for one day (seed 1, 96 steps, every
// default mechanism), pinned. A change to profiles, agents, markets or physics that moves any of them fails here,
// on purpose: if the change is intended (a new default study, a corrected model), run this test, copy the table
// it prints on failure over HEADLINE below, and say why in the commit message.
// Tolerance: 1e-6 relative (absolute 1e-9 near zero) — far above float noise between engines and power-flow paths
// (1e-8 p.u. convergence), far below any modelling change.
import { describe, expect, it } from 'vitest';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import { comparisonRows } from '../../../ts/sim/report/comparison.js';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';

const COLUMNS = ['cost', 'savings', 'p2pVolumeKwh', 'welfare', 'lossesKwh', 'peakImportKw', 'voltageViolations', 'curtailedKwh'] as const;

// mechanism: cost, savings, p2pVolumeKwh, welfare, lossesKwh, peakImportKw, voltageViolations, curtailedKwh
const HEADLINE: Record<string, number[]> = {
  'none (no P2P)': [6582.701417863019, 0, 0, 0, 820.0218680121483, 2568.3915155674663, 0, 0],
  'uniform': [5394.9808462188, 1187.7205716442186, 6251.160903390613, 591.2084300810519, 820.0218680121483, 2568.3915155674663, 0, 0],
  'pay-as-bid': [5394.980846218801, 1187.7205716442177, 6251.160903390613, 591.2084300810519, 820.0218680121483, 2568.3915155674663, 0, 0],
  'sdr': [4780.565380893471, 1802.1360369695476, 9484.92651036605, -104.98417385575667, 820.0218680121483, 2568.3915155674663, 0, 0],
  'mmr': [4780.565380893468, 1802.1360369695512, 9484.92651036605, -104.98417385575667, 820.0218680121483, 2568.3915155674663, 0, 0],
  'bill-sharing': [4780.565380893468, 1802.1360369695512, 9484.92651036605, -104.98417385575667, 820.0218680121483, 2568.3915155674663, 0, 0],
};

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, 1e-6 * Math.abs(b));
}

describe('the default study, pinned', () => {
  it('one day, seed 1: every mechanism reproduces its headline figures', () => {
    const rows = comparisonRows(runComparison(createDefaultStudy({ seed: 1, steps: 96 })));
    const now: Record<string, number[]> = {};
    for (const r of rows) now[String(r.mechanism)] = COLUMNS.map((c) => Number(r[c] ?? NaN));
    const table = Object.entries(now).map(([m, v]) => `  '${m}': [${v.join(', ')}],`).join('\n');
    const same =
      Object.keys(now).join() === Object.keys(HEADLINE).join() &&
      Object.entries(now).every(([m, v]) => v.every((x, i) => close(x, HEADLINE[m]![i]!)));
    expect(same, `the headline figures moved; if intended, the new table is:\n${table}\n`).toBe(true);
  });
});
