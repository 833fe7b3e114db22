import { describe, expect, it } from 'vitest';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import { SIM_MECHANISMS } from '../../../ts/sim/scenario/scenario-schema.js';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';
import { comparisonRows, formatComparisonTable, formatPhysicsSummary, physicsIdentical } from '../../../ts/sim/report/comparison.js';

describe('the terminal comparison', () => {
  const s = createDefaultStudy({ prosumers: 12, steps: 48 });
  const gate = { ...s, market: { ...s.market, gateClosure: { forecast: { kind: 'persistence' as const } } } };
  // Gate closure does not apply to network-constrained clearing (it clears the actual flows with the grid inside).
  const mechanisms = SIM_MECHANISMS.filter((m) => m !== 'network-constrained');
  const rows = comparisonRows(runComparison(gate, { mechanisms }));

  it('fits 120 columns with every mechanism and the imbalance column, money with its currency', () => {
    const text = formatComparisonTable(rows, { currency: 'EUR' });
    const lines = text.split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
    expect(lines[0]).toContain('imbalance');
    expect(lines[1]!.match(/EUR/g)!.length).toBeGreaterThanOrEqual(5); // cost, savings, buy, sell, welfare, imbalance
    expect(lines.length).toBe(3 + mechanisms.length);
    const physics = formatPhysicsSummary(rows, { thermalRatings: false });
    for (const l of physics) expect(l.length).toBeLessThanOrEqual(120);
    expect(physics.join(' ')).toContain('thermal viol. no ratings');
  });

  it('prints the physics once because every mechanism has the same flows', () => {
    expect(physicsIdentical(rows)).toBe(true);
    expect(formatPhysicsSummary(rows)[0]).toMatch(/^Physics \(the same under every mechanism/);
    const changed = rows.map((r, i) => (i === 1 ? { ...r, lossesKwh: (r.lossesKwh as number) + 1 } : r));
    expect(physicsIdentical(changed)).toBe(false);
    expect(formatComparisonTable(changed).split('\n')[0]).toContain('losses');
  });
});
