/** Number and word formatting for the command's readable (non-JSON) output. */

/** `1 thing`, `2 things` (`plural(3, 'bus', 'buses')`), the count with thousands separators. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * A number without float noise: rounded to `decimals` places (so 1.1e-16 prints as 0 and 0.20000000000000007 as
 * 0.2), trailing zeros dropped, never "-0".
 */
export function amount(x: number, decimals = 6): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toFixed(decimals));
  return String(r === 0 ? 0 : r);
}

/** Money in the prices' own currency unit, which peergrid does not know: `1.25 c.u.`. */
export function money(x: number, decimals = 4): string {
  return `${amount(x, decimals)} c.u.`;
}

/** A price per kWh in the prices' currency unit: `0.2 c.u./kWh`. */
export function pricePerKwh(x: number, decimals = 6): string {
  return `${amount(x, decimals)} c.u./kWh`;
}
