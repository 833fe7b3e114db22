/**
 * The offline HTML report of a comparison: the study (households, tariffs, limits, bidding, background load), the
 * mechanism-dependent table (money with its currency, P2P volume and effective prices, welfare, fairness,
 * imbalance), the physics (once when every mechanism has the same flows), and charts that stay readable for a year:
 * daily (or, beyond 120 days, monthly) min/mean/max bands of voltage, the P2P price of the typical day (by hour),
 * sorted savings per prosumer, and energy per day (or month) as labelled bars. Identical series are drawn once and named together. Every column
 * header links to its definition at the end. One file, no scripts, no external assets.
 */
import type { CoalitionView } from '../games/coalition-view.js';
import { coalitionSection } from './coalition-section.js';
import { escapeXml as esc } from './escape-xml.js';
import type { SimulationResult } from '../engine/simulation.js';
import {
  COMPARISON_COLUMNS,
  columnUnit,
  columnsWithValues,
  comparisonRows,
  formatCell,
  physicsIdentical,
  type ComparisonFormat,
} from './comparison.js';
import { PALETTE, renderLineChart } from './svg-chart.js';
import { failedStepWarnings } from './failed-steps.js';
import { renderBandChart } from './band-chart.js';
import { renderBarChart } from './bar-chart.js';
import { groupIdentical } from './identical-series.js';
import { hourOfDayWeightedMean, periodBands, periodSums } from './period-aggregate.js';
import { DEFINITIONS, definitionAnchor } from './definitions.js';
import { renderCommunitySections } from './community-report.js';

/** Options of the report. */
export interface ReportOptions extends ComparisonFormat {
  /** Title. */
  title: string;
  /** Lower / upper voltage limits drawn on the voltage chart, p.u. */
  vmLimitsPu?: [number, number];
  /** Extra lines under the title (scenario description). */
  notes?: string[];
  /** Sections of the study description: a heading and its rows (label, value). */
  study?: { heading: string; rows: [string, string][] }[];
  /** Local time offset used for days and months, hours (default 0 = UTC). */
  utcOffsetHours?: number;
  /** Warnings shown in a box under the title (e.g. failed power-flow steps). */
  warnings?: string[];
  /** Each mechanism against the community's coalition game (coalitionView), or null. */
  coalition?: CoalitionView | null;
}

/** Runs longer than this many days are charted per day as bands; longer than MONTHLY_DAYS, per month. */
const BAND_DAYS = 3;
const MONTHLY_DAYS = 120;

function headerCell(c: (typeof COMPARISON_COLUMNS)[number], currency: string): string {
  const unit = columnUnit(c, currency);
  const anchor = definitionAnchor(c.key);
  const name = anchor ? `<a href="#${anchor}">${esc(c.header)}</a>` : esc(c.header);
  return `<th>${name}${unit ? `<br><span class="unit">${esc(unit)}</span>` : ''}</th>`;
}

/** Renders the report for runs of one scenario (same horizon). */
export function renderHtmlReport(results: readonly SimulationResult[], options: ReportOptions): string {
  const currency = options.currency ?? 'EUR';
  const offset = options.utcOffsetHours ?? 0;
  const first = results[0]!;
  const steps = first.steps;
  const dt = first.dtHours;
  const days = steps * dt / 24;
  const time = first.series.timeMs!;
  const color = (i: number): string => PALETTE[i % PALETTE.length]!;
  const p2p = results.filter((r) => r.mechanism !== 'none');
  const baseline = results.find((r) => r.mechanism === 'none') ?? first;
  const rows = comparisonRows(results);
  const sameFlows = physicsIdentical(rows);
  const period: 'day' | 'month' = days > MONTHLY_DAYS ? 'month' : 'day';
  const banded = days > BAND_DAYS;
  const charts: string[] = [];
  const hours = Float64Array.from({ length: steps }, (_, i) => i * dt);
  const startMs = time[0] ?? 0;
  const fmtHour = (h: number): string => new Date(startMs + h * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');
  const periodLabel = period === 'day' ? 'day (local time)' : 'month (local time)';
  const limits = options.vmLimitsPu
    ? [
        { y: options.vmLimitsPu[0], label: `limit ${options.vmLimitsPu[0]}`, color: '#c00' },
        { y: options.vmLimitsPu[1], label: `limit ${options.vmLimitsPu[1]}`, color: '#c00' },
      ]
    : [];

  // 1. Voltages. Agents do not respond to P2P prices, so every mechanism has the same flows: one chart for all.
  const vTitle = sameFlows ? 'the same for every mechanism' : `run '${first.mechanism}'`;
  if (banded) {
    const lo = periodBands(time, first.series.vmMinPu!, period, offset);
    const hi = periodBands(time, first.series.vmMaxPu!, period, offset);
    charts.push(
      renderBandChart({
        title: `Lowest and highest bus voltage per ${period} (${vTitle})`,
        xLabel: periodLabel,
        yLabel: 'voltage, p.u.',
        labels: lo.labels,
        bands: [
          { name: 'highest bus', ...hi, color: color(3) },
          { name: 'lowest bus', ...lo, color: color(0) },
        ],
        hLines: limits,
      }),
    );
  } else {
    charts.push(
      renderLineChart({
        title: `Voltage envelope over time (lowest and highest bus voltage; ${vTitle})`,
        xLabel: 'time (UTC)',
        yLabel: 'voltage, p.u.',
        x: hours,
        formatX: fmtHour,
        series: [
          { name: 'highest', y: first.series.vmMaxPu!, color: color(0) },
          { name: 'lowest', y: first.series.vmMinPu!, color: color(0), dashed: true },
        ],
        hLines: limits,
      }),
    );
  }

  // 2. P2P prices paid by buyers (volume-weighted), identical series named together.
  const priceGroups = groupIdentical(p2p.map((r) => ({ name: r.mechanism, values: r.series.p2pPricePerKwh! })));
  if (banded) {
    // Over many days a price band spans everything between feed-in and retail: the typical day says more.
    const hod = Float64Array.from({ length: 24 }, (_, h) => h);
    const flatAt = (col: Float64Array): Float64Array => hourOfDayWeightedMean(time, col, new Float64Array(col.length).fill(1), offset);
    charts.push(
      renderLineChart({
        title: 'P2P price paid by buyers by hour of day, before P2P charges (volume-weighted mean over the horizon)',
        xLabel: 'hour of day (local time)',
        yLabel: `${currency} per kWh`,
        x: hod,
        series: [
          ...priceGroups.map((g, i) => {
            const r = p2p.find((x) => x.mechanism === g.names[0])!;
            return { name: g.names.join(' = '), y: hourOfDayWeightedMean(time, g.values, r.series.p2pTradedKwh!, offset), color: color(i + 1) };
          }),
          { name: 'retail (mean)', y: flatAt(first.series.retailPricePerKwh!), color: '#555', dashed: true },
          { name: 'feed-in (mean)', y: flatAt(first.series.feedInPricePerKwh!), color: '#999', dashed: true },
        ],
      }),
    );
  } else {
    charts.push(
      renderLineChart({
        title: 'P2P price over time (volume-weighted, paid by buyers before P2P charges; gaps = no P2P trade)',
        xLabel: 'time (UTC)',
        yLabel: `${currency} per kWh`,
        x: hours,
        formatX: fmtHour,
        series: [
          ...priceGroups.map((g, i) => ({ name: g.names.join(' = '), y: g.values, color: color(i + 1) })),
          { name: 'retail', y: first.series.retailPricePerKwh!, color: '#555', dashed: true },
          { name: 'feed-in', y: first.series.feedInPricePerKwh!, color: '#999', dashed: true },
        ],
      }),
    );
  }

  // 3. Savings per prosumer, sorted (a Lorenz-like view of fairness).
  const nP = first.metrics.prosumers.length;
  const savingsGroups = groupIdentical(p2p.map((r) => ({ name: r.mechanism, values: Float64Array.from(r.metrics.prosumers, (p) => p.savings).sort() })));
  charts.push(
    renderLineChart({
      title: 'Savings per prosumer against the no-P2P baseline (sorted, per mechanism)',
      xLabel: 'prosumers, sorted by savings',
      yLabel: `savings, ${currency}`,
      x: Float64Array.from({ length: nP }, (_, i) => i + 1),
      series: savingsGroups.map((g, i) => ({ name: g.names.join(' = '), y: g.values, color: color(i + 1) })),
    }),
  );

  // 4. Energy per day (or month) as labelled bars.
  const sums = (col: Float64Array): Float64Array => periodSums(time, col, period, offset).sums;
  const energyGroups = groupIdentical(p2p.map((r) => ({ name: `P2P ${r.mechanism}`, values: sums(r.series.p2pTradedKwh!) })));
  const labels = periodSums(time, first.series.p2pTradedKwh!, period, offset).labels;
  charts.push(
    renderBarChart({
      title: `Energy per ${period}: P2P traded, and the baseline's grid import and export`,
      xLabel: periodLabel,
      yLabel: 'kWh',
      labels,
      series: [
        ...energyGroups.map((g, i) => ({ name: g.names.join(' = '), values: g.values, color: color(i + 1) })),
        { name: 'grid import (baseline)', values: sums(baseline.series.gridImportKwh!), color: '#555' },
        { name: 'grid export (baseline)', values: sums(baseline.series.gridExportKwh!), color: '#aaa' },
      ],
    }),
  );

  // Tables: the mechanism-dependent columns per run; the physics once when identical.
  const marketCols = columnsWithValues(COMPARISON_COLUMNS.filter((c) => c.group !== 'physics' && c.html !== false), rows);
  const physicsCols = COMPARISON_COLUMNS.filter((c) => c.group === 'physics');
  const marketTable = [
    '<table class="cmp"><thead><tr>',
    ...marketCols.map((c) => headerCell(c, currency)),
    '</tr></thead><tbody>',
    ...rows.map((r) => '<tr>' + marketCols.map((c) => `<td>${esc(formatCell(c, r[c.key], options))}</td>`).join('') + '</tr>'),
    '</tbody></table>',
  ].join('');
  const physicsRuns = sameFlows ? [rows[0]!] : rows;
  const physicsTable = [
    '<table class="cmp"><thead><tr><th>figure</th>',
    ...physicsRuns.map((r) => `<th>${sameFlows ? 'every mechanism' : esc(String(r.mechanism))}</th>`),
    '</tr></thead><tbody>',
    ...physicsCols.map((c) => {
      const anchor = definitionAnchor(c.key);
      const name = anchor ? `<a href="#${anchor}">${esc(c.header)}</a>` : esc(c.header);
      return `<tr><td>${name}${c.unit ? `, ${esc(c.unit)}` : ''}</td>` + physicsRuns.map((r) => `<td>${esc(formatCell(c, r[c.key], options))}</td>`).join('') + '</tr>';
    }),
    '</tbody></table>',
  ].join('');
  const study = (options.study ?? [])
    .map((s) => `<h3>${esc(s.heading)}</h3><table class="kv"><tbody>${s.rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`)
    .join('\n');
  const imbalance = results.some((r) => r.metrics.community.imbalance !== null)
    ? `<h2>Imbalance (gate closure)</h2>
<p class="note">Orders were placed on forecasts; the deviation of each prosumer's actual delivery from its cleared position was settled at the imbalance prices (<a href="#def-imbalance">definition</a>). The no-P2P baseline settles actual delivery with the retailer and has no imbalance.</p>
<table class="cmp"><thead><tr><th>mechanism</th><th>short<br><span class="unit">kWh</span></th><th>long<br><span class="unit">kWh</span></th><th>net cost<br><span class="unit">${esc(currency)}</span></th><th>mean per prosumer<br><span class="unit">${esc(currency)}</span></th><th>highest prosumer<br><span class="unit">${esc(currency)}</span></th></tr></thead><tbody>${results
        .filter((r) => r.metrics.community.imbalance !== null)
        .map((r) => {
          const im = r.metrics.community.imbalance!;
          const per = r.metrics.prosumers.map((p) => p.imbalanceCost);
          return `<tr><td>${esc(r.mechanism)}</td><td>${im.shortKwh.toFixed(0)}</td><td>${im.longKwh.toFixed(0)}</td><td>${im.cost.toFixed(2)}</td><td>${(im.cost / per.length).toFixed(2)}</td><td>${Math.max(...per).toFixed(2)}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '';
  const definitions = `<h2>Definitions</h2><dl>${DEFINITIONS.map((d) => `<dt id="${d.anchor}">${esc(d.term)}</dt><dd>${esc(d.text.replace(/\bcurrency\b/g, currency))}</dd>`).join('')}</dl>`;
  // Failed power-flow steps first, in red: their zeros would otherwise read as a healthy feeder.
  const warnings = [
    ...failedStepWarnings(results).map((w) => `<p class="warning" role="alert">Warning: ${esc(w)}</p>`),
    ...(options.warnings ?? []).map((w) => `<p class="warn">${esc(w)}</p>`),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(options.title)}</title>
<style>
body{font-family:sans-serif;margin:24px auto;max-width:1000px;color:#222}
table{border-collapse:collapse;font-size:12px;margin:12px 0}
table.cmp{max-width:800px}
th,td{border:1px solid #ccc;padding:3px 5px;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#f3f3f3;font-weight:normal}
table.kv td:last-child{text-align:left}
.unit{color:#666;font-size:11px}
figure{margin:18px 0}
.note{color:#555;font-size:13px;max-width:800px}
.warning{border:2px solid #b00020;background:#fdecea;color:#7a0014;padding:8px 12px;font-weight:bold;max-width:800px}
.warn{background:#fff3cd;border:1px solid #e0c36a;padding:6px 10px;max-width:800px}
dt{font-weight:bold;margin-top:8px}
dd{margin-left:16px;max-width:780px;font-size:13px}
</style></head><body>
<h1>${esc(options.title)}</h1>
${warnings}
${(options.notes ?? []).map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
${study ? `<h2>The study</h2>\n${study}` : ''}
<h2>What the mechanism decides</h2>
${marketTable}
<p class="note">Money in ${esc(currency)} over the whole horizon. Savings against the no-P2P baseline (retail and feed-in only) of the same physical flows. P2P buy: what a P2P buyer paid per kWh on average, P2P charges included; P2P sell: what a seller received per kWh (for bill sharing, what participants effectively pay and receive). Settled self-sufficiency counts only what the retailer sold.</p>
${imbalance}
${renderCommunitySections(results, options)}
${coalitionSection(options.coalition, currency)}
<h2>What the flows decide</h2>
${physicsTable}
<p class="note">${
    sameFlows
      ? 'The same for every mechanism: agents do not respond to P2P prices (batteries and cars follow their own rules, curtailment follows the limits and the physics), so every run has the same flows.'
      : 'The flows differ between runs, so the figures are given per mechanism.'
  } Self-sufficiency and self-consumption are measured at the community's boundary; violations are bus-steps (voltage) and branch-steps (thermal) outside limits, and the hours with any.</p>
<h2>Charts</h2>
${charts.map((c) => `<figure>${c}</figure>`).join('\n')}
${definitions}
</body></html>
`;
}
