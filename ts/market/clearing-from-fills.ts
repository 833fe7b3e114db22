// A ClearingResult for mechanisms that match pairs themselves (the continuous order book, tariff-margin matching):
// from what each order filled and its mean P2P price, the fills, the retailer's residuals, the
// welfare at declared prices and its comparison with the book's efficient cross. Budget-balanced (no operator surplus).
import type { ClearingResult, Fill, Trade } from './clearing-result.js';
import { efficientCross } from './community/max-welfare.js';
import { settleResiduals } from './grid-residuals.js';
import type { Order, Tariffs } from './order.js';
import { allInPricePerKwh } from './tariffs/rationality-bounds.js';
import { percentOf, reservationWelfare } from './tariffs/reservation-welfare.js';

/**
 * Assembles the result of a pair-matching mechanism: `filledKwh[i]` is order i's P2P energy (kWh), `priceOf(i)` its
 * mean P2P price (currency/kWh); one clearing price where the mechanism has one.
 */
export function clearingFromFills<M extends string>(
  mechanism: M,
  orders: readonly Order[],
  trades: Trade[],
  filledKwh: Float64Array,
  priceOf: (i: number) => number,
  tariffs: Tariffs | undefined,
  clearingPricePerKwh: number | null,
): ClearingResult & { mechanism: M; trades: Trade[] } {
  const fills: Fill[] = [];
  let welfare = 0;
  let tradedKwh = 0;
  orders.forEach((o, i) => {
    const q = filledKwh[i]!;
    if (!(q > 0)) return;
    const price = priceOf(i);
    fills.push({ orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: q, pricePerKwh: price, allInPricePerKwh: allInPricePerKwh(o.side, price, tariffs) });
    welfare += (o.side === 'buy' ? 1 : -1) * o.pricePerKwh * q;
    if (o.side === 'sell') tradedKwh += q;
  });
  const { gridPurchases, gridSales } = settleResiduals(orders, filledKwh, tariffs);
  const cross = efficientCross(orders);
  return {
    mechanism,
    fills,
    trades,
    gridPurchases,
    gridSales,
    tradedKwh,
    welfare,
    marketSurplus: 0,
    ...reservationWelfare(tradedKwh, 0, tariffs),
    clearingPricePerKwh,
    priceIntervalPerKwh: null,
    clearingPrice: clearingPricePerKwh,
    priceInterval: null,
    maxWelfare: cross.maxWelfare,
    maxTradableKwh: cross.maxTradableKwh,
    welfarePercent: percentOf(welfare, cross.maxWelfare),
    volumePercent: cross.maxTradableKwh > 0 ? Math.min(100, (100 * tradedKwh) / cross.maxTradableKwh) : null,
  };
}
