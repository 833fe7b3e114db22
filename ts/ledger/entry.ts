/**
 * Ledger entries: what they hold, who must sign them, and how they move balances.
 *
 * Kinds and who they bind (= who must sign):
 * - 'order'      one order as placed in an interval             → its prosumer
 * - 'trade'      energy from seller to buyer at a price          → buyer and seller
 * - 'payment'    money from payer to payee (charges, transfers)  → the payer
 * - 'settlement' one interval's trades and payments in a batch   → the market operator named in it
 * Balances (replay): a trade moves q kWh from seller to buyer, the buyer pays q·pricePerKwh, the seller receives
 * q·sellerPricePerKwh, and any difference goes to (or comes from) `surplusTo` (the market operator), so money and
 * energy are conserved over all parties. Orders move nothing. Party ids are free strings; the grid (retailer) and
 * the market pool are parties like any other (e.g. 'grid', 'market').
 */
import type { Side } from '../market/order.js';

/** Kind of a ledger entry. */
export type LedgerEntryKind = 'order' | 'trade' | 'payment' | 'settlement';

/** An order, as signed by the prosumer who placed it. */
export interface OrderPayload {
  /** Order id. */
  orderId: string;
  /** Prosumer who placed it (the signer). */
  prosumer: string;
  /** 'buy' or 'sell'. */
  side: Side;
  /** Quantity, kWh (> 0). */
  quantityKwh: number;
  /** Limit price, currency per kWh. */
  pricePerKwh: number;
  /** Bus id, if given. */
  bus?: string | number;
  /** Whether it may be partly filled. */
  divisible?: boolean;
}

/** Energy delivered from `seller` to `buyer`. */
export interface TradePayload {
  /** Party receiving the energy and paying. */
  buyer: string;
  /** Party delivering the energy and being paid. */
  seller: string;
  /** Energy, kWh (≥ 0). */
  quantityKwh: number;
  /** Price the buyer pays, currency per kWh. */
  pricePerKwh: number;
  /** Price the seller receives, currency per kWh (default pricePerKwh). */
  sellerPricePerKwh?: number;
  /** Who keeps (or funds) quantityKwh·(pricePerKwh − sellerPricePerKwh); required when the prices differ. */
  surplusTo?: string;
  /** Buy order id, if any. */
  buyOrderId?: string;
  /** Sell order id, if any. */
  sellOrderId?: string;
}

/** Money moved from `payer` to `payee`. */
export interface PaymentPayload {
  /** Party paying (the signer). */
  payer: string;
  /** Party paid. */
  payee: string;
  /** Amount, currency (≥ 0). */
  amount: number;
  /** Why, e.g. 'network-charge'. */
  reason?: string;
}

/** All of one interval's trades and payments, attested by the market operator in one signature. */
export interface SettlementPayload {
  /** The market operator (the signer). */
  operator: string;
  /** The interval's trades. */
  trades: TradePayload[];
  /** The interval's payments. */
  payments: PaymentPayload[];
}

/** Payload type of each entry kind. */
export interface PayloadByKind {
  order: OrderPayload;
  trade: TradePayload;
  payment: PaymentPayload;
  settlement: SettlementPayload;
}

/** What a caller appends: kind, interval, payload and optionally an id (default: derived from kind and interval). */
export type EntryDraft = {
  [K in LedgerEntryKind]: { kind: K; interval: number; payload: PayloadByKind[K]; id?: string };
}[LedgerEntryKind];

/** One party's signature over an entry's hash. */
export interface EntrySignature {
  /** Signing party id. */
  party: string;
  /** Ed25519 signature, hex (128 characters). */
  signature: string;
}

/** A committed ledger entry. `hash` is SHA-256 over the canonical JSON of every field but `hash` and `signatures`. */
export type LedgerEntry = EntryDraft & {
  /** Position in the ledger, 0-based. */
  seq: number;
  /** Entry id, unique in the ledger. */
  id: string;
  /** Parties the entry binds, each of whom must sign (derived from the payload). */
  parties: string[];
  /** Hash of the previous entry (64 zeros for the first), hex. */
  prevHash: string;
  /** SHA-256 of the canonical body, hex. */
  hash: string;
  /** One signature per party in `parties`, same order. */
  signatures: EntrySignature[];
};

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The parties an entry binds, in signing order (duplicates removed). */
export function bindingParties(kind: LedgerEntryKind, payload: unknown): string[] {
  const p = payload as Record<string, unknown>;
  switch (kind) {
    case 'order':
      return [String(p.prosumer)];
    case 'trade':
      return p.buyer === p.seller ? [String(p.buyer)] : [String(p.buyer), String(p.seller)];
    case 'payment':
      return [String(p.payer)];
    case 'settlement':
      return [String(p.operator)];
  }
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isOptStr = (v: unknown): boolean => v === undefined || typeof v === 'string';

function tradeProblem(t: Record<string, unknown>, at: string): string | null {
  if (typeof t !== 'object' || t === null) return `${at} is not an object`;
  if (!isId(t.buyer)) return `${at}.buyer must be a non-empty string`;
  if (!isId(t.seller)) return `${at}.seller must be a non-empty string`;
  if (t.buyer === t.seller) return `${at}: buyer and seller are the same party`;
  if (!isNum(t.quantityKwh) || t.quantityKwh < 0) return `${at}.quantityKwh must be a finite number ≥ 0 kWh`;
  if (!isNum(t.pricePerKwh)) return `${at}.pricePerKwh must be a finite number`;
  if (t.sellerPricePerKwh !== undefined && !isNum(t.sellerPricePerKwh)) return `${at}.sellerPricePerKwh must be a finite number`;
  if (t.sellerPricePerKwh !== undefined && t.sellerPricePerKwh !== t.pricePerKwh && !isId(t.surplusTo)) {
    return `${at}.surplusTo must name who keeps the price difference`;
  }
  if (!isOptStr(t.surplusTo) || !isOptStr(t.buyOrderId) || !isOptStr(t.sellOrderId)) return `${at}: surplusTo, buyOrderId and sellOrderId must be strings`;
  return null;
}

function paymentProblem(p: Record<string, unknown>, at: string): string | null {
  if (typeof p !== 'object' || p === null) return `${at} is not an object`;
  if (!isId(p.payer)) return `${at}.payer must be a non-empty string`;
  if (!isId(p.payee)) return `${at}.payee must be a non-empty string`;
  if (!isNum(p.amount) || p.amount < 0) return `${at}.amount must be a finite number ≥ 0`;
  if (!isOptStr(p.reason)) return `${at}.reason must be a string`;
  return null;
}

/** Why a payload is not valid for its kind, or null when it is. */
export function payloadProblem(kind: unknown, payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'payload must be an object';
  const p = payload as Record<string, unknown>;
  switch (kind) {
    case 'order':
      if (!isId(p.orderId)) return 'payload.orderId must be a non-empty string';
      if (!isId(p.prosumer)) return 'payload.prosumer must be a non-empty string';
      if (p.side !== 'buy' && p.side !== 'sell') return "payload.side must be 'buy' or 'sell'";
      if (!isNum(p.quantityKwh) || p.quantityKwh <= 0) return 'payload.quantityKwh must be a finite number > 0 kWh';
      if (!isNum(p.pricePerKwh)) return 'payload.pricePerKwh must be a finite number';
      if (p.bus !== undefined && typeof p.bus !== 'string' && !isNum(p.bus)) return 'payload.bus must be a string or number';
      if (p.divisible !== undefined && typeof p.divisible !== 'boolean') return 'payload.divisible must be a boolean';
      return null;
    case 'trade':
      return tradeProblem(p, 'payload');
    case 'payment':
      return paymentProblem(p, 'payload');
    case 'settlement': {
      if (!isId(p.operator)) return 'payload.operator must be a non-empty string';
      if (!Array.isArray(p.trades)) return 'payload.trades must be an array';
      if (!Array.isArray(p.payments)) return 'payload.payments must be an array';
      for (let i = 0; i < p.trades.length; i++) {
        const e = tradeProblem(p.trades[i] as Record<string, unknown>, `payload.trades[${i}]`);
        if (e) return e;
      }
      for (let i = 0; i < p.payments.length; i++) {
        const e = paymentProblem(p.payments[i] as Record<string, unknown>, `payload.payments[${i}]`);
        if (e) return e;
      }
      return null;
    }
    default:
      return `kind must be 'order', 'trade', 'payment' or 'settlement', not ${JSON.stringify(kind)}`;
  }
}
