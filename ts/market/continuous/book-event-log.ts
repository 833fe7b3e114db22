/**
 * The order book's event log, stored in columns (typed arrays that double when full) rather than as one object per
 * event, so that a book replaying millions of operations does not keep millions of small objects alive for the
 * garbage collector. Orders are referred to by their serial number (acceptance order); `materialize` turns a range
 * of rows back into BookEvent objects with the user's ids.
 */
import type { Side } from '../order.js';

/** Row kinds of the log. */
export const LOG_KIND = { accepted: 0, trade: 1, cancelled: 2, expired: 3 } as const;

/** The order facts the log needs to name orders, by serial number. */
export interface LoggedOrders {
  /** Order id by serial. */
  id: string[];
  /** Prosumer by serial. */
  prosumer: string[];
  /** 0 buy / 1 sell by serial. */
  side: Uint8Array;
  /** 0 limit / 1 market by serial. */
  type: Uint8Array;
}

/** A columnar, append-only event log. */
export class BookEventLog {
  private kind = new Uint8Array(1024);
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private qty = new Float64Array(1024);
  private price = new Float64Array(1024);
  private time = new Float64Array(1024);
  /** Number of rows. */
  length = 0;

  /** Appends one row (a: subject or taker serial; b: maker serial or −1; kWh; currency/kWh; timestamp). */
  push(kind: number, a: number, b: number, qty: number, price: number, time: number): void {
    const i = this.length;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
    this.qty[i] = qty;
    this.price[i] = price;
    this.time[i] = time;
    this.length = i + 1;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
    const a = new Int32Array(n);
    a.set(this.a);
    this.a = a;
    const b = new Int32Array(n);
    b.set(this.b);
    this.b = b;
    for (const f of ['qty', 'price', 'time'] as const) {
      const x = new Float64Array(n);
      x.set(this[f]);
      this[f] = x;
    }
  }

  /** Rows from..to−1 as BookEvent objects (seq = row index). */
  materialize(from: number, to: number, orders: LoggedOrders): MaterializedEvent[] {
    const out: MaterializedEvent[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) {
      const a = this.a[i]!;
      const kind = this.kind[i]!;
      const timestamp = this.time[i]!;
      if (kind === LOG_KIND.accepted) {
        const market = orders.type[a] === 1;
        out.push({
          seq: i, type: 'accepted', orderId: orders.id[a]!, prosumer: orders.prosumer[a]!,
          side: orders.side[a] === 0 ? 'buy' : 'sell', orderType: market ? 'market' : 'limit',
          quantityKwh: this.qty[i]!, pricePerKwh: market ? null : this.price[i]!, timestamp,
        });
      } else if (kind === LOG_KIND.trade) {
        const m = this.b[i]!;
        const takerBuys = orders.side[a] === 0;
        const buy = takerBuys ? a : m;
        const sell = takerBuys ? m : a;
        out.push({
          type: 'trade', seq: i, buyOrderId: orders.id[buy]!, sellOrderId: orders.id[sell]!,
          buyer: orders.prosumer[buy]!, seller: orders.prosumer[sell]!, takerOrderId: orders.id[a]!,
          makerOrderId: orders.id[m]!, quantityKwh: this.qty[i]!, pricePerKwh: this.price[i]!, timestamp,
        });
      } else if (kind === LOG_KIND.cancelled) {
        out.push({ seq: i, type: 'cancelled', orderId: orders.id[a]!, quantityKwh: this.qty[i]!, pricePerKwh: this.price[i]!, timestamp });
      } else {
        out.push({ seq: i, type: 'expired', orderId: orders.id[a]!, quantityKwh: this.qty[i]!, reason: 'market-order-remainder', timestamp });
      }
    }
    return out;
  }
}

/** The shapes materialize produces (the same as BookEvent in ./order-book.ts). */
export type MaterializedEvent =
  | { seq: number; type: 'accepted'; orderId: string; prosumer: string; side: Side; orderType: 'limit' | 'market';
      quantityKwh: number; pricePerKwh: number | null; timestamp: number }
  | { type: 'trade'; seq: number; buyOrderId: string; sellOrderId: string; buyer: string; seller: string;
      takerOrderId: string; makerOrderId: string; quantityKwh: number; pricePerKwh: number; timestamp: number }
  | { seq: number; type: 'cancelled'; orderId: string; quantityKwh: number; pricePerKwh: number; timestamp: number }
  | { seq: number; type: 'expired'; orderId: string; quantityKwh: number; reason: 'market-order-remainder'; timestamp: number };
