// The interface every adaptive trader of the continuous double auction implements: it quotes a price for its next
// unit from what it sees of the book, and learns from every shout the market makes public.
import type { Rng } from '../../../random.js';
import type { Side } from '../../order.js';

/** What a trader sees of the market when it is asked to shout (currency/kWh). */
export interface MarketView {
  /** Best resting bid, or null when there is none. */
  bestBid: number | null;
  /** Best resting ask, or null when there is none. */
  bestAsk: number | null;
  /** Lowest price anyone may quote (e.g. 0 or the feed-in tariff). */
  minPrice: number;
  /** Highest price anyone may quote (e.g. the retail price). */
  maxPrice: number;
}

/** A public market event every trader observes: a shout (bid or ask) and whether it traded at once, and at what price. */
export interface Shout {
  /** 'buy' for a bid, 'sell' for an ask. */
  side: Side;
  /** The shout's price, currency/kWh. */
  pricePerKwh: number;
  /** True when the shout crossed and traded. */
  traded: boolean;
  /** Transaction price when it traded (the resting order's price), currency/kWh. */
  tradePricePerKwh: number | null;
}

/** A trading strategy for one trader with one unit at a time (limit value for buyers, cost for sellers). */
export interface AdaptiveTrader {
  /** Strategy name, for reports. */
  readonly strategy: 'zi-c' | 'zip' | 'aa';
  /** Buyer or seller. */
  readonly side: Side;
  /** The buyer's value or the seller's cost of the current unit, currency/kWh (updated when a new interval's order arrives). */
  limitPrice: number;
  /** The price this trader shouts now; never beyond its limit (no loss-making offers). */
  quote(view: MarketView, rng: Rng): number;
  /** Learns from a public shout. `active` tells whether this trader still holds a unit to trade. */
  observe(shout: Shout, view: MarketView, active: boolean, rng: Rng): void;
}
