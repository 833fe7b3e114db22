import { describe, expect, it } from 'vitest';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { NetPositionRecorder } from '../../../ts/sim/games/net-position-recorder.js';
import { coalitionView } from '../../../ts/sim/games/coalition-view.js';
import { communitySavingsGame } from '../../../ts/market/games/community-savings-game.js';
import { shapleyValue } from '../../../ts/market/games/shapley-value.js';
import { nodeFiles, smallScenario } from '../sim-test-helpers.js';

const files = nodeFiles();

describe('coalitionView (each mechanism against the community savings game)', () => {
  const truthful = () => {
    const s = smallScenario({ horizon: { start: '2024-06-03T00:00:00Z', steps: 96, dtHours: 0.25 } });
    s.prosumers = s.prosumers.slice(0, 8).map(({ strategy: _, ...p }) => p);
    return s;
  };

  it('truthful bids in a uniform auction capture all of v(N); the distance from Shapley is Σ|saving − φ| / v(N)', () => {
    const recorder = new NetPositionRecorder();
    const results = runComparison(truthful(), { deps: defaultSimulationDeps, files, mechanisms: ['none', 'uniform', 'mmr'], sinkFor: (m) => (m === 'none' ? recorder : undefined) });
    const view = coalitionView(results, recorder.positions()!, { seed: 1 })!;
    expect(view.exact).toBe(true);
    const positions = recorder.positions()!;
    const phi = shapleyValue(communitySavingsGame(positions.members, positions.tariffs));
    const vN = phi.reduce((a, b) => a + b, 0);
    expect(view.grandCoalitionValue).toBeCloseTo(vN, 9);
    expect(vN).toBeGreaterThan(0);
    // Buyers bid retail and sellers feed-in, so the auction nets every nettable kWh: its savings are v(N) (1e-9).
    const uniform = view.rows.find((r) => r.mechanism === 'uniform')!;
    expect(uniform.capturedPercent).toBeCloseTo(100, 7);
    for (const row of view.rows) {
      const run = results.find((r) => r.mechanism === row.mechanism)!;
      const savings = run.metrics.prosumers.map((p, i) => results[0]!.metrics.prosumers[i]!.cost - p.cost);
      const distance = savings.reduce((s, v, i) => s + Math.abs(v - phi[i]!), 0);
      expect(row.shapleyDistancePercent).toBeCloseTo((distance / vN) * 100, 7);
      expect(row.belowShapley).toBe(savings.filter((v, i) => v < phi[i]!).length);
    }
  });

  it('is null without a baseline run', () => {
    const recorder = new NetPositionRecorder();
    const results = runComparison(truthful(), { deps: defaultSimulationDeps, files, mechanisms: ['uniform'], steps: 4, sinkFor: () => recorder });
    expect(coalitionView(results, recorder.positions()!, { seed: 1 })).toBeNull();
  });
});
