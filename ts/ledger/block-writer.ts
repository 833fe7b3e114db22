/**
 * Writes the block format (block.ts) as a run goes: entries are collected for `blockSteps` consecutive intervals,
 * then the block is hashed, signed once by each party with entries in it, handed to `onBlock` and dropped — memory
 * holds one block, whatever the length of the run. Balances are kept incrementally as in the per-entry Ledger.
 */
import { bytesToHex } from '@noble/hashes/utils';
import { ValidationError } from '../errors.js';
import type { Order } from '../market/order.js';
import { BalanceBook, type PartyBalance } from './balances.js';
import {
  BLOCK_FORMAT, blockHash, blockSigningMessage, compactEntrySigner, compactPayment, compactTrade, entryCheck,
  intervalLeaves, type Block, type CompactEntry,
} from './block.js';
import { GENESIS_HASH, type LedgerEntry, type PaymentPayload, type TradePayload } from './entry.js';
import type { Keyring } from './keys.js';
import { nobleLedgerCrypto, type LedgerCrypto } from './ledger-crypto.js';
import { merkleRoot } from './merkle.js';

/** Options of a BlockWriter. */
export interface BlockWriterOptions {
  /** Keys of every party that signs (the writer signs for each party with entries in a block). */
  keyring: Keyring;
  /** The market operator, who signs the settlements (default 'operator'). */
  operator?: string;
  /** Intervals per block (default 96: a day of 15-minute steps). */
  blockSteps?: number;
  /**
   * Receives each finished block, its JSON line (without the newline) and its entries' JSON texts (the line is
   * built from them, so a verifier fed the texts checks exactly the bytes written).
   */
  onBlock: (line: string, block: Block, entryTexts: readonly string[]) => void;
  /** Hash backend (default noble; in Node pass nodeLedgerCrypto). Signing uses the keyring's. */
  crypto?: LedgerCrypto;
}

/** The head of a block ledger: blocks and entries written, and the last block's hash. */
export interface BlockHead {
  /** Blocks written. */
  blocks: number;
  /** Entries written. */
  entries: number;
  /** Hash of the last block (64 zeros before the first). */
  hash: string;
}

/** Streams a settlement ledger as signed blocks. */
export class BlockWriter {
  private readonly keyring: Keyring;
  private readonly operator: string;
  private readonly blockSteps: number;
  private readonly onBlock: (line: string, block: Block, entryTexts: readonly string[]) => void;
  private readonly crypto: LedgerCrypto;
  private readonly book = new BalanceBook();
  private entries: CompactEntry[] = [];
  private texts: string[] = [];
  private blockStart = -1;
  private lastInterval = -1;
  private n = 0;
  private count = 0;
  private prev = GENESIS_HASH;

  constructor(options: BlockWriterOptions) {
    this.keyring = options.keyring;
    this.operator = options.operator ?? 'operator';
    this.blockSteps = options.blockSteps ?? 96;
    this.onBlock = options.onBlock;
    this.crypto = options.crypto ?? nobleLedgerCrypto;
    if (!Number.isInteger(this.blockSteps) || this.blockSteps < 1) {
      throw new ValidationError({ element: 'ledger', id: 'ledger', field: 'blockSteps', value: options.blockSteps }, 'expected an integer ≥ 1');
    }
  }

  /** Records the orders of `interval`, each to be signed (with the block) by its prosumer. */
  addOrders(interval: number, orders: readonly Order[]): void {
    for (const o of orders) this.add(interval, ['o', interval, o.id, o.prosumer, o.side, o.quantityKwh, o.pricePerKwh]);
  }

  /** Records the trades and payments of `interval` as one settlement, to be signed (with the block) by the operator. */
  addSettlement(interval: number, trades: readonly TradePayload[], payments: readonly PaymentPayload[] = []): void {
    this.add(interval, ['s', interval, trades.map(compactTrade), payments.map(compactPayment)]);
    this.book.apply({ kind: 'settlement', payload: { operator: this.operator, trades, payments } } as unknown as LedgerEntry);
  }

  /** Writes the pending block, if any; returns the head. Call at the end of the run. */
  finish(): BlockHead {
    if (this.entries.length > 0) this.close();
    return this.head();
  }

  /** Blocks and entries written so far, and the last block's hash. */
  head(): BlockHead {
    return { blocks: this.n, entries: this.count, hash: this.prev };
  }

  /** Every party's balance so far (settlements applied as they were added). */
  balances(): Map<string, PartyBalance> {
    return this.book.snapshot();
  }

  private add(interval: number, e: CompactEntry): void {
    if (!Number.isInteger(interval) || interval < 0 || interval < this.lastInterval) {
      throw new ValidationError({ element: 'ledger entry', id: `#${this.count}`, field: 'interval', value: interval }, `expected an integer ≥ ${Math.max(0, this.lastInterval)} (intervals only move forward)`);
    }
    if (this.blockStart >= 0 && interval >= this.blockStart + this.blockSteps) this.close();
    if (this.blockStart < 0) this.blockStart = interval - (interval % this.blockSteps);
    this.lastInterval = interval;
    this.entries.push(e);
    this.texts.push(JSON.stringify(e));
  }

  private close(): void {
    const root = merkleRoot(intervalLeaves(this.entries, this.texts, this.crypto), this.crypto);
    const header = { format: BLOCK_FORMAT, n: this.n, prev: this.prev, root };
    const hash = blockHash(header, this.crypto);
    const message = blockSigningMessage(hash);
    const signers = new Set<string>();
    for (const e of this.entries) signers.add(compactEntrySigner(e, this.operator));
    const signatures: Record<string, string> = {};
    for (const party of [...signers].sort()) signatures[party] = bytesToHex(this.keyring.sign(party, message));
    const checks = this.texts.map(entryCheck).join('');
    const block: Block = { ...header, checks, entries: this.entries, hash, signatures };
    // The entries are already serialised: splice their texts in rather than serialising them again.
    const line =
      `{"format":${JSON.stringify(BLOCK_FORMAT)},"n":${this.n},"prev":"${this.prev}","root":"${header.root}","hash":"${hash}",` +
      `"signatures":${JSON.stringify(signatures)},"checks":"${checks}","entries":[${this.texts.join(',')}]}`;
    this.onBlock(line, block, this.texts);
    this.count += this.entries.length;
    this.n++;
    this.prev = hash;
    this.entries = [];
    this.texts = [];
    this.blockStart = -1;
  }
}
