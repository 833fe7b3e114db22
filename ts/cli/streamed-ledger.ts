/**
 * One mechanism's ledger during `peergrid simulate`, streamed: nothing is kept in memory but the current block (a
 * year is millions of entries). What is written is verified and replayed into balances as it is produced, and
 * written to `path` (when there is one) through a buffered line writer. Two formats: 'blocks' (ledger/block.ts,
 * the default) and 'entries' (one signed entry per line, ledger/ledger.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { BalanceBook, compareBalances, type PartyBalance } from '../ledger/balances.js';
import { BlockVerifier } from '../ledger/block-verifier.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { LedgerEntry } from '../ledger/entry.js';
import { nodeLedgerCrypto } from '../ledger/node-ledger-crypto.js';
import { LedgerVerifier } from '../ledger/verify.js';
import { BlockLedgerSink, type BlockLedgerSinkOptions } from '../sim/engine/block-ledger-sink.js';
import { LEDGER_PARTIES, LedgerSink, type LedgerSinkOptions } from '../sim/engine/ledger-sink.js';

/** What `peergrid simulate --json` reports per ledger. */
export interface LedgerRunSummary {
  /** Mechanism. */
  mechanism: string;
  /** 'blocks' or 'entries'. */
  format: 'blocks' | 'entries';
  /** Entries written. */
  entries: number;
  /** Blocks written ('blocks' format; 0 otherwise). */
  blocks: number;
  /** No verification issue. */
  verified: boolean;
  /** Verification issues. */
  issues: number;
  /** Replayed balances equal the simulation's. */
  balancesReproduced: boolean;
  /** Head: entries and last hash ('entries': entry count; 'blocks': the last block's hash). */
  head: { length: number; hash: string };
}

/** Appends lines to a file in ~1 MB writes (or discards them when there is no file). */
class LineWriter {
  private readonly fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(path: string | null) {
    this.fd = path === null ? null : openSync(path, 'w');
  }

  write(line: string): void {
    if (this.fd === null) return;
    this.buffer.push(line);
    this.buffered += line.length;
    if (this.buffered > 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
  }

  private flush(): void {
    if (this.fd !== null && this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}

function reproduced(book: Map<string, PartyBalance>, expected: Map<string, { netKwh: number; netMoney: number }>): boolean {
  return compareBalances(new Map([...book].filter(([party]) => expected.has(party))), expected).length === 0;
}

/** The per-entry format: each entry verified, replayed and written as a canonical JSON line. */
export class StreamedLedger {
  readonly sink: LedgerSink;
  private readonly book = new BalanceBook();
  private readonly verifier: LedgerVerifier;
  private readonly out: LineWriter;

  constructor(
    readonly mechanism: string,
    options: Omit<LedgerSinkOptions, 'onAppend' | 'retainEntries' | 'crypto'>,
    path: string | null,
  ) {
    this.out = new LineWriter(path);
    this.sink = new LedgerSink({
      ...options,
      retainEntries: false,
      // Node's OpenSSL: same bytes as the default noble backend, several times faster.
      crypto: nodeLedgerCrypto,
      onAppend: (e) => this.append(e),
    });
    this.verifier = new LedgerVerifier(this.sink.keyring.registry(), { operator: LEDGER_PARTIES.operator, crypto: nodeLedgerCrypto });
  }

  private append(e: LedgerEntry): void {
    this.verifier.push(e);
    this.book.apply(e);
    this.out.write(canonicalJson(e) + '\n');
  }

  /** Seals the ledger, closes the file and reports. */
  finish(): LedgerRunSummary {
    this.sink.seal();
    this.out.close();
    const report = this.verifier.finish();
    const balancesReproduced = reproduced(this.book.snapshot(), this.sink.expectedBalances());
    return { mechanism: this.mechanism, format: 'entries', entries: report.entries, blocks: 0, verified: report.ok, issues: report.issues.length, balancesReproduced, head: report.head };
  }
}

/** The block format: each block verified (chain, leaves, root, signatures), replayed and written as one line. */
export class StreamedBlockLedger {
  readonly sink: BlockLedgerSink;
  private readonly verifier: BlockVerifier;
  private readonly out: LineWriter;

  constructor(
    readonly mechanism: string,
    options: Omit<BlockLedgerSinkOptions, 'onBlock' | 'crypto'>,
    path: string | null,
  ) {
    this.out = new LineWriter(path);
    this.sink = new BlockLedgerSink({
      ...options,
      crypto: nodeLedgerCrypto,
      onBlock: (line, block, texts) => {
        this.verifier.push(block, texts);
        this.out.write(line + '\n');
      },
    });
    this.verifier = new BlockVerifier(this.sink.keyring.registry(), { operator: LEDGER_PARTIES.operator, crypto: nodeLedgerCrypto });
  }

  /** Writes the last block, closes the file and reports. */
  finish(): LedgerRunSummary {
    this.sink.seal();
    this.out.close();
    const report = this.verifier.finish();
    const balancesReproduced = reproduced(this.verifier.balances(), this.sink.expectedBalances());
    return {
      mechanism: this.mechanism, format: 'blocks', entries: report.entries, blocks: report.blocks, verified: report.ok,
      issues: report.issues.length, balancesReproduced, head: { length: report.entries, hash: report.head.hash },
    };
  }
}
