import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import { markupStrategy, truthfulStrategy, zeroIntelligenceStrategy } from '../../../ts/sim/agents/bidding-strategy.js';

const ctx = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.02, step: 0 };
describe('bidding strategies', () => {
  it('truthful bids reservation prices', () => {
    expect(truthfulStrategy.price('buy', ctx, new Rng(1))).toBeCloseTo(0.28, 15);
    expect(truthfulStrategy.price('sell', ctx, new Rng(1))).toBe(0.08);
  });
  it('zero-intelligence stays within [feed-in, reservation] and is seeded', () => {
    const r1 = new Rng(5);
    const r2 = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const b = zeroIntelligenceStrategy.price('buy', ctx, r1);
      const s = zeroIntelligenceStrategy.price('sell', ctx, r1);
      expect(b).toBeGreaterThanOrEqual(0.08);
      expect(b).toBeLessThanOrEqual(0.28);
      expect(s).toBeGreaterThanOrEqual(0.08);
      expect(s).toBeLessThanOrEqual(0.3);
      expect(zeroIntelligenceStrategy.price('buy', ctx, r2)).toBe(b);
      expect(zeroIntelligenceStrategy.price('sell', ctx, r2)).toBe(s);
    }
  });
  it('markup moves both sides into the spread', () => {
    const m = markupStrategy(0.25);
    expect(m.price('sell', ctx, new Rng(1))).toBeCloseTo(0.08 + 0.25 * 0.2, 15);
    expect(m.price('buy', ctx, new Rng(1))).toBeCloseTo(0.28 - 0.25 * 0.2, 15);
    expect(() => markupStrategy(1.5)).toThrow(RangeError);
  });
});
