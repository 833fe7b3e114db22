import { describe, expect, it } from 'vitest';
import { Battery } from '../../ts/flex/battery.js';

const base = { capacityKwh: 10, powerKw: 4, efficiency: 0.81, socMin: 0.1, socMax: 0.9, initialSoc: 0.5, rule: 'self-consumption' as const };

describe('Battery', () => {
  it('self-consumption: charges from surplus with √η, limited by power', () => {
    const b = new Battery(base);
    expect(b.dispatch(6, 0.3, 0.25)).toBe(-4); // power-limited
    expect(b.energyKwh).toBeCloseTo(5 + 4 * 0.25 * 0.9, 12);
    expect(b.dispatch(2, 0.3, 0.25)).toBe(-2);
    expect(b.energyKwh).toBeCloseTo(5.9 + 2 * 0.25 * 0.9, 12);
  });
  it('self-consumption: discharges into deficit, delivering √η of the stored energy', () => {
    const b = new Battery(base);
    expect(b.dispatch(-1, 0.3, 0.5)).toBe(1);
    expect(b.energyKwh).toBeCloseTo(5 - 0.5 / 0.9, 12);
  });
  it('stops exactly at the SoC limits', () => {
    const b = new Battery(base);
    let stored = 0;
    for (let i = 0; i < 20; i++) stored -= b.dispatch(100, 0.3, 0.25);
    expect(b.soc).toBeCloseTo(0.9, 12);
    expect(stored * 0.25 * 0.9).toBeCloseTo(4, 9); // 4 kWh of headroom from 0.5 to 0.9
    let delivered = 0;
    for (let i = 0; i < 40; i++) delivered += b.dispatch(-100, 0.3, 0.25);
    expect(b.soc).toBeCloseTo(0.1, 12);
    expect(delivered * 0.25).toBeCloseTo(8 * 0.9, 9); // 8 kWh stored → 7.2 kWh delivered
    expect(b.dispatch(-1, 0.3, 0.25)).toBe(0);
  });
  it('price-threshold: charges at low prices even without surplus, discharges at high prices', () => {
    const b = new Battery({ ...base, rule: 'price-threshold', chargeBelowPricePerKwh: 0.1, dischargeAbovePricePerKwh: 0.4 });
    expect(b.dispatch(-3, 0.05, 0.25)).toBe(-4);
    expect(b.dispatch(5, 0.5, 0.25)).toBe(4);
    expect(b.dispatch(-1, 0.3, 0.25)).toBe(1); // in between: self-consumption
  });
  it('rejects parameters it cannot honour, naming the field (used directly, without the scenario schema)', () => {
    expect(() => new Battery({ ...base, capacityKwh: 0 })).toThrow(/capacityKwh = 0 kWh: must be a finite number > 0/);
    expect(() => new Battery({ ...base, powerKw: Number.NaN })).toThrow(/powerKw/);
    expect(() => new Battery({ ...base, efficiency: 1.2 })).toThrow(/efficiency = 1\.2: must be in \(0, 1\]/);
    expect(() => new Battery({ ...base, socMin: 0.95 })).toThrow(/socMin/);
    expect(() => new Battery({ ...base, initialSoc: 0.05 })).toThrow(/initialSoc = 0\.05: must lie within \[socMin, socMax\]/);
    expect(() => new Battery({ ...base, rule: 'price-threshold', dischargeAbovePricePerKwh: 0.4 })).toThrow(/chargeBelowPricePerKwh = undefined/);
    expect(() => new Battery({ ...base, rule: 'price-threshold', chargeBelowPricePerKwh: 0.4, dischargeAbovePricePerKwh: 0.4 })).toThrow(/must be below dischargeAbovePricePerKwh \(0\.4\)/);
  });
  it('apply() refuses a power beyond the limits instead of clamping the stored energy (energy would vanish)', () => {
    const b = new Battery(base);
    for (let i = 0; i < 10; i++) b.apply(-b.maxChargeKw(0.25), 0.25); // up to the edge is fine
    expect(b.soc).toBeCloseTo(0.9, 12);
    expect(() => b.apply(-4, 0.25)).toThrow(/outside \[socMin, socMax\]/);
  });
});
