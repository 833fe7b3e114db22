// Trading days of a continuous double auction among adaptive traders, in the style of the classic experiments
// (Smith 1962; Gode & Sunder 1993; Cliff 1997; Vytelingum et al. 2008): every day each trader holds one unit (a
// buyer's value, a seller's cost), a randomly chosen trader with a unit left shouts a one-unit limit order on the
// continuous order book, which trades at the resting order's price when it crosses; every shout is public and every
// trader learns from it. Measured per day: allocative efficiency and Smith's α (the convergence of transaction prices
// to the competitive equilibrium).
import { ValidationError } from '../../errors.js';
import { Rng } from '../../random.js';
import type { Engine } from '../../engine.js';
import { createOrderBook } from './order-book.js';
import { TransactionHistory } from './traders/aa-trader.js';
import { checkTraderStrategy, createTrader, type TraderStrategy } from './traders/create-trader.js';
import type { AdaptiveTrader, MarketView, Shout } from './traders/trader.js';

export type { TraderStrategy } from './traders/create-trader.js';

/** A market's limit prices: one unit per trader per day (currency/kWh). */
export interface SupplyDemandSchedule {
  /** Buyers' values, one unit each, currency/kWh. */
  buyerValues: number[];
  /** Sellers' costs, one unit each, currency/kWh. */
  sellerCosts: number[];
  /** Lowest admissible quote (e.g. the feed-in tariff), currency/kWh. */
  minPrice: number;
  /** Highest admissible quote (e.g. the retail price), currency/kWh. */
  maxPrice: number;
}

/** The competitive equilibrium of a schedule: where the stepped supply and demand curves cross. */
export interface CompetitiveEquilibrium {
  /** Units traded at the equilibrium. */
  quantity: number;
  /** Lowest and highest market-clearing price, currency/kWh. */
  priceRange: [number, number];
  /** Midpoint of the clearing range, p* of Smith's α, currency/kWh. */
  price: number;
  /** Largest total surplus any allocation reaches, currency. */
  maxSurplus: number;
}

/** Options of a CDA experiment. */
export interface CdaExperimentOptions {
  /** Strategy of every trader. */
  strategy: TraderStrategy;
  /** Trading days (traders keep what they learnt from one day to the next). */
  days: number;
  /** Shouts per day (default 20 per trader). */
  shoutsPerDay?: number;
  /** Seed of the trader parameters and the order of shouts. */
  seed: number;
  /** Order-book engine (default 'wasm'). */
  engine?: Engine;
}

/** One transaction. */
export interface CdaTransaction {
  /** Price, currency/kWh. */
  pricePerKwh: number;
  /** Buyer index in the schedule. */
  buyer: number;
  /** Seller index in the schedule. */
  seller: number;
}

/** One day's outcome. */
export interface CdaDay {
  /** Transactions in order. */
  transactions: CdaTransaction[];
  /** Realised surplus / the competitive equilibrium's surplus (1 = efficient). */
  allocativeEfficiency: number;
  /** Smith's α: 100 · RMS(p − p*) / p* over the day's transactions, % (null without transactions). */
  smithAlphaPercent: number | null;
}

/** Result of a CDA experiment. */
export interface CdaExperimentResult {
  /** The strategy all traders used. */
  strategy: TraderStrategy;
  /** The schedule's competitive equilibrium. */
  equilibrium: CompetitiveEquilibrium;
  /** Per-day outcomes. */
  days: CdaDay[];
}

/** The competitive equilibrium of a unit-demand, unit-supply schedule. */
export function competitiveEquilibrium(schedule: SupplyDemandSchedule): CompetitiveEquilibrium {
  validateSchedule(schedule);
  const values = [...schedule.buyerValues].sort((a, b) => b - a);
  const costs = [...schedule.sellerCosts].sort((a, b) => a - b);
  let q = 0;
  let surplus = 0;
  while (q < values.length && q < costs.length && values[q]! >= costs[q]!) {
    surplus += values[q]! - costs[q]!;
    q++;
  }
  // The clearing range: at least the q-th cost and the (q+1)-th value (the first excluded buyer), at most the q-th
  // value and the (q+1)-th cost (the first excluded seller).
  const lo = Math.max(q > 0 ? costs[q - 1]! : schedule.minPrice, values[q] ?? schedule.minPrice);
  const hi = Math.min(q > 0 ? values[q - 1]! : schedule.maxPrice, costs[q] ?? schedule.maxPrice);
  return { quantity: q, priceRange: [lo, hi], price: (lo + hi) / 2, maxSurplus: surplus };
}

/** Runs `days` trading days of the continuous double auction with one strategy for every trader. */
export function runCdaExperiment(schedule: SupplyDemandSchedule, options: CdaExperimentOptions): CdaExperimentResult {
  const equilibrium = competitiveEquilibrium(schedule);
  if (!Number.isInteger(options.days) || options.days < 1) {
    throw new ValidationError({ element: 'option', id: 'days', field: 'days', value: options.days }, 'must be a positive integer');
  }
  const strategy = checkTraderStrategy(options.strategy);
  const rng = new Rng(options.seed);
  const history = new TransactionHistory();
  const scale = schedule.maxPrice - schedule.minPrice;
  const make = (side: 'buy' | 'sell', limit: number, k: number): AdaptiveTrader =>
    createTrader(strategy, side, limit, rng.fork(`${side}${k}`), history, scale);
  const traders = [
    ...schedule.buyerValues.map((v, k) => make('buy', v, k)),
    ...schedule.sellerCosts.map((c, k) => make('sell', c, k)),
  ];
  const buyers = schedule.buyerValues.length;
  const shoutsPerDay = options.shoutsPerDay ?? 20 * traders.length;
  const days: CdaDay[] = [];
  for (let day = 0; day < options.days; day++) {
    const book = createOrderBook({ engine: options.engine ?? 'wasm' });
    const active = new Uint8Array(traders.length).fill(1);
    const resting = new Array<string | null>(traders.length).fill(null);
    const owner = new Map<string, number>();
    const transactions: CdaTransaction[] = [];
    for (let s = 0; s < shoutsPerDay; s++) {
      const candidates = traders.flatMap((_, i) => (active[i] ? [i] : []));
      const hasBuyer = candidates.some((i) => i < buyers);
      const hasSeller = candidates.some((i) => i >= buyers);
      if (!hasBuyer || !hasSeller) break;
      const i = candidates[rng.int(candidates.length)]!;
      const trader = traders[i]!;
      const view = viewOf(book, schedule);
      const price = trader.quote(view, rng);
      if (resting[i] !== null) book.cancel(resting[i]!);
      const id = `d${day}s${s}`;
      owner.set(id, i);
      const report = book.submit({ id, prosumer: String(i), side: trader.side, type: 'limit', quantityKwh: 1, pricePerKwh: price });
      let shout: Shout = { side: trader.side, pricePerKwh: price, traded: false, tradePricePerKwh: null };
      resting[i] = id;
      if (report.trades.length > 0) {
        const t = report.trades[0]!;
        const other = owner.get(t.makerOrderId)!;
        active[i] = 0;
        active[other] = 0;
        resting[i] = null;
        resting[other] = null;
        const buyer = trader.side === 'buy' ? i : other;
        const seller = trader.side === 'buy' ? other : i;
        transactions.push({ pricePerKwh: t.pricePerKwh, buyer, seller: seller - buyers });
        history.record(t.pricePerKwh);
        shout = { ...shout, traded: true, tradePricePerKwh: t.pricePerKwh };
      }
      const after = viewOf(book, schedule);
      traders.forEach((tr, k) => tr.observe(shout, after, active[k] === 1, rng));
    }
    let surplus = 0;
    for (const t of transactions) surplus += schedule.buyerValues[t.buyer]! - schedule.sellerCosts[t.seller]!;
    let sq = 0;
    for (const t of transactions) sq += (t.pricePerKwh - equilibrium.price) ** 2;
    days.push({
      transactions,
      allocativeEfficiency: equilibrium.maxSurplus > 0 ? surplus / equilibrium.maxSurplus : 1,
      smithAlphaPercent: transactions.length > 0 ? (100 * Math.sqrt(sq / transactions.length)) / equilibrium.price : null,
    });
  }
  return { strategy: options.strategy, equilibrium, days };
}

function viewOf(book: { bestBid(): number | null; bestAsk(): number | null }, s: SupplyDemandSchedule): MarketView {
  return { bestBid: book.bestBid(), bestAsk: book.bestAsk(), minPrice: s.minPrice, maxPrice: s.maxPrice };
}

function validateSchedule(s: SupplyDemandSchedule): void {
  const bad = (field: string, value: unknown, problem: string): never => {
    throw new ValidationError({ element: 'schedule', id: 'schedule', field, value, unit: 'currency/kWh' }, problem);
  };
  if (!(Number.isFinite(s.minPrice) && Number.isFinite(s.maxPrice) && s.minPrice >= 0 && s.maxPrice > s.minPrice)) {
    bad('maxPrice', s.maxPrice, `must be finite and above minPrice (${s.minPrice} ≥ 0)`);
  }
  s.buyerValues.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= s.minPrice && v <= s.maxPrice)) bad(`buyerValues[${i}]`, v, 'must lie in [minPrice, maxPrice]');
  });
  s.sellerCosts.forEach((c, i) => {
    if (!(Number.isFinite(c) && c >= s.minPrice && c <= s.maxPrice)) bad(`sellerCosts[${i}]`, c, 'must lie in [minPrice, maxPrice]');
  });
  if (s.buyerValues.length === 0 || s.sellerCosts.length === 0) bad('buyerValues', s.buyerValues.length, 'needs at least one buyer and one seller');
}
