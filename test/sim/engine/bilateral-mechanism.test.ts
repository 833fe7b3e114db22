import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { nodeFiles, smallScenario } from '../sim-test-helpers.js';

describe("market.mechanism: 'bilateral' in the simulation", () => {
  it('trades the welfare-maximising volume every step: the same P2P volume as the uniform auction (1e-6 kWh)', () => {
    const s = smallScenario({ horizon: { start: '2024-06-03T06:00:00Z', steps: 40, dtHours: 0.25 } });
    s.prosumers = s.prosumers.map((p, i) => ({ ...p, strategy: i % 2 ? { kind: 'markup' as const, markup: 0.2 } : { kind: 'truthful' as const } }));
    const files = nodeFiles();
    const bilateral = createSimulation(s, { deps: defaultSimulationDeps, files, mechanism: 'bilateral' }).run();
    const uniform = createSimulation(s, { deps: defaultSimulationDeps, files, mechanism: 'uniform' }).run();
    expect(bilateral.metrics.community.p2pVolumeKwh).toBeGreaterThan(0);
    // Asks and bids here are further apart than the 0.02 network charge, so both clear every crossing unit of a step.
    expect(Math.abs(bilateral.metrics.community.p2pVolumeKwh - uniform.metrics.community.p2pVolumeKwh)).toBeLessThan(1e-6);
  });
});
