import { describe, expect, it } from 'vitest';
import { competitiveEquilibrium, runCdaExperiment, type SupplyDemandSchedule, type TraderStrategy } from '../../../ts/market/continuous/cda-experiment.js';

// A symmetric schedule in the style of Smith (1962): 11 buyers valuing 0.30 … 0.10 and 11 sellers costing
// 0.10 … 0.30 currency/kWh, quotes bounded by a feed-in tariff of 0.08 and a retail price of 0.32.
const schedule: SupplyDemandSchedule = {
  buyerValues: Array.from({ length: 11 }, (_, i) => (30 - 2 * i) / 100),
  sellerCosts: Array.from({ length: 11 }, (_, i) => (10 + 2 * i) / 100),
  minPrice: 0.08,
  maxPrice: 0.32,
};

/** Mean over seeds of a day's Smith's α (%) and allocative efficiency. */
function dayAverages(strategy: TraderStrategy, seeds: number, days: number): { alpha: number[]; efficiency: number[] } {
  const alpha = new Array<number>(days).fill(0);
  const efficiency = new Array<number>(days).fill(0);
  for (let seed = 1; seed <= seeds; seed++) {
    const r = runCdaExperiment(schedule, { strategy, days, seed });
    r.days.forEach((d, k) => {
      alpha[k] += (d.smithAlphaPercent ?? 100) / seeds;
      efficiency[k] += d.allocativeEfficiency / seeds;
    });
  }
  return { alpha, efficiency };
}

describe('continuous double auction with adaptive traders', () => {
  it('competitive equilibrium of the schedule, by hand: 6 units at 0.20, surplus 0.60', () => {
    const ce = competitiveEquilibrium(schedule);
    expect(ce.quantity).toBe(6);
    expect(ce.price).toBeCloseTo(0.2, 12);
    expect(ce.priceRange.map((p) => Number(p.toFixed(12)))).toEqual([0.2, 0.2]);
    expect(ce.maxSurplus).toBeCloseTo(0.6, 12);
  });

  // The classic result (Gode & Sunder 1993; Cliff 1997; Vytelingum et al. 2008): zero-intelligence traders are
  // efficient but their prices never settle; ZIP and AA traders learn the equilibrium price within a few days.
  // Tolerances: mean over 5 seeds of day 7's Smith's α (%).
  it('ZIP and AA approach the equilibrium price (α on day 7 below 3 % and 6 %); ZI-C does not (α above 8 % every day)', () => {
    const zic = dayAverages('zi-c', 5, 7);
    const zip = dayAverages('zip', 5, 7);
    const aa = dayAverages('aa', 5, 7);
    for (const a of zic.alpha) expect(a).toBeGreaterThan(8);
    expect(Math.min(...zic.efficiency)).toBeGreaterThan(0.85);
    expect(zip.alpha[6]).toBeLessThan(3);
    expect(zip.alpha[6]).toBeLessThan(zip.alpha[0]!);
    expect(zip.efficiency[6]).toBeGreaterThan(0.97);
    expect(aa.alpha[6]).toBeLessThan(6);
    expect(aa.alpha[6]).toBeLessThan(aa.alpha[0]!);
  });

  it('is deterministic by seed and identical on both order-book engines; every trade is within the traders\' limits', () => {
    const a = runCdaExperiment(schedule, { strategy: 'zip', days: 3, seed: 9, engine: 'wasm' });
    const b = runCdaExperiment(schedule, { strategy: 'zip', days: 3, seed: 9, engine: 'ts' });
    expect(b.days).toEqual(a.days);
    for (const d of a.days) {
      for (const t of d.transactions) {
        expect(t.pricePerKwh).toBeLessThanOrEqual(schedule.buyerValues[t.buyer]! + 1e-12);
        expect(t.pricePerKwh).toBeGreaterThanOrEqual(schedule.sellerCosts[t.seller]! - 1e-12);
      }
    }
  });

  it('refuses a schedule with a limit outside the price bounds, naming it', () => {
    expect(() => competitiveEquilibrium({ ...schedule, sellerCosts: [0.5] })).toThrow(/sellerCosts\[0\]/);
    expect(() => runCdaExperiment(schedule, { strategy: 'gd' as TraderStrategy, days: 1, seed: 1 })).toThrow(/strategy/);
  });
});
