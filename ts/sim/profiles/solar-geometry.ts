/**
 * Sun position and clear-sky irradiance, from closed-form textbook models:
 * - declination and equation of time: Spencer (1971) Fourier series (as in NOAA's "General Solar Position
 *   Calculations"), accurate to about 0.05° / 0.5 min — ample for energy profiles;
 * - air mass: Kasten & Young (1989);
 * - clear-sky direct normal irradiance: Meinel & Meinel (1976), DNI = E0 · 0.7^(AM^0.678), with diffuse horizontal
 *   ≈ 10 % of DNI (the rule of thumb that goes with it), E0 the extraterrestrial irradiance of the day;
 * - Haurwitz (1945) clear-sky global horizontal irradiance, GHI = 1098 · cos Z · exp(−0.057 / cos Z), as an
 *   independent cross-check;
 * - plane of array: direct beam on the tilted plane plus isotropic sky diffuse (Liu & Jordan) plus ground
 *   reflection with albedo ρ.
 * Angles in degrees at the API, irradiance in W/m².
 */
import { RAD_PER_DEG, DEG_PER_RAD } from '../../units.js';
import { utcDayOfYear, utcHourOfDay } from './time-grid.js';

/** Solar constant, W/m² (Kopp & Lean 2011). */
export const SOLAR_CONSTANT_W_PER_M2 = 1361;

/** Fractional year angle γ in radians for day of year `doy` (1..366) and UTC hour. */
function yearAngle(doy: number, hourUtc: number): number {
  return ((2 * Math.PI) / 365) * (doy - 1 + (hourUtc - 12) / 24);
}

/** Solar declination, degrees, on day of year `doy` at UTC hour `hourUtc` (Spencer 1971). */
export function solarDeclinationDeg(doy: number, hourUtc = 12): number {
  const g = yearAngle(doy, hourUtc);
  const d =
    0.006918 -
    0.399912 * Math.cos(g) +
    0.070257 * Math.sin(g) -
    0.006758 * Math.cos(2 * g) +
    0.000907 * Math.sin(2 * g) -
    0.002697 * Math.cos(3 * g) +
    0.00148 * Math.sin(3 * g);
  return d * DEG_PER_RAD;
}

/** Equation of time, minutes (apparent minus mean solar time), on day `doy` at UTC hour `hourUtc` (Spencer 1971). */
export function equationOfTimeMinutes(doy: number, hourUtc = 12): number {
  const g = yearAngle(doy, hourUtc);
  return (
    229.18 *
    (0.000075 + 0.001868 * Math.cos(g) - 0.032077 * Math.sin(g) - 0.014615 * Math.cos(2 * g) - 0.040849 * Math.sin(2 * g))
  );
}

/** Extraterrestrial normal irradiance on day `doy`, W/m² (eccentricity correction 1 + 0.033·cos(2π·doy/365)). */
export function extraterrestrialIrradiance(doy: number): number {
  return SOLAR_CONSTANT_W_PER_M2 * (1 + 0.033 * Math.cos((2 * Math.PI * doy) / 365));
}

/** Where the sun is, seen from one place at one instant. */
export interface SolarPosition {
  /** Elevation above the horizon, degrees (negative at night). */
  elevationDeg: number;
  /** Zenith angle, degrees (90 − elevation). */
  zenithDeg: number;
  /** Azimuth, degrees clockwise from north (180 = south). */
  azimuthDeg: number;
  /** Hour angle, degrees (0 at solar noon, negative in the morning). */
  hourAngleDeg: number;
  /** Declination, degrees. */
  declinationDeg: number;
}

/** Sun position at instant `ms` (UTC) for latitude/longitude in degrees (east positive). */
export function solarPosition(ms: number, latitudeDeg: number, longitudeDeg: number): SolarPosition {
  const doy = utcDayOfYear(ms);
  const hourUtc = utcHourOfDay(ms);
  const decl = solarDeclinationDeg(doy, hourUtc);
  const trueSolarMin = hourUtc * 60 + equationOfTimeMinutes(doy, hourUtc) + 4 * longitudeDeg;
  const hourAngleDeg = trueSolarMin / 4 - 180;
  const phi = latitudeDeg * RAD_PER_DEG;
  const delta = decl * RAD_PER_DEG;
  const omega = hourAngleDeg * RAD_PER_DEG;
  const cosZ = Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.cos(omega);
  const zenith = Math.acos(Math.max(-1, Math.min(1, cosZ))) * DEG_PER_RAD;
  // Azimuth from south, positive towards west, then rotated to "from north, clockwise".
  const azSouth = Math.atan2(Math.sin(omega), Math.cos(omega) * Math.sin(phi) - Math.tan(delta) * Math.cos(phi));
  const azimuthDeg = (azSouth * DEG_PER_RAD + 180 + 360) % 360;
  return { elevationDeg: 90 - zenith, zenithDeg: zenith, azimuthDeg, hourAngleDeg: ((hourAngleDeg + 540) % 360) - 180, declinationDeg: decl };
}

/** Relative optical air mass at zenith angle `zenithDeg` (Kasten & Young 1989); Infinity below the horizon. */
export function airMass(zenithDeg: number): number {
  if (zenithDeg >= 90) return Infinity;
  return 1 / (Math.cos(zenithDeg * RAD_PER_DEG) + 0.50572 * Math.pow(96.07995 - zenithDeg, -1.6364));
}

/** Clear-sky irradiance components, W/m². */
export interface ClearSkyIrradiance {
  /** Direct normal irradiance, W/m². */
  dni: number;
  /** Diffuse horizontal irradiance, W/m². */
  dhi: number;
  /** Global horizontal irradiance, W/m². */
  ghi: number;
}

/** Meinel clear-sky irradiance at zenith `zenithDeg` on day `doy`, W/m² (all zero with the sun below the horizon). */
export function meinelClearSky(zenithDeg: number, doy: number): ClearSkyIrradiance {
  if (zenithDeg >= 90) return { dni: 0, dhi: 0, ghi: 0 };
  const am = airMass(zenithDeg);
  const dni = extraterrestrialIrradiance(doy) * Math.pow(0.7, Math.pow(am, 0.678));
  const dhi = 0.1 * dni;
  return { dni, dhi, ghi: dni * Math.cos(zenithDeg * RAD_PER_DEG) + dhi };
}

/** Haurwitz clear-sky global horizontal irradiance at zenith `zenithDeg`, W/m². */
export function haurwitzGhi(zenithDeg: number): number {
  if (zenithDeg >= 90) return 0;
  const c = Math.cos(zenithDeg * RAD_PER_DEG);
  return 1098 * c * Math.exp(-0.057 / c);
}

/** Irradiance on a plane of tilt `tiltDeg` facing `surfaceAzimuthDeg` (from north), W/m², isotropic sky. */
export function planeOfArrayIrradiance(
  sky: ClearSkyIrradiance,
  sun: Pick<SolarPosition, 'zenithDeg' | 'azimuthDeg'>,
  tiltDeg: number,
  surfaceAzimuthDeg: number,
  albedo = 0.2,
): number {
  if (sky.ghi <= 0) return 0;
  const z = sun.zenithDeg * RAD_PER_DEG;
  const b = tiltDeg * RAD_PER_DEG;
  const cosAoi = Math.cos(z) * Math.cos(b) + Math.sin(z) * Math.sin(b) * Math.cos((sun.azimuthDeg - surfaceAzimuthDeg) * RAD_PER_DEG);
  const beam = sky.dni * Math.max(0, cosAoi);
  const diffuse = (sky.dhi * (1 + Math.cos(b))) / 2;
  const ground = (sky.ghi * albedo * (1 - Math.cos(b))) / 2;
  return beam + diffuse + ground;
}
