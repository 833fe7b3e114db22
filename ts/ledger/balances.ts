/** Party balances from ledger entries (energy in kWh, money in currency); see entry.ts for how each kind moves them. */
import type { LedgerEntry, PaymentPayload, TradePayload } from './entry.js';

/** What one party bought, sold, paid and received over the entries replayed. */
export interface PartyBalance {
  /** Energy received, kWh. */
  boughtKwh: number;
  /** Energy delivered, kWh. */
  soldKwh: number;
  /** Money paid, currency. */
  paid: number;
  /** Money received, currency. */
  received: number;
  /** boughtKwh − soldKwh, kWh. */
  netKwh: number;
  /** received − paid, currency (negative = the party's net cost). */
  netMoney: number;
}

/** Accumulates balances entry by entry (incremental, so a simulation needs no stored entries to know them). */
export class BalanceBook {
  private readonly book = new Map<string, PartyBalance>();

  private party(id: string): PartyBalance {
    let b = this.book.get(id);
    if (!b) {
      b = { boughtKwh: 0, soldKwh: 0, paid: 0, received: 0, netKwh: 0, netMoney: 0 };
      this.book.set(id, b);
    }
    return b;
  }

  private trade(t: TradePayload): void {
    const q = t.quantityKwh;
    const buyer = this.party(t.buyer);
    const seller = this.party(t.seller);
    const pay = q * t.pricePerKwh;
    const get = q * (t.sellerPricePerKwh ?? t.pricePerKwh);
    buyer.boughtKwh += q;
    buyer.paid += pay;
    seller.soldKwh += q;
    seller.received += get;
    if (pay !== get) {
      const s = this.party(t.surplusTo!);
      if (pay > get) s.received += pay - get;
      else s.paid += get - pay;
    }
  }

  private payment(p: PaymentPayload): void {
    this.party(p.payer).paid += p.amount;
    this.party(p.payee).received += p.amount;
  }

  /** Applies one entry's movements. */
  apply(entry: LedgerEntry): void {
    switch (entry.kind) {
      case 'trade':
        this.trade(entry.payload);
        break;
      case 'payment':
        this.payment(entry.payload);
        break;
      case 'settlement':
        for (const t of entry.payload.trades) this.trade(t);
        for (const p of entry.payload.payments) this.payment(p);
        break;
      case 'order':
        break;
    }
  }

  /** A detached copy of every party's balance, with netKwh and netMoney filled in. */
  snapshot(): Map<string, PartyBalance> {
    const out = new Map<string, PartyBalance>();
    for (const [id, b] of this.book) {
      out.set(id, { ...b, netKwh: b.boughtKwh - b.soldKwh, netMoney: b.received - b.paid });
    }
    return out;
  }
}

/** Recomputes every party's balance from `entries`, in order. */
export function replayBalances(entries: Iterable<LedgerEntry>): Map<string, PartyBalance> {
  const book = new BalanceBook();
  for (const e of entries) book.apply(e);
  return book.snapshot();
}

/** A balance that differs from the expected one. */
export interface BalanceMismatch {
  /** Party id. */
  party: string;
  /** Field that differs ('netKwh', 'netMoney', or 'missing'). */
  field: 'netKwh' | 'netMoney' | 'missing';
  /** Expected value. */
  expected: number;
  /** Replayed value. */
  actual: number;
}

/**
 * Compares replayed balances with expected net positions (e.g. what the simulation reported), per party:
 * |actual − expected| ≤ absTol + relTol·|expected| for netKwh and netMoney. Parties missing from the replay count
 * as zero (a party that never traded has no entries). Returns the mismatches (empty = reproduced).
 */
export function compareBalances(
  actual: Map<string, PartyBalance>,
  expected: Map<string, { netKwh: number; netMoney: number }> | Record<string, { netKwh: number; netMoney: number }>,
  absTol = 1e-9,
  relTol = 1e-9,
): BalanceMismatch[] {
  const exp = expected instanceof Map ? expected : new Map(Object.entries(expected));
  const out: BalanceMismatch[] = [];
  for (const [party, e] of exp) {
    const a = actual.get(party) ?? { netKwh: 0, netMoney: 0 };
    for (const f of ['netKwh', 'netMoney'] as const) {
      if (!(Math.abs(a[f] - e[f]) <= absTol + relTol * Math.abs(e[f]))) out.push({ party, field: f, expected: e[f], actual: a[f] });
    }
  }
  for (const [party, a] of actual) {
    if (!exp.has(party) && (Math.abs(a.netKwh) > absTol || Math.abs(a.netMoney) > absTol)) {
      out.push({ party, field: 'missing', expected: 0, actual: a.netMoney });
    }
  }
  return out;
}
