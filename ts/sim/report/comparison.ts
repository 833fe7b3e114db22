/**
 * The comparison of several runs of one scenario (one row per mechanism). Columns fall in two groups:
 * - 'market': what the mechanism decides (money, P2P volume and prices, welfare, fairness, imbalance cost);
 * - 'physics': what the flows decide (self-sufficiency, peak, losses, violations, curtailment). Agents do not
 *   respond to P2P prices in this model, so the physics columns are the same for every mechanism;
 *   `physicsIdentical` checks it, and the tables then print them once.
 * COMPARISON_COLUMNS lists every column (comparison.csv has them all); the terminal table shows the market group and
 * a few lines of physics, to stay within 120 columns.
 */
import type { SimulationResult } from '../engine/simulation.js';

/** One column of the comparison table. */
export interface ComparisonColumn {
  /** Key in the row object. */
  key: string;
  /** Header (without unit). */
  header: string;
  /** Unit; 'money' is replaced by the currency, 'money/kWh' by e.g. 'EUR/kWh'. */
  unit: string;
  /** Decimals printed. */
  digits: number;
  /** Mechanism-dependent ('market') or decided by the flows ('physics'). */
  group: 'market' | 'physics' | 'label';
  /** Shown in the terminal table. */
  terminal?: boolean;
  /** False: left out of report.html's table to keep it within 800 px (comparison.csv and results.json keep it). */
  html?: false;
}

/** The columns, in order. */
export const COMPARISON_COLUMNS: readonly ComparisonColumn[] = [
  { key: 'mechanism', header: 'mechanism', unit: '', digits: 0, group: 'label', terminal: true },
  { key: 'cost', header: 'cost', unit: 'money', digits: 0, group: 'market', terminal: true },
  { key: 'savings', header: 'savings', unit: 'money', digits: 0, group: 'market', terminal: true },
  { key: 'savingsPercent', header: 'savings', unit: '%', digits: 2, group: 'market', terminal: true },
  { key: 'p2pVolumeKwh', header: 'P2P', unit: 'kWh', digits: 0, group: 'market', terminal: true },
  { key: 'p2pBuyerPricePerKwh', header: 'P2P buy', unit: 'money/kWh', digits: 4, group: 'market', terminal: true },
  { key: 'p2pSellerPricePerKwh', header: 'P2P sell', unit: 'money/kWh', digits: 4, group: 'market', terminal: true },
  { key: 'networkChargesPaid', header: 'P2P charges', unit: 'money', digits: 0, group: 'market' },
  { key: 'settledSelfSufficiencyPercent', header: 'settled self-suff.', unit: '%', digits: 1, group: 'market' },
  { key: 'settledSelfConsumptionPercent', header: 'settled self-cons.', unit: '%', digits: 1, group: 'market', html: false },
  { key: 'welfare', header: 'welfare', unit: 'money', digits: 0, group: 'market', terminal: true },
  { key: 'operatorSurplus', header: 'operator surplus', unit: 'money', digits: 0, group: 'market' },
  { key: 'welfareAtReservation', header: 'welfare at reservation', unit: 'money', digits: 0, group: 'market' },
  { key: 'giniSavings', header: 'Gini', unit: '', digits: 3, group: 'market', terminal: true },
  { key: 'jainSavings', header: 'Jain', unit: '', digits: 3, group: 'market', terminal: true },
  { key: 'imbalanceKwh', header: 'imbalance', unit: 'kWh', digits: 0, group: 'market' },
  { key: 'imbalanceCost', header: 'imbalance', unit: 'money', digits: 0, group: 'market', terminal: true },
  { key: 'selfSufficiencyPercent', header: 'self-suff.', unit: '%', digits: 1, group: 'physics' },
  { key: 'selfConsumptionPercent', header: 'self-cons.', unit: '%', digits: 1, group: 'physics' },
  { key: 'peakImportKw', header: 'peak import', unit: 'kW', digits: 1, group: 'physics' },
  { key: 'lossesKwh', header: 'losses', unit: 'kWh', digits: 0, group: 'physics' },
  { key: 'voltageViolations', header: 'V viol.', unit: 'bus-steps', digits: 0, group: 'physics' },
  { key: 'voltageViolationHours', header: 'V viol.', unit: 'h', digits: 2, group: 'physics' },
  { key: 'thermalViolations', header: 'thermal viol.', unit: 'branch-steps', digits: 0, group: 'physics' },
  { key: 'thermalViolationHours', header: 'thermal viol.', unit: 'h', digits: 2, group: 'physics' },
  { key: 'curtailedKwh', header: 'curtailed', unit: 'kWh', digits: 0, group: 'physics' },
  { key: 'curtailedExportLimitKwh', header: 'curt. export limit', unit: 'kWh', digits: 0, group: 'physics' },
  { key: 'curtailedTransformerKwh', header: 'curt. transformer', unit: 'kWh', digits: 0, group: 'physics' },
  { key: 'curtailedNetworkKwh', header: 'curt. V/thermal', unit: 'kWh', digits: 0, group: 'physics' },
  { key: 'curtailedClearingKwh', header: 'curt. in clearing', unit: 'kWh', digits: 0, group: 'physics' },
  { key: 'powerFlowFailures', header: 'PF failed', unit: 'steps', digits: 0, group: 'physics' },
  { key: 'worstVoltageExcessPu', header: 'worst V excess', unit: 'p.u.', digits: 4, group: 'physics', html: false },
  { key: 'worstOverloadPoints', header: 'worst overload', unit: '% points', digits: 1, group: 'physics', html: false },
  { key: 'linDistFlowErrorPu', header: 'LinDistFlow error', unit: 'p.u.', digits: 4, group: 'physics', html: false },
];

/** A row of the comparison table (null = not defined for this run). */
export type ComparisonRow = Record<string, string | number | null>;

/** Options of the formatted tables. */
export interface ComparisonFormat {
  /** ISO 4217 code printed with every money figure (default 'EUR'). */
  currency?: string;
  /** Whether the network has thermal ratings (false: the thermal columns say 'no ratings'). */
  thermalRatings?: boolean;
}

function percent(x: number | null): number | null {
  return x === null ? null : x * 100;
}

/** The unit of a column with the currency filled in. */
export function columnUnit(c: ComparisonColumn, currency: string): string {
  return c.unit.replace('money', currency);
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
      p2pBuyerPricePerKwh: c.p2pBuyerPricePerKwh,
      p2pSellerPricePerKwh: c.p2pSellerPricePerKwh,
      networkChargesPaid: c.networkChargesPaid,
      selfSufficiencyPercent: percent(c.selfSufficiency),
      settledSelfSufficiencyPercent: percent(c.settledSelfSufficiency),
      selfConsumptionPercent: percent(c.selfConsumption),
      settledSelfConsumptionPercent: percent(c.settledSelfConsumption),
      welfare: c.welfare,
      operatorSurplus: c.marketSurplus,
      welfareAtReservation: c.savings + c.marketSurplus,
      giniSavings: c.giniSavings,
      jainSavings: c.jainSavings,
      imbalanceKwh: c.imbalance === null ? null : c.imbalance.shortKwh + c.imbalance.longKwh,
      imbalanceCost: c.imbalance?.cost ?? null,
      peakImportKw: c.peakImportKw,
      lossesKwh: c.lossesKwh,
      voltageViolations: c.voltageViolations.count,
      voltageViolationHours: c.voltageViolations.hours,
      thermalViolations: c.thermalViolations.count,
      thermalViolationHours: c.thermalViolations.hours,
      curtailedKwh: c.curtailedKwh,
      curtailedExportLimitKwh: c.curtailedByReason.exportLimitKwh,
      curtailedTransformerKwh: c.curtailedByReason.transformerKwh,
      curtailedNetworkKwh: c.curtailedByReason.networkKwh,
      curtailedClearingKwh: c.curtailedByReason.clearingKwh,
      powerFlowFailures: c.powerFlowFailures,
      worstVoltageExcessPu: c.voltageViolations.worstExcessPu,
      worstOverloadPoints: c.thermalViolations.worstExcessPercent,
      linDistFlowErrorPu: c.gridClearing?.maxLinDistFlowErrorPu ?? null,
    };
  });
}

/** Whether every physics column has the same value in every row (relative 1e-9: sums in another order may differ in the last bit). */
export function physicsIdentical(rows: readonly ComparisonRow[]): boolean {
  return COMPARISON_COLUMNS.filter((c) => c.group === 'physics').every((c) =>
    rows.every((r) => {
      const a = r[c.key] ?? null;
      const b = rows[0]![c.key] ?? null;
      if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
      return a === b;
    }),
  );
}

/** A cell as text: null → '–'; thermal columns → 'no ratings' when the network has none. */
export function formatCell(c: ComparisonColumn, v: string | number | null | undefined, format: ComparisonFormat = {}): string {
  if (format.thermalRatings === false && c.key.startsWith('thermal')) return 'no ratings';
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '–';
  return typeof v === 'string' ? v : v.toFixed(c.digits);
}

/** The columns without the imbalance columns when no run has them (they exist only in the gate-closure mode). */
export function columnsWithValues(columns: readonly ComparisonColumn[], rows: readonly ComparisonRow[]): ComparisonColumn[] {
  return columns.filter((c) => !c.key.startsWith('imbalance') || rows.some((r) => r[c.key] !== null && r[c.key] !== undefined));
}

/**
 * Formats the rows as a fixed-width text table: the terminal columns, with a second header line of units (so every
 * money figure carries its currency). Physics columns are appended only when they differ between runs; otherwise
 * `formatPhysicsSummary` prints them once.
 */
export function formatComparisonTable(rows: readonly ComparisonRow[], format: ComparisonFormat = {}): string {
  const cols = columnsWithValues(
    COMPARISON_COLUMNS.filter((c) => c.terminal || (!physicsIdentical(rows) && c.group === 'physics' && /Percent$|Hours$|^curtailedKwh$|^lossesKwh$|^powerFlowFailures$/.test(c.key))),
    rows,
  );
  return formatTextTable(cols, rows, format);
}

/** Formats rows as a fixed-width text table of the given columns, with a second header line of units. */
export function formatTextTable(cols: readonly ComparisonColumn[], rows: readonly ComparisonRow[], format: ComparisonFormat = {}): string {
  const currency = format.currency ?? 'EUR';
  const cells = rows.map((r) => cols.map((c) => formatCell(c, r[c.key], format)));
  const units = cols.map((c) => columnUnit(c, currency));
  const widths = cols.map((c, j) => Math.max(c.header.length, units[j]!.length, ...cells.map((r) => r[j]!.length)));
  const line = (parts: string[]): string => parts.map((p, j) => (j === 0 ? p.padEnd(widths[j]!) : p.padStart(widths[j]!))).join('  ').trimEnd();
  return [line(cols.map((c) => c.header)), line(units), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The physics figures of the first row as text lines of at most `width` characters (when they are the same for every run). */
export function formatPhysicsSummary(rows: readonly ComparisonRow[], format: ComparisonFormat = {}, width = 120): string[] {
  const r = rows[0]!;
  const parts = COMPARISON_COLUMNS.filter((c) => c.group === 'physics').map((c) => {
    const v = formatCell(c, r[c.key], format);
    return `${c.header} ${v}${v === '–' || v === 'no ratings' ? '' : ` ${c.unit}`}`;
  });
  const lines: string[] = [];
  let cur = physicsIdentical(rows) ? 'Physics (the same under every mechanism: agents do not respond to P2P prices):' : `Physics of '${r.mechanism}':`;
  for (const p of parts) {
    if (cur.length + 2 + p.length > width) {
      lines.push(cur);
      cur = ' ';
    }
    cur += ` ${p},`;
  }
  lines.push(cur.replace(/,$/, '.'));
  return lines;
}
