// Engineering units → per unit, written once for compileNetwork and the synthetic feeder's fast path (which must
// produce the same tables, bit for bit, as compiling its equivalent NetworkModel).
import { SQRT3 } from '../units.js';

/** Impedance base, Ω, of a bus at `kv` kV line-to-line on a `baseMva` MVA system base: kV² / MVA. */
export function impedanceBaseOhm(kv: number, baseMva: number): number {
  return (kv * kv) / baseMva;
}

/** Thermal rating, MVA, of a three-phase line carrying `ampacityA` A at `kv` kV line-to-line: √3 · kV · A / 1000. */
export function ampacityMva(kv: number, ampacityA: number): number {
  return (SQRT3 * kv * ampacityA) / 1000;
}

/**
 * A transformer's series resistance and reactance, p.u. on its own rating, from its short-circuit voltage
 * `ukPercent` (%) and its resistive part `urPercent` (%): r = ur/100, x = √((uk/100)² − r²). Written to out[0], out[1].
 */
export function transformerImpedancePu(ukPercent: number, urPercent: number, out: Float64Array): void {
  const z = ukPercent / 100;
  const r = urPercent / 100;
  out[0] = r;
  out[1] = Math.sqrt(z * z - r * r);
}
