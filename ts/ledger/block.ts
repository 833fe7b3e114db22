/**
 * The block format of the settlement ledger (`peergrid-block/1`), for long runs: one JSON line per block of
 * consecutive intervals instead of one line per entry. A block holds its entries in a compact positional form, the
 * Merkle root over its intervals (one leaf per interval: SHA-256 of that interval's entries), a 32-bit checksum of
 * every entry (FNV-1a: it locates an altered entry so the verifier can name it; the security rests on the SHA-256
 * root), the hash of the previous block, and one Ed25519 signature by each party that has entries in it over the
 * block hash — a prosumer signs once per block for all its orders in it, the market operator once for all the
 * block's settlements. What a per-entry chain proves, a block proves too: any change to an entry changes its
 * interval's leaf, the root, the block hash and every later block's link, and breaks the signatures over it.
 * Leaves per interval rather than per entry: a year is 35,040 leaf hashes instead of 3.2 million.
 *
 * Entries (ids as in the per-entry format):
 *   ['o', interval, orderId, prosumer, side, quantityKwh, pricePerKwh]      id order:<interval>:<orderId>
 *   ['s', interval, trades, payments]                                       id settlement:<interval>
 *   trade   [buyer, seller, quantityKwh, pricePerKwh] or […, sellerPricePerKwh, surplusTo]
 *   payment [payer, payee, amount] or […, reason]
 * Numbers are JSON doubles (exact round trip), so replayed balances equal the simulation's to the last bit.
 */
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import type { PaymentPayload, TradePayload } from './entry.js';
import type { Side } from '../market/order.js';
import type { LedgerCrypto } from './ledger-crypto.js';
import { merkleLeaf } from './merkle.js';
import { fnv1a } from '../data-structures/string-hash-table.js';

/** Format tag of a block line. */
export const BLOCK_FORMAT = 'peergrid-block/1';

/** Hex digits of each entry's checksum in `checks`. */
export const CHECK_HEX = 8;

/** A compact order entry. */
export type CompactOrder = ['o', number, string, string, Side, number, number];
/** A compact trade. */
export type CompactTrade = [string, string, number, number] | [string, string, number, number, number, string];
/** A compact payment. */
export type CompactPayment = [string, string, number] | [string, string, number, string];
/** A compact settlement entry: one interval's trades and payments. */
export type CompactSettlement = ['s', number, CompactTrade[], CompactPayment[]];
/** A compact entry. */
export type CompactEntry = CompactOrder | CompactSettlement;

/** One block line. */
export interface Block {
  /** BLOCK_FORMAT. */
  format: string;
  /** Block number, 0-based. */
  n: number;
  /** Hash of the previous block (64 zeros for the first), hex. */
  prev: string;
  /** Merkle root of the interval leaves (SHA-256 of each interval's entry lines, in order), hex. */
  root: string;
  /** FNV-1a 32-bit checksum of each entry's JSON text, 8 hex digits each, concatenated (locates an altered entry). */
  checks: string;
  /** The entries, in order. */
  entries: CompactEntry[];
  /** SHA-256 of the block header (format, n, prev, root), hex: what the parties sign. */
  hash: string;
  /** One Ed25519 signature (hex) per party with entries in the block. */
  signatures: Record<string, string>;
}

const DOMAIN = utf8ToBytes('peergrid-block/v1 ');

/** The block hash: SHA-256 over the header fields. */
export function blockHash(b: Pick<Block, 'format' | 'n' | 'prev' | 'root'>, crypto: LedgerCrypto): string {
  return crypto.sha256Hex(`${b.format}|${b.n}|${b.prev}|${b.root}`);
}

/** The bytes each party signs: a domain tag and the 32-byte block hash. */
export function blockSigningMessage(hashHex: string): Uint8Array {
  const m = new Uint8Array(DOMAIN.length + 32);
  m.set(DOMAIN, 0);
  m.set(hexToBytes(hashHex), DOMAIN.length);
  return m;
}

/** The 8-hex checksum of an entry's JSON text (entryText = JSON.stringify(entry)). */
export function entryCheck(entryText: string): string {
  return (fnv1a(entryText) >>> 0).toString(16).padStart(CHECK_HEX, '0');
}

/** The Merkle leaves of a block: one per run of entries with the same interval, over their texts joined by newlines. */
export function intervalLeaves(entries: readonly CompactEntry[], texts: readonly string[], crypto: LedgerCrypto): string[] {
  const leaves: string[] = [];
  for (let i = 0; i < entries.length; ) {
    let j = i + 1;
    while (j < entries.length && entries[j]![1] === entries[i]![1]) j++;
    leaves.push(merkleLeaf(texts.slice(i, j).join('\n'), crypto));
    i = j;
  }
  return leaves;
}

/** The id of a compact entry (the per-entry format's id of the same entry). */
export function compactEntryId(e: CompactEntry): string {
  return e[0] === 'o' ? `order:${e[1]}:${e[2]}` : `settlement:${e[1]}`;
}

/** The party who signs for a compact entry: the order's prosumer, or the market operator for a settlement. */
export function compactEntrySigner(e: CompactEntry, operator: string): string {
  return e[0] === 'o' ? e[3] : operator;
}

/** A trade in compact form. */
export function compactTrade(t: TradePayload): CompactTrade {
  const sp = t.sellerPricePerKwh;
  return sp === undefined || sp === t.pricePerKwh
    ? [t.buyer, t.seller, t.quantityKwh, t.pricePerKwh]
    : [t.buyer, t.seller, t.quantityKwh, t.pricePerKwh, sp, t.surplusTo!];
}

/** A payment in compact form. */
export function compactPayment(p: PaymentPayload): CompactPayment {
  return p.reason === undefined ? [p.payer, p.payee, p.amount] : [p.payer, p.payee, p.amount, p.reason];
}

/** A compact trade as a TradePayload. */
export function tradeOf(t: CompactTrade): TradePayload {
  return t.length === 6
    ? { buyer: t[0], seller: t[1], quantityKwh: t[2], pricePerKwh: t[3], sellerPricePerKwh: t[4], surplusTo: t[5] }
    : { buyer: t[0], seller: t[1], quantityKwh: t[2], pricePerKwh: t[3] };
}

/** A compact payment as a PaymentPayload. */
export function paymentOf(p: CompactPayment): PaymentPayload {
  return p.length === 4 ? { payer: p[0], payee: p[1], amount: p[2], reason: p[3] } : { payer: p[0], payee: p[1], amount: p[2] };
}
