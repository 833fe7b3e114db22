/**
 * Minimal self-contained SVG line charts for the offline report (no scripts, no external assets). Series longer than
 * `maxPoints` are reduced to per-bucket min and max (an envelope keeps spikes visible). NaN values are gaps.
 */
import { escapeXml as esc } from './escape-xml.js';

/** One line of a chart. */
export interface ChartSeries {
  /** Legend name. */
  name: string;
  /** Y values, one per x. */
  y: ArrayLike<number>;
  /** Stroke colour. */
  color: string;
  /** Dashed stroke. */
  dashed?: boolean;
}

/** A line chart. */
export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** X values (shared by every series). */
  x: ArrayLike<number>;
  series: ChartSeries[];
  /** Formats an x tick. */
  formatX?: (x: number) => string;
  /** Horizontal reference lines. */
  hLines?: { y: number; label: string; color: string }[];
  /** Largest number of points drawn per series (default 1500). */
  maxPoints?: number;
}

/** A qualitative palette (Okabe-Ito, colour-blind safe). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

/** Chart width and plot height, px (the report's charts share them). */
export const W = 860;
export const H = 300;
/** Margins around the plot area, px. */
export const M = { l: 64, r: 16, t: 30, b: 44 };
// Legend text width estimate at font-size 11 (sans-serif averages ~0.56 em per character) and row height, px.
const LEGEND_CHAR_PX = 6.2;
const LEGEND_ROW_PX = 16;

/** About n round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, n: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-12 * Math.abs(hi); v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** A tick label: 4 significant digits, exponent form outside 1e-3 … 1e5. */
export function fmt(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

/** The y range of a chart: the finite values and reference lines, padded by 5 % (a flat series gets ±5 %). */
export function yRangeOf(columns: Iterable<ArrayLike<number>>, hLines: readonly { y: number }[] = [], includeZero = false): [number, number] {
  let ymin = includeZero ? 0 : Infinity;
  let ymax = includeZero ? 0 : -Infinity;
  for (const y of columns) {
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!;
      if (Number.isFinite(v)) {
        ymin = Math.min(ymin, v);
        ymax = Math.max(ymax, v);
      }
    }
  }
  for (const h of hLines) {
    ymin = Math.min(ymin, h.y);
    ymax = Math.max(ymax, h.y);
  }
  if (!Number.isFinite(ymin)) {
    ymin = 0;
    ymax = 1;
  }
  if (ymax === ymin) {
    ymax += Math.abs(ymax) * 0.05 || 1;
    ymin -= Math.abs(ymin) * 0.05 || 1;
  }
  const pad = (ymax - ymin) * 0.05;
  return [includeZero && ymin === 0 ? 0 : ymin - pad, ymax + pad];
}

/**
 * Opens a chart: the svg element, title, y grid with ticks, plot frame, axis labels and reference lines. Returns the
 * parts (to push marks onto) and the y → px map.
 */
export function openChart(c: { title: string; xLabel: string; yLabel: string; hLines?: { y: number; label: string; color: string }[] }, ymin: number, ymax: number): { parts: string[]; Y: (y: number) => number } {
  const pw = W - M.l - M.r;
  const ph = H - M.t - M.b;
  const Y = (y: number): number => M.t + (1 - (y - ymin) / (ymax - ymin)) * ph;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(c.title)}" font-family="sans-serif" font-size="11">`);
  parts.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${esc(c.title)}</text>`);
  for (const t of niceTicks(ymin, ymax, 5)) {
    parts.push(`<line x1="${M.l}" x2="${W - M.r}" y1="${Y(t).toFixed(1)}" y2="${Y(t).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${M.l - 6}" y="${(Y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`);
  }
  parts.push(`<rect x="${M.l}" y="${M.t}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${M.l + pw / 2}" y="${H - 6}" text-anchor="middle">${esc(c.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${M.t + ph / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`);
  for (const h of c.hLines ?? []) {
    parts.push(`<line x1="${M.l}" x2="${W - M.r}" y1="${Y(h.y).toFixed(1)}" y2="${Y(h.y).toFixed(1)}" stroke="${h.color}" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${W - M.r - 4}" y="${(Y(h.y) - 4).toFixed(1)}" text-anchor="end" fill="${h.color}">${esc(h.label)}</text>`);
  }
  return { parts, Y };
}

/**
 * Closes a chart: a legend band under the x-axis label, wrapped onto as many rows as it needs (the SVG grows to
 * fit; `swatch: 'box'` draws a filled square for bars and bands), and the closing tag. Returns the SVG text.
 */
export function closeChart(parts: string[], legend: readonly { name: string; color: string; dashed?: boolean; swatch?: 'line' | 'box' }[], extraBottomPx = 0): string {
  const base = H + extraBottomPx;
  let lx = M.l;
  let row = 0;
  legend.forEach((s) => {
    const w = 30 + s.name.length * LEGEND_CHAR_PX;
    if (lx > M.l && lx + w > W - M.r) {
      lx = M.l;
      row++;
    }
    const ly = base + LEGEND_ROW_PX * row + 4;
    if (s.swatch === 'box') parts.push(`<rect x="${lx + 4}" y="${ly - 5}" width="10" height="10" fill="${s.color}"/>`);
    else parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    parts.push(`<text x="${lx + 22}" y="${ly + 4}">${esc(s.name)}</text>`);
    lx = Math.round(lx + w);
  });
  const height = base + (legend.length > 0 ? LEGEND_ROW_PX * (row + 1) : 0);
  parts[0] = parts[0]!.replace(`viewBox="0 0 ${W} ${H}"`, `viewBox="0 0 ${W} ${height}"`);
  parts.push('</svg>');
  return parts.join('');
}

/** Renders a line chart as an SVG string. */
export function renderLineChart(c: LineChart): string {
  const n = c.x.length;
  const maxPts = c.maxPoints ?? 1500;
  const bucket = Math.max(1, Math.ceil(n / (maxPts / 2)));
  let xmin = Infinity;
  let xmax = -Infinity;
  for (let i = 0; i < n; i++) {
    xmin = Math.min(xmin, c.x[i]!);
    xmax = Math.max(xmax, c.x[i]!);
  }
  const [ymin, ymax] = yRangeOf(c.series.map((s) => s.y), c.hLines);
  if (!(xmax > xmin)) xmax = xmin + 1;
  const pw = W - M.l - M.r;
  const X = (x: number): number => M.l + ((x - xmin) / (xmax - xmin)) * pw;
  const { parts, Y } = openChart(c, ymin, ymax);
  const fx = c.formatX ?? fmt;
  for (const t of niceTicks(xmin, xmax, 7)) {
    parts.push(`<line x1="${X(t).toFixed(1)}" x2="${X(t).toFixed(1)}" y1="${M.t}" y2="${H - M.b}" stroke="#eee"/>`);
    parts.push(`<text x="${X(t).toFixed(1)}" y="${H - M.b + 14}" text-anchor="middle">${esc(fx(t))}</text>`);
  }
  c.series.forEach((s) => {
    let d = '';
    let pen = false;
    for (let b = 0; b < n; b += bucket) {
      const end = Math.min(n, b + bucket);
      let lo = Infinity;
      let hi = -Infinity;
      let iLo = -1;
      let iHi = -1;
      for (let i = b; i < end; i++) {
        const v = s.y[i]!;
        if (!Number.isFinite(v)) continue;
        if (v < lo) [lo, iLo] = [v, i];
        if (v > hi) [hi, iHi] = [v, i];
      }
      if (iLo < 0) {
        pen = false;
        continue;
      }
      const pts = bucket === 1 || iLo === iHi ? [[iLo, lo]] : iLo < iHi ? [[iLo, lo], [iHi, hi]] : [[iHi, hi], [iLo, lo]];
      for (const [i, v] of pts) {
        d += `${pen ? 'L' : 'M'}${X(c.x[i!]!).toFixed(1)},${Y(v!).toFixed(1)}`;
        pen = true;
      }
    }
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.4"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
  });
  return closeChart(parts, c.series);
}
