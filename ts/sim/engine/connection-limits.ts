/**
 * Grid-connection limits, enforced by curtailing PV before the market sees the step (a curtailed kWh is never
 * offered): each connection's export limit (kW, or a fraction of its PV kWp), then the community's transformer limit
 * on Σ net injection (before losses), shared pro rata to export among the exporters. Only PV can be curtailed, and
 * never below zero export: a limit that PV curtailment cannot meet (a battery exporting above it, imports above the
 * transformer limit) is counted by the caller, not hidden.
 */
import type { Scenario } from '../scenario/scenario-schema.js';

/** Export limit per prosumer, kW (Infinity = unlimited), from the scenario's limits and per-prosumer overrides. */
export function exportLimitsKw(scenario: Scenario): Float64Array {
  const { exportKw, exportFractionOfKwp } = scenario.limits;
  return Float64Array.from(scenario.prosumers, (p) => {
    if (p.exportLimitKw !== undefined) return p.exportLimitKw;
    let lim = exportKw ?? Infinity;
    if (exportFractionOfKwp !== undefined && p.pvKwp > 0) lim = Math.min(lim, exportFractionOfKwp * p.pvKwp);
    return lim;
  });
}

/**
 * Curtails each connection's export down to its limit: cutKw[i] = min(net − limit, PV) where net exceeds the limit.
 * Updates netKw in place and returns Σ cut, kW.
 */
export function applyExportLimits(netKw: Float64Array, pvKw: ArrayLike<number>, limitKw: Float64Array, cutKw: Float64Array): number {
  let total = 0;
  for (let i = 0; i < netKw.length; i++) {
    const over = netKw[i]! - limitKw[i]!;
    const cut = over > 0 ? Math.min(over, pvKw[i]!) : 0;
    cutKw[i] = cut;
    netKw[i]! -= cut;
    total += cut;
  }
  return total;
}

/**
 * Curtails exports so that Σ netKw ≤ limitKw: the excess is shared in proportion to each exporter's export, capped
 * at its remaining PV (pvLeftKw) and at its export (water-filling: a capped share passes to the others). Updates
 * netKw in place, writes each cut to cutKw and returns Σ cut, kW (less than the excess when PV cannot cover it).
 */
export function applyTransformerLimit(netKw: Float64Array, pvLeftKw: ArrayLike<number>, limitKw: number, cutKw: Float64Array): number {
  cutKw.fill(0);
  let sum = 0;
  for (let i = 0; i < netKw.length; i++) sum += netKw[i]!;
  let excess = sum - limitKw;
  if (!(excess > 0)) return 0;
  let total = 0;
  // Each round either meets the excess or caps at least one exporter, so n rounds suffice.
  for (let round = 0; round < netKw.length && excess > 1e-12; round++) {
    let base = 0;
    for (let i = 0; i < netKw.length; i++) if (netKw[i]! > 0 && pvLeftKw[i]! - cutKw[i]! > 0) base += netKw[i]!;
    if (base <= 0) break;
    let cutThisRound = 0;
    for (let i = 0; i < netKw.length; i++) {
      const room = Math.min(netKw[i]!, pvLeftKw[i]! - cutKw[i]!);
      if (!(netKw[i]! > 0) || room <= 0) continue;
      const c = Math.min(room, (excess * netKw[i]!) / base);
      cutKw[i]! += c;
      netKw[i]! -= c;
      cutThisRound += c;
    }
    excess -= cutThisRound;
    total += cutThisRound;
  }
  return total;
}
