/**
 * The browser app's four charts (voltage envelope, prices, savings per household, energy per day), drawn from the
 * runs' reporter columns as far as they have filled in (NaN = not simulated yet), so the page redraws them while
 * the runs go on. Shared with the Chromium test, which draws the same charts from the Node engine's results and
 * compares the SVG.
 */
import { PALETTE, renderLineChart } from '../../ts/sim/report/svg-chart.js';

/** What the charts need of one run. */
export interface ChartRun {
  mechanism: string;
  /** Reporter columns of length `steps` (NaN where not yet simulated). */
  series: Record<string, ArrayLike<number>>;
  /** Savings per prosumer against the no-P2P baseline, currency (null until the run has finished). */
  savings: number[] | null;
}

/** The charts' common axis. */
export interface ChartFrame {
  steps: number;
  dtHours: number;
  startMs: number;
  /** Voltage limits drawn on the voltage chart, p.u. */
  vmLimitsPu: [number, number];
}

const color = (i: number): string => PALETTE[i % PALETTE.length]!;

/** Renders the four charts as SVG strings. */
export function renderStudyCharts(runs: readonly ChartRun[], f: ChartFrame): string[] {
  const hours = Float64Array.from({ length: f.steps }, (_, i) => i * f.dtHours);
  const fmtHour = (h: number): string => new Date(f.startMs + h * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');
  const first = runs[0]!;
  const p2p = runs.filter((r) => r.mechanism !== 'none');
  const base = runs.find((r) => r.mechanism === 'none') ?? first;
  const col = (r: ChartRun, name: string): ArrayLike<number> => r.series[name] ?? new Float64Array(f.steps).fill(NaN);
  const perDay = f.steps * f.dtHours >= 48;
  const bucketSteps = perDay ? Math.max(1, Math.round(24 / f.dtHours)) : 1;
  const nb = Math.ceil(f.steps / bucketSteps);
  const agg = (c: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(nb).fill(NaN);
    for (let i = 0; i < f.steps; i++) {
      const v = c[i]!;
      if (!Number.isFinite(v)) continue;
      const b = Math.floor(i / bucketSteps);
      out[b] = (Number.isNaN(out[b]!) ? 0 : out[b]!) + v;
    }
    return out;
  };
  const nP = Math.max(1, ...runs.map((r) => r.savings?.length ?? 0));
  return [
    renderLineChart({
      title: 'Voltage envelope (lowest and highest bus voltage)',
      xLabel: 'time (UTC)',
      yLabel: 'voltage, p.u.',
      x: hours,
      formatX: fmtHour,
      series: [
        { name: 'highest', y: col(first, 'vmMaxPu'), color: color(0) },
        { name: 'lowest', y: col(first, 'vmMinPu'), color: color(0), dashed: true },
      ],
      hLines: [
        { y: f.vmLimitsPu[0], label: `limit ${f.vmLimitsPu[0]}`, color: '#c00' },
        { y: f.vmLimitsPu[1], label: `limit ${f.vmLimitsPu[1]}`, color: '#c00' },
      ],
    }),
    renderLineChart({
      title: 'P2P price (volume-weighted, paid by buyers; gaps = no P2P trade)',
      xLabel: 'time (UTC)',
      yLabel: 'currency per kWh',
      x: hours,
      formatX: fmtHour,
      series: [
        ...p2p.map((r, i) => ({ name: r.mechanism, y: col(r, 'p2pPricePerKwh'), color: color(i + 1) })),
        { name: 'retail', y: col(first, 'retailPricePerKwh'), color: '#555', dashed: true },
        { name: 'feed-in', y: col(first, 'feedInPricePerKwh'), color: '#999', dashed: true },
      ],
    }),
    renderLineChart({
      title: 'Savings per household against the no-P2P baseline (sorted; drawn when a run ends)',
      xLabel: 'households, sorted by savings',
      yLabel: 'savings, currency',
      x: Float64Array.from({ length: nP }, (_, i) => i + 1),
      series: p2p.map((r, i) => ({ name: r.mechanism, y: r.savings ? Float64Array.from(r.savings).sort() : new Float64Array(nP).fill(NaN), color: color(i + 1) })),
    }),
    renderLineChart({
      title: perDay ? 'Energy per day' : 'Energy per step',
      xLabel: 'time (UTC)',
      yLabel: 'kWh',
      x: Float64Array.from({ length: nb }, (_, b) => b * bucketSteps * f.dtHours),
      formatX: fmtHour,
      series: [
        ...p2p.map((r, i) => ({ name: `P2P ${r.mechanism}`, y: agg(col(r, 'p2pTradedKwh')), color: color(i + 1) })),
        { name: 'grid import (baseline)', y: agg(col(base, 'gridImportKwh')), color: '#555', dashed: true },
        { name: 'grid export (baseline)', y: agg(col(base, 'gridExportKwh')), color: '#999', dashed: true },
      ],
    }),
  ];
}

/** The reporter columns the page streams from the workers for its charts. */
export const CHART_COLUMNS = ['vmMinPu', 'vmMaxPu', 'p2pPricePerKwh', 'retailPricePerKwh', 'feedInPricePerKwh', 'p2pTradedKwh', 'gridImportKwh', 'gridExportKwh'];
