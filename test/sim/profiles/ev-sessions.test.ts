import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import { Rng } from '../../../ts/random.js';
import { evSessions, immediateChargingKw } from '../../../ts/sim/profiles/ev-sessions.js';
import { TimeGrid, energyKwh } from '../../../ts/sim/profiles/time-grid.js';

describe('evSessions', () => {
  const grid = new TimeGrid({ startIso: '2023-01-01T00:00:00Z', steps: 2000 * 24, dtHours: 1 });
  const sessions = evSessions(grid, new Rng(11), { utcOffsetHours: 1 });

  it('matches its distributions over 2,000 days (4 σ tolerances)', () => {
    const n = sessions.length;
    expect(Math.abs(n / 2000 - 0.9)).toBeLessThan(4 * Math.sqrt((0.9 * 0.1) / 2000));
    const localHour = (ms: number): number => (((ms / 3_600_000 + 1) % 24) + 24) % 24;
    const arr = sessions.map((s) => localHour(s.arrivalMs));
    const dep = sessions.map((s) => localHour(s.departureMs));
    const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
    expect(Math.abs(mean(arr) - 18)).toBeLessThan(4 * (1.5 / Math.sqrt(n)) + 0.02); // clipping at 12/23.75 shifts it slightly
    expect(Math.abs(mean(dep) - 7.5)).toBeLessThan(4 * (1 / Math.sqrt(n)));
    // Energy: median 30 km × 0.18 kWh/km, log-normal mean = median · exp(σ²/2).
    const eMean = 30 * 0.18 * Math.exp(0.6 ** 2 / 2);
    const e = sessions.map((s) => s.energyKwh);
    expect(Math.abs(mean(e) / eMean - 1)).toBeLessThan(0.05);
    for (const s of sessions) {
      expect(s.departureMs).toBeGreaterThan(s.arrivalMs);
      expect(s.arrivalStep).toBe(Math.floor((s.arrivalMs - grid.startMs) / 3_600_000));
      expect(s.energyKwh).toBeLessThanOrEqual(60);
      expect(s.feasible).toBe(s.energyKwh <= 11 * ((s.departureMs - s.arrivalMs) / 3_600_000));
    }
  });

  it('is deterministic and never produces sessions arriving outside the horizon', () => {
    const g = new TimeGrid({ startIso: '2023-05-01T20:00:00Z', steps: 96 * 3, dtHours: 0.25 });
    const a = evSessions(g, new Rng(3));
    expect(evSessions(g, new Rng(3))).toEqual(a);
    for (const s of a) {
      expect(s.arrivalMs).toBeGreaterThanOrEqual(g.startMs);
      expect(s.arrivalMs).toBeLessThan(g.timeMs(g.steps));
    }
  });

  it('immediate charging delivers each session need when it fits (energy conserved), pro-rating partial steps', () => {
    const g = new TimeGrid({ startIso: '2023-01-01T00:00:00Z', steps: 96 * 30, dtHours: 0.25 });
    const s = evSessions(g, new Rng(9), { chargerKw: 3.7 });
    const kw = immediateChargingKw(g, s);
    const need = s.filter((x) => x.departureStep <= g.steps).reduce((a, x) => a + Math.min(x.energyKwh, 3.7 * ((x.departureMs - x.arrivalMs) / 3_600_000)), 0);
    const tail = s.filter((x) => x.departureStep > g.steps);
    const delivered = energyKwh(kw, 0.25);
    expect(delivered).toBeGreaterThanOrEqual(need - 1e-9);
    expect(delivered).toBeLessThanOrEqual(need + tail.reduce((a, x) => a + x.energyKwh, 0) + 1e-9);
    expect(Math.max(...kw)).toBeLessThanOrEqual(3.7 + 1e-12);
  });

  it('a shorter horizon gives a prefix of the sessions of a longer one', () => {
    const short = new TimeGrid({ startIso: '2023-04-01T00:00:00Z', steps: 96 * 10, dtHours: 0.25 });
    const long = new TimeGrid({ startIso: '2023-04-01T00:00:00Z', steps: 96 * 30, dtHours: 0.25 });
    const a = evSessions(short, new Rng(4));
    expect(evSessions(long, new Rng(4)).slice(0, a.length)).toEqual(a);
  });

  it('validates its options', () => {
    expect(() => evSessions(grid, new Rng(1), { plugInProbability: 2 })).toThrow(ValidationError);
    expect(() => evSessions(grid, new Rng(1), { chargerKw: 0 })).toThrow(/chargerKw/);
  });
});
