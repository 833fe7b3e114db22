// The report's community and islanded tables: present exactly when the runs have communities / an island, rows
// that carry the metrics, terminal lines within 120 columns, and the HTML sections in report.html.
import { describe, expect, it } from 'vitest';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';
import { communityRows, formatCommunityReport, islandRows } from '../../../ts/sim/report/community-report.js';
import { renderHtmlReport } from '../../../ts/sim/report/html-report.js';

describe('community and islanded report', () => {
  const s = createDefaultStudy({ prosumers: 12, steps: 48 });
  const ids = s.prosumers!.map((p) => p.id);
  const nested = { ...s, communities: [{ id: 'A', prosumers: ids.slice(0, 6) }, { id: 'B', prosumers: ids.slice(6) }], interCommunity: { mechanism: 'uniform' as const } };
  const islanded = { ...nested, limits: { exportFractionOfKwp: 0.7 }, grid: { mode: 'islanded' as const, vollPerKwh: 8 } };

  it('shows per-community rows of every run, and islanded rows only for an island', () => {
    const results = runComparison(nested, { mechanisms: ['none', 'uniform'] });
    const rows = communityRows(results);
    expect(rows.map((r) => [r.mechanism, r.community, r.communityMechanism])).toEqual([
      ['none (no P2P)', 'A', 'none'], ['none (no P2P)', 'B', 'none'], ['uniform', 'A', 'uniform'], ['uniform', 'B', 'uniform'],
    ]);
    expect(rows[2]!.cost).toBe(results[1]!.metrics.communities!.communities[0]!.cost);
    expect(islandRows(results)).toEqual([]);
    const text = formatCommunityReport(results, { currency: 'EUR' });
    expect(text.join('\n')).toContain('inter-community market: uniform');
    for (const l of text.join('\n').split('\n')) expect(l.length).toBeLessThanOrEqual(120);
    expect(formatCommunityReport(runComparison(s, { mechanisms: ['uniform'] }))).toEqual([]);
  });

  it('islanded runs get their table and report.html its sections', () => {
    const results = runComparison(islanded, { mechanisms: ['none', 'sdr'] });
    const rows = islandRows(results);
    expect(rows.map((r) => r.mechanism)).toEqual(['none (no P2P)', 'sdr']);
    expect(rows[1]!.energyNotServedKwh).toBe(results[1]!.metrics.islanded!.energyNotServedKwh);
    expect(rows[1]!.lostLoadCost).toBe(8 * results[1]!.metrics.islanded!.energyNotServedKwh);
    const html = renderHtmlReport(results, { title: 't', currency: 'EUR' });
    expect(html).toContain('<h2>Communities</h2>');
    expect(html).toContain('<h2>Islanded grid</h2>');
    expect(renderHtmlReport(runComparison(s, { mechanisms: ['none'] }), { title: 't' })).not.toContain('Islanded grid');
  });
});
