/**
 * Community pricing: `clearCommunityPricing(orders, { rule, tariffs, engine })` settles one interval's net positions
 * of a community (buy orders = members' net demand, sell orders = members' net supply) against the retailer with
 * the supply-demand-ratio, mid-market-rate or bill-sharing rule. The rules, their sources and edge cases are in the
 * header of ./community-pricing-baseline.ts. Order prices are ignored by the rules (they are settlement rules, not
 * auctions); they are used only for the welfare figures of the ClearingResult.
 *
 * Attribution: the peer-to-peer part of each order is a Fill (price = the rule's peer-to-peer price), its grid part
 * a GridTransaction at the tariff (retail for buyers, feed-in for sellers); both are pro rata, every buyer getting
 * the share min(S, D)/D of its quantity from peers and every seller selling min(S, D)/S to peers. Budget balance:
 * Σ buyers' payments = Σ sellers' receipts + (λb·import − λs·export), to floating-point rounding (tests use 1e-9
 * relative).
 *
 * Percentages. A settlement rule shares min(S, D) kWh whatever the order prices, so its maximum tradable volume is
 * min(S, D): `maxTradableKwh` = min(S, D) and `volumePercent` = tradedKwh / min(S, D) · 100 (100 up to rounding,
 * clamped to at most 100; 100 when min(S, D) = 0). The auctions' figure — the kWh of units whose prices cross, which
 * a rule that ignores prices can exceed — is reported as `priceCrossingKwh` for comparisons across mechanisms.
 * `maxWelfare` stays the book's efficient-cross welfare at the orders' prices (./max-welfare.ts), so
 * `welfarePercent` (≤ 100) shows what ignoring prices costs: units traded between a buyer bidding below the seller's
 * ask count negatively.
 */
import { ValidationError } from '../../errors.js';
import { KernelStatus, statusName } from '../../status.js';
import type { ClearingResult, Fill, GridTransaction } from '../clearing-result.js';
import type { Order, Tariffs } from '../order.js';
import { continuousKernelModule } from '../continuous/continuous-kernel-module.js';
import {
  clearCommunity,
  COMMUNITY_RULE,
  COMMUNITY_SUMMARY_LENGTH,
} from './community-pricing-baseline.js';
import { efficientCrossOfColumns } from './max-welfare.js';
import { validateCommunityInput } from './validate-community-input.js';
import { allInPricePerKwh } from '../tariffs/rationality-bounds.js';
import type { Engine } from '../../engine.js';
import { isCommunityRule, type CommunityRule } from '../mechanisms.js';

export type { CommunityRule };

/** Options of clearCommunityPricing. */
export interface CommunityPricingOptions {
  /** The settlement rule. */
  rule: CommunityRule;
  /** Retail price λb and feed-in tariff λs, currency/kWh; both are required, with λb ≥ λs (and λs ≥ 0 for 'sdr'). */
  tariffs: Tariffs;
  /** Kernel engine (default 'wasm'). */
  engine?: Engine;
  /**
   * Internal: true when the caller has already run `validateOrders(orders, tariffs)` on these very orders (as
   * clearMarket does), so the O(n) order checks are skipped; the tariff checks of the rule still run.
   */
  ordersValidated?: boolean;
}

/** A fill under a community rule: the price comes from the rule, never from the order. */
export interface CommunityFill extends Fill {
  /** Always 'community-rule': the order's own pricePerKwh was ignored when pricing this fill. */
  priceSource: 'community-rule';
}

/** The settled raw arrays of one community pricing run, per order in input order (exposed for callers and tests). */
export interface CommunitySettlementArrays {
  /** Peer-to-peer kWh per order. */
  p2pKwh: Float64Array;
  /** Peer-to-peer price per order, currency/kWh. */
  p2pPricePerKwh: Float64Array;
  /** Grid kWh per order (bought at retail for buyers, sold at feed-in for sellers). */
  gridKwh: Float64Array;
  /** Grid tariff per order, currency/kWh. */
  gridPricePerKwh: Float64Array;
}

/** The ClearingResult of a community rule plus the community's totals and prices. */
export interface CommunityPricingResult extends ClearingResult {
  /** 'sdr' | 'mmr' | 'bill-sharing'. */
  mechanism: CommunityRule;
  /** Peer-to-peer fills (their prices come from the rule). */
  fills: CommunityFill[];
  /** min(S, D), kWh: a settlement rule shares this much whatever the prices (see the module header). */
  maxTradableKwh: number;
  /** tradedKwh / min(S, D) · 100, at most 100 (100 when min(S, D) = 0). */
  volumePercent: number;
  /** kWh of the book's units whose prices cross (bid ≥ ask), the auctions' maxTradableKwh, for comparisons. */
  priceCrossingKwh: number;
  /** Total supply S of the sell orders, kWh. */
  supplyKwh: number;
  /** Total demand D of the buy orders, kWh. */
  demandKwh: number;
  /** S / D, or null when D = 0. */
  supplyDemandRatio: number | null;
  /** Price buyers pay on their peer-to-peer share, currency/kWh (SDR: Pis; MMR: Pmid; bill sharing: 0). */
  p2pBuyPricePerKwh: number;
  /** Price sellers get on their peer-to-peer share, currency/kWh. */
  p2pSellPricePerKwh: number;
  /** Average price every buyer pays per kWh including its grid share (SDR: Pib), currency/kWh. */
  effectiveBuyPricePerKwh: number;
  /** Average price every seller gets per kWh including its grid share, currency/kWh. */
  effectiveSellPricePerKwh: number;
  /** Energy the community imports from the retailer, max(D − S, 0), kWh. */
  gridImportKwh: number;
  /** Energy the community exports to the retailer, max(S − D, 0), kWh. */
  gridExportKwh: number;
  /** Net paid to the retailer: λb·import − λs·export, currency. */
  gridSettlement: number;
  /** Σ over buyers of (peer-to-peer + grid) payments, currency. */
  buyersPay: number;
  /** Σ over sellers of (peer-to-peer + grid) receipts, currency. */
  sellersReceive: number;
  /** Human-readable statement that order prices were ignored by the rule. */
  note: string;
}

/**
 * Settles `orders` as one community interval under `options.rule` (see the module header) and returns the
 * ClearingResult with fills, pro-rata grid purchases and sales, and the community's totals.
 */
export function clearCommunityPricing(orders: readonly Order[], options: CommunityPricingOptions): CommunityPricingResult {
  const { rule, tariffs } = options;
  const engine = options.engine ?? 'wasm';
  if (!isCommunityRule(rule)) {
    throw new ValidationError({ element: 'options', id: 'clearCommunityPricing', field: 'rule', value: rule },
      "must be 'sdr', 'mmr', 'bill-sharing' or 'bill-sharing-literal'");
  }
  if (engine !== 'wasm' && engine !== 'ts') {
    throw new ValidationError({ element: 'options', id: 'clearCommunityPricing', field: 'engine', value: engine },
      "must be 'wasm' or 'ts'");
  }
  const { retail, feedIn, ceiling, floor } = validateCommunityInput(options.ordersValidated === true ? null : orders, tariffs, rule);
  // One walk over the objects lowers everything later passes need: the kernel's columns and the price columns of
  // the efficient cross.
  const n = orders.length;
  const side = new Int32Array(n);
  const qty = new Float64Array(n);
  const price = new Float64Array(n);
  let nb = 0;
  for (let i = 0; i < n; i++) {
    const o = orders[i]!;
    const buy = o.side === 'buy';
    side[i] = buy ? 0 : 1;
    qty[i] = o.quantityKwh;
    price[i] = o.pricePerKwh;
    if (buy) nb++;
  }
  const arrays = settleCommunityArrays(side, qty, COMMUNITY_RULE[rule], retail, feedIn, engine, { ceiling, floor });
  return buildResult(orders, side, qty, price, nb, rule, tariffs, arrays.arrays, arrays.summary);
}

/**
 * Runs the community kernel on typed arrays (side 0 buy / 1 sell, quantity kWh) without building result objects:
 * the fast path for simulations and benchmarks. `bounds`: the rules' λb (buyers' ceiling) and λs (sellers' floor),
 * currency/kWh (default retail and feed-in: no P2P charges). Throws on a kernel status other than OK.
 */
export function settleCommunityArrays(
  side: Int32Array, qty: Float64Array, rule: number, retail: number, feedIn: number, engine: Engine,
  bounds: { ceiling: number; floor: number } = { ceiling: retail, floor: feedIn },
): { arrays: CommunitySettlementArrays; summary: Float64Array } {
  const { ceiling, floor } = bounds;
  const n = qty.length;
  const p2pKwh = new Float64Array(n);
  const p2pPricePerKwh = new Float64Array(n);
  const gridKwh = new Float64Array(n);
  const gridPricePerKwh = new Float64Array(n);
  const summary = new Float64Array(COMMUNITY_SUMMARY_LENGTH);
  let status: number;
  if (engine === 'ts') {
    status = clearCommunity(side, qty, n, rule, retail, feedIn, ceiling, floor, p2pKwh, p2pPricePerKwh, gridKwh, gridPricePerKwh, summary);
  } else {
    const { exports, arena } = continuousKernelModule();
    const mark = arena.mark();
    try {
      const sideP = arena.pushI32(side);
      const qtyP = arena.pushF64(qty);
      const outs = [arena.allocF64(n), arena.allocF64(n), arena.allocF64(n), arena.allocF64(n)];
      const sumP = arena.allocF64(COMMUNITY_SUMMARY_LENGTH);
      status = exports.clearCommunity(sideP, qtyP, n, rule, retail, feedIn, ceiling, floor, outs[0]!, outs[1]!, outs[2]!, outs[3]!, sumP);
      p2pKwh.set(arena.f64(outs[0]!, n));
      p2pPricePerKwh.set(arena.f64(outs[1]!, n));
      gridKwh.set(arena.f64(outs[2]!, n));
      gridPricePerKwh.set(arena.f64(outs[3]!, n));
      summary.set(arena.f64(sumP, COMMUNITY_SUMMARY_LENGTH));
    } finally {
      arena.reset(mark);
    }
  }
  if (status !== KernelStatus.OK) throw new Error(`community pricing kernel returned '${statusName(status)}'`);
  return { arrays: { p2pKwh, p2pPricePerKwh, gridKwh, gridPricePerKwh }, summary };
}

function buildResult(
  orders: readonly Order[], side: Int32Array, qty: Float64Array, price: Float64Array, nb: number, rule: CommunityRule,
  tariffs: Tariffs, a: CommunitySettlementArrays, summary: Float64Array,
): CommunityPricingResult {
  const retail = tariffs.retailPricePerKwh!;
  const feedIn = tariffs.feedInPricePerKwh!;
  const n = orders.length;
  const fills: CommunityFill[] = [];
  const gridPurchases: GridTransaction[] = [];
  const gridSales: GridTransaction[] = [];
  const bp = new Float64Array(nb);
  const bq = new Float64Array(nb);
  const sp = new Float64Array(n - nb);
  const sq = new Float64Array(n - nb);
  let b = 0;
  let s = 0;
  let welfare = 0;
  let buyP2pPay = 0;
  let sellP2pGet = 0;
  let buyersPay = 0;
  let sellersReceive = 0;
  for (let i = 0; i < n; i++) {
    const q = a.p2pKwh[i]!;
    const p = a.p2pPricePerKwh[i]!;
    const g = a.gridKwh[i]!;
    const gp = a.gridPricePerKwh[i]!;
    const buy = side[i] === 0;
    if (q > 0 || g > 0) {
      const o = orders[i]!;
      if (q > 0) {
        fills.push({
          orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: q, pricePerKwh: p,
          allInPricePerKwh: allInPricePerKwh(o.side, p, tariffs), priceSource: 'community-rule',
        });
      }
      if (g > 0) {
        (buy ? gridPurchases : gridSales).push({ orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: g, pricePerKwh: gp });
      }
    }
    const x = price[i]!;
    const qi = qty[i]!;
    if (buy) {
      welfare += x * q;
      buyP2pPay += p * q;
      buyersPay += p * q + gp * g;
      bp[b] = x;
      bq[b++] = qi;
    } else {
      welfare -= x * q;
      sellP2pGet += p * q;
      sellersReceive += p * q + gp * g;
      sp[s] = x;
      sq[s++] = qi;
    }
  }
  const cross = efficientCrossOfColumns(bp, bq, sp, sq);
  const tradedKwh = summary[7]!;
  const importKwh = summary[8]!;
  const exportKwh = summary[9]!;
  const ratio = summary[2]!;
  const volume = communityVolume(summary);
  return {
    mechanism: rule,
    fills,
    trades: null,
    gridPurchases,
    gridSales,
    tradedKwh,
    welfare,
    marketSurplus: buyP2pPay - sellP2pGet,
    clearingPricePerKwh: summary[3]!,
    priceIntervalPerKwh: null,
    clearingPrice: summary[3]!,
    priceInterval: null,
    maxWelfare: cross.maxWelfare,
    maxTradableKwh: volume.maxTradableKwh,
    welfarePercent: cross.maxWelfare === 0 ? 100 : (welfare / cross.maxWelfare) * 100,
    volumePercent: volume.volumePercent,
    priceCrossingKwh: cross.maxTradableKwh,
    supplyKwh: summary[0]!,
    demandKwh: summary[1]!,
    supplyDemandRatio: Number.isFinite(ratio) ? ratio : null,
    p2pBuyPricePerKwh: summary[3]!,
    p2pSellPricePerKwh: summary[4]!,
    effectiveBuyPricePerKwh: summary[5]!,
    effectiveSellPricePerKwh: summary[6]!,
    gridImportKwh: importKwh,
    gridExportKwh: exportKwh,
    gridSettlement: retail * importKwh - feedIn * exportKwh,
    buyersPay,
    sellersReceive,
    note:
      `${rule} is a settlement rule: order prices were ignored; every fill is priced by the rule ` +
      `(retail ${retail}, feed-in ${feedIn} per kWh) and imbalances are attributed pro rata to the grid.`,
  };
}

/**
 * The volume figures of a community rule from the kernel's summary (see the module header): maxTradableKwh =
 * min(S, D) kWh and volumePercent = tradedKwh / min(S, D) · 100, clamped to 100 (the pro-rata sum can exceed
 * min(S, D) by rounding), 100 when min(S, D) = 0. clearMarketColumnar should use it too, so both paths agree.
 */
export function communityVolume(summary: Float64Array): { maxTradableKwh: number; volumePercent: number } {
  const supply = summary[0]!;
  const demand = summary[1]!;
  const shared = supply < demand ? supply : demand;
  const traded = summary[7]!;
  return { maxTradableKwh: shared, volumePercent: shared === 0 ? 100 : Math.min(100, (traded / shared) * 100) };
}
