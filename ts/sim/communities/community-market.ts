/**
 * Nested communities in the simulation (scenario `communities` + `interCommunity`): each step's book clears with
 * clearNestedCommunities (ts/market/communities/) instead of one market, and this stage adds up, per community, what
 * was traded inside, bought and sold between communities, the welfare of its internal market and the physical
 * exchange across its boundary (Σ of its members' net injections per step). Money, the retailer's part and the
 * per-prosumer energy identities go through the simulation's own settlement, as for any mechanism. Under the run's
 * mechanism 'none' (the no-P2P baseline) nothing clears, but the per-community figures are still reported.
 */
import { ValidationError } from '../../errors.js';
import { clearNestedCommunities, type NestedClearingResult } from '../../market/communities/clear-nested-communities.js';
import { isNestedMechanism, type CommunitySpec, type NestedMechanism } from '../../market/communities/community-partition.js';
import type { ResidualForm } from '../../market/communities/residual-book.js';
import type { ClearingResult } from '../../market/clearing-result.js';
import type { Order, Tariffs } from '../../market/order.js';
import type { Simulation } from '../engine/simulation.js';
import type { CommunityScenarioSpec, InterCommunityScenarioSpec } from '../scenario/community-schema.js';
import { communitiesMetrics, type CommunitiesMetrics, type CommunityRunTotals } from './community-metrics.js';

/** The communities of a run and their running totals. */
export class CommunityMarket {
  /** The communities with their mechanisms resolved against the run's. */
  readonly specs: CommunitySpec[];
  /** The inter-community mechanism, resolved. */
  readonly interMechanism: NestedMechanism;
  /** How residuals reach the inter-community market. */
  readonly residuals: ResidualForm;
  /** Community index of each prosumer (scenario order). */
  readonly communityOfProsumer: Int32Array;
  /** Running totals per community. */
  readonly totals: CommunityRunTotals;
  /** Welfare of the inter-community market so far, currency. */
  interWelfare = 0;

  constructor(sim: Simulation, communities: readonly CommunityScenarioSpec[], inter: InterCommunityScenarioSpec | undefined) {
    const run = sim.mechanism;
    const resolve = (m: NestedMechanism | undefined, field: string): NestedMechanism => {
      const r = run === 'none' ? 'none' : m ?? run;
      if (!isNestedMechanism(r)) {
        throw new ValidationError({ element: 'scenario', id: sim.scenario.name, field, value: r }, `mechanism '${r}' cannot clear nested communities: use 'none' or a clearMarket mechanism`);
      }
      return r;
    };
    this.specs = communities.map((c, k) => ({ id: c.id, prosumers: c.prosumers, mechanism: resolve(c.mechanism, `communities[${k}].mechanism`) }));
    this.interMechanism = resolve(inter?.mechanism, 'interCommunity.mechanism');
    this.residuals = inter?.residuals ?? 'orders';
    const index = new Map(sim.agents.map((a, i) => [a.id, i]));
    this.communityOfProsumer = new Int32Array(sim.agents.length);
    communities.forEach((c, k) => c.prosumers.forEach((p) => (this.communityOfProsumer[index.get(p)!] = k)));
    const f = (): Float64Array => new Float64Array(communities.length);
    this.totals = { intraKwh: f(), interBoughtKwh: f(), interSoldKwh: f(), welfare: f(), netImportKwh: f(), netExportKwh: f() };
  }

  /** Clears one step's book as nested communities. */
  clear(book: readonly Order[], tariffs: Tariffs, seed: number, engine: 'wasm' | 'ts'): NestedClearingResult {
    return clearNestedCommunities(book, { communities: this.specs, interCommunity: { mechanism: this.interMechanism, residuals: this.residuals }, tariffs, seed, engine });
  }

  /** Adds the step's final clearing (null without a market) and the members' net injections to the totals. */
  record(sim: Simulation, clearing: ClearingResult | null): void {
    const t = this.totals;
    const nested = clearing !== null && 'communities' in clearing ? (clearing as NestedClearingResult) : null;
    if (nested !== null) {
      nested.communities.forEach((c, k) => {
        t.intraKwh[k]! += c.intraKwh;
        t.interBoughtKwh[k]! += c.interBoughtKwh;
        t.interSoldKwh[k]! += c.interSoldKwh;
        t.welfare[k]! += c.welfare;
      });
      this.interWelfare += nested.inter.result?.welfare ?? 0;
    }
    const net = new Float64Array(this.specs.length);
    for (let i = 0; i < sim.netKw.length; i++) net[this.communityOfProsumer[i]!]! += sim.netKw[i]! * sim.grid.dtHours;
    net.forEach((e, k) => {
      if (e < 0) t.netImportKwh[k]! -= e;
      else t.netExportKwh[k]! += e;
    });
  }

  /** Per-community metrics of the steps run so far. */
  metrics(sim: Simulation): CommunitiesMetrics {
    return communitiesMetrics(sim, this.specs, this.communityOfProsumer, this.totals, { mechanism: this.interMechanism, residuals: this.residuals, welfare: this.interWelfare });
  }
}
