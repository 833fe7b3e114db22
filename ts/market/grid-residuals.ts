/**
 * The retailer as buyer and seller of last resort. After the peer-to-peer market, every buy order's residual
 * demand (quantity − P2P fill) is bought from the grid at the retail price, and every sell order's residual
 * supply is sold to the grid at the feed-in tariff, when that tariff is given.
 *
 * Rule: the residual is settled whatever the order's limit price. A buy order is a household's physical demand
 * for the interval and a sell order its physical surplus; a bid below the retail price means the prosumer would
 * have liked cheaper P2P energy, not that the lights go off, and unsold PV flows into the grid anyway. So a bid
 * below retail still buys its residual at retail, and an ask above the feed-in tariff still sells at feed-in.
 * Without a retail (feed-in) tariff there is no grid on that side and residuals stay unserved (not listed).
 * A residual within 1e-9 of the order's quantity (floating-point dust of the P2P fill) is not listed.
 */
import type { GridTransaction } from './clearing-result.js';
import type { Order, Tariffs } from './order.js';

/** Grid purchases and sales of every order with a residual, in book order. fillKwh[i]: P2P fill of orders[i], kWh. */
export function settleResiduals(
  orders: readonly Order[],
  fillKwh: Float64Array,
  tariffs: Tariffs | undefined,
): { gridPurchases: GridTransaction[]; gridSales: GridTransaction[] } {
  const gridPurchases: GridTransaction[] = [];
  const gridSales: GridTransaction[] = [];
  const retail = tariffs?.retailPricePerKwh;
  const feedIn = tariffs?.feedInPricePerKwh;
  if (retail === undefined && feedIn === undefined) return { gridPurchases, gridSales };
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i];
    const residual = o.quantityKwh - fillKwh[i];
    if (!(residual > 1e-9 * o.quantityKwh)) continue;
    if (o.side === 'buy') {
      if (retail !== undefined) {
        gridPurchases.push({ orderId: o.id, prosumer: o.prosumer, side: 'buy', quantityKwh: residual, pricePerKwh: retail });
      }
    } else if (feedIn !== undefined) {
      gridSales.push({ orderId: o.id, prosumer: o.prosumer, side: 'sell', quantityKwh: residual, pricePerKwh: feedIn });
    }
  }
  return { gridPurchases, gridSales };
}
