// The canonical coalition game of community P2P trading, after Tushar et al. ("A motivational game-theoretic approach
// for peer-to-peer energy trading in the smart grid", Applied Energy 243, 2019; "Peer-to-peer energy trading with
// sustainable user participation", IEEE Access 2018): a coalition S of prosumers that trades internally pays the
// retailer only for its pooled net position, so its value is what pooling saves against every member settling alone,
//   v(S) = Σ_t [ Σ_{i∈S} bill_i(n_i,t) − bill(Σ_{i∈S} n_i,t) ],   bill(n) = retail·max(n, 0) − feedIn·max(−n, 0),
// with n_i,t the member's net import in interval t (kWh; negative = export). Internal payments cancel inside the
// coalition, so v(S) does not depend on the internal price. How a pricing rule (SDR, MMR, bill sharing, an auction)
// splits v(N) is an allocation of this game; `checkCore` tells whether some group would do better trading alone
// (the stability the papers ask of the grand coalition).
import { ValidationError } from '../../errors.js';
import type { Engine } from '../../engine.js';
import { clearMarket, type MechanismName } from '../clear-market.js';
import type { Order } from '../order.js';
import { coalitionSums, createCoalitionGame, MAX_TABULATED_PLAYERS, type CoalitionGame } from './coalition-game.js';

/** A member's net import per interval, kWh (positive: buys; negative: sells). */
export interface MemberNetSeries {
  /** Member id. */
  id: string;
  /** Net import per interval, kWh. */
  netKwh: ArrayLike<number>;
}

/** Flat retail and feed-in prices of the community's retailer, currency/kWh. */
export interface PoolingTariffs {
  /** Price of imports, currency/kWh. */
  retailPricePerKwh: number;
  /** Price of exports, currency/kWh (≤ retail, else pooling could lose money). */
  feedInPricePerKwh: number;
}

/** Largest intervals × coalitions evaluated (keeps a game to seconds). */
const MAX_WORK = 2e8;

/** The value game v(S) = savings of pooling S's net positions (currency). */
export function communitySavingsGame(members: readonly MemberNetSeries[], tariffs: PoolingTariffs): CoalitionGame {
  const t = validate(members, tariffs);
  const n = members.length;
  const size = 1 << n;
  const values = new Float64Array(size);
  const column = new Float64Array(n);
  const bill = (x: number): number => (x > 0 ? tariffs.retailPricePerKwh * x : tariffs.feedInPricePerKwh * x);
  for (let k = 0; k < t; k++) {
    for (let i = 0; i < n; i++) column[i] = members[i]!.netKwh[k]!;
    const pooled = coalitionSums(column, n);
    const alone = coalitionSums(column.map(bill), n);
    for (let mask = 1; mask < size; mask++) values[mask] += alone[mask]! - bill(pooled[mask]!);
  }
  return createCoalitionGame(members.map((m) => m.id), (mask) => values[mask]!, 'value');
}

/**
 * Each member's saving (currency) when the whole community clears every interval with `mechanism`, members bidding
 * their reservation values (buyers the retail price, sellers the feed-in tariff): Σ_t (alone bill − bill paid).
 */
export function mechanismAllocation(
  members: readonly MemberNetSeries[],
  tariffs: PoolingTariffs,
  mechanism: MechanismName,
  options: { seed?: number; engine?: Engine } = {},
): Float64Array {
  const t = validate(members, tariffs);
  const saving = new Float64Array(members.length);
  const index = new Map(members.map((m, i) => [m.id, i] as const));
  for (let k = 0; k < t; k++) {
    const orders: Order[] = [];
    members.forEach((m) => {
      const q = m.netKwh[k]!;
      if (q > 0) orders.push({ id: `${m.id}@${k}`, prosumer: m.id, side: 'buy', quantityKwh: q, pricePerKwh: tariffs.retailPricePerKwh });
      else if (q < 0) orders.push({ id: `${m.id}@${k}`, prosumer: m.id, side: 'sell', quantityKwh: -q, pricePerKwh: tariffs.feedInPricePerKwh });
      const alone = q > 0 ? tariffs.retailPricePerKwh * q : tariffs.feedInPricePerKwh * q;
      saving[index.get(m.id)!] += alone;
    });
    if (orders.length === 0) continue;
    const r = clearMarket(orders, { mechanism, tariffs, seed: options.seed, engine: options.engine });
    for (const f of r.fills) saving[index.get(f.prosumer)!] -= (f.side === 'buy' ? 1 : -1) * f.quantityKwh * f.pricePerKwh;
    for (const g of r.gridPurchases) saving[index.get(g.prosumer)!] -= g.quantityKwh * g.pricePerKwh;
    for (const g of r.gridSales) saving[index.get(g.prosumer)!] += g.quantityKwh * g.pricePerKwh;
  }
  return saving;
}

function validate(members: readonly MemberNetSeries[], tariffs: PoolingTariffs): number {
  const { retailPricePerKwh: r, feedInPricePerKwh: f } = tariffs;
  if (!(Number.isFinite(r) && Number.isFinite(f) && f >= 0 && f <= r)) {
    throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'feedInPricePerKwh', value: f, unit: 'currency/kWh' }, `must be finite with 0 ≤ feed-in ≤ retail (${r})`);
  }
  if (members.length === 0 || members.length > MAX_TABULATED_PLAYERS) {
    throw new ValidationError({ element: 'game', id: 'community', field: 'members', value: members.length }, `needs 1 to ${MAX_TABULATED_PLAYERS} members`);
  }
  const t = members[0]!.netKwh.length;
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.id)) throw new ValidationError({ element: 'member', id: m.id, field: 'id', value: m.id }, 'is listed twice');
    seen.add(m.id);
    if (m.netKwh.length !== t) {
      throw new ValidationError({ element: 'member', id: m.id, field: 'netKwh', value: m.netKwh.length }, `has ${m.netKwh.length} intervals, the first member ${t}`);
    }
    for (let k = 0; k < t; k++) {
      if (!Number.isFinite(m.netKwh[k])) throw new ValidationError({ element: 'member', id: m.id, field: `netKwh[${k}]`, value: m.netKwh[k], unit: 'kWh' }, 'must be a finite number');
    }
  }
  if (t * (1 << members.length) > MAX_WORK) {
    throw new ValidationError({ element: 'game', id: 'community', field: 'members', value: members.length }, `${t} intervals × 2^${members.length} coalitions is too much work; use fewer members or sampledShapleyValue`);
  }
  return t;
}
