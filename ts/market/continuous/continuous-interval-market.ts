// One market interval cleared continuously: the interval's orders arrive on the continuous order book one shout at a
// time in a seeded random order, each trader quoting the price its strategy (ZI-C, ZIP or AA) gives for its remaining
// quantity, trades matching in price-time priority at the resting order's price; after `rounds` rounds (or a round
// without a trade) what is left goes to the retailer at the tariffs. Traders are kept per prosumer and side across
// intervals, so adaptive ones learn over the simulation (the Elecbay design: half-hourly P2P on an order book with
// learning bidders). Quotes stay within the individually rational interval [feed-in + seller's P2P charges, retail −
// buyer's P2P charges] (tariffs/rationality-bounds.ts) and within each trader's limit, so no trader is worse off
// than with the retailer.
import { ValidationError } from '../../errors.js';
import { Rng } from '../../random.js';
import type { Engine } from '../../engine.js';
import { clearingFromFills } from '../clearing-from-fills.js';
import type { ClearingResult, Trade } from '../clearing-result.js';
import type { Order, Tariffs } from '../order.js';
import { rationalInterval } from '../tariffs/rationality-bounds.js';
import { validateOrders } from '../validate-orders.js';
import { createOrderBook } from './order-book.js';
import { TransactionHistory } from './traders/aa-trader.js';
import { checkTraderStrategy, createTrader, type TraderStrategy } from './traders/create-trader.js';
import type { AdaptiveTrader, MarketView, Shout } from './traders/trader.js';

/** Options of a continuous interval market. */
export interface ContinuousMarketOptions {
  /** Strategy of every trader (default 'zip'). */
  strategy?: TraderStrategy;
  /** Seed of the arrival order and the traders' parameters. */
  seed: number;
  /** Shout rounds per interval: every order with a remainder shouts once per round (default 5). */
  rounds?: number;
  /** Order-book engine (default 'wasm'). */
  engine?: Engine;
}

/** A ClearingResult of the continuous market, with the interval's allocative efficiency. */
export interface ContinuousClearingResult extends ClearingResult {
  /** Always 'continuous'. */
  mechanism: 'continuous';
  /** Welfare at the orders' prices / the book's maximum welfare (1 when nothing could trade). */
  allocativeEfficiency: number;
  /** Shouts made in this interval. */
  shouts: number;
}

/** A continuous market that keeps its traders (and what they learnt) from one interval to the next. */
export interface ContinuousMarket {
  /** Clears one interval's orders; residuals go to the retailer at `tariffs`. */
  clear(orders: readonly Order[], tariffs: Tariffs | undefined): ContinuousClearingResult;
}

/** Creates a continuous interval market. */
export function createContinuousMarket(options: ContinuousMarketOptions): ContinuousMarket {
  const strategy = checkTraderStrategy(options.strategy ?? 'zip');
  const rounds = options.rounds ?? 5;
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new ValidationError({ element: 'option', id: 'rounds', field: 'rounds', value: rounds }, 'must be a positive integer');
  }
  const rng = new Rng(options.seed);
  const history = new TransactionHistory();
  const traders = new Map<string, AdaptiveTrader>();
  let interval = 0;

  const traderFor = (o: Order, scale: number): AdaptiveTrader => {
    const key = `${o.side}\u0000${o.prosumer}`;
    let t = traders.get(key);
    if (t === undefined) {
      t = createTrader(strategy, o.side, o.pricePerKwh, rng.fork(key), history, scale);
      traders.set(key, t);
    }
    t.limitPrice = o.pricePerKwh;
    return t;
  };

  return {
    clear(orders, tariffs) {
      validateOrders(orders as Order[], tariffs);
      interval++;
      const n = orders.length;
      const prices = orders.map((o) => o.pricePerKwh);
      const bounds = rationalInterval(tariffs);
      const minPrice = bounds.floor ?? Math.min(0, ...prices);
      const maxPrice = bounds.ceiling ?? Math.max(minPrice, ...prices);
      const scale = Math.max(1e-9, maxPrice - minPrice);
      const ts = orders.map((o) => traderFor(o, scale));
      const remaining = Float64Array.from(orders, (o) => o.quantityKwh);
      const filled = new Float64Array(n);
      const value = new Float64Array(n);
      const resting = new Array<string | null>(n).fill(null);
      const owner = new Map<string, number>();
      const trades: Trade[] = [];
      const book = createOrderBook({ engine: options.engine ?? 'wasm' });
      const view = (): MarketView => ({ bestBid: book.bestBid(), bestAsk: book.bestAsk(), minPrice, maxPrice });
      let shouts = 0;
      const arrival = Array.from({ length: n }, (_, i) => i);
      for (let round = 0; round < rounds; round++) {
        rng.shuffle(arrival);
        let traded = false;
        for (const i of arrival) {
          if (!(remaining[i]! > 1e-9 * orders[i]!.quantityKwh)) continue;
          const o = orders[i]!;
          const t = ts[i]!;
          // A trader never quotes beyond its own limit or outside the retailer's prices.
          let price = t.quote(view(), rng);
          price = o.side === 'buy' ? Math.min(price, o.pricePerKwh, maxPrice) : Math.max(price, o.pricePerKwh, minPrice);
          if (resting[i] !== null) book.cancel(resting[i]!);
          const id = `${o.id}#${interval}.${shouts}`;
          owner.set(id, i);
          const report = book.submit({ id, prosumer: o.prosumer, side: o.side, type: 'limit', quantityKwh: remaining[i]!, pricePerKwh: price });
          shouts++;
          resting[i] = report.restingKwh > 0 ? id : null;
          let last: number | null = null;
          for (const tr of report.trades) {
            const maker = owner.get(tr.makerOrderId)!;
            for (const k of [i, maker]) {
              remaining[k] -= tr.quantityKwh;
              filled[k] += tr.quantityKwh;
              value[k] += tr.quantityKwh * tr.pricePerKwh;
            }
            if (remaining[maker]! <= 1e-9 * orders[maker]!.quantityKwh) resting[maker] = null;
            const b = o.side === 'buy' ? i : maker;
            const s = o.side === 'buy' ? maker : i;
            trades.push({
              buyOrderId: orders[b]!.id, sellOrderId: orders[s]!.id, buyer: orders[b]!.prosumer, seller: orders[s]!.prosumer,
              quantityKwh: tr.quantityKwh, pricePerKwh: tr.pricePerKwh, sellerPricePerKwh: tr.pricePerKwh,
            });
            history.record(tr.pricePerKwh);
            last = tr.pricePerKwh;
            traded = true;
          }
          const shout: Shout = { side: o.side, pricePerKwh: price, traded: last !== null, tradePricePerKwh: last };
          const after = view();
          ts.forEach((trader, k) => trader.observe(shout, after, remaining[k]! > 1e-9 * orders[k]!.quantityKwh, rng));
        }
        if (!traded && round > 0) break;
      }
      const result = clearingFromFills('continuous', orders, trades, filled, (i) => value[i]! / filled[i]!, tariffs, null);
      return {
        ...result,
        allocativeEfficiency: result.maxWelfare > 0 ? result.welfare / result.maxWelfare : 1,
        shouts,
      };
    },
  };
}
