// The simulation's own mechanisms clear with the step's P2P charges (network charge and levies, and who pays them):
// buyers pay them on top of the P2P price and no P2P kWh leaves a buyer above retail or a seller below feed-in.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { nodeFiles, smallScenario } from '../sim-test-helpers.js';

const files = nodeFiles();

describe('P2P charges under the continuous, tariff-margin, bilateral and uniform mechanisms', () => {
  it.each([['continuous'], ['tariff-margin'], ['bilateral'], ['uniform']] as const)('%s: buyers pay network charge + levies on every P2P kWh, within retail; sellers at least feed-in', (mechanism) => {
    const s = smallScenario({
      horizon: { start: '2024-06-03T08:00:00Z', steps: 16, dtHours: 0.25 },
      tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.05, leviesPerKwh: 0.02 },
    });
    const sim = createSimulation(s, { deps: defaultSimulationDeps, files, mechanism });
    const c = sim.run().metrics.community;
    sim.dispose();
    expect(c.p2pVolumeKwh).toBeGreaterThan(1);
    expect(c.networkChargesPaid).toBeCloseTo(0.07 * c.p2pVolumeKwh, 9);
    // Budget-balanced: what buyers pay all-in is the sellers' price plus the charges.
    expect(c.p2pBuyerPricePerKwh! - c.p2pSellerPricePerKwh!).toBeCloseTo(0.07, 9);
    expect(c.p2pBuyerPricePerKwh!).toBeLessThanOrEqual(0.3 + 1e-12);
    expect(c.p2pSellerPricePerKwh!).toBeGreaterThanOrEqual(0.08 - 1e-12);
  });

  it('bilateral trades what the uniform auction trades when every bid is truthful (the charges are not counted twice)', () => {
    const s = smallScenario({
      horizon: { start: '2024-06-03T08:00:00Z', steps: 16, dtHours: 0.25 },
      tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.05, leviesPerKwh: 0.02 },
    });
    s.prosumers = s.prosumers.map(({ strategy: _, ...p }) => p);
    const volume = (mechanism: 'bilateral' | 'uniform'): number => {
      const sim = createSimulation(s, { deps: defaultSimulationDeps, files, mechanism });
      const v = sim.run().metrics.community.p2pVolumeKwh;
      sim.dispose();
      return v;
    };
    expect(volume('bilateral')).toBeGreaterThan(1);
    expect(volume('bilateral')).toBeCloseTo(volume('uniform'), 6);
  });
});
