/**
 * Aggregation of step series into calendar periods for the report's long-run charts: per local day (or month) the
 * minimum, mean and maximum of a level (voltage, price), or the sum of an energy. Steps are assigned to the period
 * containing their start in local standard time (utcOffsetHours). NaN steps (no value) are skipped; a period
 * without any value gets NaN.
 */

/** Min / mean / max of a series per period, with each period's start (ms since the epoch, UTC) and label. */
export interface PeriodBands {
  startMs: number[];
  labels: string[];
  min: Float64Array;
  mean: Float64Array;
  max: Float64Array;
}

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The period index of every step ('day' or 'month' in local time), the periods' starts and their labels. */
export function periodsOf(timeMs: ArrayLike<number>, period: 'day' | 'month', utcOffsetHours: number): { index: Int32Array; startMs: number[]; labels: string[] } {
  const off = utcOffsetHours * 3_600_000;
  const index = new Int32Array(timeMs.length);
  const startMs: number[] = [];
  const labels: string[] = [];
  let lastKey = NaN;
  for (let i = 0; i < timeMs.length; i++) {
    const local = new Date(timeMs[i]! + off);
    const key = period === 'day' ? Math.floor((timeMs[i]! + off) / DAY_MS) : local.getUTCFullYear() * 12 + local.getUTCMonth();
    if (key !== lastKey) {
      lastKey = key;
      const start = period === 'day' ? key * DAY_MS - off : Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - off;
      startMs.push(start);
      labels.push(period === 'day' ? local.toISOString().slice(5, 10) : `${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()}`);
    }
    index[i] = startMs.length - 1;
  }
  return { index, startMs, labels };
}

/** Min, mean and max of `values` per period. */
export function periodBands(timeMs: ArrayLike<number>, values: ArrayLike<number>, period: 'day' | 'month', utcOffsetHours: number): PeriodBands {
  const { index, startMs, labels } = periodsOf(timeMs, period, utcOffsetHours);
  const k = startMs.length;
  const min = new Float64Array(k).fill(Infinity);
  const max = new Float64Array(k).fill(-Infinity);
  const sum = new Float64Array(k);
  const count = new Float64Array(k);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const p = index[i]!;
    if (v < min[p]!) min[p] = v;
    if (v > max[p]!) max[p] = v;
    sum[p] += v;
    count[p]++;
  }
  const mean = new Float64Array(k);
  for (let p = 0; p < k; p++) {
    if (count[p] === 0) min[p] = max[p] = mean[p] = NaN;
    else mean[p] = sum[p]! / count[p]!;
  }
  return { startMs, labels, min, mean, max };
}

/** Sum of `values` per period (NaN steps count as 0). */
export function periodSums(timeMs: ArrayLike<number>, values: ArrayLike<number>, period: 'day' | 'month', utcOffsetHours: number): { labels: string[]; sums: Float64Array } {
  const { index, labels } = periodsOf(timeMs, period, utcOffsetHours);
  const sums = new Float64Array(labels.length);
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) sums[index[i]!] += values[i]!;
  return { labels, sums };
}

/**
 * The volume-weighted mean of a price by local hour of day over the whole horizon (24 values; NaN for an hour with
 * no volume): the typical day of a long run.
 */
export function hourOfDayWeightedMean(timeMs: ArrayLike<number>, price: ArrayLike<number>, volume: ArrayLike<number>, utcOffsetHours: number): Float64Array {
  const num = new Float64Array(24);
  const den = new Float64Array(24);
  const off = utcOffsetHours * 3_600_000;
  for (let i = 0; i < price.length; i++) {
    const v = volume[i]!;
    if (!(v > 0) || !Number.isFinite(price[i]!)) continue;
    const h = Math.floor((((timeMs[i]! + off) % DAY_MS) + DAY_MS) % DAY_MS / 3_600_000);
    num[h] += price[i]! * v;
    den[h] += v;
  }
  return num.map((x, h) => (den[h]! > 0 ? x / den[h]! : NaN));
}
