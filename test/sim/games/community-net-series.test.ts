import { describe, expect, it } from 'vitest';
import { communityNetSeries } from '../../../ts/sim/games/community-net-series.js';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { nodeFiles, smallScenario } from '../sim-test-helpers.js';

const files = nodeFiles();

describe('communityNetSeries (the data of a community coalition game)', () => {
  it("is each member's grid position in the no-P2P run: Σ imports and Σ exports equal the run's metrics (1e-9 kWh)", () => {
    const scenario = smallScenario({ horizon: { start: '2024-06-03T00:00:00Z', steps: 48, dtHours: 0.25 } });
    const series = communityNetSeries(scenario, { files, deps: defaultSimulationDeps, players: ['h4', 'h0', 'h1'] });
    expect(series.members.map((m) => m.id)).toEqual(['h4', 'h0', 'h1']);
    expect(series.steps).toBe(48);
    const baseline = createSimulation(scenario, { files, deps: defaultSimulationDeps, mechanism: 'none' }).run().metrics.prosumers;
    for (const m of series.members) {
      const p = baseline.find((x) => x.id === m.id)!;
      const imports = Array.from(m.netKwh).reduce((s, v) => s + Math.max(v, 0), 0);
      const exports = Array.from(m.netKwh).reduce((s, v) => s + Math.max(-v, 0), 0);
      expect(imports).toBeCloseTo(p.gridImportKwh, 9);
      expect(exports).toBeCloseTo(p.gridExportKwh, 9);
    }
    // The scenario's flat tariffs, and the network charge as the internal charge.
    expect(series.tariffs.retailPricePerKwh.every((r) => r === 0.3)).toBe(true);
    expect(series.tariffs.internalChargePerKwh.every((c) => c === 0.02)).toBe(true);
  });

  it('names a player that is not a prosumer, and a player listed twice', () => {
    const scenario = smallScenario({ horizon: { start: '2024-06-03T00:00:00Z', steps: 4, dtHours: 0.25 } });
    expect(() => communityNetSeries(scenario, { files, players: ['h1', 'nobody'] })).toThrow(/player "nobody": players\[1\].*not a prosumer of scenario 'small'/);
    expect(() => communityNetSeries(scenario, { files, players: ['h1', 'h1'] })).toThrow(/players\[1\].*listed twice/);
  });
});
