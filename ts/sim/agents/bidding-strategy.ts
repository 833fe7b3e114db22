/**
 * Bidding strategies of prosumer agents: what limit price an agent puts on its surplus (sell) or deficit (buy).
 * Reservation prices come from the retailer: a buyer never pays more for a P2P kWh than the retail price minus the
 * P2P network charge it must add, a seller never takes less than the feed-in tariff.
 */
import type { Side } from '../../market/order.js';
import type { Rng } from '../../random.js';

/** Prices an agent sees when it bids. */
export interface BidContext {
  /** Retail price of the step, currency/kWh. */
  retailPricePerKwh: number;
  /** Feed-in tariff of the step, currency/kWh. */
  feedInPricePerKwh: number;
  /** Network charge the buyer pays on each P2P kWh, currency/kWh. */
  networkChargePerKwh: number;
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

/** A buyer's reservation price for P2P energy: retail minus the P2P network charge, currency/kWh. */
export function buyerReservationPerKwh(ctx: BidContext): number {
  return ctx.retailPricePerKwh - ctx.networkChargePerKwh;
}

/** Truthful: buyers bid their reservation price (retail − network charge), sellers ask the feed-in tariff. */
export const truthfulStrategy: BiddingStrategy = {
  name: 'truthful',
  price(side, ctx) {
    return side === 'buy' ? buyerReservationPerKwh(ctx) : ctx.feedInPricePerKwh;
  },
};

/**
 * Zero-intelligence constrained (Gode & Sunder 1993): a seeded uniform draw that never violates the agent's own
 * reservation price — buyers in [feed-in, retail − network charge], sellers in [feed-in, retail].
 */
export const zeroIntelligenceStrategy: BiddingStrategy = {
  name: 'zero-intelligence',
  price(side, ctx, rng) {
    const lo = ctx.feedInPricePerKwh;
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
      const spread = Math.max(0, hi - ctx.feedInPricePerKwh);
      return side === 'buy' ? hi - markup * spread : ctx.feedInPricePerKwh + markup * spread;
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
