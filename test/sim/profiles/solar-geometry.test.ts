import { describe, expect, it } from 'vitest';
import {
  airMass, equationOfTimeMinutes, haurwitzGhi, meinelClearSky, planeOfArrayIrradiance, solarDeclinationDeg, solarPosition,
} from '../../../ts/sim/profiles/solar-geometry.js';

const deg = Math.PI / 180;

describe('solar geometry against independent formulas and known values', () => {
  it('declination: ±23.44° at the solstices, ~0 at the equinoxes; within 1.5° of Cooper (1969, itself good to ~1.3°) all year', () => {
    expect(solarDeclinationDeg(172)).toBeCloseTo(23.44, 0); // 20/21 June
    expect(solarDeclinationDeg(355)).toBeCloseTo(-23.44, 0); // 21 December
    expect(Math.abs(solarDeclinationDeg(80))).toBeLessThan(0.5); // 20 March
    for (let n = 1; n <= 365; n++) {
      const cooper = 23.45 * Math.sin((360 * (284 + n)) / 365 * deg);
      expect(Math.abs(solarDeclinationDeg(n) - cooper)).toBeLessThan(1.5);
    }
  });
  it('equation of time: −14 min mid-February, +16 min early November; within 1.5 min of the Duffie-Beckman form (itself good to ~1 min)', () => {
    expect(equationOfTimeMinutes(42)).toBeCloseTo(-14.2, 0);
    expect(equationOfTimeMinutes(307)).toBeCloseTo(16.4, 0);
    for (let n = 1; n <= 365; n++) {
      const B = ((360 * (n - 81)) / 364) * deg;
      const alt = 9.87 * Math.sin(2 * B) - 7.53 * Math.cos(B) - 1.5 * Math.sin(B);
      expect(Math.abs(equationOfTimeMinutes(n) - alt)).toBeLessThan(1.5);
    }
  });
  it('elevation at solar noon is 90° − |φ − δ|, and the sun is due south there', () => {
    for (const [lat, doy] of [[48, 80], [48, 172], [-33.9, 172], [10, 355]] as const) {
      const lon = 11;
      const noonUtcH = 12 - lon / 15 - equationOfTimeMinutes(doy) / 60;
      const ms = Date.UTC(2023, 0, doy) + noonUtcH * 3_600_000;
      const p = solarPosition(ms, lat, lon);
      expect(Math.abs(p.hourAngleDeg)).toBeLessThan(0.1);
      expect(p.elevationDeg).toBeCloseTo(90 - Math.abs(lat - solarDeclinationDeg(doy, noonUtcH)), 1);
      const want = lat > solarDeclinationDeg(doy) ? 180 : 0;
      expect(Math.abs(((p.azimuthDeg - want + 540) % 360) - 180)).toBeLessThan(0.5);
    }
  });
  it('morning sun is in the east, evening sun in the west, midnight sun below the horizon at 48°N', () => {
    expect(solarPosition(Date.UTC(2023, 5, 21, 5), 48, 11).azimuthDeg).toBeLessThan(90);
    expect(solarPosition(Date.UTC(2023, 5, 21, 17), 48, 11).azimuthDeg).toBeGreaterThan(270);
    expect(solarPosition(Date.UTC(2023, 5, 21, 23, 15), 48, 11).elevationDeg).toBeLessThan(0);
  });
  it('air mass (Kasten-Young): 1.000 at zenith, 1.994 at 60°, ~38 at the horizon', () => {
    expect(airMass(0)).toBeCloseTo(0.9997, 3);
    expect(airMass(60)).toBeCloseTo(1.9942, 3);
    expect(airMass(90)).toBe(Infinity);
    expect(airMass(89.999)).toBeGreaterThan(35);
  });
  it('Meinel DNI at air mass 1.5 is ~850 W/m² (the AM1.5 direct value of pveducation.org: 1.353·0.7^(1.5^0.678) = 0.846 kW/m²)', () => {
    const zenith = Math.acos(1 / 1.5) / deg; // 48.19°, where Kasten-Young gives AM ≈ 1.499
    expect(airMass(zenith)).toBeCloseTo(1.5, 2);
    const dni = meinelClearSky(zenith, 91).dni; // early April: eccentricity factor ≈ 1
    expect(Math.abs(dni - 846 * (1361 / 1353))).toBeLessThan(5);
  });
  it('Meinel and Haurwitz clear-sky GHI agree within 4 % for zenith ≤ 50° and 10 % up to 70°', () => {
    for (let z = 0; z <= 70; z += 5) {
      const m = meinelClearSky(z, 80).ghi;
      const h = haurwitzGhi(z);
      expect(Math.abs(m - h) / h, `zenith ${z}`).toBeLessThan(z <= 50 ? 0.04 : 0.1);
    }
    expect(meinelClearSky(95, 80).ghi).toBe(0);
  });
  it('plane of array: horizontal equals GHI; a sun-facing tilted plane gets DNI + sky + ground', () => {
    const sky = meinelClearSky(40, 100);
    expect(planeOfArrayIrradiance(sky, { zenithDeg: 40, azimuthDeg: 180 }, 0, 180)).toBeCloseTo(sky.ghi, 9);
    const facing = planeOfArrayIrradiance(sky, { zenithDeg: 40, azimuthDeg: 180 }, 40, 180, 0.2);
    const expected = sky.dni + (sky.dhi * (1 + Math.cos(40 * deg))) / 2 + (sky.ghi * 0.2 * (1 - Math.cos(40 * deg))) / 2;
    expect(facing).toBeCloseTo(expected, 9);
  });
});
