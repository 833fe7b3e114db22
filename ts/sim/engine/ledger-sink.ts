/**
 * Records a simulation in the signed settlement ledger (ts/ledger): per step, each order signed by its prosumer
 * (optional), then the step's settlement — P2P trades (bilateral where the mechanism pairs, else against the market
 * pool), every residual with the grid at the tariff, and each buyer's P2P network charge as a payment to the network
 * operator — as one operator-signed 'settlement' entry ('batch') or as entries signed by every bound party
 * ('per-entry'). Replaying the ledger reproduces every prosumer's net energy (−Σ net injection·dt) and net money
 * (−cost) of the run; `expectedBalances()` gives those for `compareBalances`.
 */
import { Keyring } from '../../ledger/keys.js';
import { Ledger, type SigningMode } from '../../ledger/ledger.js';
import { tradesFromClearing } from '../../ledger/from-clearing.js';
import type { LedgerEntry, PaymentPayload, TradePayload } from '../../ledger/entry.js';
import type { LedgerCrypto } from '../../ledger/ledger-crypto.js';
import type { ClearingResult } from '../../market/clearing-result.js';
import type { Order } from '../../market/order.js';
import type { SettlementSink } from './settlement-sink.js';
import type { Simulation } from './simulation.js';

/** Party ids of the non-prosumer parties. */
export const LEDGER_PARTIES = { operator: 'operator', grid: 'grid', market: 'market', networkOperator: 'dso' } as const;

/** Options of the ledger sink. */
export interface LedgerSinkOptions {
  /** Prosumer ids (parties that sign orders). */
  prosumers: readonly string[];
  /** Seed of the deterministic simulation keys. */
  seed: number;
  /** Sign and record every order (default true; ~0.25 ms per signature). */
  signOrders?: boolean;
  /** 'batch' (default) or 'per-entry'. */
  mode?: SigningMode;
  /** Batch mode: the operator signs every Nth settlement (default 1). */
  operatorSignEvery?: number;
  /** Keep entries in memory (default true). */
  retainEntries?: boolean;
  /** Called with each committed entry (e.g. a JSON-lines writer). */
  onAppend?: (entry: LedgerEntry) => void;
  /**
   * Hash and signature backend for the keyring and the ledger (default: pure-JS noble, runs everywhere). Node code
   * (the CLI) passes nodeLedgerCrypto from ledger/node-ledger-crypto.ts: byte-identical entries, several times faster.
   */
  crypto?: LedgerCrypto;
}

/**
 * One step's settlement as the ledger records it — P2P trades (bilateral where the mechanism pairs, else against
 * the market pool), every residual with the grid at the tariff, each buyer's network charge as a payment — and the
 * step added to `expected` (each prosumer's net energy and money as the simulation computed them).
 */
export function stepSettlement(
  sim: Simulation,
  clearing: ClearingResult | null,
  book: readonly Order[],
  expected: Map<string, { netKwh: number; netMoney: number }>,
): { trades: TradePayload[]; payments: PaymentPayload[] } {
  const p = LEDGER_PARTIES;
  const trades: TradePayload[] = clearing
    ? tradesFromClearing(clearing, { operator: p.operator, gridParty: p.grid, marketParty: p.market })
    : [];
  const inBook = new Set<string>();
  if (clearing) for (const o of book) inBook.add(o.prosumer);
  const payments: PaymentPayload[] = [];
  sim.agents.forEach((a, i) => {
    // Energy the market did not see (baseline, or a residue below the order threshold) went to the grid directly.
    if (!inBook.has(a.id)) {
      // Under gate closure the market settled the forecast position; the deviation follows as imbalance below.
      const e = (sim.gateClosure ? sim.forecastKw[i]! : sim.netKw[i]!) * sim.grid.dtHours;
      if (e > 0) trades.push({ buyer: p.grid, seller: a.id, quantityKwh: e, pricePerKwh: sim.last.feedInPricePerKwh });
      else if (e < 0) trades.push({ buyer: a.id, seller: p.grid, quantityKwh: -e, pricePerKwh: sim.last.retailPricePerKwh });
    }
    // The P2P network charge and levies this prosumer bore (as buyer, seller or both), paid to the network operator.
    const charge = sim.stepChargeCost[i]!;
    if (charge > 0) payments.push({ payer: a.id, payee: p.networkOperator, amount: charge, reason: 'network-charge' });
    const d = sim.stepImbalanceKwh[i]!;
    const ip = sim.lastImbalancePrices;
    if (d < 0) trades.push({ buyer: a.id, seller: p.grid, quantityKwh: -d, pricePerKwh: ip.shortPricePerKwh });
    else if (d > 0) trades.push({ buyer: p.grid, seller: a.id, quantityKwh: d, pricePerKwh: ip.longPricePerKwh });
    const x = expected.get(a.id)!;
    x.netKwh -= sim.netKw[i]! * sim.grid.dtHours;
    x.netMoney -= sim.stepCost[i]!;
  });
  return { trades, payments };
}

/** A SettlementSink that writes the ledger. */
export class LedgerSink implements SettlementSink {
  /** The ledger written. */
  readonly ledger: Ledger;
  /** Keys of every party (deterministic from the seed: simulation only). */
  readonly keyring: Keyring;
  private readonly signOrders: boolean;
  private readonly mode: SigningMode;
  private readonly expected = new Map<string, { netKwh: number; netMoney: number }>();

  constructor(options: LedgerSinkOptions) {
    const p = LEDGER_PARTIES;
    this.keyring = Keyring.deterministic(options.seed, [...options.prosumers, p.operator, p.grid, p.market, p.networkOperator], options.crypto);
    this.ledger = new Ledger({
      registry: this.keyring.registry(),
      operator: p.operator,
      retainEntries: options.retainEntries,
      onAppend: options.onAppend,
      operatorSignEvery: options.operatorSignEvery,
      crypto: options.crypto,
    });
    this.signOrders = options.signOrders ?? true;
    this.mode = options.mode ?? 'batch';
    for (const id of options.prosumers) this.expected.set(id, { netKwh: 0, netMoney: 0 });
  }

  /** Records one step. */
  record(sim: Simulation, clearing: ClearingResult | null, book: readonly Order[]): void {
    const s = sim.last.step;
    if (this.signOrders && book.length > 0) this.ledger.appendOrders(s, book, this.keyring);
    this.ledger.appendSettlement(s, stepSettlement(sim, clearing, book, this.expected), this.keyring, this.mode);
  }

  /** Covers a pending unsigned tail (operatorSignEvery > 1) with a final operator signature. */
  seal(): void {
    this.ledger.seal(this.keyring);
  }

  /** Each prosumer's net energy (kWh) and net money (currency) as the simulation computed them. */
  expectedBalances(): Map<string, { netKwh: number; netMoney: number }> {
    return this.expected;
  }
}
