/** CSV output of simulation results (RFC 4180 quoting; NaN and null become empty cells). */
import type { SimulationResult } from '../engine/simulation.js';
import { COMPARISON_COLUMNS, type ComparisonRow } from './comparison.js';

function esc(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → CSV text with a header line. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header.map(esc).join(','), ...rows.map((r) => r.map(esc).join(','))].join('\n') + '\n';
}

/** The comparison table as CSV (keys as headers). */
export function comparisonCsv(rows: readonly ComparisonRow[]): string {
  return toCsv(COMPARISON_COLUMNS.map((c) => c.key), rows.map((r) => COMPARISON_COLUMNS.map((c) => r[c.key])));
}

/** Per-prosumer metrics of every run, one row per (mechanism, prosumer). */
export function prosumersCsv(results: readonly SimulationResult[]): string {
  const keys = ['id', 'bus', 'loadKwh', 'evKwh', 'pvKwh', 'curtailedKwh', 'p2pBoughtKwh', 'p2pSoldKwh', 'gridImportKwh', 'gridExportKwh', 'cost', 'baselineCost', 'savings', 'selfSufficiency', 'selfConsumption', 'peakImportKw', 'evUnmetKwh', 'exportLimitKw', 'imbalanceShortKwh', 'imbalanceLongKwh', 'imbalanceCost'] as const;
  const rows: unknown[][] = [];
  for (const r of results) for (const p of r.metrics.prosumers) rows.push([r.mechanism, ...keys.map((k) => p[k])]);
  return toCsv(['mechanism', ...keys], rows);
}

/** Reporter series of every run, one row per step, columns `<mechanism>.<reporter>` (time as ISO 8601). */
export function timeSeriesCsv(results: readonly SimulationResult[]): string {
  if (results.length === 0) return '';
  const steps = results[0]!.steps;
  const cols: { name: string; data: Float64Array }[] = [];
  for (const r of results) {
    for (const [k, v] of Object.entries(r.series)) if (k !== 'timeMs') cols.push({ name: `${r.mechanism}.${k}`, data: v });
  }
  const time = results[0]!.series.timeMs!;
  const rows: unknown[][] = [];
  for (let i = 0; i < steps; i++) rows.push([new Date(time[i]!).toISOString(), ...cols.map((c) => c.data[i])]);
  return toCsv(['time', ...cols.map((c) => c.name)], rows);
}
