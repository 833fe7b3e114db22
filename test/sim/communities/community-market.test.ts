// Nested communities in the simulation: the energy identity intra + inter + retailer = every member's deficit and
// surplus (1e-9 kWh), one community equals the plain market, the no-P2P baseline still reports communities, and the
// scenario checks name the path of each problem.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { validateScenario } from '../../../ts/sim/scenario/validate-scenario.js';
import type { ScenarioInput } from '../../../ts/sim/scenario/scenario-schema.js';
import { nodeFiles, smallScenario } from '../sim-test-helpers.js';

const files = nodeFiles();
const ids = Array.from({ length: 12 }, (_, i) => `h${i}`);
const horizon = { start: '2024-06-03T04:00:00Z', steps: 40, dtHours: 0.25 };
const two = (over: Partial<ScenarioInput> = {}): ScenarioInput => smallScenario({
  horizon,
  // Even ids have PV: community A gets five PV houses of six, B one of six, so A exports to B at midday.
  communities: [{ id: 'A', prosumers: ['h0', 'h2', 'h4', 'h6', 'h8', 'h1'] }, { id: 'B', prosumers: ['h3', 'h5', 'h7', 'h9', 'h10', 'h11'], mechanism: 'pay-as-bid' }],
  interCommunity: { mechanism: 'uniform' },
  ...over,
});
const run = (s: ScenarioInput, mechanism?: 'none' | 'uniform') => {
  const sim = createSimulation(s, { files, mechanism });
  try {
    return sim.run();
  } finally {
    sim.dispose();
  }
};

describe('nested communities in the simulation', () => {
  it.each(['orders', 'aggregate'] as const)('intra + inter + retailer = deficit and surplus, per community and for the whole (%s; 1e-9 kWh)', (residuals) => {
    const r = run(two({ interCommunity: { mechanism: 'uniform', residuals } }));
    const m = r.metrics.communities!;
    expect(m.communities.map((c) => [c.id, c.mechanism])).toEqual([['A', 'uniform'], ['B', 'pay-as-bid']]);
    const members = (k: number) => r.metrics.prosumers.filter((p) => (k === 0 ? ['h0', 'h2', 'h4', 'h6', 'h8', 'h1'] : ['h3', 'h5', 'h7', 'h9', 'h10', 'h11']).includes(p.id));
    for (const [k, c] of m.communities.entries()) {
      const ps = members(k);
      const deficit = ps.reduce((s, p) => s + p.p2pBoughtKwh + p.gridImportKwh, 0);
      const surplus = ps.reduce((s, p) => s + p.p2pSoldKwh + p.gridExportKwh, 0);
      expect(Math.abs(c.intraKwh + c.interBoughtKwh + c.gridImportKwh - deficit)).toBeLessThan(1e-9);
      expect(Math.abs(c.intraKwh + c.interSoldKwh + c.gridExportKwh - surplus)).toBeLessThan(1e-9);
      expect(Math.abs(c.cost - ps.reduce((s, p) => s + p.cost, 0))).toBeLessThan(1e-9);
    }
    // A exports to B between the communities; the whole's P2P volume is intra + inter.
    expect(m.communities[0]!.interSoldKwh).toBeGreaterThan(1);
    expect(Math.abs(m.communities[0]!.interSoldKwh + m.communities[1]!.interSoldKwh - m.whole.interKwh)).toBeLessThan(1e-9);
    expect(Math.abs(m.whole.intraKwh + m.whole.interKwh - r.metrics.community.p2pVolumeKwh)).toBeLessThan(1e-9);
    expect(Math.abs(m.whole.welfare - r.metrics.community.welfare)).toBeLessThan(1e-9);
    expect(r.metrics.community.maxBalanceErrorKwh).toBeLessThan(1e-9);
    // Physical self-sufficiency at a community's boundary is at least what it settled inside.
    for (const c of m.communities) expect(c.selfSufficiency!).toBeGreaterThanOrEqual(c.settledSelfSufficiency! - 1e-12);
  });

  it('one community of everyone equals the plain market (same metrics, exactly)', () => {
    const plain = run(smallScenario({ horizon }));
    const one = run(smallScenario({ horizon, communities: [{ id: 'all', prosumers: ids }], interCommunity: { mechanism: 'uniform' } }));
    expect(one.metrics.prosumers).toEqual(plain.metrics.prosumers);
    expect(one.metrics.community).toEqual(plain.metrics.community);
    expect(one.metrics.communities!.whole.interKwh).toBe(0);
    expect(plain.metrics.communities).toBeNull();
  });

  it("the no-P2P baseline reports the communities with nothing traded and everything at the retailer", () => {
    const r = run(two(), 'none');
    for (const c of r.metrics.communities!.communities) {
      expect([c.mechanism, c.intraKwh, c.interBoughtKwh, c.interSoldKwh, c.savings]).toEqual(['none', 0, 0, 0, 0]);
      expect(c.settledSelfSufficiency!).toBeLessThanOrEqual(c.selfSufficiency! + 1e-12);
    }
  });

  it('the scenario checks name the path', () => {
    const bad = (s: ScenarioInput) => () => validateScenario(s);
    expect(bad(two({ communities: [{ id: 'A', prosumers: ids.slice(0, 6) }, { id: 'B', prosumers: [...ids.slice(6), 'h99'] }] }))).toThrow(/communities\[1\]\.prosumers\[6\].*no prosumer has id 'h99'/);
    expect(bad(two({ communities: [{ id: 'A', prosumers: ids.slice(0, 6) }, { id: 'B', prosumers: ids.slice(5) }] }))).toThrow(/communities\[1\]\.prosumers\[0\].*already belongs to communities\[0\]/);
    expect(bad(two({ communities: [{ id: 'A', prosumers: ids.slice(0, 11) }] }))).toThrow(/prosumers\[11\]\.id.*belongs to no community/);
    expect(bad(smallScenario({ interCommunity: { mechanism: 'uniform' } }))).toThrow(/interCommunity.*needs communities/);
    expect(bad(two({ market: { mechanism: 'continuous' } }))).toThrow(/market\.mechanism.*cannot clear nested communities/);
    expect(bad(two({ communities: [{ id: 'A', prosumers: ids, mechanism: 'auction' as never }] }))).toThrow(/communities\[0\]\.mechanism/);
    expect(() => createSimulation(two(), { files, mechanism: 'bilateral' })).toThrow(/interCommunity\.mechanism|communities\[0\]\.mechanism/);
  });
});
