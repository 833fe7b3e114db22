/**
 * The report's figures of nested communities and of the islanded grid (ts/sim/communities, ts/sim/island): one row
 * per (run, community) with its cost, savings, energy traded inside / bought and sold between communities / with the
 * retailer, self-sufficiency and welfare; one row per islanded run with energy not served, its cost at the value of
 * lost load, the hours with shedding, the served share, and the energy the island's balancing curtailed and moved
 * through storage. Text tables for the terminal (within 120 columns for short community ids; welfare only in HTML) and HTML sections for report.html; runs without communities (or
 * connected runs) have no rows, and then nothing is printed.
 */
import type { SimulationResult } from '../engine/simulation.js';
import { columnUnit, formatCell, formatTextTable, type ComparisonColumn, type ComparisonFormat, type ComparisonRow } from './comparison.js';
import { escapeXml as esc } from './escape-xml.js';

const col = (key: string, header: string, unit: string, digits: number, terminal = true): ComparisonColumn => ({ key, header, unit, digits, group: 'market', terminal });

/** Columns of the per-community table. */
export const COMMUNITY_COLUMNS: readonly ComparisonColumn[] = [
  col('mechanism', 'run', '', 0), col('community', 'community', '', 0), col('communityMechanism', 'market', '', 0),
  col('cost', 'cost', 'money', 0), col('savings', 'savings', 'money', 0),
  col('intraKwh', 'inside', 'kWh', 0), col('interBoughtKwh', 'inter in', 'kWh', 0), col('interSoldKwh', 'inter out', 'kWh', 0),
  col('gridImportKwh', 'grid in', 'kWh', 0), col('gridExportKwh', 'grid out', 'kWh', 0),
  col('selfSufficiencyPercent', 'self-suff.', '%', 1), col('settledSelfSufficiencyPercent', 'covered', '%', 1), col('welfare', 'welfare', 'money', 2, false),
];

/** Columns of the islanded table. */
export const ISLAND_COLUMNS: readonly ComparisonColumn[] = [
  col('mechanism', 'run', '', 0), col('energyNotServedKwh', 'not served', 'kWh', 1), col('lostLoadCost', 'lost load', 'money', 0),
  col('sheddingHours', 'shedding', 'h', 2), col('servedSharePercent', 'served', '%', 2), col('curtailedKwh', 'curtailed', 'kWh', 1),
  col('storageDischargeKwh', 'storage out', 'kWh', 1), col('storageChargeKwh', 'storage in', 'kWh', 1),
];

// Ratios of 1 − x/x come out as −1e-16: print them as 0, not −0.0.
const percent = (x: number | null): number | null => (x === null ? null : Math.abs(x) < 1e-12 ? 0 : x * 100);
const runName = (r: SimulationResult): string => (r.mechanism === 'none' ? 'none (no P2P)' : r.mechanism);

/** One row per (run, community); empty without communities. */
export function communityRows(results: readonly SimulationResult[]): ComparisonRow[] {
  return results.flatMap((r) => (r.metrics.communities?.communities ?? []).map((c) => ({
    mechanism: runName(r), community: c.id, communityMechanism: c.mechanism, cost: c.cost, savings: c.savings,
    intraKwh: c.intraKwh, interBoughtKwh: c.interBoughtKwh, interSoldKwh: c.interSoldKwh, gridImportKwh: c.gridImportKwh, gridExportKwh: c.gridExportKwh,
    selfSufficiencyPercent: percent(c.selfSufficiency), settledSelfSufficiencyPercent: percent(c.settledSelfSufficiency), welfare: c.welfare,
  })));
}

/** One row per islanded run; empty when connected. */
export function islandRows(results: readonly SimulationResult[]): ComparisonRow[] {
  return results.flatMap((r) => {
    const m = r.metrics.islanded;
    return m ? [{
      mechanism: runName(r), energyNotServedKwh: m.energyNotServedKwh, lostLoadCost: m.lostLoadCost, sheddingHours: m.sheddingHours,
      servedSharePercent: percent(m.servedShare), curtailedKwh: m.curtailedKwh, storageDischargeKwh: m.storageDischargeKwh, storageChargeKwh: m.storageChargeKwh,
    }] : [];
  });
}

/** The terminal lines of both tables (none when there is nothing to show). */
export function formatCommunityReport(results: readonly SimulationResult[], format: ComparisonFormat = {}): string[] {
  const lines: string[] = [];
  const communities = communityRows(results);
  if (communities.length > 0) {
    // The no-P2P baseline runs no market at either level: name the inter market of a run that has one.
    const withMarkets = results.filter((r) => r.metrics.communities);
    const inter = (withMarkets.find((r) => r.mechanism !== 'none') ?? withMarkets[0]!).metrics.communities!;
    lines.push('', `Communities (inter-community market: ${inter.interMechanism}, residuals as ${inter.residuals}):`, formatTextTable(COMMUNITY_COLUMNS.filter((c) => c.terminal), communities, format));
  }
  const island = islandRows(results);
  if (island.length > 0) {
    lines.push('', `Islanded (no retailer; value of lost load ${results.find((r) => r.metrics.islanded)!.metrics.islanded!.vollPerKwh} ${format.currency ?? 'EUR'}/kWh):`, formatTextTable(ISLAND_COLUMNS, island, format));
  }
  return lines;
}

function htmlTable(cols: readonly ComparisonColumn[], rows: readonly ComparisonRow[], format: ComparisonFormat): string {
  const currency = format.currency ?? 'EUR';
  const head = cols.map((c) => `<th>${esc(c.header)}${c.unit ? `<br><span class="unit">${esc(columnUnit(c, currency))}</span>` : ''}</th>`).join('');
  const body = rows.map((r) => '<tr>' + cols.map((c) => `<td>${esc(formatCell(c, r[c.key], format))}</td>`).join('') + '</tr>').join('');
  return `<table class="cmp"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The HTML sections of both tables ('' when there is nothing to show). */
export function renderCommunitySections(results: readonly SimulationResult[], format: ComparisonFormat = {}): string {
  const parts: string[] = [];
  const communities = communityRows(results);
  if (communities.length > 0) {
    parts.push(`<h2>Communities</h2>
<p class="note">Each community clears inside first; residuals trade in the inter-community market, then the retailer takes the rest. Inside: energy traded between members; inter in/out: bought from / sold to other communities; grid in/out: with the retailer. Self-sufficiency is physical at the community's boundary; covered = 1 − (inter in + grid in) / consumption, the share of consumption the community covered itself.</p>
${htmlTable(COMMUNITY_COLUMNS, communities, format)}`);
  }
  const island = islandRows(results);
  if (island.length > 0) {
    parts.push(`<h2>Islanded grid</h2>
<p class="note">No retailer: after the local market, storage covers shortfalls before load is shed (pro rata to unmet demand) and absorbs surpluses before PV is curtailed (pro rata to unsold supply). Lost load is valued at the value of lost load and is not part of the cost; "grid" columns mean the island pool in this mode.</p>
${htmlTable(ISLAND_COLUMNS, island, format)}`);
  }
  return parts.join('\n');
}
