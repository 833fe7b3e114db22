import { describe, expect, it } from 'vitest';
import { compareStorageStrategies } from '../../../ts/sim/engine/storage-strategy-comparison.js';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';

describe('compareStorageStrategies', () => {
  it('row 1 is the scenario as written (= a plain run); row 2 its optimal storage, cheaper for the battery households on a time-of-use tariff', () => {
    const s = createDefaultStudy({ prosumers: 20, steps: 192, start: '2023-06-12T00:00:00+01:00' });
    s.tariffs = { retailPricePerKwh: Array.from({ length: 24 }, (_, h) => (h < 6 ? 0.22 : h >= 17 && h < 21 ? 0.48 : 0.34)), feedInPricePerKwh: 0.08 };
    const [written, optimal] = compareStorageStrategies(s);
    const [plain] = runComparison(s, { mechanisms: ['none'] });
    expect(written!.strategy).toBe('as written');
    expect(written!.communityCost).toBe(plain!.metrics.community.cost);
    expect(written!.peakImportKw).toBe(plain!.metrics.community.peakImportKw);
    expect(optimal!.strategy).toBe('optimal');
    expect(optimal!.batteryHouseholdsCost).toBeLessThan(written!.batteryHouseholdsCost);
    expect(optimal!.evHouseholdsCost).toBeLessThan(written!.evHouseholdsCost);
    expect(optimal!.evUnmetKwh).toBe(0);
    // The input is not modified.
    expect(s.prosumers!.every((p) => p.battery === undefined || p.battery.rule === undefined)).toBe(true);
  });
});
