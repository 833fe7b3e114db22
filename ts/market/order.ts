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

/** The retailer, buyer and seller of last resort. Either price may be absent (no grid on that side). */
export interface Tariffs {
  /** Price at which residual demand buys from the grid, currency per kWh. */
  retailPricePerKwh?: number;
  /** Price at which residual supply is sold to the grid, currency per kWh. */
  feedInPricePerKwh?: number;
}
