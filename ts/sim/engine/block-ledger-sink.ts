/**
 * Records a simulation in the block format of the settlement ledger (ledger/block.ts): the same orders and
 * settlements as LedgerSink, grouped in blocks of `blockSteps` steps, each signed once by every party with entries
 * in it and streamed to `onBlock` — bounded memory and a few signatures per prosumer per day instead of one per
 * order, for year-long runs.
 */
import { BlockWriter, type BlockHead } from '../../ledger/block-writer.js';
import type { Block } from '../../ledger/block.js';
import { Keyring } from '../../ledger/keys.js';
import type { LedgerCrypto } from '../../ledger/ledger-crypto.js';
import type { ClearingResult } from '../../market/clearing-result.js';
import type { Order } from '../../market/order.js';
import { LEDGER_PARTIES, stepSettlement } from './ledger-sink.js';
import type { SettlementSink } from './settlement-sink.js';
import type { Simulation } from './simulation.js';

/** Options of the block ledger sink. */
export interface BlockLedgerSinkOptions {
  /** Prosumer ids (parties that sign their orders). */
  prosumers: readonly string[];
  /** Seed of the deterministic simulation keys. */
  seed: number;
  /** Record every order, signed (with its block) by its prosumer (default true). */
  signOrders?: boolean;
  /** Steps per block (default 96). */
  blockSteps?: number;
  /** Receives each block and its JSON line. */
  onBlock: (line: string, block: Block, entryTexts: readonly string[]) => void;
  /** Hash and signature backend (default noble; the CLI passes nodeLedgerCrypto). */
  crypto?: LedgerCrypto;
}

/** A SettlementSink that streams signed blocks. */
export class BlockLedgerSink implements SettlementSink {
  /** Keys of every party (deterministic from the seed: simulation only). */
  readonly keyring: Keyring;
  /** The writer. */
  readonly writer: BlockWriter;
  private readonly signOrders: boolean;
  private readonly expected = new Map<string, { netKwh: number; netMoney: number }>();

  constructor(options: BlockLedgerSinkOptions) {
    const p = LEDGER_PARTIES;
    this.keyring = Keyring.deterministic(options.seed, [...options.prosumers, p.operator, p.grid, p.market, p.networkOperator], options.crypto);
    this.writer = new BlockWriter({ keyring: this.keyring, operator: p.operator, blockSteps: options.blockSteps, onBlock: options.onBlock, crypto: options.crypto });
    this.signOrders = options.signOrders ?? true;
    for (const id of options.prosumers) this.expected.set(id, { netKwh: 0, netMoney: 0 });
  }

  /** Records one step. */
  record(sim: Simulation, clearing: ClearingResult | null, book: readonly Order[]): void {
    const s = sim.last.step;
    if (this.signOrders && book.length > 0) this.writer.addOrders(s, book);
    const { trades, payments } = stepSettlement(sim, clearing, book, this.expected);
    this.writer.addSettlement(s, trades, payments);
  }

  /** Writes the last, partial block. */
  seal(): BlockHead {
    return this.writer.finish();
  }

  /** Each prosumer's net energy (kWh) and net money (currency) as the simulation computed them. */
  expectedBalances(): Map<string, { netKwh: number; netMoney: number }> {
    return this.expected;
  }
}
