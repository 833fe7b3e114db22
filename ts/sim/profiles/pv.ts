/**
 * Rooftop PV output, average AC kW per step: sun position and Meinel clear-sky irradiance (solar-geometry.ts) on the
 * plane of the array, times a seeded clear-sky index, times kWp/1000 W/m² and a DC→AC performance ratio (which lumps
 * temperature, soiling, wiring and inverter losses), capped at the inverter's AC rating.
 *
 * Cloudiness: each (solar) day draws a daily clear-sky index kc ∈ (0, 1) from a Beta distribution whose mean moves
 * with the season between `winterMeanClearSkyIndex` and `summerMeanClearSkyIndex` and whose low `concentration`
 * makes the distribution bimodal (clear days and overcast days, as observed in central Europe). Within the day an
 * AR(1) process (correlation time `correlationHours`) perturbs kc by ± `intraDayVariability`·kc·(1 − kc): overcast
 * and clear days are steady, broken-cloud days fluctuate. The index is clamped to [0, 1.1] (brief cloud-edge
 * enhancement above clear sky is real). Defaults are calibrated so that 48°N gives ~1,000–1,100 kWh/kWp/yr.
 * Each step is averaged over sub-samples every ≤ 5 minutes, so sunrise and sunset steps are partial.
 */
import { ValidationError } from '../../errors.js';
import type { Rng } from '../../random.js';
import { MS_PER_HOUR, utcDayOfYear, type TimeGrid } from './time-grid.js';
import { meinelClearSky, planeOfArrayIrradiance, solarPosition } from './solar-geometry.js';

/** Seeded cloudiness of the PV model; see the file header. */
export interface CloudinessOptions {
  /** Mean daily clear-sky index at the winter solstice (default 0.45). */
  winterMeanClearSkyIndex?: number;
  /** Mean daily clear-sky index at the summer solstice (default 0.72). */
  summerMeanClearSkyIndex?: number;
  /** Beta concentration α+β of the daily index (default 2: bimodal-ish clear/overcast days). */
  concentration?: number;
  /** Relative intra-day variability (default 0.8). */
  intraDayVariability?: number;
  /** Correlation time of the intra-day noise, hours (default 0.5). */
  correlationHours?: number;
}

/** A PV system and its site. */
export interface PvOptions {
  /** Peak DC power at STC, kWp. */
  kwp: number;
  /** Latitude, degrees (north positive). */
  latitudeDeg: number;
  /** Longitude, degrees (east positive). Sets solar time, so no time zone is needed. */
  longitudeDeg: number;
  /** Tilt from horizontal, degrees (default: |latitude|, capped at 60). */
  tiltDeg?: number;
  /** Azimuth the panel faces, degrees from north (default 180 = south in the north, 0 in the south). */
  azimuthDeg?: number;
  /** DC→AC performance ratio (default 0.8). */
  performanceRatio?: number;
  /** Inverter AC limit, kW (default kwp). */
  inverterKw?: number;
  /** Ground albedo (default 0.2). */
  albedo?: number;
  /** Seeded clouds, or false for clear sky every day (no random draws at all). */
  cloudiness?: CloudinessOptions | false;
}

function bad(field: string, value: unknown, unit?: string): never {
  throw new ValidationError({ element: 'pv', id: 'options', field, value, unit }, 'out of range');
}

/** Gamma(shape, 1) draw (Marsaglia & Tsang 2000, with the α < 1 boost). */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    const u = rng.next();
    return sampleGamma(rng, shape + 1) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) draw. */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x + y === 0 ? a / (a + b) : x / (x + y);
}

// Clear-sky plane-of-array series are deterministic per (grid, site, orientation): a community shares a few of them,
// so they are computed once and kept (a handful of grids × orientations; 280 kB per year of 15-min steps).
const POA_CACHE = new Map<string, Float64Array>();
const POA_CACHE_SIZE = 16;

/**
 * Clear-sky irradiance on the plane of array, average W/m² over each step of `grid` (≤ 5-minute sub-samples).
 * The returned array is shared through a small cache: do not modify it.
 */
export function clearSkyPlaneOfArrayWm2(grid: TimeGrid, latitudeDeg: number, longitudeDeg: number, tiltDeg: number, azimuthDeg: number, albedo = 0.2): Float64Array {
  if (!(Math.abs(latitudeDeg) <= 90)) bad('latitudeDeg', latitudeDeg, '°');
  if (!(Math.abs(longitudeDeg) <= 180)) bad('longitudeDeg', longitudeDeg, '°');
  if (!(tiltDeg >= 0 && tiltDeg <= 90)) bad('tiltDeg', tiltDeg, '°');
  if (!(azimuthDeg >= 0 && azimuthDeg <= 360)) bad('azimuthDeg', azimuthDeg, '°');
  if (!(albedo >= 0 && albedo <= 1)) bad('albedo', albedo);
  const key = `${grid.startMs}/${grid.steps}/${grid.dtHours}/${latitudeDeg}/${longitudeDeg}/${tiltDeg}/${azimuthDeg}/${albedo}`;
  const hit = POA_CACHE.get(key);
  if (hit) return hit;
  const n = grid.steps;
  const dt = grid.dtHours;
  const sub = Math.max(1, Math.ceil(dt * 12));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = grid.timeMs(i);
    let poa = 0;
    for (let k = 0; k < sub; k++) {
      const ms = t0 + ((k + 0.5) / sub) * dt * MS_PER_HOUR;
      const sun = solarPosition(ms, latitudeDeg, longitudeDeg);
      if (sun.zenithDeg >= 90) continue;
      poa += planeOfArrayIrradiance(meinelClearSky(sun.zenithDeg, utcDayOfYear(ms)), sun, tiltDeg, azimuthDeg, albedo);
    }
    out[i] = poa / sub;
  }
  if (POA_CACHE.size >= POA_CACHE_SIZE) POA_CACHE.delete(POA_CACHE.keys().next().value!);
  POA_CACHE.set(key, out);
  return out;
}

/**
 * PV output on `grid`, average AC power per step, kW (≥ 0, zero at night). Seeded through `rng` (only when
 * cloudiness is on); pass `rng.fork(id)` per system. Systems at the same site that should see the same clouds
 * should get the same fork.
 */
export function pvOutputKw(grid: TimeGrid, rng: Rng, options: PvOptions): Float64Array {
  const { kwp, latitudeDeg: lat, longitudeDeg: lon } = options;
  if (!(kwp >= 0) || !Number.isFinite(kwp)) bad('kwp', kwp, 'kWp');
  if (!(Math.abs(lat) <= 90)) bad('latitudeDeg', lat, '°');
  if (!(Math.abs(lon) <= 180)) bad('longitudeDeg', lon, '°');
  const tilt = options.tiltDeg ?? Math.min(60, Math.abs(lat));
  const az = options.azimuthDeg ?? (lat >= 0 ? 180 : 0);
  const pr = options.performanceRatio ?? 0.8;
  const inv = options.inverterKw ?? kwp;
  const albedo = options.albedo ?? 0.2;
  if (!(tilt >= 0 && tilt <= 90)) bad('tiltDeg', tilt, '°');
  if (!(az >= 0 && az <= 360)) bad('azimuthDeg', az, '°');
  if (!(pr > 0 && pr <= 1)) bad('performanceRatio', pr);
  if (!(inv >= 0) || !Number.isFinite(inv)) bad('inverterKw', inv, 'kW');
  if (!(albedo >= 0 && albedo <= 1)) bad('albedo', albedo);
  const clouds = options.cloudiness === false ? null : (options.cloudiness ?? {});
  const kWinter = clouds?.winterMeanClearSkyIndex ?? 0.45;
  const kSummer = clouds?.summerMeanClearSkyIndex ?? 0.72;
  const conc = clouds?.concentration ?? 2;
  const variability = clouds?.intraDayVariability ?? 0.8;
  const tau = clouds?.correlationHours ?? 0.5;
  if (clouds) {
    if (!(kWinter > 0 && kWinter < 1)) bad('cloudiness.winterMeanClearSkyIndex', kWinter);
    if (!(kSummer > 0 && kSummer < 1)) bad('cloudiness.summerMeanClearSkyIndex', kSummer);
    if (!(conc > 0) || !Number.isFinite(conc)) bad('cloudiness.concentration', conc);
    if (!(variability >= 0 && variability <= 4)) bad('cloudiness.intraDayVariability', variability);
    if (!(tau > 0) || !Number.isFinite(tau)) bad('cloudiness.correlationHours', tau, 'h');
  }
  const summerDay = lat >= 0 ? 172 : 355;

  const n = grid.steps;
  const dt = grid.dtHours;
  const out = new Float64Array(n);
  const poa = clearSkyPlaneOfArrayWm2(grid, lat, lon, tilt, az, albedo);
  const phi = Math.exp(-dt / tau);
  const innov = Math.sqrt(1 - phi * phi);
  const solarOffsetMs = (lon / 15) * MS_PER_HOUR;
  let x = clouds ? rng.normal() : 0;
  let lastDay = Number.NaN;
  let kcDay = 1;
  for (let i = 0; i < n; i++) {
    const t0 = grid.timeMs(i);
    let kc = 1;
    if (clouds) {
      const day = Math.floor((t0 + solarOffsetMs) / 86_400_000); // solar day, so a day's clouds span its daylight
      if (day !== lastDay) {
        lastDay = day;
        const doy = utcDayOfYear(t0 + solarOffsetMs);
        const w = (1 + Math.cos((2 * Math.PI * (doy - summerDay)) / 365.25)) / 2; // 1 at midsummer, 0 at midwinter
        const mean = kWinter + (kSummer - kWinter) * w;
        kcDay = sampleBeta(rng, mean * conc, (1 - mean) * conc);
      }
      x = phi * x + innov * rng.normal();
      kc = Math.max(0, Math.min(1.1, kcDay + variability * kcDay * (1 - kcDay) * x));
    }
    out[i] = Math.min(inv, (kwp * poa[i]! * kc * pr) / 1000);
  }
  return out;
}
