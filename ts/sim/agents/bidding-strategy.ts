/**
 * Bidding strategies of prosumer agents: what limit price an agent puts on its surplus (sell) or deficit (buy).
 * Reservation prices come from the retailer (ts/market/tariffs/rationality-bounds.ts): a buyer never pays more for a
 * P2P kWh than the retail price minus its share of the P2P charges (the buyers' ceiling), a seller never takes less
 * than the feed-in tariff plus its share of them (the sellers' floor).
 */
import type { Side } from '../../market/order.js';
import type { Rng } from '../../random.js';

/** Prices an agent sees when it bids. */
export interface BidContext {
  /** Retail price of the step, currency/kWh. */
  retailPricePerKwh: number;
  /** Feed-in tariff of the step, currency/kWh. */
  feedInPricePerKwh: number;
  /** The buyer's share of the P2P charges (network charge and levies) on each P2P kWh, currency/kWh. */
  networkChargePerKwh: number;
  /** The seller's share of the P2P charges on each P2P kWh, currency/kWh (0 by default). */
  sellerChargePerKwh?: number;
  /** Step index. */
  step: number;
}

/** A pluggable bidding strategy: returns the limit price of an order, currency/kWh. */
export interface BiddingStrategy {
  /** Strategy name. */
  readonly name: string;
  /** Limit price for an order on `side`; `rng` is the agent's own seeded generator. */
  price(side: Side, ctx: BidContext, rng: Rng): number;
}

/** A buyer's reservation price for P2P energy: retail minus its P2P charges, currency/kWh. */
export function buyerReservationPerKwh(ctx: BidContext): number {
  return ctx.retailPricePerKwh - ctx.networkChargePerKwh;
}

/** A seller's reservation price for P2P energy: feed-in plus its P2P charges, currency/kWh. */
export function sellerReservationPerKwh(ctx: BidContext): number {
  return ctx.feedInPricePerKwh + (ctx.sellerChargePerKwh ?? 0);
}

/** Truthful: buyers bid their reservation price (retail − their charges), sellers ask theirs (feed-in + their charges). */
export const truthfulStrategy: BiddingStrategy = {
  name: 'truthful',
  price(side, ctx) {
    return side === 'buy' ? buyerReservationPerKwh(ctx) : sellerReservationPerKwh(ctx);
  },
};

/**
 * Zero-intelligence constrained (Gode & Sunder 1993): a seeded uniform draw that never violates the agent's own
 * reservation price — buyers in [feed-in, retail − their charges], sellers in [feed-in + their charges, retail].
 */
export const zeroIntelligenceStrategy: BiddingStrategy = {
  name: 'zero-intelligence',
  price(side, ctx, rng) {
    const lo = side === 'buy' ? ctx.feedInPricePerKwh : sellerReservationPerKwh(ctx);
    const hi = side === 'buy' ? buyerReservationPerKwh(ctx) : ctx.retailPricePerKwh;
    return hi > lo ? rng.uniform(lo, hi) : hi;
  },
};

/**
 * Fixed mark-up m ∈ [0, 1] of the spread s = (retail − network charge) − feed-in: sellers ask feed-in + m·s, buyers
 * bid (retail − network charge) − m·s. m = 0 is truthful; m = 1 swaps the reservation prices.
 */
export function markupStrategy(markup: number): BiddingStrategy {
  if (!(markup >= 0 && markup <= 1)) throw new RangeError(`markupStrategy: markup must be in [0, 1], got ${markup}`);
  return {
    name: `markup(${markup})`,
    price(side, ctx) {
      const hi = buyerReservationPerKwh(ctx);
      const lo = sellerReservationPerKwh(ctx);
      const spread = Math.max(0, hi - lo);
      return side === 'buy' ? hi - markup * spread : lo + markup * spread;
    },
  };
}

/** The strategy a scenario spec names. */
export function strategyFromSpec(spec: { kind: 'truthful' } | { kind: 'zero-intelligence' } | { kind: 'markup'; markup: number }): BiddingStrategy {
  switch (spec.kind) {
    case 'truthful':
      return truthfulStrategy;
    case 'zero-intelligence':
      return zeroIntelligenceStrategy;
    case 'markup':
      return markupStrategy(spec.markup);
  }
}
