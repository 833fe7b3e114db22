/**
 * `clearMarketColumnar`: clearMarket for huge books, with the book and the per-order results as typed-array
 * columns instead of objects. Same mechanisms, options, validation rules, kernels and numbers as clearMarket: the
 * auctions share clearMarket's columnar core (clearing-columns.ts), so a fill, price, grid residual or scalar here
 * equals the corresponding field of clearMarket's ClearingResult exactly (test/market/clear-market-columnar.test.ts
 * checks every mechanism on both engines). Building a million Fill and GridTransaction objects and collecting them
 * costs more than the clearing itself; this path builds none.
 *
 * Column books differ from Order arrays only where columns cannot carry a field: every order is divisible and the
 * book is one interval. MUDA needs the prosumer column (its random split is by prosumer, in order of first
 * appearance, exactly as clearMarket's).
 */
import { ValidationError } from '../errors.js';
import { validateTariffs } from './validate-orders.js';
import { assignHalves } from './auction-book.js';
import type { AuctionMechanism } from './auctions/auction-engine.js';
import { resolveClearOptions, type ClearMarketOptions } from './clear-market.js';
import { isCommunityRule, type CommunityRule } from './mechanisms.js';
import { runAuctionColumns, type ClearingScalars, type TradeColumns } from './clearing-columns.js';
import { indexColumn, lowerColumns, validateOrderColumns, type OrderColumns } from './order-columns.js';
import { NestedScratch } from './scratch-buffer.js';
import { COMMUNITY_RULE } from './community/community-pricing-baseline.js';
import { communityVolume, settleCommunityArrays } from './community/community-pricing.js';
import { efficientCrossOfColumns } from './community/max-welfare.js';
import { validateCommunityInput } from './community/validate-community-input.js';
import type { Engine } from '../engine.js';

/** The outcome of clearMarketColumnar: per-order arrays indexed like the book's columns, and the scalars. */
export interface ColumnarClearingResult extends ClearingScalars {
  /** Energy each order bought or sold peer-to-peer, kWh (0: it did not trade). Fill.quantityKwh of clearMarket. */
  fillKwh: Float64Array;
  /** Price each order paid or received peer-to-peer, currency per kWh (0 when it did not trade). */
  fillPricePerKwh: Float64Array;
  /**
   * Energy each order settled with the retailer, kWh: a buy order's residual bought at the retail price, a sell
   * order's residual sold at the feed-in tariff (0: none). GridTransaction.quantityKwh of clearMarket.
   */
  gridKwh: Float64Array;
  /** Bilateral trades (book positions), or null where the mechanism does not pair orders. */
  trades: TradeColumns | null;
}

// Lowered columns are dead once the kernel's outcome is scattered, so every clear reuses one buffer (one per
// nesting depth: a clear may start inside another's callback).
const scratch = new NestedScratch();

/** Clears a column book with one mechanism; throws ValidationError on bad columns, tariffs or options. */
export function clearMarketColumnar(book: OrderColumns, options: ClearMarketOptions): ColumnarClearingResult {
  const { mechanism, engine, priceRule, k } = resolveClearOptions(options);
  if (options.tariffs !== undefined) validateTariffs(options.tariffs);
  const { buys } = validateOrderColumns(book);
  const n = book.quantityKwh.length;
  if (isCommunityRule(mechanism)) return clearCommunityColumns(book, buys, mechanism, options, engine);
  if (mechanism === 'muda' && book.prosumer === undefined) {
    throw new ValidationError({ element: 'book', id: 'columns', field: 'prosumer', value: undefined },
      "mechanism 'muda' splits the book by prosumer: give the prosumer column");
  }
  return scratch.with((s) => {
    const lowered = lowerColumns(book, buys, s);
    if (mechanism === 'muda') assignHalves(indexColumn(book.prosumer!), lowered, options.seed ?? 0);
    const { fillKwh, fillPricePerKwh, trades, gridKwh, scalars } = runAuctionColumns(
      mechanism as AuctionMechanism, lowered, n, engine, { priceRule, k }, options.tariffs ?? {});
    return { ...scalars, fillKwh, fillPricePerKwh, gridKwh: gridKwh!, trades };
  });
}

/** The community rules on columns: the community kernel, then clearCommunityPricing's sums in the same order. */
function clearCommunityColumns(
  book: OrderColumns, buys: number, rule: CommunityRule, options: ClearMarketOptions, engine: Engine,
): ColumnarClearingResult {
  // Tariff rules only: an empty order list passes the order checks, which validateOrderColumns has done.
  const { retail, feedIn, ceiling, floor } = validateCommunityInput([], options.tariffs, rule);
  const { side: sideCol, quantityKwh: qty, pricePerKwh: price } = book;
  const n = qty.length;
  const side = sideCol instanceof Int32Array ? sideCol : Int32Array.from(sideCol);
  const { arrays, summary } = settleCommunityArrays(side, qty, COMMUNITY_RULE[rule], retail, feedIn, engine, { ceiling, floor });
  const { p2pKwh: fillKwh, p2pPricePerKwh: fillPricePerKwh, gridKwh } = arrays;
  let welfare = 0;
  let buyP2pPay = 0;
  let sellP2pGet = 0;
  for (let i = 0; i < n; i++) {
    const q = fillKwh[i];
    const p = fillPricePerKwh[i];
    if (side[i] === 0) {
      welfare += price[i] * q;
      buyP2pPay += p * q;
    } else {
      welfare -= price[i] * q;
      sellP2pGet += p * q;
    }
    if (!(q > 0)) fillPricePerKwh[i] = 0;
    if (!(gridKwh[i] > 0)) gridKwh[i] = 0;
  }
  const lowered = lowerColumns(book, buys);
  const cross = efficientCrossOfColumns(lowered.buyPrice, lowered.buyQuantity, lowered.sellPrice, lowered.sellQuantity);
  const tradedKwh = summary[7];
  const volume = communityVolume(summary);
  return {
    mechanism: rule,
    tradedKwh,
    welfare,
    marketSurplus: buyP2pPay - sellP2pGet,
    clearingPricePerKwh: summary[3],
    priceIntervalPerKwh: null,
    clearingPrice: summary[3],
    priceInterval: null,
    clearingPrices: null,
    maxWelfare: cross.maxWelfare,
    maxTradableKwh: volume.maxTradableKwh,
    welfarePercent: cross.maxWelfare === 0 ? 100 : (welfare / cross.maxWelfare) * 100,
    volumePercent: volume.volumePercent,
    fillKwh,
    fillPricePerKwh,
    gridKwh,
    trades: null,
  };
}
