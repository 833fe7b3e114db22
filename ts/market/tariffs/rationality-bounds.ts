/**
 * Individual rationality against the retailer. A household can always buy a kWh at the retail price and sell one
 * at the feed-in tariff, so a peer-to-peer kWh is worth taking only if
 *   buyer:  price + buyer's share of the P2P charges ≤ retail        (its reservation value is the retail price)
 *   seller: price − seller's share of the P2P charges ≥ feed-in      (its reservation value is the feed-in tariff)
 * i.e. the P2P price must lie in [sellers' floor, buyers' ceiling] = [feed-in + seller charges, retail − buyer
 * charges]. That interval is non-empty exactly when feed-in ≤ retail − total P2P charges; otherwise no P2P trade can
 * leave both sides at least as well off as the grid, and `assertRationalityPossible` throws a ValidationError naming
 * the tariff fields. Every mechanism of clearMarket prices inside this interval (the community rules use it as their
 * [λs, λb]; the auctions see bids capped at the ceiling and asks raised to the floor).
 */
import { ValidationError } from '../../errors.js';
import type { Side, Tariffs } from '../order.js';

/**
 * Feed-in may exceed retail − charges by this much, currency/kWh: the sum of charges is rounded (0.3 − (0.06 + 0.04)
 * is 0.19999999999999998), and a user who writes feed-in = retail − charges means the boundary, where P2P trade
 * is rational at exactly one price. `rationalInterval` then lowers the floor to the ceiling.
 */
export const RATIONALITY_TOLERANCE = 1e-12;

/** The P2P charges of one kWh and who pays them, currency per kWh. */
export interface P2pCharges {
  /** Network charge + levies per kWh of P2P trade. */
  totalPerKwh: number;
  /** The buyer's share, paid on top of the P2P price. */
  buyerPerKwh: number;
  /** The seller's share, deducted from the P2P price. */
  sellerPerKwh: number;
}

/** The P2P charges per kWh of the tariffs (0 where absent), split between buyer and seller. */
export function p2pCharges(t: Tariffs | undefined): P2pCharges {
  const total = (t?.networkChargePerKwh ?? 0) + (t?.leviesPerKwh ?? 0);
  const sellerShare = t?.sellerChargeShare ?? 0;
  const sellerPerKwh = total * sellerShare;
  return { totalPerKwh: total, buyerPerKwh: total - sellerPerKwh, sellerPerKwh };
}

/** Highest P2P price a buyer can pay and stay at or below retail: retail − buyer's charges (null: no retail), currency/kWh. */
export function buyerCeilingPerKwh(t: Tariffs | undefined): number | null {
  const r = t?.retailPricePerKwh;
  return r === undefined ? null : r - p2pCharges(t).buyerPerKwh;
}

/** Lowest P2P price a seller can take and stay at or above feed-in: feed-in + seller's charges (null: no feed-in), currency/kWh. */
export function sellerFloorPerKwh(t: Tariffs | undefined): number | null {
  const f = t?.feedInPricePerKwh;
  return f === undefined ? null : f + p2pCharges(t).sellerPerKwh;
}

/**
 * What a P2P kWh at `pricePerKwh` costs a buyer (price + its charges) or brings a seller (price − its charges),
 * currency per kWh: the `allInPricePerKwh` of a fill.
 */
export function allInPricePerKwh(side: Side, pricePerKwh: number, t: Tariffs | undefined): number {
  const c = p2pCharges(t);
  return side === 'buy' ? pricePerKwh + c.buyerPerKwh : pricePerKwh - c.sellerPerKwh;
}

/**
 * Throws a ValidationError naming the tariff fields when no P2P price can be individually rational for both sides:
 * feed-in > retail − (network charge + levies).
 */
export function assertRationalityPossible(t: Tariffs | undefined): void {
  const ceiling = buyerCeilingPerKwh(t);
  const floor = sellerFloorPerKwh(t);
  if (ceiling === null || floor === null || floor <= ceiling + RATIONALITY_TOLERANCE) return;
  const c = p2pCharges(t).totalPerKwh;
  throw new ValidationError(
    { element: 'tariffs', id: 'tariffs', field: 'feedInPricePerKwh', value: t!.feedInPricePerKwh, unit: 'currency/kWh' },
    `exceeds retailPricePerKwh ${t!.retailPricePerKwh} minus the P2P charges ${c} (networkChargePerKwh + leviesPerKwh): ` +
      'no peer-to-peer price leaves both buyer and seller at least as well off as the grid',
  );
}

/**
 * The interval of individually rational P2P prices [floor, ceiling], currency/kWh: null ends where a tariff is
 * absent; a floor above the ceiling by at most RATIONALITY_TOLERANCE (rounding) is lowered to the ceiling.
 */
export function rationalInterval(t: Tariffs | undefined): { floor: number | null; ceiling: number | null } {
  const ceiling = buyerCeilingPerKwh(t);
  let floor = sellerFloorPerKwh(t);
  if (floor !== null && ceiling !== null && floor > ceiling) floor = ceiling;
  return { floor, ceiling };
}
