import { describe, expect, it } from 'vitest';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';
import { createSimulation, type SimulationResult } from '../../../ts/sim/engine/simulation.js';
import type { ScenarioInput, SimMechanism } from '../../../ts/sim/scenario/scenario-schema.js';

function study(gateClosure?: NonNullable<ScenarioInput['market']>['gateClosure']): ScenarioInput {
  const s = createDefaultStudy({ prosumers: 20, steps: 192 });
  // A June start, so PV surplus makes both sides of the market.
  return { ...s, horizon: { ...s.horizon!, start: '2023-06-05T00:00:00Z' }, market: { ...s.market, gateClosure } };
}

function run(input: ScenarioInput, mechanism: SimMechanism, engine: 'wasm' | 'ts' = 'wasm'): SimulationResult {
  const sim = createSimulation({ ...input, engine }, { mechanism });
  try {
    return sim.run();
  } finally {
    sim.dispose();
  }
}

describe('gate-closure mode', () => {
  it('with a perfect forecast (noisy-truth, σ = 0) equals clearing on actuals, with no imbalance', () => {
    const a = run(study(), 'uniform');
    const b = run(study({ forecast: { kind: 'noisy-truth', relativeErrorSd: 0 } }), 'uniform');
    expect(b.metrics.community.imbalance).toEqual({ shortKwh: 0, longKwh: 0, cost: 0 });
    expect(a.metrics.community.imbalance).toBeNull();
    expect(b.metrics.community.p2pVolumeKwh).toBeGreaterThan(1);
    b.metrics.prosumers.forEach((p, i) => expect(p.cost).toBeCloseTo(a.metrics.prosumers[i]!.cost, 9));
  });

  it('settles delivery = cleared position + imbalance per prosumer, imbalance at retail + penalty / feed-in − penalty', () => {
    for (const engine of ['wasm', 'ts'] as const) {
      const r = run(study({ forecast: { kind: 'persistence', lagSteps: 1 }, imbalance: { kind: 'retail-feed-in', penaltyPerKwh: 0.05 } }), 'sdr', engine);
      const none = run(study({ forecast: { kind: 'persistence', lagSteps: 1 } }), 'none', engine);
      let short = 0;
      for (const [i, p] of r.metrics.prosumers.entries()) {
        const scheduled = p.p2pSoldKwh + p.gridExportKwh - p.p2pBoughtKwh - p.gridImportKwh;
        const q = none.metrics.prosumers[i]!;
        // The baseline settles the actuals with the retailer: its grid flows are the meter flows.
        const actual = q.gridExportKwh - q.gridImportKwh;
        expect(scheduled + p.imbalanceLongKwh - p.imbalanceShortKwh).toBeCloseTo(actual, 9);
        // Flat tariffs: retail (0.17 + 0.116 + 0.053) · 1.19 = 0.40341, feed-in 0.081: short at 0.45341, long at 0.031.
        expect(p.imbalanceCost).toBeCloseTo(p.imbalanceShortKwh * 0.45341 - p.imbalanceLongKwh * 0.031, 9);
        expect(p.baselineCost).toBeCloseTo(q.baselineCost, 9);
        short += p.imbalanceShortKwh;
      }
      expect(short).toBeGreaterThan(1);
      const c = r.metrics.community;
      expect(c.imbalance!.shortKwh).toBeCloseTo(short, 9);
      // Physical metrics do not depend on forecasts: the same meter flows as the baseline.
      expect(c.selfSufficiency).toBeCloseTo(none.metrics.community.selfSufficiency!, 12);
      expect(none.metrics.community.imbalance).toBeNull();
    }
  });

  it('persistence forecasts the previous delivery: the first step has no position, later steps lag by one', () => {
    const sim = createSimulation(study({ forecast: { kind: 'persistence', lagSteps: 1 } }), { mechanism: 'uniform' });
    sim.step();
    expect([...sim.forecastKw].every((x) => x === 0)).toBe(true);
    const delivered = Float64Array.from(sim.netKw);
    sim.step();
    const limits = sim.exportLimitKw;
    sim.forecastKw.forEach((f, i) => expect(f).toBe(Math.min(delivered[i]!, limits[i]!)));
    sim.dispose();
  });
});
