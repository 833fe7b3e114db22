/**
 * The columnar core both clearing paths share: run an auction kernel on a lowered book and map its outcome back to
 * per-order typed arrays indexed like the user's book, plus the result's scalars. `clearMarket` turns these arrays
 * into Fill/Trade/GridTransaction objects; `clearMarketColumnar` returns them as they are. Sharing this code is
 * what makes the two paths give identical numbers.
 */
import type { ClearingResult } from './clearing-result.js';
import type { Tariffs } from './order.js';
import type { LoweredBook } from './auction-book.js';
import { auctionEngine, type AuctionKernelOptions, type AuctionMechanism } from './auctions/auction-engine.js';
import { Summary } from './auctions/summary-slots.js';

/** Bilateral trades as columns; buyIndex/sellIndex are positions in the user's book. */
export interface TradeColumns {
  /** Book position of the buy order of each trade. */
  buyIndex: Int32Array;
  /** Book position of the sell order of each trade. */
  sellIndex: Int32Array;
  /** Energy of each trade, kWh. */
  quantityKwh: Float64Array;
  /** Price of each trade (the buyer pays and the seller receives it), currency per kWh. */
  pricePerKwh: Float64Array;
}

/** Every scalar field of a ClearingResult (all but the per-order lists). */
export type ClearingScalars = Omit<ClearingResult, 'fills' | 'trades' | 'gridPurchases' | 'gridSales'>;

/** An auction's outcome per book position, before any result objects. */
export interface AuctionColumns {
  /** Energy each order bought or sold peer-to-peer, kWh (0: it did not trade). */
  fillKwh: Float64Array;
  /** Price each order paid or received, currency per kWh (0 when it did not trade). */
  fillPricePerKwh: Float64Array;
  /** Pairs of the discriminatory mechanisms, else null. */
  trades: TradeColumns | null;
  /** The scalars of the result. */
  scalars: ClearingScalars;
}

/** Runs one auction kernel on a lowered book of n orders and maps the outcome back to book positions. */
export function runAuctionColumns(
  mechanism: AuctionMechanism, book: LoweredBook, n: number, engine: 'wasm' | 'ts', options: AuctionKernelOptions,
): AuctionColumns {
  const out = auctionEngine(engine).clear(mechanism, book, options);
  const fillKwh = new Float64Array(n);
  const fillPricePerKwh = new Float64Array(n);
  const { buyOrder, sellOrder } = book;
  const { buyFill, buyPrice, sellFill, sellPrice } = out;
  for (let b = 0; b < buyOrder.length; b++) {
    const i = buyOrder[b];
    fillKwh[i] = buyFill[b];
    fillPricePerKwh[i] = buyPrice[b];
  }
  for (let s = 0; s < sellOrder.length; s++) {
    const i = sellOrder[s];
    fillKwh[i] = sellFill[s];
    fillPricePerKwh[i] = sellPrice[s];
  }
  let trades: TradeColumns | null = null;
  if (out.pairs) {
    const { buy, sell, quantityKwh, pricePerKwh } = out.pairs;
    const buyIndex = new Int32Array(buy.length);
    const sellIndex = new Int32Array(sell.length);
    for (let t = 0; t < buy.length; t++) {
      buyIndex[t] = buyOrder[buy[t]];
      sellIndex[t] = sellOrder[sell[t]];
    }
    trades = { buyIndex, sellIndex, quantityKwh, pricePerKwh };
  }
  return { fillKwh, fillPricePerKwh, trades, scalars: clearingScalars(mechanism, out.summary) };
}

/** The result's scalars from an auction kernel's summary slots. */
export function clearingScalars(mechanism: string, sm: Float64Array): ClearingScalars {
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

/**
 * The retailer's part per book position (the rule of grid-residuals.ts, same arithmetic): residual = quantity −
 * fill, settled when it exceeds 1e-9 of the quantity and the tariff of the order's side exists, else 0. kWh.
 * side[i]: 0 buy (bought at the retail price), 1 sell (sold at the feed-in tariff).
 */
export function gridResidualColumns(
  side: ArrayLike<number>, quantityKwh: Float64Array, fillKwh: Float64Array, tariffs: Tariffs | undefined,
): Float64Array {
  const n = quantityKwh.length;
  const grid = new Float64Array(n);
  const buyGrid = tariffs?.retailPricePerKwh !== undefined;
  const sellGrid = tariffs?.feedInPricePerKwh !== undefined;
  if (!buyGrid && !sellGrid) return grid;
  for (let i = 0; i < n; i++) {
    const q = quantityKwh[i];
    const residual = q - fillKwh[i];
    if (residual > 1e-9 * q && (side[i] === 0 ? buyGrid : sellGrid)) grid[i] = residual;
  }
  return grid;
}
