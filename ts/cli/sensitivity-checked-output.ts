// What `peergrid clear --mechanism sensitivity-checked` prints: the --json object (the clear contract's fields first)
// and the readable summary.
import type { Tariffs } from '../market/order.js';
import type { SensitivityCheckedResult } from '../market/network-constrained/sensitivity-checked-trades.js';
import { allInPricePerKwh } from '../market/tariffs/rationality-bounds.js';

/** The --json object: mechanism, fills, trades, tradedKwh, welfare, marketSurplus, clearingPrice, priceInterval, then the check. */
export function sensitivityCheckedJson(r: SensitivityCheckedResult, tariffs: Tariffs): Record<string, unknown> {
  return {
    mechanism: r.mechanism,
    fills: r.fills.map((f) => ({ ...f, allInPricePerKwh: f.pricePerKwh === null ? null : allInPricePerKwh(f.side, f.pricePerKwh, tariffs) })),
    trades: r.trades,
    tradedKwh: r.tradedKwh,
    welfare: r.welfare,
    marketSurplus: r.marketSurplus,
    clearingPrice: null,
    priceInterval: null,
    status: r.status,
    matching: r.matching,
    violationRule: r.violationRule,
    requestedKwh: r.requestedKwh,
    matchedWelfare: r.matchedWelfare,
    busIds: r.busIds,
    vmPu: [...r.vmPu],
    loadingPercent: r.loadingPercent,
    bindingVoltageBuses: r.bindingVoltageBuses,
    bindingBranches: r.bindingBranches,
    baseViolationBuses: r.baseViolationBuses,
    baseViolationBranches: r.baseViolationBranches,
    checkMs: r.checkMs,
  };
}

/** The readable summary: accepted against matched volume, the limits that cut trades, the voltage range. */
export function describeSensitivityChecked(r: SensitivityCheckedResult): string {
  const fmt = (v: number): string => Number(v.toPrecision(6)).toString();
  const cut = r.trades.filter((t) => t.limit !== null);
  const limits = [...new Set(cut.map((t) => `${t.limit!.kind} ${t.limit!.id}`))];
  const vm = [...r.vmPu].filter(Number.isFinite);
  const lines = [
    `sensitivity-checked (${r.matching} matching, ${r.violationRule} rule): ${fmt(r.tradedKwh)} of ${fmt(r.requestedKwh)} kWh matched accepted, ` +
      `welfare ${fmt(r.welfare)} of ${fmt(r.matchedWelfare)}`,
    `${cut.length} of ${r.trades.length} trade${r.trades.length === 1 ? '' : 's'} ${r.violationRule === 'reduce' ? 'cut' : 'rejected'}` +
      `${limits.length ? ` by ${limits.slice(0, 5).join(', ')}${limits.length > 5 ? ', …' : ''}` : ''}; voltages ${fmt(vm.reduce((a, b) => Math.min(a, b)))} … ${fmt(vm.reduce((a, b) => Math.max(a, b)))} p.u. (LinDistFlow)`,
  ];
  if (r.status === 'base-violation') {
    lines.push(`note: the background load alone violates limits at ${[...r.baseViolationBuses, ...r.baseViolationBranches].join(', ')}; trades were not allowed to worsen them`);
  }
  return lines.join('\n') + '\n';
}
