/** √3, for three-phase quantities. */
export const SQRT3 = Math.sqrt(3);
/** Degrees per radian. */
export const DEG_PER_RAD = 180 / Math.PI;
/** Radians per degree. */
export const RAD_PER_DEG = Math.PI / 180;

/** Base impedance in Ω for a base voltage in kV (line-to-line) and a base power in MVA. */
export function baseImpedanceOhm(baseKv: number, baseMva: number): number {
  return (baseKv * baseKv) / baseMva;
}

/** Base current in A for a base voltage in kV (line-to-line) and a base power in MVA. */
export function baseCurrentA(baseKv: number, baseMva: number): number {
  return (baseMva * 1000) / (SQRT3 * baseKv);
}

/** kW → MW. */
export function kwToMw(kw: number): number {
  return kw / 1000;
}

/** MW → kW. */
export function mwToKw(mw: number): number {
  return mw * 1000;
}
