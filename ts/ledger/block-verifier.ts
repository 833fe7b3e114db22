/**
 * Verifies a block ledger (block.ts) one block at a time, so a year-long file is checked as it streams: the chain
 * of block hashes, every entry against its leaf hash (an altered entry is named by its id), the Merkle root, the
 * block hash, and one valid signature by each party with entries in the block (and no other). Settlements are
 * replayed into a balance book on the way.
 */
import { hexToBytes } from '@noble/hashes/utils';
import { ParseError } from '../errors.js';
import { BalanceBook, type PartyBalance } from './balances.js';
import {
  BLOCK_FORMAT, CHECK_HEX, blockHash, blockSigningMessage, compactEntryId, compactEntrySigner, entryCheck, intervalLeaves, paymentOf, tradeOf,
  type Block, type CompactEntry,
} from './block.js';
import { GENESIS_HASH, type LedgerEntry } from './entry.js';
import type { KeyRegistry } from './keys.js';
import { nobleLedgerCrypto, type LedgerCrypto } from './ledger-crypto.js';
import { merkleRoot } from './merkle.js';
import type { LedgerIssueCode } from './verify.js';
import type { BlockHead } from './block-writer.js';

/** One problem found, located by block and entry. */
export interface BlockIssue {
  /** Block number (position in the file, 0-based). */
  block: number;
  /** Entry position in the whole ledger, or −1 for a problem of the block itself. */
  index: number;
  /** Entry id (order:<interval>:<orderId>, settlement:<interval>), or '' for the block. */
  id: string;
  /** What is wrong. */
  code: LedgerIssueCode;
  /** Human-readable detail. */
  message: string;
}

/** The outcome of verifying a block ledger. */
export interface BlockVerifyReport {
  /** No issues. */
  ok: boolean;
  /** Blocks examined. */
  blocks: number;
  /** Entries examined. */
  entries: number;
  /** Signatures checked. */
  signaturesChecked: number;
  /** Problems, in order. */
  issues: BlockIssue[];
  /** Blocks, entries and the last stored block hash. */
  head: BlockHead;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;
const num = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
const str = (x: unknown): boolean => typeof x === 'string';

/** Why a value is not a well-formed compact entry, or null. */
export function compactEntryProblem(e: unknown): string | null {
  if (!Array.isArray(e)) return 'expected an array';
  if (e[0] === 'o') {
    if (e.length !== 7 || !Number.isInteger(e[1]) || !str(e[2]) || !str(e[3]) || (e[4] !== 'buy' && e[4] !== 'sell') || !num(e[5]) || !num(e[6])) {
      return "expected ['o', interval, orderId, prosumer, 'buy'|'sell', quantityKwh, pricePerKwh]";
    }
    return null;
  }
  if (e[0] === 's') {
    if (e.length !== 4 || !Number.isInteger(e[1]) || !Array.isArray(e[2]) || !Array.isArray(e[3])) return "expected ['s', interval, trades, payments]";
    for (const t of e[2] as unknown[]) {
      const ok = Array.isArray(t) && str(t[0]) && str(t[1]) && num(t[2]) && num(t[3]) && (t.length === 4 || (t.length === 6 && num(t[4]) && str(t[5])));
      if (!ok) return `malformed trade ${JSON.stringify(t)}`;
    }
    for (const p of e[3] as unknown[]) {
      const ok = Array.isArray(p) && str(p[0]) && str(p[1]) && num(p[2]) && (p.length === 3 || (p.length === 4 && str(p[3])));
      if (!ok) return `malformed payment ${JSON.stringify(p)}`;
    }
    return null;
  }
  return "the first element must be 'o' (order) or 's' (settlement)";
}

/** Verifies blocks pushed in order. */
export class BlockVerifier {
  private readonly crypto: LedgerCrypto;
  private readonly operator: string;
  private readonly issues: BlockIssue[] = [];
  private readonly book = new BalanceBook();
  private prev = GENESIS_HASH;
  private blocks = 0;
  private entries = 0;
  private signaturesChecked = 0;

  constructor(
    private readonly registry: KeyRegistry,
    options: { operator?: string; crypto?: LedgerCrypto; maxIssues?: number } = {},
  ) {
    this.crypto = options.crypto ?? nobleLedgerCrypto;
    this.operator = options.operator ?? 'operator';
    this.maxIssues = options.maxIssues ?? 1000;
  }

  private readonly maxIssues: number;

  private add(block: number, index: number, id: string, code: LedgerIssueCode, message: string): void {
    if (this.issues.length < this.maxIssues) this.issues.push({ block, index, id, code, message });
  }

  /**
   * Examines the next block (any value: malformed ones are reported, not thrown). `entryTexts`, when given, are the
   * entries' JSON texts as written (BlockWriter's onBlock passes them), saving their re-serialisation.
   */
  push(value: unknown, entryTexts?: readonly string[]): void {
    const k = this.blocks++;
    const b = value as Block;
    if (
      typeof b !== 'object' || b === null || b.format !== BLOCK_FORMAT || !Number.isInteger(b.n) || !HEX64.test(String(b.prev)) ||
      !HEX64.test(String(b.root)) || !HEX64.test(String(b.hash)) || !Array.isArray(b.entries) || typeof b.checks !== 'string' ||
      b.checks.length !== b.entries.length * CHECK_HEX || typeof b.signatures !== 'object' || b.signatures === null
    ) {
      this.add(k, -1, '', 'invalid-entry', `not a ${BLOCK_FORMAT} block (format, n, prev, root, hash, checks, entries, signatures)`);
      if (typeof b?.hash === 'string') this.prev = b.hash;
      return;
    }
    if (b.n !== k) this.add(k, -1, '', 'bad-sequence', `block number ${b.n} at position ${k}: a block was removed, inserted or moved`);
    if (b.prev !== this.prev) this.add(k, -1, '', 'broken-link', k === 0 ? 'the first block must link to the genesis hash' : `prev does not match block ${k - 1}'s hash: the chain is broken before this block`);
    this.prev = b.hash;

    const texts: string[] = [];
    const signers = new Set<string>();
    let entryTrouble = false;
    b.entries.forEach((e: unknown, i: number) => {
      const index = this.entries + i;
      const problem = compactEntryProblem(e);
      const id = problem ? `#${index}` : compactEntryId(e as CompactEntry);
      if (problem) {
        this.add(k, index, id, 'invalid-entry', problem);
        entryTrouble = true;
        texts.push('');
        return;
      }
      const text = entryTexts?.[i] ?? JSON.stringify(e);
      texts.push(text);
      if (entryCheck(text) !== b.checks.slice(i * CHECK_HEX, (i + 1) * CHECK_HEX)) {
        this.add(k, index, id, 'hash-mismatch', 'the entry does not match its checksum: the entry was altered');
        entryTrouble = true;
      }
      const c = e as CompactEntry;
      signers.add(compactEntrySigner(c, this.operator));
      if (c[0] === 's') {
        const payload = { operator: this.operator, trades: c[2].map(tradeOf), payments: c[3].map(paymentOf) };
        this.book.apply({ kind: 'settlement', payload } as unknown as LedgerEntry);
      }
    });
    this.entries += b.entries.length;

    // Each link is checked against what is stored next to it, so one altered entry is one issue (named), not one
    // per signature: entries against checksums, entries against the root, the header against the hash, the hash
    // against the signatures.
    if (!entryTrouble && merkleRoot(intervalLeaves(b.entries, texts, this.crypto), this.crypto) !== b.root) {
      this.add(k, -1, '', 'hash-mismatch', 'the Merkle root does not match the entries: an entry and its checksum, or the root, were altered');
    }
    if (blockHash(b, this.crypto) !== b.hash) this.add(k, -1, '', 'hash-mismatch', 'the stored block hash does not match the header');
    const message = blockSigningMessage(b.hash);
    for (const party of Object.keys(b.signatures)) {
      if (!signers.has(party)) this.add(k, -1, '', 'wrong-signer', `signed by ${JSON.stringify(party)}, who has no entry in this block`);
    }
    for (const party of signers) {
      const sig = b.signatures[party];
      if (sig === undefined) {
        this.add(k, -1, '', 'missing-signature', `no signature by ${JSON.stringify(party)}, who has entries in this block`);
        continue;
      }
      const key = this.registry.publicKey(party);
      if (!key) {
        this.add(k, -1, '', 'unknown-party', `${JSON.stringify(party)} has no public key in the registry`);
        continue;
      }
      this.signaturesChecked++;
      if (!HEX128.test(sig) || !this.crypto.verify(hexToBytes(sig), message, key)) {
        this.add(k, -1, '', 'bad-signature', `the signature of ${JSON.stringify(party)} does not verify over the block's content (forged, or the block was altered)`);
      }
    }
  }

  /** Every party's balance replayed from the settlements pushed so far. */
  balances(): Map<string, PartyBalance> {
    return this.book.snapshot();
  }

  /** The report over everything pushed. */
  finish(): BlockVerifyReport {
    return {
      ok: this.issues.length === 0,
      blocks: this.blocks,
      entries: this.entries,
      signaturesChecked: this.signaturesChecked,
      issues: [...this.issues],
      head: { blocks: this.blocks, entries: this.entries, hash: this.prev },
    };
  }
}

/** Parses block lines (one JSON block per line, blank lines ignored) and verifies them; ParseError on a line that is not JSON. */
export function verifyBlockLines(
  text: string,
  registry: KeyRegistry,
  options: { file: string; operator?: string; crypto?: LedgerCrypto },
): BlockVerifyReport & { balances: Map<string, PartyBalance> } {
  const v = new BlockVerifier(registry, options);
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new ParseError(options.file, i + 1, 1, 'one JSON block per line', (err as Error).message);
    }
    v.push(value);
  });
  return { ...v.finish(), balances: v.balances() };
}
