import { ValidationError } from '../errors.js';

/**
 * Voltage dependence of loads (the ZIP model): each load's nominal power (at 1 p.u.) splits into constant-impedance
 * (Z, scales with |V|²), constant-current (I, scales with |V|) and constant-power (P) shares. Applies to every load
 * of the network (the compiled per-bus pLoadPu/qLoadPu, or the loads passed to a time step); generators and extra
 * injections stay constant-power.
 */
export interface ZipLoadModel {
  /** Active-power shares [z, i, p]; finite, summing to 1. */
  p: readonly [number, number, number];
  /** Reactive-power shares [z, i, p]; finite, summing to 1. */
  q: readonly [number, number, number];
}

/** Throws a ValidationError naming the offending share unless `zip` is a valid ZipLoadModel. */
export function validateZipLoadModel(zip: ZipLoadModel): void {
  for (const key of ['p', 'q'] as const) {
    const s = zip[key];
    if (!Array.isArray(s) || s.length !== 3) {
      throw new ValidationError({ element: 'option', id: 'zip', field: `zip.${key}`, value: s }, 'must be [z, i, p] shares');
    }
    for (let k = 0; k < 3; k++) {
      if (!Number.isFinite(s[k])) {
        throw new ValidationError({ element: 'option', id: 'zip', field: `zip.${key}[${k}]`, value: s[k] }, 'must be a finite number');
      }
    }
    const sum = s[0] + s[1] + s[2];
    if (Math.abs(sum - 1) > 1e-9) {
      throw new ValidationError({ element: 'option', id: 'zip', field: `zip.${key}`, value: s }, `shares must sum to 1 (they sum to ${sum})`);
    }
  }
}

/** The factor a ZIP share triple scales nominal power by at voltage magnitude `vmPu`: z·V² + i·V + p. */
export function zipFactor(shares: readonly [number, number, number], vmPu: number): number {
  return shares[0] * vmPu * vmPu + shares[1] * vmPu + shares[2];
}
