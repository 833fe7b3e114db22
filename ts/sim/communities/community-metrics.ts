/**
 * Metrics of nested communities over a run, per community and for the whole (energies kWh, money currency):
 * - cost, baselineCost, savings: the members' sums (simulation-metrics.ts definitions).
 * - intraKwh: traded between members; interBoughtKwh / interSoldKwh: bought from / sold to other communities;
 *   gridImportKwh / gridExportKwh: the members' trade with the retailer. Per community, Σ members' deficit =
 *   intra + inter bought + grid import and Σ surplus = intra + inter sold + grid export.
 * - selfSufficiency: physical, at the community's boundary: 1 − Σ per step max(0, −Σ members' net)·dt / consumption.
 *   settledSelfSufficiency: 1 − (inter bought + grid import) / consumption, the share of consumption the community
 *   covered itself (own PV and batteries, and trades between members).
 * - welfare: of the community's internal market; the whole adds the inter-community market's welfare.
 * A ratio whose denominator is 0 is null.
 */
import type { CommunityFlows } from '../../market/communities/clear-nested-communities.js';
import type { CommunitySpec, NestedMechanism } from '../../market/communities/community-partition.js';
import type { ResidualForm } from '../../market/communities/residual-book.js';
import type { Simulation } from '../engine/simulation.js';

/** Running totals per community (index = community in scenario order). */
export interface CommunityRunTotals {
  intraKwh: Float64Array;
  interBoughtKwh: Float64Array;
  interSoldKwh: Float64Array;
  welfare: Float64Array;
  netImportKwh: Float64Array;
  netExportKwh: Float64Array;
}

/** Metrics of one community over a run (the flows summed over steps; cost as in simulation-metrics.ts). */
export interface CommunityRunMetrics extends CommunityFlows {
  /** Community id. */
  id: string;
  /** Its internal mechanism ('none' in the no-P2P baseline). */
  mechanism: NestedMechanism;
  /** Number of members. */
  prosumers: number;
  /** Members' load + EV charging, kWh. */
  consumptionKwh: number;
  /** Members' PV, kWh. */
  pvKwh: number;
  /** Members' no-P2P baseline cost, currency. */
  baselineCost: number;
  /** baselineCost − cost, currency. */
  savings: number;
  /** Physical at the community's boundary (null without consumption). */
  selfSufficiency: number | null;
  /** 1 − (inter bought + grid import) / consumption (null without consumption). */
  settledSelfSufficiency: number | null;
}

/** Metrics of nested communities over a run. */
export interface CommunitiesMetrics {
  /** Mechanism of the inter-community market. */
  interMechanism: NestedMechanism;
  /** Form of the residuals in it. */
  residuals: ResidualForm;
  /** Per community, in scenario order. */
  communities: CommunityRunMetrics[];
  /** The whole: energy traded inside communities, between them, and with the retailer (kWh), and welfare (currency). */
  whole: { intraKwh: number; interKwh: number; gridImportKwh: number; gridExportKwh: number; intraWelfare: number; interWelfare: number; welfare: number };
}

/** Builds the metrics from the simulation's per-prosumer totals and the communities' running totals. */
export function communitiesMetrics(
  sim: Simulation,
  specs: readonly CommunitySpec[],
  communityOfProsumer: Int32Array,
  t: CommunityRunTotals,
  inter: { mechanism: NestedMechanism; residuals: ResidualForm; welfare: number },
): CommunitiesMetrics {
  const p = sim.totals;
  const communities = specs.map((c, k): CommunityRunMetrics => {
    let consumption = 0;
    let pv = 0;
    let imp = 0;
    let exp = 0;
    let cost = 0;
    let baselineCost = 0;
    let n = 0;
    for (let i = 0; i < communityOfProsumer.length; i++) {
      if (communityOfProsumer[i] !== k) continue;
      n++;
      consumption += p.loadKwh[i]! + p.evKwh[i]!;
      pv += p.pvKwh[i]!;
      imp += p.gridImportKwh[i]!;
      exp += p.gridExportKwh[i]!;
      cost += p.cost[i]!;
      baselineCost += p.baselineCost[i]!;
    }
    const ratio = (x: number): number | null => (consumption > 0 ? 1 - x / consumption : null);
    return {
      id: c.id, mechanism: c.mechanism, prosumers: n, consumptionKwh: consumption, pvKwh: pv,
      intraKwh: t.intraKwh[k]!, interBoughtKwh: t.interBoughtKwh[k]!, interSoldKwh: t.interSoldKwh[k]!, gridImportKwh: imp, gridExportKwh: exp,
      cost, baselineCost, savings: baselineCost - cost,
      selfSufficiency: ratio(t.netImportKwh[k]!), settledSelfSufficiency: ratio(t.interBoughtKwh[k]! + imp), welfare: t.welfare[k]!,
    };
  });
  const sum = (f: (c: CommunityRunMetrics) => number): number => communities.reduce((s, c) => s + f(c), 0);
  const intraWelfare = sum((c) => c.welfare);
  return {
    interMechanism: inter.mechanism,
    residuals: inter.residuals,
    communities,
    whole: {
      intraKwh: sum((c) => c.intraKwh), interKwh: sum((c) => c.interBoughtKwh), gridImportKwh: sum((c) => c.gridImportKwh), gridExportKwh: sum((c) => c.gridExportKwh),
      intraWelfare, interWelfare: inter.welfare, welfare: intraWelfare + inter.welfare,
    },
  };
}
