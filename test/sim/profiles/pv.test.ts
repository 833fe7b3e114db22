import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import { Rng } from '../../../ts/random.js';
import { pvOutputKw, sampleBeta, sampleGamma } from '../../../ts/sim/profiles/pv.js';
import { equationOfTimeMinutes, solarPosition } from '../../../ts/sim/profiles/solar-geometry.js';
import { TimeGrid, energyKwh } from '../../../ts/sim/profiles/time-grid.js';

const year = new TimeGrid({ startIso: '2023-01-01T00:00:00Z', steps: 35040, dtHours: 0.25 });
const site = { latitudeDeg: 48, longitudeDeg: 11 };

describe('pvOutputKw', () => {
  it('is zero whenever the sun is below the horizon for the whole step, and never negative', () => {
    const pv = pvOutputKw(year, new Rng(1), { kwp: 5, ...site });
    let nightSteps = 0;
    for (let i = 0; i < year.steps; i++) {
      expect(pv[i]).toBeGreaterThanOrEqual(0);
      const t = year.timeMs(i);
      const below = [0, 0.5, 1].every((f) => solarPosition(t + f * 900_000, 48, 11).elevationDeg < 0);
      if (below) {
        nightSteps++;
        expect(pv[i]).toBe(0);
      }
    }
    expect(nightSteps).toBeGreaterThan(15_000); // about half the year
  });

  it('peaks at solar noon (±10 min) on a clear equinox day, horizontal panel', () => {
    const g = new TimeGrid({ startIso: '2023-03-21T00:00:00Z', steps: 288, dtHours: 1 / 12 });
    const pv = pvOutputKw(g, new Rng(1), { kwp: 1, ...site, tiltDeg: 0, cloudiness: false });
    let best = 0;
    for (let i = 1; i < pv.length; i++) if (pv[i]! > pv[best]!) best = i;
    const peakH = (best + 0.5) / 12;
    const solarNoonH = 12 - 11 / 15 - equationOfTimeMinutes(80) / 60;
    expect(Math.abs(peakH - solarNoonH)).toBeLessThan(10 / 60);
  });

  it('has ~12 h of daylight at the equinox and ~16 h at 48°N midsummer', () => {
    const dayLength = (iso: string): number => {
      const g = new TimeGrid({ startIso: iso, steps: 24 * 60, dtHours: 1 / 60 });
      const pv = pvOutputKw(g, new Rng(1), { kwp: 1, ...site, tiltDeg: 0, cloudiness: false });
      return pv.filter((v) => v > 0).length / 60;
    };
    expect(Math.abs(dayLength('2023-03-21T00:00:00Z') - 12.1)).toBeLessThan(0.25); // refraction-free geometric day
    expect(Math.abs(dayLength('2023-06-21T00:00:00Z') - 15.9)).toBeLessThan(0.3);
  });

  it('gives a plausible annual yield at 48°N: 900–1,200 kWh/kWp with clouds, ~1.6–1.9 MWh/kWp clear-sky', () => {
    const yields = [1, 2, 3].map((s) => energyKwh(pvOutputKw(year, new Rng(s), { kwp: 1, ...site }), 0.25));
    for (const y of yields) expect(y).toBeGreaterThan(900), expect(y).toBeLessThan(1200);
    const clear = energyKwh(pvOutputKw(year, new Rng(1), { kwp: 1, ...site, cloudiness: false }), 0.25);
    expect(clear).toBeGreaterThan(1600);
    expect(clear).toBeLessThan(1900);
    // Winter months yield much less than summer months.
    const pv = pvOutputKw(year, new Rng(1), { kwp: 1, ...site });
    expect(energyKwh(pv.subarray(0, 31 * 96), 0.25)).toBeLessThan(0.4 * energyKwh(pv.subarray(181 * 96, 212 * 96), 0.25));
  });

  it('faces north and has its summer in December in the southern hemisphere (Cape Town, 33.9°S)', () => {
    const cape = { latitudeDeg: -33.9, longitudeDeg: 18.4 };
    const pv = pvOutputKw(year, new Rng(2), { kwp: 1, ...cape, cloudiness: false });
    const jan = energyKwh(pv.subarray(0, 31 * 96), 0.25);
    const jul = energyKwh(pv.subarray(181 * 96, 212 * 96), 0.25);
    expect(jan).toBeGreaterThan(jul);
    const northFacing = energyKwh(pv, 0.25);
    const southFacing = energyKwh(pvOutputKw(year, new Rng(2), { kwp: 1, ...cape, azimuthDeg: 180, cloudiness: false }), 0.25);
    expect(northFacing).toBeGreaterThan(1.3 * southFacing);
  });

  it('is deterministic per seed, scales linearly with kWp and clips at the inverter rating', () => {
    const g = new TimeGrid({ startIso: '2023-06-01T00:00:00Z', steps: 96 * 7, dtHours: 0.25 });
    const a = pvOutputKw(g, new Rng(7), { kwp: 4, ...site });
    expect(pvOutputKw(g, new Rng(7), { kwp: 4, ...site })).toEqual(a);
    expect(pvOutputKw(g, new Rng(8), { kwp: 4, ...site })).not.toEqual(a);
    expect(a[48]).toBeCloseTo(1.5132202214104753, 12); // pinned: the draw order is part of the contract
    expect(a[150]).toBeCloseTo(1.712342009852953, 12);
    const b = pvOutputKw(g, new Rng(7), { kwp: 8, ...site });
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(2 * a[i]!, 12);
    const clipped = pvOutputKw(g, new Rng(7), { kwp: 4, ...site, inverterKw: 1.5, cloudiness: false });
    expect(Math.max(...clipped)).toBe(1.5);
  });

  it('a shorter horizon is a prefix of a longer one', () => {
    const short = new TimeGrid({ startIso: '2023-04-01T00:00:00Z', steps: 500, dtHours: 0.25 });
    const long = new TimeGrid({ startIso: '2023-04-01T00:00:00Z', steps: 2000, dtHours: 0.25 });
    expect(pvOutputKw(long, new Rng(4), { kwp: 3, ...site }).subarray(0, 500)).toEqual(pvOutputKw(short, new Rng(4), { kwp: 3, ...site }));
  });

  it('validates its options', () => {
    const g = new TimeGrid({ startIso: '2023-06-01T00:00:00Z', steps: 4, dtHours: 1 });
    expect(() => pvOutputKw(g, new Rng(1), { kwp: -1, ...site })).toThrow(ValidationError);
    expect(() => pvOutputKw(g, new Rng(1), { kwp: 1, latitudeDeg: 91, longitudeDeg: 0 })).toThrow(/latitudeDeg/);
    expect(() => pvOutputKw(g, new Rng(1), { kwp: 1, ...site, performanceRatio: 1.5 })).toThrow(/performanceRatio/);
    expect(() => pvOutputKw(g, new Rng(1), { kwp: 1, ...site, cloudiness: { summerMeanClearSkyIndex: 1 } })).toThrow(/summerMean/);
  });
});

describe('Gamma and Beta samplers', () => {
  it('match their means and variances (n = 20,000, 4 σ tolerances)', () => {
    const rng = new Rng(3);
    for (const [a, b] of [[0.5, 1.5], [1.2, 0.8], [3, 2]] as const) {
      const n = 20_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = sampleBeta(rng, a, b);
        s += x;
        s2 += x * x;
      }
      const mean = a / (a + b);
      const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(Math.abs(s / n - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
      expect(Math.abs(s2 / n - (s / n) ** 2 - variance)).toBeLessThan(0.1 * variance);
    }
    let g = 0;
    for (let i = 0; i < 20_000; i++) g += sampleGamma(rng, 0.3);
    expect(Math.abs(g / 20_000 - 0.3)).toBeLessThan(4 * Math.sqrt(0.3 / 20_000));
  });
});
