/**
 * `clearMarket`: one entry point for every market-clearing mechanism of peergrid.
 *
 * Auction mechanisms (uniform, pay-as-bid, pay-as-offer, midpoint, trade-reduction, huang, muda) run on the
 * auction kernels (ts/market/auctions/, WebAssembly or TypeScript engine; see each mechanism's file header for its
 * exact rule). Community pricing rules (sdr, mmr, bill-sharing) are delegated to `clearCommunityPricing` of
 * ts/market/community/.
 *
 * Order of work: validate orders, tariffs and options (ValidationError) → lower to typed columns → kernel →
 * result objects with the user's ids → the retailer settles every residual (grid-residuals.ts).
 *
 * Indivisible orders (`divisible: false`) are rejected for every auction mechanism: all of them may fill the
 * marginal or long-side orders partly, and honouring all-or-nothing orders would turn clearing into a knapsack
 * problem. Nothing is rounded or dropped silently instead.
 */
import { ValidationError } from '../errors.js';
import type { ClearingResult, Fill, Trade } from './clearing-result.js';
import type { Order, Tariffs } from './order.js';
import { validateOrders } from './validate-orders.js';
import { lowerBook, splitHalves } from './auction-book.js';
import { settleResiduals } from './grid-residuals.js';
import { auctionEngine, type AuctionMechanism } from './auctions/auction-engine.js';
import { Summary } from './auctions/summary-slots.js';
import { UniformPriceRule } from './auctions/uniform-price.js';
import { clearCommunityPricing } from './community/index.js';

/** Every mechanism name `clearMarket` and `peergrid clear --mechanism` accept. */
export const MECHANISMS = [
  'uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'trade-reduction', 'huang', 'muda', 'sdr', 'mmr', 'bill-sharing',
] as const;

/** A mechanism name. */
export type MechanismName = (typeof MECHANISMS)[number];

/** Price rules of the uniform-price auction (see ts/market/auctions/uniform-price.ts). */
export type UniformPriceRuleName = keyof typeof UniformPriceRule;

/** Options of clearMarket. */
export interface ClearMarketOptions {
  /** The mechanism. */
  mechanism: MechanismName;
  /** Uniform only: k of k-pricing p = a + k(b − a) on the marginal pair, in [0, 1]; implies priceRule 'k' (default 0.5 there). */
  k?: number;
  /** Uniform only: 'midpoint' (default), 'k', 'buyer' or 'seller'. */
  priceRule?: UniformPriceRuleName;
  /** Seed of MUDA's random split (default 0); other mechanisms are deterministic and ignore it. */
  seed?: number;
  /** Retail price and feed-in tariff of the retailer of last resort, currency per kWh. */
  tariffs?: Tariffs;
  /** Kernel engine (default 'wasm'). */
  engine?: 'wasm' | 'ts';
}

const AUCTIONS = new Set<string>(['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'trade-reduction', 'huang', 'muda']);
const COMMUNITY = new Set<string>(['sdr', 'mmr', 'bill-sharing']);

function optionError(field: string, value: unknown, problem: string): ValidationError {
  return new ValidationError({ element: 'option', id: 'clearMarket', field, value }, problem);
}

/** Clears an order book with one mechanism; throws ValidationError on bad orders, tariffs or options. */
export function clearMarket(orders: readonly Order[], options: ClearMarketOptions): ClearingResult {
  const mechanism = options?.mechanism;
  if (!AUCTIONS.has(mechanism) && !COMMUNITY.has(mechanism)) {
    throw optionError('mechanism', mechanism, `must be one of ${MECHANISMS.join(', ')}`);
  }
  const engine = options.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'ts') throw optionError('engine', engine, "must be 'wasm' or 'ts'");
  if (options.seed !== undefined && !Number.isFinite(options.seed)) {
    throw optionError('seed', options.seed, 'must be a finite number');
  }
  const { priceRule, k } = resolvePriceRule(mechanism, options);
  validateOrders(orders, options.tariffs);

  if (COMMUNITY.has(mechanism)) {
    return clearCommunityPricing(orders, { rule: mechanism as 'sdr' | 'mmr' | 'bill-sharing', tariffs: options.tariffs ?? {}, engine });
  }

  for (const o of orders) {
    if (o.divisible === false) {
      throw new ValidationError(
        { element: 'order', id: o.id, field: 'divisible', value: false },
        `all-or-nothing orders are not supported by mechanism '${mechanism}' (it may fill orders partly); use a divisible order`,
      );
    }
  }
  const book = lowerBook(orders);
  if (mechanism === 'muda') splitHalves(orders, book, options.seed ?? 0);
  const out = auctionEngine(engine).clear(mechanism as AuctionMechanism, book, { priceRule, k });

  const fillKwh = new Float64Array(orders.length);
  const priceOf = new Float64Array(orders.length);
  for (let b = 0; b < book.buyOrder.length; b++) {
    fillKwh[book.buyOrder[b]] = out.buyFill[b];
    priceOf[book.buyOrder[b]] = out.buyPrice[b];
  }
  for (let s = 0; s < book.sellOrder.length; s++) {
    fillKwh[book.sellOrder[s]] = out.sellFill[s];
    priceOf[book.sellOrder[s]] = out.sellPrice[s];
  }
  const fills: Fill[] = [];
  for (let i = 0; i < orders.length; i++) {
    if (fillKwh[i] > 0) {
      const o = orders[i];
      fills.push({ orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: fillKwh[i], pricePerKwh: priceOf[i] });
    }
  }
  let trades: Trade[] | null = null;
  if (out.pairs) {
    const { buy, sell, quantityKwh, pricePerKwh } = out.pairs;
    trades = new Array<Trade>(buy.length);
    for (let t = 0; t < buy.length; t++) {
      const bo = orders[book.buyOrder[buy[t]]];
      const so = orders[book.sellOrder[sell[t]]];
      trades[t] = {
        buyOrderId: bo.id, sellOrderId: so.id, buyer: bo.prosumer, seller: so.prosumer,
        quantityKwh: quantityKwh[t], pricePerKwh: pricePerKwh[t], sellerPricePerKwh: pricePerKwh[t],
      };
    }
  }
  const sm = out.summary;
  const num = (x: number): number | null => (Number.isNaN(x) ? null : x);
  let clearingPrices: Array<number | null> | null = null;
  if (mechanism === 'muda') {
    const p0 = num(sm[Summary.HALF0_PRICE]);
    const p1 = num(sm[Summary.HALF1_PRICE]);
    if (p0 !== null || p1 !== null) clearingPrices = [p0, p1];
  } else if (Number.isNaN(sm[Summary.PRICE]) && !Number.isNaN(sm[Summary.BUYER_PRICE])) {
    clearingPrices = [sm[Summary.BUYER_PRICE], sm[Summary.SELLER_PRICE]];
  }
  const tradedKwh = sm[Summary.TRADED];
  const welfare = sm[Summary.WELFARE];
  const maxWelfare = sm[Summary.MAX_WELFARE];
  const maxTradableKwh = sm[Summary.MAX_TRADABLE];
  return {
    mechanism,
    fills,
    trades,
    ...settleResiduals(orders, fillKwh, options.tariffs),
    tradedKwh,
    welfare,
    marketSurplus: sm[Summary.SURPLUS],
    clearingPrice: num(sm[Summary.PRICE]),
    priceInterval: Number.isNaN(sm[Summary.LO]) ? null : [sm[Summary.LO], sm[Summary.HI]],
    clearingPrices,
    maxWelfare,
    maxTradableKwh,
    welfarePercent: maxWelfare > 0 ? (welfare / maxWelfare) * 100 : 100,
    volumePercent: maxTradableKwh > 0 ? (tradedKwh / maxTradableKwh) * 100 : 100,
  };
}

function resolvePriceRule(mechanism: string, options: ClearMarketOptions): { priceRule: number; k: number } {
  const { k, priceRule } = options;
  if (mechanism !== 'uniform') {
    if (k !== undefined) throw optionError('k', k, `applies to mechanism 'uniform' only, not '${mechanism}'`);
    if (priceRule !== undefined) throw optionError('priceRule', priceRule, `applies to mechanism 'uniform' only, not '${mechanism}'`);
    return { priceRule: 0, k: 0.5 };
  }
  if (k !== undefined && (typeof k !== 'number' || !(k >= 0 && k <= 1))) throw optionError('k', k, 'must be a number in [0, 1]');
  const rule = priceRule ?? (k !== undefined ? 'k' : 'midpoint');
  if (!(rule in UniformPriceRule)) throw optionError('priceRule', rule, "must be 'midpoint', 'k', 'buyer' or 'seller'");
  if (k !== undefined && rule !== 'k') throw optionError('k', k, `conflicts with priceRule '${rule}' (k applies to priceRule 'k')`);
  return { priceRule: UniformPriceRule[rule], k: k ?? 0.5 };
}
