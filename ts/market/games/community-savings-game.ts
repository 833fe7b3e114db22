// The canonical coalition game of community P2P trading, after Tushar et al. ("A motivational game-theoretic approach
// for peer-to-peer energy trading in the smart grid", Applied Energy 243, 2019; "Peer-to-peer energy trading with
// sustainable user participation", IEEE Access 2018): a coalition S of prosumers that trades internally pays the
// retailer only for its pooled net position, so its value is what pooling saves against every member settling alone,
//   v(S) = Σ_t [ Σ_{i∈S} bill_t(n_i,t) − bill_t(Σ_{i∈S} n_i,t) − c_t·m_S,t ]⁺-per-interval
//        = Σ_t max(0, r_t − f_t − c_t) · m_S,t,      m_S,t = min(Σ_{i∈S} imports_i,t, Σ_{i∈S} exports_i,t),
// with bill_t(n) = r_t·max(n, 0) − f_t·max(−n, 0), n_i,t the member's net import in interval t (kWh; negative =
// export), r/f the retail and feed-in prices and c the P2P charges (network charge + levies, both sides) on each kWh
// traded inside. The second form is the first rewritten (the pooled bill nets m_S,t kWh of imports against exports),
// with the max because a coalition whose internal trade costs more in charges than it saves simply does not trade.
// Internal payments cancel inside the coalition, so v(S) does not depend on the internal price. How a pricing rule
// (SDR, MMR, bill sharing, an auction) splits v(N) is an allocation of this game; `checkCore` tells whether some group
// would do better trading alone (the stability the papers ask of the grand coalition).
import { ValidationError } from '../../errors.js';
import type { Engine } from '../../engine.js';
import { clearMarket, type MechanismName } from '../clear-market.js';
import type { Order, Tariffs } from '../order.js';
import { coalitionSums, createCoalitionGame, MAX_TABULATED_PLAYERS, type CoalitionGame } from './coalition-game.js';
import { sampledShapleyValue, type IncrementalCoalition, type SampledShapleyOptions, type SampledShapleyResult } from './shapley-value.js';

/** A member's net import per interval, kWh (positive: buys; negative: sells). */
export interface MemberNetSeries {
  /** Member id. */
  id: string;
  /** Net import per interval, kWh. */
  netKwh: ArrayLike<number>;
}

/** The community's retailer prices and P2P charges: one number for every interval, or one value per interval. */
export interface PoolingTariffs {
  /** Price of imports, currency/kWh. */
  retailPricePerKwh: number | ArrayLike<number>;
  /** Price of exports, currency/kWh. */
  feedInPricePerKwh: number | ArrayLike<number>;
  /** P2P charges on each kWh traded inside a coalition (network charge + levies, buyer's and seller's parts), currency/kWh (default 0). */
  internalChargePerKwh?: number | ArrayLike<number>;
}

/** Largest intervals × coalitions the tabulated game evaluates (keeps a game to about a second). */
export const MAX_COMMUNITY_TABULATION_WORK = 2e8;

/** Whether communitySavingsGame accepts `members` members over `intervals` intervals (else sample the Shapley value). */
export function canTabulateCommunity(members: number, intervals: number): boolean {
  return members <= MAX_TABULATED_PLAYERS && intervals * 2 ** members <= MAX_COMMUNITY_TABULATION_WORK;
}

/** The value game v(S) = savings of pooling S's net positions (currency), tabulated over every coalition. */
export function communitySavingsGame(members: readonly MemberNetSeries[], tariffs: PoolingTariffs): CoalitionGame {
  const pool = poolingData(members, tariffs);
  const n = members.length;
  if (!canTabulateCommunity(n, pool.intervals)) {
    throw new ValidationError({ element: 'game', id: 'community', field: 'members', value: n }, `${pool.intervals} intervals × 2^${n} coalitions is too much work; use fewer members or communitySavingsShapley (sampled)`);
  }
  const size = 1 << n;
  const values = new Float64Array(size);
  const imports = new Float64Array(n);
  const exports = new Float64Array(n);
  for (let k = 0; k < pool.intervals; k++) {
    const w = pool.weight[k]!;
    if (w === 0) continue;
    for (let i = 0; i < n; i++) {
      imports[i] = pool.imports[i]![k]!;
      exports[i] = pool.exports[i]![k]!;
    }
    const inSum = coalitionSums(imports, n);
    const outSum = coalitionSums(exports, n);
    for (let mask = 1; mask < size; mask++) values[mask] += w * Math.min(inSum[mask]!, outSum[mask]!);
  }
  return createCoalitionGame(members.map((m) => m.id), (mask) => values[mask]!, 'value');
}

/**
 * The Shapley value of the community savings game by permutation sampling, for communities too large to tabulate
 * (100+ households): each sampled order grows the pooled import and export series one member at a time, so an order
 * costs members × intervals operations. Values in currency, with confidence half-widths.
 */
export function communitySavingsShapley(members: readonly MemberNetSeries[], tariffs: PoolingTariffs, options: SampledShapleyOptions): SampledShapleyResult {
  return sampledShapleyValue(members.length, poolingCoalition(poolingData(members, tariffs)), options);
}

/** v(S) of one coalition given as member indices (currency): Σ_t w_t·min(imports, exports). */
export function communitySavingsOf(members: readonly MemberNetSeries[], tariffs: PoolingTariffs, coalition: readonly number[]): number {
  const pool = poolingData(members, tariffs);
  const c = poolingCoalition(pool);
  let v = c.reset();
  for (const i of coalition) {
    if (!Number.isInteger(i) || i < 0 || i >= members.length) {
      throw new ValidationError({ element: 'game', id: 'community', field: 'coalition', value: i }, `must list member indices 0 … ${members.length - 1}`);
    }
    v = c.add(i);
  }
  return v;
}

/**
 * Each member's saving (currency) when the whole community clears every interval with `mechanism`, members bidding
 * their reservation values (buyers the retail price, sellers the feed-in tariff): Σ_t (alone bill − bill paid),
 * P2P kWh counted at their all-in price (the P2P charges included).
 */
export function mechanismAllocation(
  members: readonly MemberNetSeries[],
  tariffs: PoolingTariffs,
  mechanism: MechanismName,
  options: { seed?: number; engine?: Engine } = {},
): Float64Array {
  const pool = poolingData(members, tariffs);
  const saving = new Float64Array(members.length);
  const index = new Map(members.map((m, i) => [m.id, i] as const));
  const charges = tariffs.internalChargePerKwh ?? 0;
  for (let k = 0; k < pool.intervals; k++) {
    const retail = at(tariffs.retailPricePerKwh, k);
    const feedIn = at(tariffs.feedInPricePerKwh, k);
    const orders: Order[] = [];
    members.forEach((m) => {
      const q = m.netKwh[k]!;
      if (q > 0) orders.push({ id: `${m.id}@${k}`, prosumer: m.id, side: 'buy', quantityKwh: q, pricePerKwh: retail });
      else if (q < 0) orders.push({ id: `${m.id}@${k}`, prosumer: m.id, side: 'sell', quantityKwh: -q, pricePerKwh: feedIn });
      saving[index.get(m.id)!] += q > 0 ? retail * q : feedIn * q;
    });
    if (orders.length === 0) continue;
    // The buyer carries every charge, so the buyer's all-in ceiling is retail − charges (sellers' floor stays feed-in).
    const stepTariffs: Tariffs = { retailPricePerKwh: retail, feedInPricePerKwh: feedIn, networkChargePerKwh: at(charges, k) };
    if (retail - feedIn - at(charges, k) <= 0) {
      // No P2P price is individually rational: everyone settles with the retailer, saving nothing.
      members.forEach((m) => {
        const q = m.netKwh[k]!;
        saving[index.get(m.id)!] -= q > 0 ? retail * q : feedIn * q;
      });
      continue;
    }
    const r = clearMarket(orders, { mechanism, tariffs: stepTariffs, seed: options.seed, engine: options.engine });
    for (const f of r.fills) saving[index.get(f.prosumer)!] -= (f.side === 'buy' ? 1 : -1) * f.quantityKwh * f.allInPricePerKwh;
    for (const g of r.gridPurchases) saving[index.get(g.prosumer)!] -= g.quantityKwh * g.pricePerKwh;
    for (const g of r.gridSales) saving[index.get(g.prosumer)!] += g.quantityKwh * g.pricePerKwh;
  }
  return saving;
}

/** Members' imports and exports per interval (kWh) and the saving per pooled kWh w_t = max(0, r − f − c) (currency/kWh). */
interface PoolingData {
  intervals: number;
  imports: Float64Array[];
  exports: Float64Array[];
  weight: Float64Array;
}

/** An incremental v(S): adding a member updates the pooled series in O(intervals). */
function poolingCoalition(pool: PoolingData): IncrementalCoalition {
  const inSum = new Float64Array(pool.intervals);
  const outSum = new Float64Array(pool.intervals);
  return {
    reset: () => {
      inSum.fill(0);
      outSum.fill(0);
      return 0;
    },
    add: (i) => {
      const imp = pool.imports[i]!;
      const exp = pool.exports[i]!;
      const w = pool.weight;
      let v = 0;
      for (let k = 0; k < pool.intervals; k++) {
        inSum[k] += imp[k]!;
        outSum[k] += exp[k]!;
        v += w[k]! * Math.min(inSum[k]!, outSum[k]!);
      }
      return v;
    },
  };
}

function at(x: number | ArrayLike<number>, k: number): number {
  return typeof x === 'number' ? x : x[k]!;
}

function poolingData(members: readonly MemberNetSeries[], tariffs: PoolingTariffs): PoolingData {
  if (members.length === 0) {
    throw new ValidationError({ element: 'game', id: 'community', field: 'members', value: 0 }, 'needs at least one member');
  }
  const t = members[0]!.netKwh.length;
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.id)) throw new ValidationError({ element: 'member', id: m.id, field: 'id', value: m.id }, 'is listed twice');
    seen.add(m.id);
    if (m.netKwh.length !== t) {
      throw new ValidationError({ element: 'member', id: m.id, field: 'netKwh', value: m.netKwh.length }, `has ${m.netKwh.length} intervals, the first member ${t}`);
    }
  }
  const price = (field: keyof PoolingTariffs, x: number | ArrayLike<number> | undefined): void => {
    if (x === undefined) return;
    if (typeof x !== 'number' && x.length !== t) {
      throw new ValidationError({ element: 'tariffs', id: 'tariffs', field, value: x.length }, `has ${x.length} values, the members ${t} intervals`);
    }
    for (let k = 0; k < (typeof x === 'number' ? 1 : t); k++) {
      const v = at(x, k);
      if (!Number.isFinite(v) || (field === 'internalChargePerKwh' && v < 0)) {
        throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: typeof x === 'number' ? field : `${field}[${k}]`, value: v, unit: 'currency/kWh' }, field === 'internalChargePerKwh' ? 'must be a finite number ≥ 0' : 'must be a finite number');
      }
    }
  };
  price('retailPricePerKwh', tariffs.retailPricePerKwh);
  price('feedInPricePerKwh', tariffs.feedInPricePerKwh);
  price('internalChargePerKwh', tariffs.internalChargePerKwh);
  const weight = new Float64Array(t);
  const charges = tariffs.internalChargePerKwh ?? 0;
  for (let k = 0; k < t; k++) weight[k] = Math.max(0, at(tariffs.retailPricePerKwh, k) - at(tariffs.feedInPricePerKwh, k) - at(charges, k));
  const imports = members.map((m) => {
    const out = new Float64Array(t);
    for (let k = 0; k < t; k++) {
      const q = m.netKwh[k]!;
      if (!Number.isFinite(q)) throw new ValidationError({ element: 'member', id: m.id, field: `netKwh[${k}]`, value: q, unit: 'kWh' }, 'must be a finite number');
      out[k] = Math.max(q, 0);
    }
    return out;
  });
  const exports = members.map((m) => Float64Array.from({ length: t }, (_, k) => Math.max(-m.netKwh[k]!, 0)));
  return { intervals: t, imports, exports, weight };
}
