/**
 * Welfare at reservation values: what P2P trade is worth against the retailer, the figure whose split between
 * prosumers and operators a reader can check. A buyer's reservation value of a P2P kWh is retail − its share of
 * the P2P charges (the grid kWh it avoids, net of what the P2P kWh still costs it beyond the price), a seller's is
 * feed-in + its share (the feed-in it forgoes, plus what it must pay). Over V kWh traded:
 *   welfareAtReservation = V·(retail − buyer charges) − V·(feed-in + seller charges) = V·(retail − feed-in − charges)
 *   prosumerSavings      = Σ buyers q·(retail − all-in price paid) + Σ sellers q·(all-in price received − feed-in)
 *   operator surplus     = marketSurplus = Σ buyers q·price − Σ sellers q·price (trade reduction, Huang, MUDA keep it)
 * so welfareAtReservation = prosumerSavings + marketSurplus exactly (test/market/reservation-welfare.test.ts checks
 * it fill by fill to 1e-9). The network operator's revenue V·(network charge + levies) is a transfer outside this
 * welfare (reservation values are net of it). Welfare "at declared prices" (ClearingResult.welfare) instead values
 * each kWh at the order's own limit price and is what the auctions maximise.
 */
import type { Tariffs } from '../order.js';
import { p2pCharges } from './rationality-bounds.js';

/** The reservation-value figures of one clearing, currency. */
export interface ReservationWelfare {
  /** V·(retail − feed-in − P2P charges); null without both retail and feed-in. */
  welfareAtReservation: number | null;
  /** What prosumers gain against settling everything with the retailer; null without both tariffs. */
  prosumerSavings: number | null;
  /** Network charge and levies collected on P2P kWh, V·(charges). */
  networkOperatorRevenue: number;
}

/** The figures of a clearing that traded `tradedKwh` P2P with the market operator keeping `marketSurplus`. */
export function reservationWelfare(tradedKwh: number, marketSurplus: number, tariffs: Tariffs | undefined): ReservationWelfare {
  const c = p2pCharges(tariffs);
  const retail = tariffs?.retailPricePerKwh;
  const feedIn = tariffs?.feedInPricePerKwh;
  const networkOperatorRevenue = tradedKwh * c.totalPerKwh;
  if (retail === undefined || feedIn === undefined) return { welfareAtReservation: null, prosumerSavings: null, networkOperatorRevenue };
  const w = tradedKwh * (retail - c.buyerPerKwh) - tradedKwh * (feedIn + c.sellerPerKwh);
  return { welfareAtReservation: w, prosumerSavings: w - marketSurplus, networkOperatorRevenue };
}

/** part / whole · 100, or null when whole ≤ 0 (no gain or volume was possible: no percentage means anything). */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}
