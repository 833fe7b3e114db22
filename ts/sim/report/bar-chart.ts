/**
 * A grouped bar chart over labelled categories (days or months): every category is labelled (rotated when they are
 * many), one bar per series in each group.
 */
import { escapeXml as esc } from './escape-xml.js';
import { closeChart, H, M, openChart, W, yRangeOf } from './svg-chart.js';

/** A grouped bar chart. */
export interface BarChart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** One label per category; every one is drawn. */
  labels: readonly string[];
  series: { name: string; values: ArrayLike<number>; color: string }[];
}

/** Extra height under the plot for rotated category labels, px. */
const ROTATED_LABEL_PX = 34;

/** Renders a grouped bar chart as an SVG string (bars from zero; NaN = no bar). */
export function renderBarChart(c: BarChart): string {
  const k = c.labels.length;
  const [ymin, ymax] = yRangeOf(c.series.map((s) => s.values), [], true);
  const pw = W - M.l - M.r;
  const slot = pw / Math.max(1, k);
  const barW = (slot * 0.8) / Math.max(1, c.series.length);
  // Labels wider than their slot are rotated by 60° so every category keeps its label; the axis label moves below them.
  const widest = Math.max(0, ...c.labels.map((l) => l.length * 6.2));
  const rotate = widest > slot - 2;
  const { parts, Y } = openChart({ ...c, xLabel: rotate ? '' : c.xLabel }, ymin, ymax);
  if (rotate) parts.push(`<text x="${M.l + pw / 2}" y="${H + ROTATED_LABEL_PX - 6}" text-anchor="middle">${esc(c.xLabel)}</text>`);
  c.labels.forEach((label, p) => {
    const x = M.l + (p + 0.5) * slot;
    const y = H - M.b + 14;
    parts.push(
      rotate
        ? `<text x="${x.toFixed(1)}" y="${y}" text-anchor="end" transform="rotate(-60 ${x.toFixed(1)} ${y})">${esc(label)}</text>`
        : `<text x="${x.toFixed(1)}" y="${y}" text-anchor="middle">${esc(label)}</text>`,
    );
  });
  c.series.forEach((s, j) => {
    for (let p = 0; p < k; p++) {
      const v = s.values[p]!;
      if (!Number.isFinite(v)) continue;
      const x = M.l + p * slot + slot * 0.1 + j * barW;
      const y0 = Y(Math.max(0, ymin));
      const y1 = Y(v);
      parts.push(`<rect x="${x.toFixed(1)}" y="${Math.min(y0, y1).toFixed(1)}" width="${barW.toFixed(2)}" height="${Math.abs(y1 - y0).toFixed(1)}" fill="${s.color}"/>`);
    }
  });
  return closeChart(parts, c.series.map((s) => ({ name: s.name, color: s.color, swatch: 'box' as const })), rotate ? ROTATED_LABEL_PX : 0);
}
