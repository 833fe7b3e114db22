// Adaptive-Aggressiveness traders (Vytelingum, Cliff & Jennings, "Strategic bidding in continuous double auctions",
// Artificial Intelligence 172, 2008). Each trader estimates the competitive equilibrium price p̂ as a weighted moving
// average of recent transaction prices (weights ρ^k, ρ = 0.9, last N = 5), and turns an aggressiveness r ∈ [−1, 1]
// into a target price τ(r) through curves whose shape θ it learns from the market's volatility. Short-term learning
// moves r (rate β1) towards the aggressiveness that would have just matched the last transaction or shout, slightly
// more or less aggressive (λr = 0.02, λa = 0.01); long-term learning moves θ (rate β2) towards θ*(α) of the
// normalised volatility α. The bidding layer approaches τ by steps of 1/η of the spread (η = 3).
import type { Rng } from '../../../random.js';
import type { Side } from '../../order.js';
import type { AdaptiveTrader, MarketView, Shout } from './trader.js';

const RHO = 0.9;
const WINDOW = 5;
const LAMBDA_R = 0.02;
const LAMBDA_A = 0.01;
const ETA = 3;
const THETA_MIN = -8;
const THETA_MAX = 2;
const GAMMA = 2;

/** Shared memory of transaction prices all AA traders of a market observe (public information). */
export class TransactionHistory {
  /** Transaction prices in order, currency/kWh. */
  readonly prices: number[] = [];
  private alphaMin = Infinity;
  private alphaMax = -Infinity;

  /** Records a transaction and updates the observed range of volatility. */
  record(price: number): void {
    this.prices.push(price);
    const a = this.volatility();
    if (a !== null) {
      this.alphaMin = Math.min(this.alphaMin, a);
      this.alphaMax = Math.max(this.alphaMax, a);
    }
  }

  /** p̂: weighted moving average of the last N transaction prices (null before the first). */
  equilibriumEstimate(): number | null {
    const n = Math.min(WINDOW, this.prices.length);
    if (n === 0) return null;
    let num = 0;
    let den = 0;
    for (let k = 0; k < n; k++) {
      const w = RHO ** k;
      num += w * this.prices[this.prices.length - 1 - k]!;
      den += w;
    }
    return num / den;
  }

  /** α: root-mean-square deviation of the last N prices from p̂, relative to p̂. */
  volatility(): number | null {
    const p = this.equilibriumEstimate();
    const n = Math.min(WINDOW, this.prices.length);
    if (p === null || p === 0) return null;
    let s = 0;
    for (let k = 0; k < n; k++) s += (this.prices[this.prices.length - 1 - k]! - p) ** 2;
    return Math.sqrt(s / n) / p;
  }

  /** α normalised by the range seen so far, in [0, 1]. */
  normalisedVolatility(): number {
    const a = this.volatility();
    if (a === null || !(this.alphaMax > this.alphaMin)) return 0;
    return (a - this.alphaMin) / (this.alphaMax - this.alphaMin);
  }
}

/** An AA trader. */
export class AaTrader implements AdaptiveTrader {
  readonly strategy = 'aa' as const;
  private r: number;
  private theta: number;
  private readonly beta1: number;
  private readonly beta2: number;

  /** `priceScale` converts the paper's absolute λa to this market's prices (e.g. maxPrice − minPrice). */
  constructor(
    readonly side: Side,
    public limitPrice: number,
    private readonly history: TransactionHistory,
    rng: Rng,
    private readonly priceScale = 1,
  ) {
    this.r = rng.uniform(-1, 1) * 0.1;
    this.theta = -1 * rng.uniform(0.5, 1.5);
    this.beta1 = rng.uniform(0.2, 0.6);
    this.beta2 = rng.uniform(0.2, 0.6);
  }

  /** Target price τ(r) for the current equilibrium estimate (currency/kWh). */
  target(r: number, view: MarketView): number {
    const p = this.history.equilibriumEstimate()!;
    const th = Math.abs(this.theta) < 1e-9 ? 1e-9 : this.theta;
    // (e^{xθ} − 1)/(e^θ − 1) rises from 0 to 1 as x goes from 0 to 1, for either sign of θ.
    const curve = (x: number): number => (Math.exp(x * th) - 1) / (Math.exp(th) - 1);
    const l = this.limitPrice;
    if (this.side === 'buy') {
      if (l > p) return r <= 0 ? p * (1 - curve(-r)) : p + (l - p) * curve(r);
      return r <= 0 ? l * (1 - curve(-r)) : l;
    }
    if (l < p) return r <= 0 ? p + (view.maxPrice - p) * curve(-r) : l + (p - l) * (1 - curve(r));
    return r <= 0 ? l + (view.maxPrice - l) * curve(-r) : l;
  }

  /** The bidding layer: accept the opposite quote when it beats the target, else close 1/η of the gap to it. */
  quote(view: MarketView): number {
    const bid = view.bestBid ?? view.minPrice;
    const ask = view.bestAsk ?? view.maxPrice;
    let price: number;
    if (this.history.equilibriumEstimate() === null) {
      // Before the first transaction: close 1/η of the gap to a slightly worse opposite quote, so the spread closes
      // and the first trade happens (o_ask+ = (1 + λr)·o_ask + λa and o_bid− = (1 − λr)·o_bid − λa in the paper).
      const askPlus = (1 + LAMBDA_R) * ask + LAMBDA_A * this.priceScale;
      const bidMinus = (1 - LAMBDA_R) * bid - LAMBDA_A * this.priceScale;
      price = this.side === 'buy' ? bid + (Math.min(this.limitPrice, askPlus) - bid) / ETA : ask - (ask - Math.max(this.limitPrice, bidMinus)) / ETA;
    } else {
      const tau = this.target(this.r, view);
      if (this.side === 'buy') price = ask <= tau ? ask : bid + (tau - bid) / ETA;
      else price = bid >= tau ? bid : ask - (ask - tau) / ETA;
    }
    return this.side === 'buy' ? Math.min(this.limitPrice, Math.max(view.minPrice, price)) : Math.max(this.limitPrice, Math.min(view.maxPrice, price));
  }

  /** Short-term (r) and long-term (θ) learning from a public shout. */
  observe(shout: Shout, view: MarketView): void {
    if (this.history.equilibriumEstimate() === null) return;
    const tau = this.target(this.r, view);
    const q = shout.traded ? shout.tradePricePerKwh! : shout.pricePerKwh;
    let moreAggressive: boolean | null = null;
    if (this.side === 'buy') {
      if (shout.traded) moreAggressive = tau < q;
      else if (shout.side === 'buy' && tau <= q) moreAggressive = true;
    } else {
      if (shout.traded) moreAggressive = tau > q;
      else if (shout.side === 'sell' && tau >= q) moreAggressive = true;
    }
    if (moreAggressive !== null) {
      const rShout = this.aggressivenessFor(q, view);
      const delta = moreAggressive ? (1 + LAMBDA_R) * rShout + LAMBDA_A : (1 - LAMBDA_R) * rShout - LAMBDA_A;
      this.r = Math.max(-1, Math.min(1, this.r + this.beta1 * (delta - this.r)));
    }
    if (shout.traded) {
      const a = this.history.normalisedVolatility();
      const thetaStar = (THETA_MAX - THETA_MIN) * (1 - a * Math.exp(GAMMA * (a - 1))) + THETA_MIN;
      this.theta += this.beta2 * (thetaStar - this.theta);
    }
  }

  /** The aggressiveness whose target is `price` (τ is monotone in r, so bisection; clamped to [−1, 1]). */
  private aggressivenessFor(price: number, view: MarketView): number {
    // Buyers' τ rises with r, sellers' falls.
    const rising = this.side === 'buy';
    let lo = -1;
    let hi = 1;
    // 40 halvings of [−1, 1] leave r within 2e-12.
    for (let it = 0; it < 40; it++) {
      const mid = (lo + hi) / 2;
      const t = this.target(mid, view);
      if ((t < price) === rising) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }
}
