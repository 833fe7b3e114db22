import type { ElementId } from '../network/compiled-network.js';

/** Which side of the market an order is on. */
export type Side = 'buy' | 'sell';

/** A bid (buy) or offer (sell) of energy for one market interval. */
export interface Order {
  /** Unique order id. */
  id: string;
  /** Id of the prosumer who placed it (one prosumer may place several orders). */
  prosumer: string;
  /** 'buy' (bid) or 'sell' (offer). */
  side: Side;
  /** Quantity, kWh (> 0, finite). */
  quantityKwh: number;
  /** Limit price, currency per kWh (finite; may be negative). */
  pricePerKwh: number;
  /** Bus of the network the energy is delivered at or taken from. */
  bus?: ElementId;
  /** Market interval index the order is for. */
  interval?: number;
  /** Whether the order may be partly filled (default true). */
  divisible?: boolean;
}

/**
 * The tariffs of one market interval: the retailer, buyer and seller of last resort, and the regulated charges a
 * peer-to-peer kWh pays. Either price may be absent (no grid on that side). `retailPricePerKwh` is the all-in price
 * a household pays for a grid kWh (energy, network charge, levies and VAT; see ./tariffs/retail-tariff.ts for the
 * decomposition that produces it); the P2P charges are the share of the network charge and levies (with their VAT)
 * that still applies to a kWh traded inside the community. ./tariffs/rationality-bounds.ts turns these into the
 * buyers' ceiling and the sellers' floor of every mechanism.
 */
export interface Tariffs {
  /** Price at which residual demand buys from the grid, all-in, currency per kWh. */
  retailPricePerKwh?: number;
  /** Price at which residual supply is sold to the grid, currency per kWh. */
  feedInPricePerKwh?: number;
  /** Network charge per kWh of P2P trade (after any local-use discount, VAT included), currency per kWh (default 0, ≥ 0). */
  networkChargePerKwh?: number;
  /** Levies per kWh of P2P trade (after any local-use discount, VAT included), currency per kWh (default 0, ≥ 0). */
  leviesPerKwh?: number;
  /** Share of the P2P charges the seller pays, in [0, 1] (default 0: the buyer pays them all). */
  sellerChargeShare?: number;
}
