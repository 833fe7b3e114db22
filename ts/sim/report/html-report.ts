/**
 * The offline HTML report of a comparison: the table and four inline-SVG charts (voltage envelope over time, P2P
 * prices over time, savings per prosumer, traded energy per day). One file, no scripts, no external assets.
 */
import { escapeXml as esc } from './escape-xml.js';
import type { SimulationResult } from '../engine/simulation.js';
import { COMPARISON_COLUMNS, comparisonRows } from './comparison.js';
import { PALETTE, renderLineChart } from './svg-chart.js';
import { failedStepWarnings } from './failed-steps.js';

/** Options of the report. */
export interface ReportOptions {
  /** Title. */
  title: string;
  /** Lower / upper voltage limits drawn on the voltage chart, p.u. */
  vmLimitsPu?: [number, number];
  /** Extra lines under the title (scenario description). */
  notes?: string[];
}

/** Renders the report for runs of one scenario (same horizon). */
export function renderHtmlReport(results: readonly SimulationResult[], options: ReportOptions): string {
  const first = results[0]!;
  const steps = first.steps;
  const dt = first.dtHours;
  const hours = Float64Array.from({ length: steps }, (_, i) => i * dt);
  const startMs = first.series.timeMs![0] ?? 0;
  const fmtHour = (h: number): string => {
    const d = new Date(startMs + h * 3_600_000);
    return steps * dt > 72 ? d.toISOString().slice(5, 10) : d.toISOString().slice(5, 16).replace('T', ' ');
  };
  const color = (i: number): string => PALETTE[i % PALETTE.length]!;
  const p2p = results.filter((r) => r.mechanism !== 'none');
  const charts: string[] = [];

  // 1. Voltage envelope. Agents react to the retail price, never to P2P prices, and curtailment follows the physics
  // alone, so every run has the same flows: one envelope stands for all of them.
  charts.push(
    renderLineChart({
      title: 'Voltage envelope over time (lowest and highest bus voltage; the same for every mechanism)',
      xLabel: 'time (UTC)',
      yLabel: 'voltage, p.u.',
      x: hours,
      formatX: fmtHour,
      series: [
        { name: 'highest', y: first.series.vmMaxPu!, color: color(0) },
        { name: 'lowest', y: first.series.vmMinPu!, color: color(0), dashed: true },
      ],
      hLines: options.vmLimitsPu
        ? [
            { y: options.vmLimitsPu[0], label: `limit ${options.vmLimitsPu[0]}`, color: '#c00' },
            { y: options.vmLimitsPu[1], label: `limit ${options.vmLimitsPu[1]}`, color: '#c00' },
          ]
        : [],
    }),
  );
  // 2. Prices.
  charts.push(
    renderLineChart({
      title: 'P2P price over time (volume-weighted, paid by buyers; gaps = no P2P trade)',
      xLabel: 'time (UTC)',
      yLabel: 'currency per kWh',
      x: hours,
      formatX: fmtHour,
      series: [
        ...p2p.map((r, i) => ({ name: r.mechanism, y: r.series.p2pPricePerKwh!, color: color(i + 1) })),
        { name: 'retail', y: first.series.retailPricePerKwh!, color: '#555', dashed: true },
        { name: 'feed-in', y: first.series.feedInPricePerKwh!, color: '#999', dashed: true },
      ],
    }),
  );
  // 3. Savings per prosumer, sorted (a Lorenz-like view of fairness).
  const nP = first.metrics.prosumers.length;
  charts.push(
    renderLineChart({
      title: 'Savings per prosumer against the no-P2P baseline (sorted, per mechanism)',
      xLabel: 'prosumers, sorted by savings',
      yLabel: 'savings, currency',
      x: Float64Array.from({ length: nP }, (_, i) => i + 1),
      series: p2p.map((r, i) => ({
        name: r.mechanism,
        y: Float64Array.from(r.metrics.prosumers, (p) => p.savings).sort(),
        color: color(i + 1),
      })),
    }),
  );
  // 4. Traded energy per day (or per step for horizons under two days).
  const perDay = steps * dt >= 48;
  const bucketSteps = perDay ? Math.max(1, Math.round(24 / dt)) : 1;
  const nb = Math.ceil(steps / bucketSteps);
  const bx = Float64Array.from({ length: nb }, (_, b) => b * bucketSteps * dt);
  const agg = (col: Float64Array): Float64Array => {
    const out = new Float64Array(nb);
    for (let i = 0; i < steps; i++) out[Math.floor(i / bucketSteps)] += Number.isFinite(col[i]!) ? col[i]! : 0;
    return out;
  };
  charts.push(
    renderLineChart({
      title: perDay ? 'Energy traded per day' : 'Energy traded per step',
      xLabel: 'time (UTC)',
      yLabel: 'kWh',
      x: bx,
      formatX: fmtHour,
      series: [
        ...p2p.map((r, i) => ({ name: `P2P ${r.mechanism}`, y: agg(r.series.p2pTradedKwh!), color: color(i + 1) })),
        { name: 'grid import (baseline)', y: agg((results.find((r) => r.mechanism === 'none') ?? first).series.gridImportKwh!), color: '#555', dashed: true },
        { name: 'grid export (baseline)', y: agg((results.find((r) => r.mechanism === 'none') ?? first).series.gridExportKwh!), color: '#999', dashed: true },
      ],
    }),
  );

  const rows = comparisonRows(results);
  const table = [
    '<table><thead><tr>',
    ...COMPARISON_COLUMNS.map((c) => `<th>${esc(c.header)}</th>`),
    '</tr></thead><tbody>',
    ...rows.map(
      (r) =>
        '<tr>' +
        COMPARISON_COLUMNS.map((c) => {
          const v = r[c.key];
          return `<td>${v === null || v === undefined ? '–' : typeof v === 'number' ? v.toFixed(c.digits) : esc(v)}</td>`;
        }).join('') +
        '</tr>',
    ),
    '</tbody></table>',
  ].join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(options.title)}</title>
<style>
body{font-family:sans-serif;margin:24px auto;max-width:1100px;color:#222}
table{border-collapse:collapse;font-size:12px;margin:12px 0}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#f3f3f3}
figure{margin:18px 0}
.note{color:#555;font-size:13px}
.warning{border:2px solid #b00020;background:#fdecea;color:#7a0014;padding:8px 12px;font-weight:bold}
</style></head><body>
<h1>${esc(options.title)}</h1>
${failedStepWarnings(results).map((w) => `<p class="warning" role="alert">Warning: ${esc(w)}</p>`).join('\n')}
${(options.notes ?? []).map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
<h2>Comparison</h2>
${table}
<p class="note">Cost and savings in currency over the horizon; savings against the no-P2P baseline (retail and feed-in only) of the same physical flows. Self-sufficiency (share of consumption not drawn across the community's boundary) and self-consumption (share of used PV not exported across it) are physical: each step the prosumers' surpluses and deficits net out on the feeder whatever the market settled, so they are the same for every mechanism. The settled columns count only what the retailer bought and sold: P2P raises them towards the physical values. Violations: bus-steps (voltage) and branch-steps (thermal) outside limits, and the hours with any.</p>
<h2>Charts</h2>
${charts.map((c) => `<figure>${c}</figure>`).join('\n')}
</body></html>
`;
}
