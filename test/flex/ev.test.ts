import { describe, expect, it } from 'vitest';
import { EvCharger } from '../../ts/flex/ev.js';

const dt = 1;
describe('EvCharger', () => {
  it('immediate: full power from arrival until the energy is stored', () => {
    const ev = new EvCharger({ powerKw: 10, efficiency: 0.8, policy: 'immediate' }, [{ arrivalStep: 2, departureStep: 8, energyKwh: 20 }]);
    const p = Array.from({ length: 10 }, (_, s) => ev.powerKw(s, 0.3, dt));
    expect(p).toEqual([0, 0, 10, 10, 5, 0, 0, 0, 0, 0]); // 8 + 8 + 4 kWh stored
    expect(ev.deliveredKwh).toBeCloseTo(20, 12);
    expect(ev.unmetKwh).toBe(0);
  });
  it('price-aware without cheap prices: as late as possible, still meets the deadline', () => {
    const ev = new EvCharger({ powerKw: 10, efficiency: 1, policy: 'price-aware' }, [{ arrivalStep: 0, departureStep: 6, energyKwh: 25 }]);
    const p = Array.from({ length: 7 }, (_, s) => ev.powerKw(s, 0.3, dt));
    expect(p).toEqual([0, 0, 0, 5, 10, 10, 0]);
    expect(ev.unmetKwh).toBe(0);
  });
  it('price-aware charges freely when cheap', () => {
    const ev = new EvCharger({ powerKw: 10, efficiency: 1, policy: 'price-aware', cheapPricePerKwh: 0.1 }, [{ arrivalStep: 0, departureStep: 6, energyKwh: 25 }]);
    const prices = [0.3, 0.05, 0.3, 0.3, 0.3, 0.3];
    const p = prices.map((pr, s) => ev.powerKw(s, pr, dt));
    expect(p).toEqual([0, 10, 0, 0, 5, 10]);
  });
  it('counts energy a too-short session cannot get as unmet', () => {
    const ev = new EvCharger({ powerKw: 5, efficiency: 1, policy: 'immediate' }, [{ arrivalStep: 0, departureStep: 2, energyKwh: 12 }]);
    for (let s = 0; s < 4; s++) ev.powerKw(s, 0.3, dt);
    expect(ev.deliveredKwh).toBe(10);
    expect(ev.unmetKwh).toBe(2);
  });
  it('rejects bad parameters and unsorted or inverted sessions, naming the field', () => {
    const ok = { powerKw: 5, efficiency: 1, policy: 'immediate' as const };
    expect(() => new EvCharger({ ...ok, powerKw: 0 }, [])).toThrow(/powerKw = 0 kW/);
    expect(() => new EvCharger({ ...ok, efficiency: 0 }, [])).toThrow(/efficiency/);
    expect(() => new EvCharger(ok, [{ arrivalStep: 4, departureStep: 2, energyKwh: 1 }])).toThrow(/sessions\[0\]\.departureStep = 2: must be an integer step ≥ arrivalStep \(4\)/);
    expect(() => new EvCharger(ok, [{ arrivalStep: 4, departureStep: 6, energyKwh: -1 }])).toThrow(/sessions\[0\]\.energyKwh = -1 kWh/);
    // Out of order, the second session would be silently skipped by the forward pass.
    expect(() => new EvCharger(ok, [{ arrivalStep: 8, departureStep: 10, energyKwh: 1 }, { arrivalStep: 2, departureStep: 5, energyKwh: 1 }])).toThrow(/sessions\[1\]\.arrivalStep = 2: sessions must be sorted by arrival/);
  });
});
