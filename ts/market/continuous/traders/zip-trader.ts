// Zero-Intelligence-Plus traders (Cliff, "Minimal-intelligence agents for bargaining behaviours in market-based
// environments", HP Labs HPL-97-91, 1997): each trader quotes its limit times (1 ∓ margin) and adapts the margin by
// the Widrow-Hoff rule with momentum towards a target just beyond the last shout's price, raising its margin when
// shouts at worse prices still trade and lowering it when it would have lost the deal. Parameters are drawn per
// trader as in the report: learning rate β ∈ U[0.1, 0.5], momentum γ ∈ U[0, 0.1], initial margin ∈ U[0.05, 0.35],
// target perturbations R ∈ U[1, 1.05] (or U[0.95, 1]) and A ∈ U[0, 0.05] (or U[−0.05, 0]) of the price scale.
import type { Rng } from '../../../random.js';
import type { Side } from '../../order.js';
import type { AdaptiveTrader, MarketView, Shout } from './trader.js';

/** A ZIP trader. */
export class ZipTrader implements AdaptiveTrader {
  readonly strategy = 'zip' as const;
  private margin: number;
  private momentumTerm = 0;
  private readonly beta: number;
  private readonly gamma: number;

  /** `priceScale` sets the absolute perturbation A (Cliff's A ∈ [0, 0.05] is in units of his price range). */
  constructor(
    readonly side: Side,
    public limitPrice: number,
    rng: Rng,
    private readonly priceScale = 1,
  ) {
    this.beta = rng.uniform(0.1, 0.5);
    this.gamma = rng.uniform(0, 0.1);
    this.margin = rng.uniform(0.05, 0.35) * (side === 'buy' ? -1 : 1);
  }

  /** The current quote limit·(1 + μ), μ ≥ 0 for sellers and μ ∈ [−1, 0] for buyers (currency/kWh). */
  quote(view: MarketView): number {
    const p = this.limitPrice * (1 + this.margin);
    return Math.min(view.maxPrice, Math.max(view.minPrice, p));
  }

  /** Cliff's update rules, from the point of view of this trader's side. */
  observe(shout: Shout, view: MarketView, active: boolean, rng: Rng): void {
    const p = this.quote(view);
    const q = shout.traded ? shout.tradePricePerKwh! : shout.pricePerKwh;
    if (this.side === 'sell') {
      if (shout.traded) {
        if (p <= q) this.moveTowards(this.raiseTarget(q, rng), view);
        else if (active && shout.side === 'buy') this.moveTowards(this.lowerTarget(q, rng), view);
      } else if (active && shout.side === 'sell' && p >= q) this.moveTowards(this.lowerTarget(q, rng), view);
    } else {
      if (shout.traded) {
        if (p >= q) this.moveTowards(this.lowerTarget(q, rng), view);
        else if (active && shout.side === 'sell') this.moveTowards(this.raiseTarget(q, rng), view);
      } else if (active && shout.side === 'buy' && p <= q) this.moveTowards(this.raiseTarget(q, rng), view);
    }
  }

  private raiseTarget(q: number, rng: Rng): number {
    return rng.uniform(1, 1.05) * q + rng.uniform(0, 0.05) * this.priceScale;
  }

  private lowerTarget(q: number, rng: Rng): number {
    return rng.uniform(0.95, 1) * q - rng.uniform(0, 0.05) * this.priceScale;
  }

  /** Widrow-Hoff step with momentum towards `target`; the margin keeps its sign, so a quote never crosses the limit. */
  private moveTowards(target: number, view: MarketView): void {
    const p = this.quote(view);
    this.momentumTerm = this.gamma * this.momentumTerm + (1 - this.gamma) * this.beta * (target - p);
    const next = (p + this.momentumTerm) / this.limitPrice - 1;
    this.margin = this.side === 'sell' ? Math.max(0, next) : Math.min(0, Math.max(-1, next));
  }
}
