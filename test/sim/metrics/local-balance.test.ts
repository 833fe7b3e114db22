import { describe, expect, it } from 'vitest';
import { localBalanceOf } from '../../../ts/sim/metrics/local-balance.js';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import { elecbay } from '../../../ts/sim/scenario/presets/elecbay.js';

describe('local balance', () => {
  it('hand-checked on three intervals', () => {
    const f = (xs: number[]) => Float64Array.from(xs);
    // t0: deficit 1 + 1 = 2, peers met 1 (0.5), surplus 1 + 0.5 = 1.5 could have met 1.5; t1: no deficit;
    // t2: deficit 2, all met by peers, surplus 3.
    const lb = localBalanceOf({ p2pTradedKwh: f([1, 0, 2]), gridImportKwh: f([1, 0, 0]), gridExportKwh: f([0.5, 3, 1]) });
    expect(lb.share).toBeCloseTo(3 / 4, 15);
    expect(lb.possibleShare).toBeCloseTo(3.5 / 4, 15);
    expect(lb.meanPerInterval).toBeCloseTo((0.5 + 1) / 2, 15);
    expect(lb.intervals).toBe(2);
    expect(localBalanceOf({ p2pTradedKwh: f([0]), gridImportKwh: f([0]), gridExportKwh: f([1]) }).share).toBeNull();
  });

  it('on a run: the series give the community metric (from the per-prosumer totals), never above what local surplus allowed; 0 without P2P', () => {
    const [none, cont] = runComparison(elecbay.scenario(), { mechanisms: ['none', 'continuous'], steps: 48 });
    const lb = localBalanceOf(cont!.series);
    expect(lb.share).toBeGreaterThan(0);
    expect(lb.share!).toBeCloseTo(cont!.metrics.community.localBalance!, 12);
    expect(lb.share!).toBeLessThanOrEqual(lb.possibleShare! + 1e-12);
    expect(none!.metrics.community.localBalance).toBe(0);
    expect(localBalanceOf(none!.series).possibleShare).toBeCloseTo(lb.possibleShare!, 12); // same flows, same bound
  });
});
