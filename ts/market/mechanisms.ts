// The one table of market mechanism names: everything that lists, checks or types a mechanism derives from it
// (clearMarket, the clear and simulate commands, the scenario schema, the auction engines, the community rules).

/** Double-auction mechanisms, each with a kernel in ts/market/auctions and assembly/market. */
export const AUCTION_MECHANISMS = ['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'trade-reduction', 'huang', 'muda'] as const;

/**
 * Community pricing rules (settlement rules with a buy and a sell price), ts/market/community: 'bill-sharing' pays
 * producers the sellers' floor on shared energy, 'bill-sharing-literal' is the published rule (shared energy free).
 */
export const COMMUNITY_RULES = ['sdr', 'mmr', 'bill-sharing', 'bill-sharing-literal'] as const;

/** Every mechanism name `clearMarket` and `peergrid clear --mechanism` accept. */
export const MECHANISMS = [...AUCTION_MECHANISMS, ...COMMUNITY_RULES] as const;

/**
 * Mechanisms only the simulation runs: 'continuous' keeps state from one interval to the next (the order book with
 * adaptive traders that learn across intervals, ts/market/continuous/continuous-interval-market.ts); 'bilateral'
 * clears each step's book as a multi-bilateral market warm-started from the last (ts/market/bilateral/);
 * 'tariff-margin' prices at feed-in plus a margin and matches preferring earlier partners
 * (ts/market/community/tariff-margin-matching.ts).
 */
export const SIMULATION_MECHANISMS = ['continuous', 'bilateral', 'tariff-margin'] as const;

/**
 * Mechanisms that clear a book on a feeder (orders name their bus; `peergrid clear --network`): 'network-constrained'
 * maximises welfare with the LinDistFlow model inside the LP (DLMPs), 'sensitivity-checked' accepts matched trades
 * only as far as the feeder's linear sensitivities allow (ts/market/network-constrained/).
 */
export const FEEDER_MECHANISMS = ['network-constrained', 'sensitivity-checked'] as const;

/** The feeder mechanisms a simulation runs (a step clears with the grid inside; the run needs a loaded LP solver). */
export const SIM_FEEDER_MECHANISMS = ['network-constrained'] as const;

/** An auction mechanism with a kernel. */
export type AuctionMechanism = (typeof AUCTION_MECHANISMS)[number];

/** A community pricing rule. */
export type CommunityRule = (typeof COMMUNITY_RULES)[number];

/** A mechanism that clears a book on a feeder. */
export type FeederMechanism = (typeof FEEDER_MECHANISMS)[number];

/** A mechanism name. */
export type MechanismName = (typeof MECHANISMS)[number];

/** Whether `name` is a mechanism name (own entries only: 'toString' is not a mechanism). */
export function isMechanismName(name: unknown): name is MechanismName {
  return typeof name === 'string' && (MECHANISMS as readonly string[]).includes(name);
}

/** Whether the mechanism is a community pricing rule (sdr, mmr, bill-sharing, bill-sharing-literal) rather than an auction. */
export function isCommunityRule(name: unknown): name is CommunityRule {
  return typeof name === 'string' && (COMMUNITY_RULES as readonly string[]).includes(name);
}
