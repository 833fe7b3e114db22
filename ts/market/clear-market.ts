/**
 * `clearMarket`: one entry point for every market-clearing mechanism of peergrid.
 *
 * Auction mechanisms (uniform, pay-as-bid, pay-as-offer, midpoint, trade-reduction, huang, muda) run on the
 * auction kernels (ts/market/auctions/, WebAssembly or TypeScript engine; see each mechanism's file header for its
 * exact rule). Community pricing rules (sdr, mmr, bill-sharing) are delegated to `clearCommunityPricing` of
 * ts/market/community/.
 *
 * Order of work: validate orders, tariffs and options (ValidationError) → lower to typed columns → kernel →
 * result objects with the user's ids → the retailer settles every residual (the rule of grid-residuals.ts).
 *
 * Individual rationality against the retailer, under every mechanism and any valid tariffs: no buyer pays more for
 * a P2P kWh (price + its P2P charges) than retail, no seller nets less than feed-in (tariffs/rationality-bounds.ts).
 * The auctions clear bids capped at the buyers' ceiling (retail − buyer charges) and asks raised to the sellers'
 * floor (feed-in + seller charges): a P2P kWh is worth no more than that to anyone who can use the retailer, and
 * each auction prices within the traded orders' (capped) limits. The community rules price inside [floor, ceiling]
 * (the published bill-sharing rule, 'bill-sharing-literal', is the documented exception for sellers). Ties are broken
 * by a seeded random priority drawn per interval (tie-break-priority.ts), which is also MUDA's lottery.
 *
 * 'network-constrained' (options: `network`, a loaded LP `solver`) clears with the feeder inside the problem and
 * settles at the DLMPs of the orders' buses (network-constrained/network-constrained-market.ts); its result is the
 * ClearingResult variant NetworkConstrainedClearingResult.
 *
 * Indivisible orders (`divisible: false`) are rejected for every auction mechanism: all of them may fill the
 * marginal or long-side orders partly, and honouring all-or-nothing orders would turn clearing into a knapsack
 * problem. Nothing is rounded or dropped silently instead.
 */
import { ValidationError } from '../errors.js';
import type { ClearingResult, Fill, GridTransaction, Trade } from './clearing-result.js';
import type { Order, Tariffs } from './order.js';
import { validateOrders } from './validate-orders.js';
import { lowerBook, splitHalves, type LoweringOptions } from './auction-book.js';
import type { AuctionMechanism } from './auctions/auction-engine.js';
import { runAuctionColumns } from './clearing-columns.js';
import { NestedScratch, type ScratchBuffer } from './scratch-buffer.js';
import { UniformPriceRule } from './auctions/uniform-price.js';
import { clearCommunityPricing } from './community/community-pricing.js';
import { p2pCharges, rationalInterval } from './tariffs/rationality-bounds.js';
import { tieBreakPriority } from './tie-break-priority.js';
import type { Engine } from '../engine.js';
import { isCommunityRule, isMechanismName, MECHANISMS, type MechanismName } from './mechanisms.js';
import {
  clearNetworkConstrainedMarket, NETWORK_CONSTRAINED, type NetworkConstrainedClearOptions, type NetworkConstrainedClearingResult,
} from './network-constrained/network-constrained-market.js';

// Re-exported for the modules and tests that import them with clearMarket (the table is ./mechanisms.ts).
export { MECHANISMS, type MechanismName };


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
  /** Seed of this interval's random tie-break priority and of MUDA's split and lottery (default 0); vary it per interval. */
  seed?: number;
  /** Retail price and feed-in tariff of the retailer of last resort, currency per kWh. */
  tariffs?: Tariffs;
  /** Kernel engine (default 'wasm'). */
  engine?: Engine;
}


function optionError(field: string, value: unknown, problem: string): ValidationError {
  return new ValidationError({ element: 'option', id: 'clearMarket', field, value }, problem);
}

// Every typed array of the object path is a temporary (results are objects), so clears reuse two buffers. A clear
// can nest (an order's getter may clear another book): each nesting depth has its own pair.
const scratch = new NestedScratch(2);

/** Clears an order book with the feeder inside the problem (DLMPs); needs `network` and a loaded `solver`. */
export function clearMarket(orders: readonly Order[], options: NetworkConstrainedClearOptions): NetworkConstrainedClearingResult;
/** Clears an order book with one mechanism; throws ValidationError on bad orders, tariffs or options. */
export function clearMarket(orders: readonly Order[], options: ClearMarketOptions): ClearingResult;
export function clearMarket(orders: readonly Order[], options: ClearMarketOptions | NetworkConstrainedClearOptions): ClearingResult {
  if (options?.mechanism === NETWORK_CONSTRAINED) return clearNetworkConstrainedMarket(orders, options as NetworkConstrainedClearOptions);
  return scratch.with((loweringScratch, outputScratch) => clearMarketWith(orders, options as ClearMarketOptions, loweringScratch, outputScratch));
}

function clearMarketWith(orders: readonly Order[], options: ClearMarketOptions, loweringScratch: ScratchBuffer, outputScratch: ScratchBuffer): ClearingResult {
  const { mechanism, engine, priceRule, k } = resolveClearOptions(options);
  validateOrders(orders, options.tariffs);

  if (isCommunityRule(mechanism)) {
    // validateOrders has run above; the community rules then check only their stricter tariff conditions.
    return clearCommunityPricing(orders, {
      rule: mechanism,
      tariffs: options.tariffs ?? {},
      engine,
      ordersValidated: true,
    });
  }

  const { lowering, outside } = auctionLowering(orders.length, options);
  // Lowering checks divisibility in the same pass (one walk over a million objects instead of two).
  const book = lowerBook(orders, (o) => {
    throw new ValidationError(
      { element: 'order', id: o.id, field: 'divisible', value: false },
      `all-or-nothing orders are not supported by mechanism '${mechanism}' (it may fill orders partly); use a divisible order`,
    );
  }, loweringScratch, lowering);
  if (mechanism === 'muda') splitHalves(orders, book, options.seed ?? 0);
  const { fillKwh, fillPricePerKwh, trades: pairs, gridKwh, scalars } = runAuctionColumns(
    mechanism as AuctionMechanism, book, orders.length, engine, { priceRule, k, ...outside }, options.tariffs ?? {}, outputScratch);

  // Fills and the retailer's residuals (settleResiduals' rule, computed in the scatter pass) in one walk.
  const fills: Fill[] = [];
  const gridPurchases: GridTransaction[] = [];
  const gridSales: GridTransaction[] = [];
  const retail = options.tariffs?.retailPricePerKwh ?? 0;
  const feedIn = options.tariffs?.feedInPricePerKwh ?? 0;
  const charges = p2pCharges(options.tariffs);
  for (let i = 0; i < orders.length; i++) {
    const q = fillKwh[i];
    const g = gridKwh![i];
    if (q > 0 || g > 0) {
      const o = orders[i];
      if (q > 0) {
        const p = fillPricePerKwh[i];
        const allIn = o.side === 'buy' ? p + charges.buyerPerKwh : p - charges.sellerPerKwh;
        fills.push({ orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: q, pricePerKwh: p, allInPricePerKwh: allIn });
      }
      if (g > 0) {
        if (o.side === 'buy') gridPurchases.push({ orderId: o.id, prosumer: o.prosumer, side: 'buy', quantityKwh: g, pricePerKwh: retail });
        else gridSales.push({ orderId: o.id, prosumer: o.prosumer, side: 'sell', quantityKwh: g, pricePerKwh: feedIn });
      }
    }
  }
  let trades: Trade[] | null = null;
  if (pairs) {
    const { buyIndex, sellIndex, quantityKwh, pricePerKwh } = pairs;
    trades = new Array<Trade>(buyIndex.length);
    for (let t = 0; t < buyIndex.length; t++) {
      const bo = orders[buyIndex[t]];
      const so = orders[sellIndex[t]];
      trades[t] = {
        buyOrderId: bo.id, sellOrderId: so.id, buyer: bo.prosumer, seller: so.prosumer,
        quantityKwh: quantityKwh[t], pricePerKwh: pricePerKwh[t], sellerPricePerKwh: pricePerKwh[t],
      };
    }
  }
  const { mechanism: _name, ...numbers } = scalars;
  return { mechanism, fills, trades, gridPurchases, gridSales, ...numbers };
}

/**
 * How an auction's book reaches its kernel: in the seeded random tie-break order of this interval, bids capped at
 * the buyers' ceiling and asks raised to the sellers' floor (individual rationality against the retailer, whatever
 * the bids), and the retailer as McAfee's fictitious outside bid (floor) and ask (ceiling) for trade reduction.
 */
export function auctionLowering(n: number, options: ClearMarketOptions): { lowering: LoweringOptions; outside: { outsideBid: number; outsideAsk: number } } {
  const { floor, ceiling } = rationalInterval(options.tariffs);
  return {
    lowering: { priority: tieBreakPriority(n, options.seed ?? 0), ceiling: ceiling ?? Infinity, floor: floor ?? -Infinity },
    outside: { outsideBid: floor ?? NaN, outsideAsk: ceiling ?? NaN },
  };
}

/** Checks clearMarket's options (ValidationError) and resolves the engine and the uniform price rule. */
export function resolveClearOptions(options: ClearMarketOptions): { mechanism: MechanismName; engine: Engine; priceRule: number; k: number } {
  const mechanism = options?.mechanism;
  if (!isMechanismName(mechanism)) {
    throw optionError('mechanism', mechanism, `must be one of ${[...MECHANISMS, NETWORK_CONSTRAINED].join(', ')}`);
  }
  const engine = options.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'ts') throw optionError('engine', engine, "must be 'wasm' or 'ts'");
  if (options.seed !== undefined && !Number.isFinite(options.seed)) {
    throw optionError('seed', options.seed, 'must be a finite number');
  }
  return { mechanism, engine, ...resolvePriceRule(mechanism, options) };
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
  if (typeof rule !== 'string' || !Object.hasOwn(UniformPriceRule, rule)) throw optionError('priceRule', rule, "must be 'midpoint', 'k', 'buyer' or 'seller'");
  if (k !== undefined && rule !== 'k') throw optionError('k', k, `conflicts with priceRule '${rule}' (k applies to priceRule 'k')`);
  return { priceRule: UniformPriceRule[rule], k: k ?? 0.5 };
}
