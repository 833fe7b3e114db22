import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import {
  TimeGrid, energyKwh, kwToKwhPerStep, kwhPerStepToKw, localTimeInstants, parseIsoInstantMs, timeZoneOffsetMinutes,
} from '../../../ts/sim/profiles/time-grid.js';

describe('parseIsoInstantMs', () => {
  it('reads offsets, Z, naive times and fractions exactly', () => {
    const base = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseIsoInstantMs('2024-01-01T00:00:00Z')).toBe(base);
    expect(parseIsoInstantMs('2024-01-01T01:00:00+01:00')).toBe(base);
    expect(parseIsoInstantMs('2024-01-01T01:00+0100')).toBe(base);
    expect(parseIsoInstantMs('2023-12-31T19:00:00-05')).toBe(base);
    expect(parseIsoInstantMs('2024-01-01 00:00')).toBe(base);
    expect(parseIsoInstantMs('2024-01-01')).toBe(base);
    expect(parseIsoInstantMs('2024-01-01T02:00:00', 2)).toBe(base);
    expect(parseIsoInstantMs('2024-01-01T00:00:00.250Z')).toBe(base + 250);
    expect(parseIsoInstantMs('2024-01-01T24:00:00Z')).toBe(base + 86_400_000);
  });
  it('rejects impossible dates and garbage with NaN', () => {
    for (const s of ['2023-02-29T00:00Z', '2024-13-01', '2024-01-01T25:00Z', '2024-01-01T10:60Z', '1/1/2024', '', 'now', '2024-01-01T00:00:00+25:00']) {
      expect(parseIsoInstantMs(s), s).toBeNaN();
    }
    expect(parseIsoInstantMs('2024-02-29T00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('IANA time zones', () => {
  it('gives Berlin offsets across both 2024 clock changes and the instants of ambiguous and skipped wall times', () => {
    expect(timeZoneOffsetMinutes('Europe/Berlin', Date.UTC(2024, 0, 15))).toBe(60);
    expect(timeZoneOffsetMinutes('Europe/Berlin', Date.UTC(2024, 6, 15))).toBe(120);
    expect(timeZoneOffsetMinutes('America/New_York', Date.UTC(2024, 6, 15))).toBe(-240);
    expect(localTimeInstants(Date.UTC(2024, 9, 27, 2, 30), 'Europe/Berlin')).toEqual([Date.UTC(2024, 9, 27, 0, 30), Date.UTC(2024, 9, 27, 1, 30)]);
    expect(localTimeInstants(Date.UTC(2024, 2, 31, 2, 30), 'Europe/Berlin')).toEqual([]);
    expect(localTimeInstants(Date.UTC(2024, 2, 31, 3, 0), 'Europe/Berlin')).toEqual([Date.UTC(2024, 2, 31, 1, 0)]);
  });
});

describe('TimeGrid', () => {
  it('gives day of year, hour and weekday per step, with a fixed offset', () => {
    const g = new TimeGrid({ startIso: '2024-02-28T22:00:00Z', steps: 12, dtHours: 0.5 });
    const a = g.axes(0);
    expect(a.dayOfYear[0]).toBe(59);
    expect(a.dayOfYear[4]).toBe(60); // 2024-02-29 (leap year)
    expect(a.hourOfDay[1]).toBe(22.5);
    expect(a.dayOfWeek[0]).toBe(3); // 2024-02-28 was a Wednesday
    expect(a.dayIndex[3]).toBe(0);
    expect(a.dayIndex[4]).toBe(1);
    const b = g.axes(2); // 22:00Z is midnight at +02:00
    expect(b.hourOfDay[0]).toBe(0);
    expect(b.dayOfYear[0]).toBe(60);
    expect(g.hours).toBe(6);
    expect(g.stepAt(Date.UTC(2024, 1, 29, 0, 59))).toBe(5);
  });
  it('validates its fields', () => {
    expect(() => new TimeGrid({ startIso: 'yesterday', steps: 1, dtHours: 1 })).toThrow(ValidationError);
    expect(() => new TimeGrid({ startIso: '2024-01-01', steps: 0, dtHours: 1 })).toThrow(/steps/);
    expect(() => new TimeGrid({ startIso: '2024-01-01', steps: 1.5, dtHours: 1 })).toThrow(/steps/);
    expect(() => new TimeGrid({ startIso: '2024-01-01', steps: 1, dtHours: 0 })).toThrow(/dtHours/);
    expect(() => new TimeGrid({ startIso: '2024-01-01', steps: 1, dtHours: NaN })).toThrow(/dtHours/);
  });
  it('converts kW ↔ kWh per step', () => {
    const kw = Float64Array.from([4, 2, 0]);
    expect(Array.from(kwToKwhPerStep(kw, 0.25))).toEqual([1, 0.5, 0]);
    expect(Array.from(kwhPerStepToKw(kwToKwhPerStep(kw, 0.25), 0.25))).toEqual([4, 2, 0]);
    expect(energyKwh(kw, 0.25)).toBe(1.5);
  });
});
