import { describe, expect, it } from 'vitest';
import { createOrderBook, type BookOrder, type BookEvent, type OrderBook } from '../../../ts/market/continuous/order-book.js';
import { OrderBookKernel } from '../../../ts/market/continuous/order-book-kernel.js';
import { randomOrderStream } from '../../../ts/market/continuous/random-order-stream.js';
import { BOOK_EVENT_STRIDE } from '../../../ts/market/continuous/order-book-baseline.js';
import { ValidationError } from '../../../ts/errors.js';
import { Rng } from '../../../ts/random.js';

const ENGINES = ['wasm', 'ts'] as const;

function lim(id: string, side: 'buy' | 'sell', quantityKwh: number, pricePerKwh: number, timestamp?: number): BookOrder {
  return { id, prosumer: `p-${id}`, side, type: 'limit', quantityKwh, pricePerKwh, timestamp };
}
function mkt(id: string, side: 'buy' | 'sell', quantityKwh: number): BookOrder {
  return { id, prosumer: `p-${id}`, side, type: 'market', quantityKwh };
}
const brief = (t: { makerOrderId: string; quantityKwh: number; pricePerKwh: number }) =>
  [t.makerOrderId, t.quantityKwh, t.pricePerKwh] as const;

describe.each(ENGINES)('order book (%s): hand-checked', (engine) => {
  it('price-time priority, trades at the maker price, partial fills', () => {
    const book = createOrderBook({ engine });
    book.submit(lim('a1', 'sell', 3, 0.2));
    book.submit(lim('a2', 'sell', 2, 0.19));
    book.submit(lim('a3', 'sell', 1, 0.2));
    expect(book.bestAsk()).toBe(0.19);
    expect(book.bestBid()).toBeNull();
    // Buy 5 @ 0.21: the cheapest ask first, then the earlier of the two at 0.20; price = maker's.
    const r = book.submit(lim('b1', 'buy', 5, 0.21));
    expect(r.trades.map(brief)).toEqual([['a2', 2, 0.19], ['a1', 3, 0.2]]);
    expect(r).toMatchObject({ filledKwh: 5, restingKwh: 0, expiredKwh: 0 });
    expect(r.trades[0]).toMatchObject({ buyOrderId: 'b1', sellOrderId: 'a2', buyer: 'p-b1', seller: 'p-a2', takerOrderId: 'b1' });
    // A bid that does not cross rests; partial fill of a maker leaves its remainder with its priority.
    const r2 = book.submit(lim('b2', 'buy', 4, 0.18));
    expect(r2.trades).toEqual([]);
    expect(r2.restingKwh).toBe(4);
    const r3 = book.submit(lim('s1', 'sell', 1.5, 0.15));
    expect(r3.trades.map(brief)).toEqual([['b2', 1.5, 0.18]]);
    expect(book.depth(5)).toEqual({
      bids: [{ pricePerKwh: 0.18, quantityKwh: 2.5, orders: 1 }],
      asks: [{ pricePerKwh: 0.2, quantityKwh: 1, orders: 1 }],
    });
    // A sell limit crossing partly: fills 2.5 @ 0.18, rests 0.5 @ 0.17.
    const r4 = book.submit(lim('s2', 'sell', 3, 0.17));
    expect(r4.trades.map(brief)).toEqual([['b2', 2.5, 0.18]]);
    expect(r4.restingKwh).toBe(0.5);
    expect(book.bestAsk()).toBe(0.17);
    expect(book.bestBid()).toBeNull();
  });

  it('market orders never rest; the remainder is reported and logged as expired', () => {
    const book = createOrderBook({ engine });
    book.submit(lim('a1', 'sell', 1, 0.3));
    book.submit(lim('a2', 'sell', 1, 0.25));
    const r = book.submit(mkt('m1', 'buy', 3.5));
    expect(r.trades.map(brief)).toEqual([['a2', 1, 0.25], ['a1', 1, 0.3]]);
    expect(r).toMatchObject({ filledKwh: 2, restingKwh: 0, expiredKwh: 1.5 });
    const empty = book.submit(mkt('m2', 'sell', 2));
    expect(empty).toMatchObject({ filledKwh: 0, expiredKwh: 2, trades: [] });
    const log = book.events();
    expect(log.filter((e) => e.type === 'expired')).toEqual([
      { seq: 5, type: 'expired', orderId: 'm1', quantityKwh: 1.5, reason: 'market-order-remainder', timestamp: 0 },
      { seq: 7, type: 'expired', orderId: 'm2', quantityKwh: 2, reason: 'market-order-remainder', timestamp: 0 },
    ]);
    expect(log.map((e) => e.type)).toEqual(['accepted', 'accepted', 'accepted', 'trade', 'trade', 'expired', 'accepted', 'expired']);
    expect(book.size()).toEqual({ bids: 0, asks: 0 });
  });

  it('cancel removes from the middle of the book and keeps priority of the rest', () => {
    const book = createOrderBook({ engine, capacity: 2 });
    for (let i = 0; i < 20; i++) book.submit(lim(`b${i}`, 'buy', 1, 0.1 + (i % 5) * 0.01, i));
    expect(book.cancel('b14', 30)).toBe(1); // price 0.14, the second order at the best price
    expect(book.cancel('b14')).toBeNull();
    expect(() => book.cancel('nope')).toThrow(ValidationError);
    const r = book.submit(lim('s', 'sell', 4.5, 0.13, 31));
    expect(r.trades.map(brief)).toEqual([['b4', 1, 0.14], ['b9', 1, 0.14], ['b19', 1, 0.14], ['b3', 1, 0.13], ['b8', 0.5, 0.13]]);
    const snap = book.snapshot();
    expect(snap.bids.slice(0, 3).map((o) => [o.orderId, o.remainingKwh])).toEqual([['b8', 0.5], ['b13', 1], ['b18', 1]]);
    expect(snap.bids).toHaveLength(20 - 1 - 4);
    expect(book.events().find((e) => e.type === 'cancelled')).toMatchObject({ orderId: 'b14', quantityKwh: 1, timestamp: 30 });
  });

  it('floating-point dust never rests, trades or expires (remainder ≤ 1e-9 of the submitted quantity is used up)', () => {
    // Taker dust: 0.4 − 0.1 = 0.30000000000000004, minus the 0.3 maker leaves 5.6e-17 kWh.
    const a = createOrderBook({ engine });
    a.submit(lim('a1', 'sell', 0.1, 0.2));
    a.submit(lim('a2', 'sell', 0.3, 0.2));
    const rm = a.submit(mkt('m', 'buy', 0.4));
    expect(rm.trades.map(brief)).toEqual([['a1', 0.1, 0.2], ['a2', 0.3, 0.2]]);
    expect(rm).toMatchObject({ expiredKwh: 0, restingKwh: 0 });
    expect(a.events().filter((e) => e.type === 'expired')).toEqual([]);
    a.submit(lim('a3', 'sell', 0.1, 0.2));
    a.submit(lim('a4', 'sell', 0.3, 0.2));
    expect(a.submit(lim('b', 'buy', 0.4, 0.2)).restingKwh).toBe(0);
    expect(a.size()).toEqual({ bids: 0, asks: 0 });
    // Maker dust: 0.3 − 0.1 = 0.19999999999999998, so a 0.2 taker leaves the ask with 2.8e-17 kWh.
    const b = createOrderBook({ engine });
    b.submit(lim('s', 'sell', 0.3, 0.2));
    b.submit(lim('b1', 'buy', 0.1, 0.2));
    const r2 = b.submit(lim('b2', 'buy', 0.2, 0.2));
    expect(r2.trades.map(brief)).toEqual([['s', 0.19999999999999998, 0.2]]);
    expect(r2.restingKwh).toBe(0);
    expect(b.size()).toEqual({ bids: 0, asks: 0 });
    // Ten 0.1 takers against a 1.0 maker: the ninth leaves 0.10000000000000014, the tenth 1.4e-16 of dust.
    const c = createOrderBook({ engine });
    c.submit(lim('s', 'sell', 1, 0.2));
    for (let i = 0; i < 10; i++) expect(c.submit(mkt(`m${i}`, 'buy', 0.1)).trades.map(brief)).toEqual([['s', 0.1, 0.2]]);
    expect(c.size()).toEqual({ bids: 0, asks: 0 });
    expect(c.submit(mkt('late', 'buy', 1)).trades).toEqual([]);
    expect(c.cancel('s')).toBeNull();
    // A genuinely small remainder (above 1e-9 of the order) still rests.
    const d = createOrderBook({ engine });
    d.submit(lim('s', 'sell', 1, 0.2));
    expect(d.submit(mkt('m', 'buy', 1 - 1e-8)).restingKwh).toBe(0);
    expect(d.snapshot().asks.map((o) => o.orderId)).toEqual(['s']);
    expect(d.snapshot().asks[0]!.remainingKwh).toBe(1 - (1 - 1e-8));
  });

  it('validation names the order id and field', () => {
    const book = createOrderBook({ engine });
    book.submit(lim('x', 'buy', 1, 0.1, 5));
    const cases: Array<[BookOrder, string]> = [
      [lim('x', 'sell', 1, 0.1), 'id'],
      [{ ...lim('l', 'buy', 1, 0.1), pricePerKwh: undefined }, 'pricePerKwh'],
      [{ ...mkt('m', 'buy', 1), pricePerKwh: 0.2 }, 'pricePerKwh'],
      [lim('q', 'buy', 0, 0.1), 'quantityKwh'],
      [lim('q2', 'buy', Number.POSITIVE_INFINITY, 0.1), 'quantityKwh'],
      [lim('n', 'buy', 1, Number.NaN), 'pricePerKwh'],
      [{ ...lim('s', 'buy', 1, 0.1), side: 'hold' as never }, 'side'],
      [{ ...lim('t', 'buy', 1, 0.1), type: 'stop' as never }, 'type'],
      [lim('ts', 'buy', 1, 0.1, 4), 'timestamp'],
    ];
    for (const [order, field] of cases) {
      try {
        book.submit(order);
        expect.unreachable(`${order.id} should be rejected`);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).id).toBe(order.id);
        expect((e as ValidationError).field).toBe(field);
      }
    }
    expect(book.size()).toEqual({ bids: 1, asks: 0 });
    // A rejected id was not consumed.
    expect(book.submit(lim('q', 'buy', 1, 0.1, 6)).restingKwh).toBe(1);
  });

  it('a market order sweeping more resting orders than the event buffer holds', () => {
    const book = createOrderBook({ engine, keepEventLog: false });
    const n = 10_000;
    for (let i = 0; i < n; i++) book.submit(lim(`a${i}`, 'sell', 0.5, 0.1 + (i % 100) / 1000));
    const r = book.submit(mkt('m', 'buy', n));
    expect(r.trades).toHaveLength(n);
    expect(r.filledKwh).toBe(n / 2);
    expect(r.expiredKwh).toBe(n / 2);
    expect(r.trades[0]!.pricePerKwh).toBe(0.1);
    expect(r.trades[n - 1]!.makerOrderId).toBe('a9999');
    expect(book.events()).toEqual([]);
  });
});

/** An independent, deliberately naive reference: re-sorts the opposite side on every order. */
function referenceTrades(orders: Array<BookOrder | { cancel: string }>): Array<[string, string, number, number]> {
  const resting: Array<{ id: string; side: string; price: number; qty: number; size: number; seq: number }> = [];
  const out: Array<[string, string, number, number]> = [];
  let seq = 0;
  for (const o of orders) {
    if ('cancel' in o) {
      const i = resting.findIndex((r) => r.id === o.cancel);
      if (i >= 0) resting.splice(i, 1);
      continue;
    }
    let q = o.quantityKwh;
    const opp = resting
      .filter((r) => r.side !== o.side)
      .filter((r) => o.type === 'market' || (o.side === 'buy' ? r.price <= o.pricePerKwh! : r.price >= o.pricePerKwh!))
      .sort((a, b) => (o.side === 'buy' ? a.price - b.price : b.price - a.price) || a.seq - b.seq);
    for (const r of opp) {
      if (q <= 0) break;
      const t = Math.min(q, r.qty);
      out.push([o.id, r.id, t, r.price]);
      r.qty -= t;
      q -= t;
      // The dust rule: a remainder within 1e-9 of the order's submitted quantity is used up.
      if (q <= 1e-9 * o.quantityKwh) q = 0;
      if (r.qty <= 1e-9 * r.size) resting.splice(resting.indexOf(r), 1);
    }
    if (q > 0 && o.type === 'limit') {
      resting.push({ id: o.id, side: o.side, price: o.pricePerKwh!, qty: q, size: o.quantityKwh, seq: seq++ });
    }
  }
  return out;
}

function streamToOrders(n: number, seed: number): Array<BookOrder | { cancel: string }> {
  const s = randomOrderStream({ n, seed });
  const out: Array<BookOrder | { cancel: string }> = [];
  for (let i = 0; i < n; i++) {
    if (s.op[i] === 2) out.push({ cancel: `o${s.target[i]}` });
    else {
      out.push({
        id: `o${i}`, prosumer: `p${i % 37}`, side: s.side[i] === 0 ? 'buy' : 'sell',
        type: s.op[i] === 0 ? 'limit' : 'market', quantityKwh: s.quantityKwh[i]!,
        pricePerKwh: s.op[i] === 0 ? s.pricePerKwh[i]! : undefined, timestamp: i,
      });
    }
  }
  return out;
}

function replay(book: OrderBook, orders: Array<BookOrder | { cancel: string }>): Array<[string, string, number, number]> {
  const trades: Array<[string, string, number, number]> = [];
  for (const o of orders) {
    if ('cancel' in o) book.cancel(o.cancel);
    else for (const t of book.submit(o).trades) trades.push([t.takerOrderId, t.makerOrderId, t.quantityKwh, t.pricePerKwh]);
    const bid = book.bestBid();
    const ask = book.bestAsk();
    if (bid !== null && ask !== null) expect(bid).toBeLessThan(ask);
  }
  return trades;
}

describe('order book: seeded random streams', () => {
  it('matches a naive reference implementation trade for trade (3 seeds × 3,000 operations)', () => {
    for (const seed of [1, 2, 3]) {
      const orders = streamToOrders(3000, seed);
      const expected = referenceTrades(orders);
      expect(expected.length).toBeGreaterThan(300);
      for (const engine of ENGINES) expect(replay(createOrderBook({ engine, capacity: 4 }), orders)).toEqual(expected);
    }
  });

  it('decimal quantities (k × 0.1 kWh) leave no dust anywhere, in both engines alike (2 seeds × 4,000 orders)', () => {
    // Every legitimate quantity here is a sum/difference of tenths, so anything below 1e-6 kWh is rounding dust.
    for (const seed of [5, 6]) {
      const rng = new Rng(seed);
      const orders: BookOrder[] = [];
      for (let i = 0; i < 4000; i++) {
        const side = rng.chance(0.5) ? 'buy' : 'sell';
        const quantityKwh = (1 + rng.int(10)) / 10;
        if (rng.chance(0.2)) orders.push(mkt(`o${i}`, side, quantityKwh));
        else orders.push(lim(`o${i}`, side, quantityKwh, 0.2 + (side === 'buy' ? 1 : -1) * rng.int(3) / 1000));
      }
      const logs = ENGINES.map((engine) => {
        const book = createOrderBook({ engine, capacity: 8 });
        for (const o of orders) {
          const r = book.submit(o);
          for (const t of r.trades) expect(t.quantityKwh).toBeGreaterThan(1e-6);
          if (r.restingKwh > 0) expect(r.restingKwh).toBeGreaterThan(1e-6);
          if (r.expiredKwh > 0) expect(r.expiredKwh).toBeGreaterThan(1e-6);
        }
        const snap = book.snapshot();
        for (const o of [...snap.bids, ...snap.asks]) expect(o.remainingKwh).toBeGreaterThan(1e-6);
        return book.events();
      });
      expect(logs[0]!.filter((e) => e.type === 'trade').length).toBeGreaterThan(1000);
      expect(logs[1]).toEqual(logs[0]);
      const trades = logs[0]!.filter((e) => e.type === 'trade').map((t) => [t.takerOrderId, t.makerOrderId, t.quantityKwh, t.pricePerKwh]);
      expect(trades).toEqual(referenceTrades(orders));
    }
  });

  it('WASM and TS books produce identical event logs and snapshots (20,000 operations)', () => {
    const orders = streamToOrders(20_000, 42);
    const books = ENGINES.map((engine) => createOrderBook({ engine }));
    for (const b of books) replay(b, orders);
    const [w, t] = books as [OrderBook, OrderBook];
    const logW: BookEvent[] = w.events();
    expect(logW.length).toBeGreaterThan(20_000);
    expect(t.events()).toEqual(logW);
    expect(t.snapshot()).toEqual(w.snapshot());
    expect(t.depth(10)).toEqual(w.depth(10));
    // Conservation per order: accepted kWh = traded + resting + cancelled + expired.
    const acc = new Map<string, number>();
    for (const e of logW) {
      if (e.type === 'accepted') acc.set(e.orderId, e.quantityKwh);
      else if (e.type === 'trade') {
        acc.set(e.takerOrderId, acc.get(e.takerOrderId)! - e.quantityKwh);
        acc.set(e.makerOrderId, acc.get(e.makerOrderId)! - e.quantityKwh);
      } else acc.set(e.orderId, acc.get(e.orderId)! - e.quantityKwh);
    }
    for (const o of [...w.snapshot().bids, ...w.snapshot().asks]) acc.set(o.orderId, acc.get(o.orderId)! - o.remainingKwh);
    for (const left of acc.values()) expect(Math.abs(left)).toBeLessThan(1e-9);
  });

  it('kernel-level batches: identical event records and state in both engines, rejections reported', () => {
    const s = randomOrderStream({ n: 50_000, seed: 7 });
    // Two invalid operations: a handle out of range and a NaN quantity.
    s.handle[100] = 1 << 30;
    s.op[101] = 0;
    s.quantityKwh[101] = Number.NaN;
    s.handle[101] = s.capacity + 1;
    expect(s.capacity).toBeLessThan(5000);
    const logs = ENGINES.map((engine) => {
      const k = new OrderBookKernel(engine, s.capacity + 2, 64, 1000);
      const chunks: number[] = [];
      const total = k.submitBatch(s, (ev, count) => {
        for (let i = 0; i < count * BOOK_EVENT_STRIDE; i++) chunks.push(ev[i]!);
      });
      expect(chunks.length).toBe(total * BOOK_EVENT_STRIDE);
      const v = k.views();
      return { chunks, bids: k.bidCount, asks: k.askCount, qty: v.ordQty.slice(), heapPos: v.heapPos.slice() };
    });
    expect(logs[1]).toEqual(logs[0]);
    const rejected = [];
    for (let i = 0; i < logs[0]!.chunks.length; i += BOOK_EVENT_STRIDE) {
      if (logs[0]!.chunks[i] === 4) rejected.push(logs[0]!.chunks.slice(i, i + BOOK_EVENT_STRIDE));
    }
    expect(rejected.map((r) => [r[3], r[5]])).toEqual([[1, 100], [4, 101]]);
  });

  it('snapshot and depth follow price-time priority (checked against a sort of the resting orders)', () => {
    const orders = streamToOrders(5000, 11);
    for (const engine of ENGINES) {
      const book = createOrderBook({ engine });
      replay(book, orders);
      const arrival = new Map<string, number>();
      for (const e of book.events()) if (e.type === 'accepted') arrival.set(e.orderId, e.seq);
      const snap = book.snapshot();
      expect(snap.bids.length + snap.asks.length).toBeGreaterThan(50);
      const byPriority = (sign: number) => (a: { pricePerKwh: number; orderId: string }, b: { pricePerKwh: number; orderId: string }) =>
        sign * (a.pricePerKwh - b.pricePerKwh) || arrival.get(a.orderId)! - arrival.get(b.orderId)!;
      expect(snap.bids.map((o) => o.orderId)).toEqual([...snap.bids].sort(byPriority(-1)).map((o) => o.orderId));
      expect(snap.asks.map((o) => o.orderId)).toEqual([...snap.asks].sort(byPriority(1)).map((o) => o.orderId));
      const levels = (side: typeof snap.bids) => {
        const out: Array<{ pricePerKwh: number; quantityKwh: number; orders: number }> = [];
        for (const o of side) {
          const last = out[out.length - 1];
          if (last && last.pricePerKwh === o.pricePerKwh) {
            last.quantityKwh += o.remainingKwh;
            last.orders++;
          } else out.push({ pricePerKwh: o.pricePerKwh, quantityKwh: o.remainingKwh, orders: 1 });
        }
        return out;
      };
      const d = book.depth(7);
      expect(d.bids).toEqual(levels(snap.bids).slice(0, 7));
      expect(d.asks).toEqual(levels(snap.asks).slice(0, 7));
      expect(book.bestBid()).toBe(snap.bids[0]?.pricePerKwh ?? null);
      expect(book.bestAsk()).toBe(snap.asks[0]?.pricePerKwh ?? null);
    }
  });

  it('kernel batches created in place (createBatch) give the same events as copied batches; a detached one throws', () => {
    const s = randomOrderStream({ n: 30_000, seed: 9 });
    const run = (engine: 'wasm' | 'ts', inPlace: boolean) => {
      const k = new OrderBookKernel(engine, s.capacity, 256, 512);
      let batch: typeof s | ReturnType<OrderBookKernel['createBatch']> = s;
      if (inPlace) {
        const b = k.createBatch(s.n);
        b.op.set(s.op);
        b.side.set(s.side);
        b.handle.set(s.handle);
        b.quantityKwh.set(s.quantityKwh);
        b.pricePerKwh.set(s.pricePerKwh);
        batch = b;
      }
      const out: number[] = [];
      k.submitBatch(batch, (ev, count) => {
        for (let i = 0; i < count * BOOK_EVENT_STRIDE; i++) out.push(ev[i]!);
      });
      return out;
    };
    const ref = run('ts', false);
    expect(run('wasm', true)).toEqual(ref);
    expect(run('wasm', false)).toEqual(ref);
    expect(run('ts', true)).toEqual(ref);
    const k = new OrderBookKernel('wasm', 4);
    const b = k.createBatch(10);
    k.grow(1 << 16);
    expect(() => k.submitBatch(b)).toThrow(/detached/);
  });
});
