import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import { Rng } from '../../../ts/random.js';
import { dailyLoadShape, householdLoadKw, seasonalLoadFactor } from '../../../ts/sim/profiles/household-load.js';
import { TimeGrid, energyKwh } from '../../../ts/sim/profiles/time-grid.js';

const year = new TimeGrid({ startIso: '2023-01-01T00:00:00Z', steps: 8760, dtHours: 1 });

describe('household load shape', () => {
  it('each day type has mean 1 (integral of the interpolated shape over 24 h, 1-minute Riemann sum)', () => {
    for (const weekend of [false, true]) {
      let s = 0;
      for (let m = 0; m < 1440; m++) s += dailyLoadShape((m + 0.5) / 60, weekend);
      expect(s / 1440).toBeCloseTo(1, 6);
    }
  });
  it('has a night base, a morning peak and a higher evening peak', () => {
    expect(dailyLoadShape(3.5, false)).toBeLessThan(0.5);
    expect(dailyLoadShape(7.5, false)).toBeGreaterThan(dailyLoadShape(4.5, false) * 2);
    expect(dailyLoadShape(19.5, false)).toBeGreaterThan(1.6);
    expect(dailyLoadShape(12.5, true)).toBeGreaterThan(dailyLoadShape(12.5, false)); // at home at weekends
  });
  it('seasonal factor averages to 1 over a year and peaks in winter (north) or July (south)', () => {
    let s = 0;
    for (let d = 1; d <= 365; d++) s += seasonalLoadFactor(d);
    expect(s / 365).toBeCloseTo(1, 3);
    expect(seasonalLoadFactor(15)).toBeCloseTo(1.2, 9);
    expect(seasonalLoadFactor(196, 0.2, 196)).toBeCloseTo(1.2, 9);
  });
});

describe('householdLoadKw', () => {
  it('reaches the annual consumption (±4 %) and is never negative', () => {
    for (const [seed, annual] of [[1, 2000], [2, 3500], [3, 6000]] as const) {
      const kw = householdLoadKw(year, new Rng(seed), { annualKwh: annual });
      expect(Math.min(...kw)).toBeGreaterThanOrEqual(0);
      expect(Math.abs(energyKwh(kw, 1) / annual - 1)).toBeLessThan(0.04);
    }
  });
  it('shows the daily and seasonal shape in the aggregate of 30 households', () => {
    const agg = new Float64Array(year.steps);
    for (let h = 0; h < 30; h++) {
      const kw = householdLoadKw(year, new Rng(100).fork(h), { annualKwh: 3500, utcOffsetHours: 1 });
      for (let i = 0; i < kw.length; i++) agg[i] += kw[i]!;
    }
    const byHour = new Float64Array(24);
    const axes = year.axes(1);
    for (let i = 0; i < agg.length; i++) byHour[Math.floor(axes.hourOfDay[i]!)] += agg[i]!;
    expect(byHour[19]! / byHour[3]!).toBeGreaterThan(3); // evening peak vs night base
    const jan = energyKwh(agg.subarray(0, 31 * 24), 1);
    const jul = energyKwh(agg.subarray(181 * 24, 212 * 24), 1);
    expect(jan / jul).toBeGreaterThan(1.3); // (1 + 0.2 cos) ratio ≈ 1.45
    expect(jan / jul).toBeLessThan(1.6);
  });
  it('is deterministic per seed and differs between seeds', () => {
    const g = new TimeGrid({ startIso: '2024-01-01T00:00:00Z', steps: 96 * 3, dtHours: 0.25 });
    const a = householdLoadKw(g, new Rng(5));
    expect(householdLoadKw(g, new Rng(5))).toEqual(a);
    expect(householdLoadKw(g, new Rng(6))).not.toEqual(a);
    // Pinned values: the generator uses only integer-exact Rng draws and IEEE arithmetic, so every runtime must give
    // these (to ~1e-15 relative; Math.exp/cos may differ in the last ulp between engines). A change of draw order
    // shows up here.
    expect(a.length).toBe(288);
    expect(a[0]).toBeCloseTo(0.450052409473695, 12);
    expect(a[100]).toBeCloseTo(0.22557019218038785, 12);
    expect(a[287]).toBeCloseTo(0.3456551118171615, 12);
  });
  it('a shorter horizon is a prefix of a longer one (draws never depend on the horizon length)', () => {
    const short = new TimeGrid({ startIso: '2024-01-01T00:00:00Z', steps: 500, dtHours: 0.25 });
    const long = new TimeGrid({ startIso: '2024-01-01T00:00:00Z', steps: 2000, dtHours: 0.25 });
    expect(householdLoadKw(long, new Rng(4)).subarray(0, 500)).toEqual(householdLoadKw(short, new Rng(4)));
  });
  it('validates its options', () => {
    const g = new TimeGrid({ startIso: '2024-01-01T00:00:00Z', steps: 4, dtHours: 1 });
    expect(() => householdLoadKw(g, new Rng(1), { annualKwh: -5 })).toThrow(ValidationError);
    expect(() => householdLoadKw(g, new Rng(1), { seasonalAmplitude: 1.5 })).toThrow(/seasonalAmplitude/);
    expect(() => householdLoadKw(g, new Rng(1), { noiseCorrelationHours: 0 })).toThrow(/noiseCorrelationHours/);
  });
});
