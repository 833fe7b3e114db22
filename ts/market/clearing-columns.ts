/**
 * The columnar core both clearing paths share: run an auction kernel on a lowered book and map its outcome back to
 * per-order typed arrays indexed like the user's book, plus the result's scalars. `clearMarket` turns these arrays
 * into Fill/Trade/GridTransaction objects; `clearMarketColumnar` returns them as they are. Sharing this code is
 * what makes the two paths give identical numbers.
 */
import type { ClearingResult } from './clearing-result.js';
import type { Tariffs } from './order.js';
import type { LoweredBook } from './auction-book.js';
import { auctionEngine, type AuctionKernelOptions, type AuctionMechanism, type AuctionOutcome } from './auctions/auction-engine.js';
import { Summary } from './auctions/summary-slots.js';
import type { ScratchBuffer } from './scratch-buffer.js';
import type { Engine } from '../engine.js';

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
  /**
   * The retailer's part per order, kWh (a buy order's residual bought at the retail price, a sell order's sold at
   * the feed-in tariff; 0: none), when runAuctionColumns got `residualsFor`, else null.
   */
  gridKwh: Float64Array | null;
  /** The scalars of the result. */
  scalars: ClearingScalars;
}

/**
 * Runs one auction kernel on a lowered book of n orders and maps the outcome back to book positions. With
 * `residualsFor` (the tariffs, possibly {}) it also settles the retailer's part in the same pass (gridKwh; the rule
 * and arithmetic of settleResiduals in grid-residuals.ts: residual = quantity − fill, kept when it exceeds 1e-9 of
 * the quantity and the side has a tariff), saving a pass over a million orders. With `outputs` the per-order
 * arrays are views into its buffer (valid until its next use), for callers that only read them.
 */
export function runAuctionColumns(
  mechanism: AuctionMechanism, book: LoweredBook, n: number, engine: Engine, options: AuctionKernelOptions,
  residualsFor?: Tariffs, outputs?: ScratchBuffer,
): AuctionColumns {
  return auctionEngine(engine).clearWith(mechanism, book, options, (out) => scatterOutcome(mechanism, book, n, out, residualsFor, outputs));
}

/** Maps a kernel outcome (arrays valid only during this call) to book positions. */
function scatterOutcome(
  mechanism: AuctionMechanism, book: LoweredBook, n: number, out: AuctionOutcome, residualsFor: Tariffs | undefined,
  outputs: ScratchBuffer | undefined,
): AuctionColumns {
  // Every position is a buy or a sell, so the scatter below overwrites all of fillKwh and fillPricePerKwh.
  const buf = outputs?.take(24 * n);
  const fillKwh = buf ? new Float64Array(buf, 0, n) : new Float64Array(n);
  const fillPricePerKwh = buf ? new Float64Array(buf, 8 * n, n) : new Float64Array(n);
  const { buyOrder, sellOrder, buyQuantity, sellQuantity } = book;
  const { buyFill, buyPrice, sellFill, sellPrice } = out;
  const gridKwh = residualsFor ? (buf ? new Float64Array(buf, 16 * n, n).fill(0) : new Float64Array(n)) : null;
  const buyGrid = gridKwh !== null && residualsFor!.retailPricePerKwh !== undefined;
  const sellGrid = gridKwh !== null && residualsFor!.feedInPricePerKwh !== undefined;
  for (let b = 0; b < buyOrder.length; b++) {
    const i = buyOrder[b];
    const f = buyFill[b];
    fillKwh[i] = f;
    fillPricePerKwh[i] = buyPrice[b];
    if (buyGrid) {
      const q = buyQuantity[b];
      const residual = q - f;
      if (residual > 1e-9 * q) gridKwh![i] = residual;
    }
  }
  for (let s = 0; s < sellOrder.length; s++) {
    const i = sellOrder[s];
    const f = sellFill[s];
    fillKwh[i] = f;
    fillPricePerKwh[i] = sellPrice[s];
    if (sellGrid) {
      const q = sellQuantity[s];
      const residual = q - f;
      if (residual > 1e-9 * q) gridKwh![i] = residual;
    }
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
    trades = { buyIndex, sellIndex, quantityKwh: quantityKwh.slice(), pricePerKwh: pricePerKwh.slice() };
  }
  return { fillKwh, fillPricePerKwh, trades, gridKwh, scalars: clearingScalars(mechanism, out.summary) };
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
  const clearingPricePerKwh = num(sm[Summary.PRICE]);
  const priceIntervalPerKwh: [number, number] | null = Number.isNaN(sm[Summary.LO]) ? null : [sm[Summary.LO], sm[Summary.HI]];
  return {
    mechanism,
    tradedKwh,
    welfare,
    marketSurplus: sm[Summary.SURPLUS],
    clearingPricePerKwh,
    priceIntervalPerKwh,
    clearingPrice: clearingPricePerKwh,
    priceInterval: priceIntervalPerKwh,
    clearingPrices,
    maxWelfare,
    maxTradableKwh,
    welfarePercent: maxWelfare > 0 ? (welfare / maxWelfare) * 100 : 100,
    volumePercent: maxTradableKwh > 0 ? (tradedKwh / maxTradableKwh) * 100 : 100,
  };
}
