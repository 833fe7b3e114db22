/**
 * The summary report of a sweep (report.html, offline, inline SVG): headline metrics plotted against the first
 * numeric axis (other than the seed), one colour per value of the next axis (e.g. the mechanism), the line at the
 * mean over the remaining axes (e.g. the seeds) with dashed lines at their minimum and maximum; and a table of mean,
 * minimum and maximum per combination of the axes other than the seed.
 */
import { escapeXml as esc } from '../sim/report/escape-xml.js';
import { PALETTE, renderLineChart } from '../sim/report/svg-chart.js';
import type { SweepOutcome } from './run-sweep.js';

/** Metrics plotted when present. */
export const SWEEP_REPORT_METRICS = ['savingsPercent', 'savings', 'p2pVolumeKwh', 'welfare', 'selfSufficiencyPercent', 'giniSavings'];

const SPREAD_AXIS = 'seed';

interface Stats {
  n: number;
  mean: number;
  min: number;
  max: number;
}

function stats(xs: number[]): Stats {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    s += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { n: xs.length, mean: xs.length ? s / xs.length : NaN, min, max };
}

function label(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function values(outcomes: readonly SweepOutcome[], axis: string): unknown[] {
  const seen = new Map<string, unknown>();
  for (const o of outcomes) if (axis in o.params && !seen.has(label(o.params[axis]))) seen.set(label(o.params[axis]), o.params[axis]);
  return [...seen.values()];
}

function metricValues(group: readonly SweepOutcome[], metric: string): number[] {
  return group.flatMap((o) => {
    const v = o.metrics?.[metric];
    return typeof v === 'number' && Number.isFinite(v) ? [v] : [];
  });
}

/** Renders the summary report. */
export function renderSweepReport(outcomes: readonly SweepOutcome[], axes: readonly string[], title: string): string {
  const ok = outcomes.filter((o) => o.metrics !== null);
  const metrics = SWEEP_REPORT_METRICS.filter((m) => ok.some((o) => typeof o.metrics![m] === 'number'));
  const xAxis = axes.find((a) => a !== SPREAD_AXIS && values(ok, a).length > 1 && values(ok, a).every((v) => typeof v === 'number'));
  const groupAxis = axes.find((a) => a !== SPREAD_AXIS && a !== xAxis && values(ok, a).length > 1);
  const charts: string[] = [];
  if (xAxis !== undefined) {
    const xs = (values(ok, xAxis) as number[]).sort((a, b) => a - b);
    const groups = groupAxis === undefined ? [undefined] : values(ok, groupAxis);
    for (const metric of metrics) {
      const series = groups.flatMap((g, gi) => {
        const st = xs.map((x) => stats(metricValues(ok.filter((o) => o.params[xAxis] === x && (groupAxis === undefined || label(o.params[groupAxis]) === label(g))), metric)));
        const name = g === undefined ? metric : label(g);
        const color = PALETTE[gi % PALETTE.length]!;
        const spread = st.some((s) => s.n > 1);
        return [
          { name: `${name} (mean)`, y: st.map((s) => s.mean), color },
          ...(spread ? [{ name: `${name} (min)`, y: st.map((s) => (s.n ? s.min : NaN)), color, dashed: true }, { name: `${name} (max)`, y: st.map((s) => (s.n ? s.max : NaN)), color, dashed: true }] : []),
        ];
      });
      charts.push(renderLineChart({ title: `${metric} against ${xAxis}${groupAxis ? ` per ${groupAxis}` : ''} (mean; dashed: min and max over the other axes)`, xLabel: xAxis, yLabel: metric, x: xs, series }));
    }
  }
  // Table: one row per combination of the axes other than the seed.
  const keyAxes = axes.filter((a) => a !== SPREAD_AXIS);
  const rows = new Map<string, SweepOutcome[]>();
  for (const o of ok) {
    const k = JSON.stringify(keyAxes.map((a) => o.params[a]));
    rows.set(k, [...(rows.get(k) ?? []), o]);
  }
  const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(Math.abs(x) >= 100 ? 1 : 3) : '–');
  const table = [
    '<table><thead><tr>',
    ...keyAxes.map((a) => `<th>${esc(a)}</th>`),
    '<th>runs</th>',
    ...metrics.map((m) => `<th>${esc(m)} mean [min, max]</th>`),
    '</tr></thead><tbody>',
    ...[...rows.values()].map((group) => {
      const cells = keyAxes.map((a) => `<td>${esc(a in group[0]!.params ? label(group[0]!.params[a]) : '')}</td>`);
      const st = metrics.map((m) => stats(metricValues(group, m)));
      return `<tr>${cells.join('')}<td>${group.length}</td>${st.map((s) => `<td>${fmt(s.mean)} [${fmt(s.min)}, ${fmt(s.max)}]</td>`).join('')}</tr>`;
    }),
    '</tbody></table>',
  ].join('');
  const failed = outcomes.length - ok.length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:sans-serif;margin:24px auto;max-width:1100px;color:#222}
table{border-collapse:collapse;font-size:12px;margin:12px 0}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#f3f3f3}
.note{color:#555;font-size:13px}
</style></head><body>
<h1>${esc(title)}</h1>
<p class="note">${outcomes.length} run(s) over the axes ${axes.map((a) => esc(a)).join(', ') || '(none)'}${failed ? `; ${failed} failed (see runs.csv)` : ''}. Metrics as in the comparison table of <code>peergrid simulate</code>; savings against each run's own no-P2P baseline.</p>
<h2>Summary</h2>
${table}
${charts.length ? `<h2>Charts</h2>\n${charts.map((c) => `<figure>${c}</figure>`).join('\n')}` : ''}
</body></html>
`;
}
