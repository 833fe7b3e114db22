/**
 * One interval of an order book cleared as a multi-bilateral market (the simulation's `market.mechanism:
 * 'bilateral'`): every order becomes an agent with a linear cost at its own price (a sell order of q kWh at ask π:
 * 0 ≤ p ≤ q, cost π·p; a buy order at bid π: −q ≤ p ≤ 0, value π per kWh), and every sell order may trade with every
 * buy order, paying the tariffs' P2P network charges as preference costs (the seller's and the buyer's share). The
 * central solver clears it (welfare-maximising, so without charges its welfare is the book's efficient cross); what
 * an order does not trade goes to the retailer at the tariffs (settleResiduals, as for every mechanism).
 */
import { percentOf, reservationWelfare } from '../tariffs/reservation-welfare.js';
import type { ClearingResult, Fill, Trade } from '../clearing-result.js';
import type { Order, Tariffs } from '../order.js';
import { efficientCross } from '../community/max-welfare.js';
import { buyerCeilingPerKwh, p2pCharges, sellerFloorPerKwh } from '../tariffs/rationality-bounds.js';
import { settleResiduals } from '../grid-residuals.js';
import { BILATERAL_MARKET_FORMAT, type BilateralAgent, type BilateralLink } from './bilateral-market.js';
import { solveBilateralMarketSync } from './solve-bilateral-market.js';

/** Options of `clearBilateralBook`. */
export interface BilateralBookOptions {
  /**
   * The orders' prices are energy prices net of the P2P charges (as clearMarket's and the simulation's bids are: a
   * truthful buyer bids retail − its charges, a seller feed-in + its charges), so the agents' valuations are the
   * prices plus the buyer's charge / minus the seller's; default false: the prices are the agents' own valuations.
   */
  bidsNetOfCharges?: boolean;
}

/** Clears one interval's orders as a bilateral market (see the module header); quantities kWh, prices currency/kWh. */
export function clearBilateralBook(orders: readonly Order[], tariffs: Tariffs, options: BilateralBookOptions = {}): ClearingResult {
  const charges = p2pCharges(tariffs);
  const agents: BilateralAgent[] = [];
  const links: BilateralLink[] = [];
  for (const o of orders) {
    const sell = o.side === 'sell';
    // With net bids the link costs would otherwise be charged twice (a truthful pair at retail and feed-in minus and
    // plus the charges would not trade at all).
    const valuation = o.pricePerKwh + (options.bidsNetOfCharges ? (sell ? -charges.sellerPerKwh : charges.buyerPerKwh) : 0);
    agents.push({ id: o.id, costQuadPerKw2: 0, costLinPerKw: valuation, pMinKw: sell ? 0 : -o.quantityKwh, pMaxKw: sell ? o.quantityKwh : 0 });
  }
  if (orders.length === 0) return emptyResult();
  for (const s of orders) {
    if (s.side !== 'sell') continue;
    for (const b of orders) {
      if (b.side !== 'buy') continue;
      links.push({ from: s.id, to: b.id, costPerKwh: charges.sellerPerKwh }, { from: b.id, to: s.id, costPerKwh: charges.buyerPerKwh });
    }
  }
  const r = solveBilateralMarketSync({ format: BILATERAL_MARKET_FORMAT, agents, links });
  // All seller–buyer links cost the same, so any pairing of the net positions is optimal: pair sellers and buyers
  // in book order (north-west corner) instead of the solver's routing, which may pass energy through other orders.
  // Every trade is priced at the seller's marginal price plus its share of the charge (the same for every trade,
  // since all trading sellers share one marginal price at the optimum).
  const p2pKwh = new Map<string, number>();
  const p2pValue = new Map<string, number>();
  const trades: Trade[] = [];
  let welfare = 0;
  let tradedKwh = 0;
  const left = Float64Array.from(r.netKw);
  const floor = sellerFloorPerKwh(tariffs) ?? -Infinity;
  const ceiling = buyerCeilingPerKwh(tariffs) ?? Infinity;
  let bi = 0;
  for (let si = 0; si < orders.length; si++) {
    const seller = orders[si]!;
    while (left[si]! > 1e-12) {
      while (bi < orders.length && !(left[bi]! < -1e-12)) bi++;
      if (bi >= orders.length) break;
      const buyer = orders[bi]!;
      const q = Math.min(left[si]!, -left[bi]!);
      // The interior-point price carries the solver's tolerance (~1e-11): kept inside the individually rational
      // interval, so no buyer pays above retail and no seller gets below feed-in by rounding.
      const price = Math.min(Math.max(r.agentPricePerKwh[si]! + charges.sellerPerKwh, floor), ceiling);
      trades.push({ buyOrderId: buyer.id, sellOrderId: seller.id, buyer: buyer.prosumer, seller: seller.prosumer, quantityKwh: q, pricePerKwh: price, sellerPricePerKwh: price });
      for (const o of [seller, buyer]) {
        p2pKwh.set(o.id, (p2pKwh.get(o.id) ?? 0) + q);
        p2pValue.set(o.id, (p2pValue.get(o.id) ?? 0) + q * price);
      }
      welfare += q * (buyer.pricePerKwh - seller.pricePerKwh);
      tradedKwh += q;
      left[si] -= q;
      left[bi] += q;
    }
  }
  const fills: Fill[] = [];
  const fillKwh = new Float64Array(orders.length);
  orders.forEach((o, i) => { fillKwh[i] = Math.min(o.quantityKwh, p2pKwh.get(o.id) ?? 0); });
  const { gridPurchases, gridSales } = settleResiduals(orders, fillKwh, tariffs);
  for (const o of orders) {
    const q = p2pKwh.get(o.id) ?? 0;
    if (q > 0) {
      const p = p2pValue.get(o.id)! / q;
      fills.push({ orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: q, pricePerKwh: p,
        allInPricePerKwh: o.side === 'buy' ? p + charges.buyerPerKwh : p - charges.sellerPerKwh });
    }
  }
  const cross = efficientCross(orders);
  return {
    mechanism: 'bilateral', fills, trades, gridPurchases, gridSales, tradedKwh, welfare, marketSurplus: 0,
    ...reservationWelfare(tradedKwh, 0, tariffs),
    clearingPricePerKwh: null, priceIntervalPerKwh: null, clearingPrice: null, priceInterval: null,
    maxWelfare: cross.maxWelfare, maxTradableKwh: cross.maxTradableKwh,
    welfarePercent: percentOf(welfare, cross.maxWelfare),
    volumePercent: cross.maxTradableKwh === 0 ? null : Math.min(100, (tradedKwh / cross.maxTradableKwh) * 100),
  };
}

function emptyResult(): ClearingResult {
  return {
    mechanism: 'bilateral', fills: [], trades: [], gridPurchases: [], gridSales: [], tradedKwh: 0, welfare: 0, marketSurplus: 0,
    clearingPricePerKwh: null, priceIntervalPerKwh: null, clearingPrice: null, priceInterval: null,
    maxWelfare: 0, maxTradableKwh: 0, welfarePercent: null, volumePercent: null,
    welfareAtReservation: null, prosumerSavings: null, networkOperatorRevenue: 0,
  };
}
