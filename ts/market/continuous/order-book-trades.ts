// A one-interval book matched by the continuous double auction (./order-book.ts) in arrival order: each order of the
// book, in book order, is submitted as a limit order at its price — bids capped at the buyers' ceiling and asks
// raised to the sellers' floor, as every mechanism clears them (../tariffs/rationality-bounds.ts) — and trades at
// once with the best resting orders it crosses, at the resting order's price. The trades come back as book
// positions in execution order: the trade stream of a continuous market, which the sensitivity-checked trades
// (../network-constrained/sensitivity-checked-trades.ts) check one by one as Guerrero et al. do.
import type { Engine } from '../../engine.js';
import type { TradeColumns } from '../clearing-columns.js';
import type { Order, Tariffs } from '../order.js';
import { rationalInterval } from '../tariffs/rationality-bounds.js';
import { createOrderBook } from './order-book.js';

/** The trades of a continuous double auction fed the book in book order (orders validated by the caller). */
export function orderBookTrades(orders: readonly Order[], options: { tariffs?: Tariffs; engine?: Engine } = {}): TradeColumns {
  const { floor, ceiling } = rationalInterval(options.tariffs);
  const book = createOrderBook({ engine: options.engine, capacity: Math.max(1, orders.length), keepEventLog: false });
  const position = new Map<string, number>();
  const buyIndex: number[] = [];
  const sellIndex: number[] = [];
  const quantityKwh: number[] = [];
  const pricePerKwh: number[] = [];
  orders.forEach((o, i) => {
    position.set(o.id, i);
    const price = o.side === 'buy' ? Math.min(o.pricePerKwh, ceiling ?? Infinity) : Math.max(o.pricePerKwh, floor ?? -Infinity);
    for (const t of book.submit({ id: o.id, prosumer: o.prosumer, side: o.side, type: 'limit', quantityKwh: o.quantityKwh, pricePerKwh: price }).trades) {
      buyIndex.push(position.get(t.buyOrderId)!);
      sellIndex.push(position.get(t.sellOrderId)!);
      quantityKwh.push(t.quantityKwh);
      pricePerKwh.push(t.pricePerKwh);
    }
  });
  return {
    buyIndex: Int32Array.from(buyIndex), sellIndex: Int32Array.from(sellIndex),
    quantityKwh: Float64Array.from(quantityKwh), pricePerKwh: Float64Array.from(pricePerKwh),
  };
}
