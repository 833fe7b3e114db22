import { beforeAll, describe, expect, it } from 'vitest';
import { loadLpSolver } from '../../../ts/lp/load-lp-solver.js';
import type { LpSolver } from '../../../ts/lp/lp-solver.js';
import { ValidationError } from '../../../ts/errors.js';
import { resolveStepTariffs } from '../../../ts/sim/engine/step-tariffs.js';
import { createTimeGrid } from '../../../ts/sim/profiles/time-grid.js';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';
import { validateScenario } from '../../../ts/sim/scenario/validate-scenario.js';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { SIM_MECHANISMS } from '../../../ts/sim/scenario/scenario-schema.js';

const grid = createTimeGrid({ startIso: '2023-06-05T00:00:00+01:00', steps: 96, dtHours: 0.25 });

let lpSolver: LpSolver;
beforeAll(async () => {
  lpSolver = await loadLpSolver();
});

describe('tariffs of every step', () => {
  it('derives all-in retail and the P2P charges from the decomposition (hand-computed)', () => {
    const s = validateScenario(createDefaultStudy({ steps: 96 }));
    const t = resolveStepTariffs(s, grid);
    // (0.17 + 0.116 + 0.053) · 1.19 and (0.116 + 0.053) · 1.19 with no local-use discount.
    expect(t.retailPricePerKwh[0]).toBeCloseTo(0.40341, 12);
    expect(t.networkChargePerKwh[50]! + t.leviesPerKwh[50]!).toBeCloseTo(0.20111, 12);
    expect(t.feedInPricePerKwh[95]).toBe(0.081);
    const half = validateScenario({ ...createDefaultStudy({ steps: 96 }), tariffs: { feedInPricePerKwh: 0.081, retailParts: { energyPricePerKwh: 0.17, networkChargePerKwh: 0.116, leviesPerKwh: 0.053, vatPercent: 19, localUseDiscountPercent: 50 } } });
    expect(resolveStepTariffs(half, grid).networkChargePerKwh[0]).toBeCloseTo(0.5 * 0.116 * 1.19, 12);
  });

  it('reads 24 hourly energy prices by local hour', () => {
    const energy = Array.from({ length: 24 }, (_, h) => (h >= 17 && h < 21 ? 0.3 : 0.15));
    const s = validateScenario({ ...createDefaultStudy({ steps: 96 }), tariffs: { feedInPricePerKwh: 0.08, retailParts: { energyPricePerKwh: energy, networkChargePerKwh: 0.1, leviesPerKwh: 0.05, vatPercent: 0 } } });
    const t = resolveStepTariffs(s, grid);
    expect(t.retailPricePerKwh[18 * 4]).toBeCloseTo(0.45, 12); // 18:00 local
    expect(t.retailPricePerKwh[3 * 4]).toBeCloseTo(0.3, 12);
  });

  it('reads a feed-in price series by step (a wholesale pass-through), with all-in or decomposed retail; a short series names the field and step', () => {
    const series = Array.from({ length: 96 }, (_, i) => 0.02 + 0.001 * i);
    const allIn = validateScenario({ ...createDefaultStudy({ steps: 96 }), tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: { kind: 'series', pricesPerKwh: series } } });
    const t = resolveStepTariffs(allIn, grid);
    for (const i of [0, 17, 95]) expect(t.feedInPricePerKwh[i]).toBe(series[i]);
    const parts = validateScenario({ ...createDefaultStudy({ steps: 96 }), tariffs: { feedInPricePerKwh: { kind: 'series', pricesPerKwh: series }, retailParts: { energyPricePerKwh: { kind: 'series', pricesPerKwh: series }, networkChargePerKwh: 0.05, leviesPerKwh: 0, vatPercent: 0 } } });
    const u = resolveStepTariffs(parts, grid);
    expect(u.retailPricePerKwh[40]).toBeCloseTo(series[40]! + 0.05, 15);
    expect(u.feedInPricePerKwh[40]).toBe(series[40]);
    const short = validateScenario({ ...createDefaultStudy({ steps: 96 }), tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: { kind: 'series', pricesPerKwh: series.slice(0, 10) } } });
    expect(() => resolveStepTariffs(short, grid)).toThrow(/tariffs\.feedInPricePerKwh\.pricesPerKwh.*at step 10/);
  });

  it('rejects tariffs under which no P2P trade can be rational, naming the field and the step, before the run', () => {
    const bad = { ...createDefaultStudy({ steps: 96 }), tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.2, networkChargePerKwh: 0.12 } };
    try {
      createSimulation(bad);
      throw new Error('expected a ValidationError');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).field).toBe('tariffs.feedInPricePerKwh');
      expect((e as ValidationError).message).toMatch(/at step 0 .*no peer-to-peer price/);
    }
    expect(() => validateScenario({ ...bad, tariffs: { ...bad.tariffs, retailParts: { energyPricePerKwh: 0.1, networkChargePerKwh: 0.1, leviesPerKwh: 0, vatPercent: 0 } } })).toThrow(/retailPricePerKwh.*derived from retailParts/);
  });

  it('no household of the default study loses money under any mechanism with truthful bids (a June day)', () => {
    const s = createDefaultStudy({ prosumers: 30, steps: 96, start: '2023-06-05T00:00:00+01:00' });
    for (const mechanism of SIM_MECHANISMS) {
      if (mechanism === 'bill-sharing-literal') continue; // the published rule pays sellers below feed-in, by design
      const sim = createSimulation(s, { mechanism, lpSolver });
      const r = sim.run();
      sim.dispose();
      for (const p of r.metrics.prosumers) expect(p.savings, `${mechanism} ${p.id}`).toBeGreaterThanOrEqual(-1e-9);
      if (mechanism !== 'none') expect(r.metrics.community.p2pBuyerPricePerKwh!).toBeLessThanOrEqual(0.40341 + 1e-12);
    }
  });
});
