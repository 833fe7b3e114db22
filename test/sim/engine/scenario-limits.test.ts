import { describe, expect, it } from 'vitest';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';
import { createSimulation, type SimulationResult } from '../../../ts/sim/engine/simulation.js';
import type { ScenarioInput, SimMechanism } from '../../../ts/sim/scenario/scenario-schema.js';

function run(input: ScenarioInput, mechanism: SimMechanism = 'uniform'): SimulationResult {
  const sim = createSimulation(input, { mechanism });
  try {
    return sim.run();
  } finally {
    sim.dispose();
  }
}

const june = (s: ScenarioInput): ScenarioInput => ({ ...s, horizon: { ...s.horizon!, start: '2023-06-05T00:00:00Z' } });

describe('limits and background load in a simulation', () => {
  it('enforces a transformer limit on the net export by curtailment and reports it by reason', () => {
    const base = june(createDefaultStudy({ prosumers: 20, steps: 96 }));
    const free = run({ ...base, limits: {} });
    const limited = run({ ...base, limits: { transformerKw: 10, exportFractionOfKwp: 0.6 } });
    expect(Math.min(...free.series.substationKw!)).toBeLessThan(-10); // without the limit the export exceeds 10 kW
    // The prosumers' net export never exceeds 10 kW; the substation sees it minus the losses.
    for (const x of limited.series.substationKw!) expect(x).toBeGreaterThanOrEqual(-10 - 1e-9);
    const c = limited.metrics.community;
    expect(c.curtailedByReason.transformerKwh).toBeGreaterThan(1);
    expect(c.curtailedByReason.exportLimitKwh).toBeGreaterThan(0);
    const reasons = c.curtailedByReason.exportLimitKwh + c.curtailedByReason.transformerKwh + c.curtailedByReason.networkKwh + c.curtailedByReason.clearingKwh;
    expect(reasons).toBeCloseTo(c.curtailedKwh, 9);
    // Imports above the limit cannot be curtailed: counted in the hours where the prosumers' net draw exceeds it.
    const sub = limited.series.substationKw!;
    const loss = limited.series.lossesKw!;
    const over = sub.filter((x, i) => x - loss[i]! > 10 + 1e-4).length;
    expect(over).toBeGreaterThan(0);
    expect(c.transformerLimitExceededHours).toBe(over * 0.25);
    expect(free.metrics.community.transformerLimitExceededHours).toBeNull();
    // Curtailed PV is neither consumed nor sold: the PV energy used is the same in both accountings.
    expect(c.pvKwh).toBeCloseTo(free.metrics.community.pvKwh, 9);
  });

  it("keeps, removes or scales the network's own load at buses without prosumers (backgroundLoad)", () => {
    const s: ScenarioInput = {
      name: 'two on ieee33',
      network: 'ieee33',
      prosumers: [
        { id: 'a', bus: '18', load: { kind: 'constant', pKw: 2 } },
        { id: 'b', bus: '33', load: { kind: 'constant', pKw: 3 } },
      ],
      tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 },
      horizon: { start: '2023-06-05T00:00:00Z', steps: 1, dtHours: 0.25 },
      seed: 1,
    };
    const at = (bg: ScenarioInput['backgroundLoad']): number => run({ ...s, backgroundLoad: bg }, 'none').series.substationKw![0]!;
    const lossesNone = run({ ...s, backgroundLoad: 'none' }, 'none').series.lossesKw![0]!;
    // IEEE 33 carries 3,715 kW, of which 90 + 60 kW sit at buses 18 and 33 (replaced by the prosumers).
    expect(at('network')).toBeGreaterThan(3715 - 150 + 5);
    expect(at('none')).toBeCloseTo(5 + lossesNone, 9);
    const half = at(0.5);
    expect(half).toBeGreaterThan((3715 - 150) / 2 + 5);
    expect(half).toBeLessThan(at('network'));
  });
});
