/**
 * Nested communities (the survey's inter- and intra-community trading): each community clears its members' orders
 * internally first, with its own mechanism; what is left (residual-book.ts: the members' unmatched orders, or each
 * community's aggregated residual) trades in an inter-community market with a mechanism of its own; the retailer then
 * settles the rest of every order at retail / feed-in (../grid-residuals.ts: the same rule as a plain market).
 *
 * Pricing: each stage is an ordinary clearMarket on its own book, with the interval's tariffs, so every P2P kWh is
 * priced inside [sellers' floor, buyers' ceiling] at either level and nobody does worse than with the retailer (the
 * published bill-sharing rule, 'bill-sharing-literal', stays the documented exception for sellers, as in clearMarket).
 * Residual orders keep their limit prices ('orders'), or carry the quantity-weighted mean limit price of their
 * community's residuals on that side ('aggregate'); the inter mechanism prices them by its rule. A member pays (or
 * receives) the intra price for what it traded inside, the inter price for what its order (or its manager's) got
 * outside, and the tariff for the rest.
 *
 * Energy: for every order, intra fill + inter fill + retailer = quantity (to rounding, 1e-9 relative in the tests);
 * so over the book, intra + inter + retailer = total demand and total supply. Seeds: community k clears with the
 * interval's seed (a one-community book clears exactly as the plain market), the inter market with a seed derived
 * from it. Welfare is the sum of the stages' welfare at the prices each stage cleared on; maxWelfare is the whole
 * book's as one market, so welfarePercent measures what nesting costs against one market (one community with no
 * inter-community trade reports its own market's figures). It is valued as the stages that ran value welfare: at
 * bids capped at the buyers' ceiling and asks raised to the sellers' floor when any stage is an auction (as the
 * auctions do), at the orders' own prices when every stage is a community rule (as those do).
 */
import { ValidationError } from '../../errors.js';
import type { Engine } from '../../engine.js';
import { clearMarket } from '../clear-market.js';
import type { ClearingResult, Fill } from '../clearing-result.js';
import { efficientCross, type EfficientCross } from '../community/max-welfare.js';
import { isCommunityRule } from '../mechanisms.js';
import { rationalInterval } from '../tariffs/rationality-bounds.js';
import { settleResiduals } from '../grid-residuals.js';
import type { Order, Tariffs } from '../order.js';
import { validateOrders } from '../validate-orders.js';
import { checkNestedMechanism, partitionByCommunity, type CommunitySpec, type NestedMechanism } from './community-partition.js';
import { residualBook, type ResidualForm } from './residual-book.js';

/** The inter-community market. */
export interface InterCommunitySpec {
  /** Mechanism ('none': no inter-community market; residuals go to the retailer). */
  mechanism: NestedMechanism;
  /** 'orders' (default): members' residual orders go up as they are; 'aggregate': one order per community and side. */
  residuals?: ResidualForm;
}

/** Options of clearNestedCommunities. */
export interface NestedClearOptions {
  /** The communities; every order's prosumer must belong to exactly one. */
  communities: readonly CommunitySpec[];
  /** The inter-community market. */
  interCommunity: InterCommunitySpec;
  /** Tariffs of the interval (retailer of last resort and P2P charges), as for clearMarket. */
  tariffs?: Tariffs;
  /** Seed of the interval (default 0). */
  seed?: number;
  /** Kernel engine (default 'wasm'). */
  engine?: Engine;
}

/** Where a community's energy went, in an interval or over a run, and what it cost its members. */
export interface CommunityFlows {
  /** Energy its members traded with each other, kWh (= bought = sold inside). */
  intraKwh: number;
  /** Energy its members bought in the inter-community market, kWh. */
  interBoughtKwh: number;
  /** Energy its members sold in the inter-community market, kWh. */
  interSoldKwh: number;
  /** Energy its members bought from the retailer, kWh. */
  gridImportKwh: number;
  /** Energy its members sold to the retailer, kWh. */
  gridExportKwh: number;
  /** What its members paid in all: P2P purchases all-in + retail − P2P sales all-in − feed-in, currency. */
  cost: number;
  /** Its internal market's welfare, currency. */
  welfare: number;
}

/** One community's part of a nested clearing. */
export interface CommunityClearing extends CommunityFlows {
  /** Community id. */
  id: string;
  /** Its internal mechanism. */
  mechanism: NestedMechanism;
  /** Its internal market's result (null: mechanism 'none' or no orders). */
  intra: ClearingResult | null;
  /** Σ its buy orders, kWh. */
  demandKwh: number;
  /** Σ its sell orders, kWh. */
  supplyKwh: number;
}

/** The outcome of a nested clearing: a ClearingResult of the whole book plus each stage. */
export interface NestedClearingResult extends ClearingResult {
  /** Each community's stage, in the order given. */
  communities: CommunityClearing[];
  /** The inter-community market: its book and result (null: mechanism 'none' or an empty book). */
  inter: { mechanism: NestedMechanism; residuals: ResidualForm; book: Order[]; result: ClearingResult | null };
  /** Energy traded inside communities, kWh. */
  intraKwh: number;
  /** Energy traded between communities, kWh. */
  interKwh: number;
  /** Energy bought from the retailer, kWh. */
  gridImportKwh: number;
  /** Energy sold to the retailer, kWh. */
  gridExportKwh: number;
}

const sumKwh = (list: readonly { quantityKwh: number }[]): number => list.reduce((s, x) => s + x.quantityKwh, 0);

/** The seed of the inter-community market of an interval with seed `seed`. */
export function interSeed(seed: number): number {
  return (Math.imul(seed | 0, 0x9e3779b1) ^ 0x5bd1e995) | 0;
}

/** Clears a book as nested communities: intra markets, then the inter-community market, then the retailer. */
export function clearNestedCommunities(orders: readonly Order[], options: NestedClearOptions): NestedClearingResult {
  validateOrders(orders, options?.tariffs);
  const { communities, tariffs, engine } = options;
  const seed = options.seed ?? 0;
  const { communityOfOrder, members } = partitionByCommunity(orders, communities);
  const inter = options.interCommunity;
  const interMechanism = checkNestedMechanism(inter?.mechanism, 'option', 'interCommunity');
  const form = inter.residuals ?? 'orders';
  if (form !== 'orders' && form !== 'aggregate') {
    throw new ValidationError({ element: 'option', id: 'interCommunity', field: 'residuals', value: form }, "must be 'orders' or 'aggregate'");
  }

  const indexOfId = new Map<string, number>();
  orders.forEach((o, i) => indexOfId.set(o.id, i));
  const intraFill = new Float64Array(orders.length);
  const intraResults = communities.map((c, k) => {
    const book = members[k]!.map((i) => orders[i]!);
    if (c.mechanism === 'none' || book.length === 0) return null;
    const r = clearMarket(book, { mechanism: c.mechanism, tariffs, seed, engine });
    for (const f of r.fills) intraFill[indexOfId.get(f.orderId)!] += f.quantityKwh;
    return r;
  });

  const residual = Float64Array.from(orders, (o, i) => o.quantityKwh - intraFill[i]!);
  const up = residualBook(orders, residual, communityOfOrder, communities, form);
  const interResult = interMechanism === 'none' || up.book.length === 0
    ? null
    : clearMarket(up.book, { mechanism: interMechanism, tariffs, seed: interSeed(seed), engine });
  const interFills = interResult === null ? [] : up.toMemberFills(interResult.fills);

  const totalFill = intraFill.slice();
  for (const f of interFills) totalFill[indexOfId.get(f.orderId)!] += f.quantityKwh;
  const { gridPurchases, gridSales } = settleResiduals(orders, totalFill, tariffs);
  const fills: Fill[] = [...intraResults.flatMap((r) => r?.fills ?? []), ...interFills];

  const perCommunity = communities.map((c, k): CommunityClearing => {
    const r = intraResults[k]!;
    let demand = 0;
    let supply = 0;
    for (const i of members[k]!) {
      if (orders[i]!.side === 'buy') demand += orders[i]!.quantityKwh;
      else supply += orders[i]!.quantityKwh;
    }
    return { id: c.id, mechanism: c.mechanism, intra: r, demandKwh: demand, supplyKwh: supply, intraKwh: r?.tradedKwh ?? 0, interBoughtKwh: 0, interSoldKwh: 0, gridImportKwh: 0, gridExportKwh: 0, cost: 0, welfare: r?.welfare ?? 0 };
  });
  const of = (orderId: string): CommunityClearing => perCommunity[communityOfOrder[indexOfId.get(orderId)!]!]!;
  for (const f of fills) of(f.orderId).cost += (f.side === 'buy' ? 1 : -1) * f.quantityKwh * f.allInPricePerKwh;
  for (const f of interFills) {
    if (f.side === 'buy') of(f.orderId).interBoughtKwh += f.quantityKwh;
    else of(f.orderId).interSoldKwh += f.quantityKwh;
  }
  for (const g of gridPurchases) {
    of(g.orderId).gridImportKwh += g.quantityKwh;
    of(g.orderId).cost += g.quantityKwh * g.pricePerKwh;
  }
  for (const g of gridSales) {
    of(g.orderId).gridExportKwh += g.quantityKwh;
    of(g.orderId).cost -= g.quantityKwh * g.pricePerKwh;
  }

  const stages = [...intraResults, interResult].filter((r): r is ClearingResult => r !== null);
  const add = (f: (r: ClearingResult) => number): number => stages.reduce((s, r) => s + f(r), 0);
  const addOrNull = (f: (r: ClearingResult) => number | null): number | null =>
    stages.some((r) => f(r) === null) ? (stages.length === 0 ? 0 : null) : add((r) => f(r)!);
  const intraKwh = intraResults.reduce((s, r) => s + (r?.tradedKwh ?? 0), 0);
  const interKwh = interResult?.tradedKwh ?? 0;
  const welfare = add((r) => r.welfare);
  // A single market stage (one community, nothing traded between communities) is that market: its own figures.
  const ran = [...intraResults, interResult !== null && interResult.tradedKwh > 0 ? interResult : null].filter((r): r is ClearingResult => r !== null);
  const sole = ran.length === 1 ? ran[0]! : null;
  const { maxWelfare, maxTradableKwh } = sole ?? bookEfficientCross(orders, tariffs, ran.map((r) => r.mechanism as NestedMechanism));
  const price = nestedPrice(intraResults, interResult);
  return {
    mechanism: 'nested-communities',
    fills,
    trades: null,
    gridPurchases,
    gridSales,
    tradedKwh: intraKwh + interKwh,
    welfare,
    marketSurplus: add((r) => r.marketSurplus),
    welfareAtReservation: tariffs?.retailPricePerKwh === undefined || tariffs.feedInPricePerKwh === undefined ? null : addOrNull((r) => r.welfareAtReservation),
    prosumerSavings: tariffs?.retailPricePerKwh === undefined || tariffs.feedInPricePerKwh === undefined ? null : addOrNull((r) => r.prosumerSavings),
    networkOperatorRevenue: add((r) => r.networkOperatorRevenue),
    clearingPricePerKwh: price.clearingPrice,
    priceIntervalPerKwh: price.priceInterval,
    clearingPrice: price.clearingPrice,
    priceInterval: price.priceInterval,
    maxWelfare,
    maxTradableKwh,
    welfarePercent: sole !== null ? sole.welfarePercent : maxWelfare > 0 ? (welfare / maxWelfare) * 100 : null,
    volumePercent: sole !== null ? sole.volumePercent : maxTradableKwh > 0 ? ((intraKwh + interKwh) / maxTradableKwh) * 100 : null,
    communities: perCommunity,
    inter: { mechanism: interMechanism, residuals: form, book: up.book, result: interResult },
    intraKwh,
    interKwh,
    gridImportKwh: sumKwh(gridPurchases),
    gridExportKwh: sumKwh(gridSales),
  };
}

/** The efficient cross of the whole book, valued as the stages value welfare (see the file header). */
function bookEfficientCross(orders: readonly Order[], tariffs: Tariffs | undefined, mechanisms: readonly NestedMechanism[]): EfficientCross {
  if (!mechanisms.some((m) => m !== 'none' && !isCommunityRule(m))) return efficientCross(orders);
  const { floor, ceiling } = rationalInterval(tariffs);
  return efficientCross(orders.map((o) => ({
    ...o,
    pricePerKwh: o.side === 'buy' ? Math.min(o.pricePerKwh, ceiling ?? Infinity) : Math.max(o.pricePerKwh, floor ?? -Infinity),
  })));
}

/**
 * The single clearing price of a nested clearing: with one community and no inter-community trade, that community's
 * prices (so one community reports what the plain market does); otherwise the common price of the stages that
 * traded, or null where they differ.
 */
function nestedPrice(intra: readonly (ClearingResult | null)[], inter: ClearingResult | null): { clearingPrice: number | null; priceInterval: [number, number] | null } {
  if (intra.length === 1 && intra[0] !== null && !(inter !== null && inter.tradedKwh > 0)) {
    return { clearingPrice: intra[0].clearingPrice, priceInterval: intra[0].priceInterval };
  }
  const traded = [...intra, inter].filter((r): r is ClearingResult => r !== null && r.tradedKwh > 0);
  const p = traded[0]?.clearingPrice ?? null;
  const same = p !== null && traded.every((r) => r.clearingPrice === p);
  return { clearingPrice: same ? p : null, priceInterval: null };
}
