/** The comparison table of several runs of one scenario (one row per mechanism, the metrics as columns). */
import type { SimulationResult } from '../engine/simulation.js';

/** One column of the comparison table. */
export interface ComparisonColumn {
  /** Key in the row object. */
  key: string;
  /** Header with unit. */
  header: string;
  /** Decimals printed. */
  digits: number;
}

/** The columns, in order. */
export const COMPARISON_COLUMNS: readonly ComparisonColumn[] = [
  { key: 'mechanism', header: 'mechanism', digits: 0 },
  { key: 'cost', header: 'cost', digits: 2 },
  { key: 'savings', header: 'savings', digits: 2 },
  { key: 'savingsPercent', header: 'savings %', digits: 2 },
  { key: 'p2pVolumeKwh', header: 'P2P kWh', digits: 1 },
  { key: 'selfSufficiencyPercent', header: 'self-suff. %', digits: 1 },
  { key: 'settledSelfSufficiencyPercent', header: 'settled self-suff. %', digits: 1 },
  { key: 'selfConsumptionPercent', header: 'self-cons. %', digits: 1 },
  { key: 'settledSelfConsumptionPercent', header: 'settled self-cons. %', digits: 1 },
  { key: 'welfare', header: 'welfare', digits: 2 },
  { key: 'giniSavings', header: 'Gini', digits: 3 },
  { key: 'jainSavings', header: 'Jain', digits: 3 },
  { key: 'peakImportKw', header: 'peak import kW', digits: 1 },
  { key: 'lossesKwh', header: 'losses kWh', digits: 1 },
  { key: 'voltageViolations', header: 'V viol.', digits: 0 },
  { key: 'voltageViolationHours', header: 'V viol. h', digits: 2 },
  { key: 'thermalViolations', header: 'thermal viol.', digits: 0 },
  { key: 'thermalViolationHours', header: 'thermal h', digits: 2 },
  { key: 'curtailedKwh', header: 'curtailed kWh', digits: 1 },
  { key: 'powerFlowFailures', header: 'PF failed steps', digits: 0 },
];

/** A row of the comparison table (null = not defined for this run). */
export type ComparisonRow = Record<string, string | number | null>;

function percent(x: number | null): number | null {
  return x === null ? null : x * 100;
}

/** Builds the comparison rows of a set of runs. */
export function comparisonRows(results: readonly SimulationResult[]): ComparisonRow[] {
  return results.map((r) => {
    const c = r.metrics.community;
    return {
      mechanism: r.mechanism === 'none' ? 'none (no P2P)' : r.mechanism,
      cost: c.cost,
      savings: c.savings,
      savingsPercent: c.savingsPercent,
      p2pVolumeKwh: c.p2pVolumeKwh,
      selfSufficiencyPercent: percent(c.selfSufficiency),
      settledSelfSufficiencyPercent: percent(c.settledSelfSufficiency),
      selfConsumptionPercent: percent(c.selfConsumption),
      settledSelfConsumptionPercent: percent(c.settledSelfConsumption),
      welfare: c.welfare,
      giniSavings: c.giniSavings,
      jainSavings: c.jainSavings,
      peakImportKw: c.peakImportKw,
      lossesKwh: c.lossesKwh,
      voltageViolations: c.voltageViolations.count,
      voltageViolationHours: c.voltageViolations.hours,
      thermalViolations: c.thermalViolations.count,
      thermalViolationHours: c.thermalViolations.hours,
      curtailedKwh: c.curtailedKwh,
      powerFlowFailures: c.powerFlowFailures,
    };
  });
}

function cell(v: string | number | null, digits: number): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  return v.toFixed(digits);
}

/** Formats the rows as a fixed-width text table (first column left-aligned, numbers right-aligned). */
export function formatComparisonTable(rows: readonly ComparisonRow[]): string {
  const cells = rows.map((r) => COMPARISON_COLUMNS.map((c) => cell(r[c.key] ?? null, c.digits)));
  const widths = COMPARISON_COLUMNS.map((c, j) => Math.max(c.header.length, ...cells.map((r) => r[j]!.length)));
  const line = (parts: string[]): string => parts.map((p, j) => (j === 0 ? p.padEnd(widths[j]!) : p.padStart(widths[j]!))).join('  ');
  return [line(COMPARISON_COLUMNS.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
