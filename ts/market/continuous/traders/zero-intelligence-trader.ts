// Zero-intelligence traders with a budget constraint (ZI-C; Gode & Sunder, "Allocative efficiency of markets with
// zero-intelligence traders", J. Political Economy 1993): each shout is uniform between the trader's limit and the
// market's price bound on its profitable side. They never learn, which is the baseline adaptive traders are compared
// against: high allocative efficiency, but prices that do not settle at the competitive equilibrium.
import type { Rng } from '../../../random.js';
import type { Side } from '../../order.js';
import type { AdaptiveTrader, MarketView } from './trader.js';

/** A ZI-C trader. */
export class ZeroIntelligenceTrader implements AdaptiveTrader {
  readonly strategy = 'zi-c' as const;
  constructor(
    readonly side: Side,
    public limitPrice: number,
  ) {}

  /** Uniform in [minPrice, limit] for a buyer, [limit, maxPrice] for a seller (currency/kWh). */
  quote(view: MarketView, rng: Rng): number {
    return this.side === 'buy' ? rng.uniform(view.minPrice, this.limitPrice) : rng.uniform(this.limitPrice, view.maxPrice);
  }

  /** ZI-C does not learn. */
  observe(): void {}
}
