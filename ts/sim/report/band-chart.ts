/**
 * A band chart for long runs: one point per period (day or month), a shaded band from the period's minimum to its
 * maximum and a line through its mean, so a year of 15-minute steps reads as 365 bands instead of a solid block.
 */
import { escapeXml as esc } from './escape-xml.js';
import { closeChart, H, M, openChart, W, yRangeOf } from './svg-chart.js';

/** One band of a band chart. */
export interface Band {
  name: string;
  min: ArrayLike<number>;
  mean: ArrayLike<number>;
  max: ArrayLike<number>;
  color: string;
}

/** A band chart over periods. */
export interface BandChart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** One label per period (e.g. '06-05' or 'Jun 2023'). */
  labels: readonly string[];
  bands: Band[];
  hLines?: { y: number; label: string; color: string }[];
}

/** Renders a band chart as an SVG string (about 8 period labels, evenly spaced). */
export function renderBandChart(c: BandChart): string {
  const k = c.labels.length;
  const [ymin, ymax] = yRangeOf(c.bands.flatMap((b) => [b.min, b.max, b.mean]), c.hLines);
  const pw = W - M.l - M.r;
  const X = (p: number): number => M.l + (k <= 1 ? pw / 2 : (p / (k - 1)) * pw);
  const { parts, Y } = openChart(c, ymin, ymax);
  const every = Math.max(1, Math.ceil(k / 8));
  for (let p = 0; p < k; p += every) {
    parts.push(`<line x1="${X(p).toFixed(1)}" x2="${X(p).toFixed(1)}" y1="${M.t}" y2="${H - M.b}" stroke="#eee"/>`);
    // The last label ends at the plot's right edge instead of running past it.
    const anchor = p === k - 1 && k > 1 ? 'end' : 'middle';
    parts.push(`<text x="${X(p).toFixed(1)}" y="${H - M.b + 14}" text-anchor="${anchor}">${esc(c.labels[p]!)}</text>`);
  }
  for (const b of c.bands) {
    // One polygon per run of periods with values (a gap splits the band).
    let upper: string[] = [];
    let lower: string[] = [];
    const flush = (): void => {
      if (upper.length > 0) parts.push(`<polygon points="${upper.join(' ')} ${lower.reverse().join(' ')}" fill="${b.color}" fill-opacity="0.22" stroke="none"/>`);
      upper = [];
      lower = [];
    };
    let d = '';
    let pen = false;
    for (let p = 0; p < k; p++) {
      if (!Number.isFinite(b.min[p]!) || !Number.isFinite(b.max[p]!)) {
        flush();
        pen = false;
        continue;
      }
      upper.push(`${X(p).toFixed(1)},${Y(b.max[p]!).toFixed(1)}`);
      lower.push(`${X(p).toFixed(1)},${Y(b.min[p]!).toFixed(1)}`);
      if (Number.isFinite(b.mean[p]!)) {
        d += `${pen ? 'L' : 'M'}${X(p).toFixed(1)},${Y(b.mean[p]!).toFixed(1)}`;
        pen = true;
      }
    }
    flush();
    parts.push(`<path d="${d}" fill="none" stroke="${b.color}" stroke-width="1.4"/>`);
  }
  return closeChart(parts, c.bands.map((b) => ({ name: `${b.name} (mean; band: min–max)`, color: b.color, swatch: 'box' as const })));
}
