/**
 * Groups series whose values are identical (e.g. two mechanisms that clear the same volume every step), so a chart
 * draws one line named "uniform = sdr" instead of hiding one line under another. Identical means equal to a relative
 * 1e-9 (sums of the same flows in another order differ in the last bits), NaN equal to NaN.
 */

/** A named series. */
export interface NamedSeries {
  name: string;
  values: ArrayLike<number>;
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (!(Number.isNaN(x) && Number.isNaN(y))) return false;
    } else if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) return false;
  }
  return true;
}

/** The series grouped by identical values, in first-appearance order; each group lists every name. */
export function groupIdentical(series: readonly NamedSeries[]): { names: string[]; values: ArrayLike<number> }[] {
  const groups: { names: string[]; values: ArrayLike<number> }[] = [];
  for (const s of series) {
    const g = groups.find((x) => same(x.values, s.values));
    if (g) g.names.push(s.name);
    else groups.push({ names: [s.name], values: s.values });
  }
  return groups;
}
