/**
 * The settlement ledger: append-only, hash-chained (SHA-256 over canonical JSON) and signed (Ed25519) by the parties
 * each entry binds. See entry.ts for kinds and balances, verify.ts for what tampering looks like.
 *
 * Signing cost and the modes (bench/ledger.bench.ts; per signature on a quiet machine of this kind: pure-JS noble
 * ≈ 0.25 ms to sign and ≈ 1 ms to verify, Node's native backend ≈ 0.06 / 0.25 ms):
 * - per-entry: every order, trade and payment is its own entry signed by each party it binds (a trade by buyer AND
 *   seller). Strongest non-repudiation, but a year of 15-min steps with 100 prosumers is millions of signatures.
 * - batch: one 'settlement' entry per interval carries all of that interval's trades and payments and is signed
 *   once by the market operator; parties sign only their own orders (optional). Parties then rely on the operator
 *   for the settlement itself, but can still prove what they offered, and any change to a settled interval still
 *   breaks the chain. Signatures per interval drop from (orders + 2·trades + payments) to 1 (+ orders).
 * - batch with checkpoints (`operatorSignEvery: N`): the operator signs every Nth settlement; a signature commits to
 *   every earlier entry through the chain, so the ones in between are covered once the next signature lands (call
 *   `seal()` at the end). Until then the newest settlements are unattested: the trade-off is latency of attestation.
 * For long runs without the need to keep entries in memory, pass `retainEntries: false` and an `onAppend` sink (e.g.
 * a JSON-lines file writer); balances are kept incrementally either way, and LedgerVerifier checks a stream.
 * In Node, pass `crypto: nodeLedgerCrypto` (node-ledger-crypto.ts) to the Ledger and the Keyring: same bytes, faster.
 */
import { bytesToHex } from '@noble/hashes/utils';
import { ParseError, ValidationError } from '../errors.js';
import type { Order } from '../market/order.js';
import type { ClearingResult } from '../market/clearing-result.js';
import { canonicalJson } from './canonical-json.js';
import { BalanceBook, replayBalances, type PartyBalance } from './balances.js';
import {
  bindingParties, GENESIS_HASH, payloadProblem,
  type EntryDraft, type EntrySignature, type LedgerEntry, type PaymentPayload, type TradePayload,
} from './entry.js';
import { tradesFromClearing } from './from-clearing.js';
import type { KeyRegistry, Keyring } from './keys.js';
import { nobleLedgerCrypto, type LedgerCrypto } from './ledger-crypto.js';
import {
  entryHash, entryShapeProblem, signingMessage, verifyLedger,
  type LedgerHead, type VerifyOptions, type VerifyReport,
} from './verify.js';

/** Options of a Ledger. */
export interface LedgerOptions {
  /** Public keys of every party that signs. */
  registry: KeyRegistry;
  /** Market operator id: signs batch settlements and keeps budget surpluses (default 'operator'). */
  operator?: string;
  /** Keep entries in memory (default true); false keeps only head, ids of explicit entries and balances. */
  retainEntries?: boolean;
  /** Called with every committed entry (e.g. to stream JSON lines to a file). */
  onAppend?: (entry: LedgerEntry) => void;
  /**
   * In batch mode, the operator signs only every Nth settlement (default 1 = every one). The unsigned ones in
   * between are covered by the next operator signature, which commits to them through the hash chain; call
   * `seal()` at the end so the tail is covered too. Cuts signing cost N-fold; until the next signature, the latest
   * settlements are not yet attested.
   */
  operatorSignEvery?: number;
  /** Hash and signature-check backend (default noble; in Node pass nodeLedgerCrypto from node-ledger-crypto.ts). */
  crypto?: LedgerCrypto;
}

/** An entry hashed but not yet signed (for parties that sign elsewhere). */
export interface PreparedEntry {
  /** The entry without signatures. */
  entry: Omit<LedgerEntry, 'signatures'>;
  /** The bytes each party in entry.parties signs. */
  message: Uint8Array;
}

/** How `appendSettlement` records an interval. */
export type SigningMode = 'batch' | 'per-entry';

/** Appendable, verifiable, replayable settlement ledger. */
export class Ledger {
  /** Public keys used to check signatures. */
  readonly registry: KeyRegistry;
  /** Market operator id. */
  readonly operator: string;
  /** Crypto backend for hashes and signature checks (signing uses the keyring's). */
  readonly crypto: LedgerCrypto;
  private readonly retain: boolean;
  private readonly onAppend?: (entry: LedgerEntry) => void;
  private readonly list: LedgerEntry[] = [];
  private readonly ids = new Set<string>();
  private readonly operatorGiven: boolean;
  private readonly book = new BalanceBook();
  private readonly keyChecked = new Set<string>();
  private count = 0;
  private last = GENESIS_HASH;
  private lastInterval = 0;
  private readonly signEvery: number;
  private unsignedSettlements = 0;

  constructor(options: LedgerOptions) {
    this.registry = options.registry;
    this.operator = options.operator ?? 'operator';
    this.operatorGiven = options.operator !== undefined;
    this.retain = options.retainEntries ?? true;
    this.onAppend = options.onAppend;
    this.crypto = options.crypto ?? nobleLedgerCrypto;
    this.signEvery = options.operatorSignEvery ?? 1;
    if (!Number.isInteger(this.signEvery) || this.signEvery < 1) {
      throw new ValidationError({ element: 'ledger', id: 'ledger', field: 'operatorSignEvery', value: options.operatorSignEvery }, 'expected an integer ≥ 1');
    }
  }

  /** Number of committed entries. */
  get length(): number {
    return this.count;
  }

  /** The committed entries (empty when retainEntries is false). Do not mutate them. */
  get entries(): readonly LedgerEntry[] {
    return this.list;
  }

  /** Current head: the number of entries and the last entry's hash. Keep it to detect truncation later. */
  head(): LedgerHead {
    return { length: this.count, hash: this.last };
  }

  /** Hashes a draft as the next entry, validating its payload; sign `message` and pass the result to `commit`. */
  prepare(draft: EntryDraft): PreparedEntry {
    const problem = payloadProblem(draft.kind, draft.payload);
    if (problem) throw new ValidationError({ element: 'ledger entry', id: draft.id ?? `#${this.count}`, field: 'payload', value: draft.payload }, problem);
    if (!Number.isInteger(draft.interval) || draft.interval < 0) {
      throw new ValidationError({ element: 'ledger entry', id: draft.id ?? `#${this.count}`, field: 'interval', value: draft.interval }, 'expected an integer ≥ 0');
    }
    const seq = this.count;
    const id = draft.id ?? `${draft.kind}:${draft.interval}:${seq}`;
    if (id === '' || this.ids.has(id)) {
      throw new ValidationError({ element: 'ledger entry', id, field: 'id', value: id }, 'ids must be unique and non-empty');
    }
    const payloadJson = canonicalJson(draft.payload);
    // A retained entry gets its own copy of the payload, so later changes to the caller's objects cannot alter it.
    const payload = this.retain ? JSON.parse(payloadJson) : draft.payload;
    const body = { seq, id, kind: draft.kind, interval: draft.interval, parties: bindingParties(draft.kind, draft.payload), payload, prevHash: this.last };
    const hash = entryHash(body, payloadJson, this.crypto);
    return { entry: { ...body, hash } as Omit<LedgerEntry, 'signatures'>, message: signingMessage(hash) };
  }

  /** Commits a prepared entry with one signature per bound party (checked against the registry). */
  commit(prepared: PreparedEntry, signatures: EntrySignature[]): LedgerEntry {
    const e = prepared.entry;
    if (e.seq !== this.count || e.prevHash !== this.last) {
      throw new ValidationError({ element: 'ledger entry', id: e.id, field: 'seq', value: e.seq }, `stale: the ledger has moved on to ${this.count} entries; prepare again`);
    }
    const sigs: EntrySignature[] = [];
    for (const party of e.parties) {
      const s = signatures.find((x) => x.party === party);
      const key = this.registry.publicKey(party);
      if (!s) throw new ValidationError({ element: 'ledger entry', id: e.id, field: 'signatures', value: party }, 'missing the signature of a bound party');
      if (!key) throw new ValidationError({ element: 'ledger entry', id: e.id, field: 'signatures', value: party }, 'party not in the key registry');
      if (!/^[0-9a-f]{128}$/.test(s.signature) || !this.crypto.verify(hexBytes(s.signature), prepared.message, key)) {
        throw new ValidationError({ element: 'ledger entry', id: e.id, field: 'signatures', value: party }, 'signature does not verify');
      }
      sigs.push({ party, signature: s.signature });
    }
    return this.push({ ...e, signatures: sigs } as LedgerEntry);
  }

  /** Appends a draft signed with `keyring` by every party it binds; returns the committed entry. */
  append(draft: EntryDraft, keyring: Keyring): LedgerEntry {
    const prepared = this.prepare(draft);
    const signatures = prepared.entry.parties.map((party) => {
      this.checkKeyring(keyring, party, prepared.entry.id);
      return { party, signature: bytesToHex(keyring.sign(party, prepared.message)) };
    });
    return this.push({ ...prepared.entry, signatures } as LedgerEntry);
  }

  /** Appends one 'order' entry per order, each signed by its prosumer. */
  appendOrders(interval: number, orders: readonly Order[], keyring: Keyring): LedgerEntry[] {
    return orders.map((o) =>
      this.append(
        {
          kind: 'order', interval, id: `order:${interval}:${o.id}`,
          payload: { orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: o.quantityKwh, pricePerKwh: o.pricePerKwh, bus: o.bus, divisible: o.divisible },
        },
        keyring,
      ),
    );
  }

  /**
   * Records an interval's trades and payments: one operator-signed 'settlement' entry ('batch', the default; id
   * `settlement:<interval>`, so once per interval) or one entry per trade and payment signed by the parties it binds
   * ('per-entry').
   */
  appendSettlement(
    interval: number,
    items: { trades: TradePayload[]; payments?: PaymentPayload[] },
    keyring: Keyring,
    mode: SigningMode = 'batch',
  ): LedgerEntry[] {
    const payments = items.payments ?? [];
    if (mode === 'batch') {
      const draft: EntryDraft = { kind: 'settlement', interval, id: `settlement:${interval}`, payload: { operator: this.operator, trades: items.trades, payments } };
      if (this.unsignedSettlements + 1 < this.signEvery) {
        this.checkKeyring(keyring, this.operator, draft.id!); // fail now, not at the next signature
        const prepared = this.prepare(draft);
        this.unsignedSettlements++;
        return [this.push({ ...prepared.entry, signatures: [] } as LedgerEntry)];
      }
      return [this.append(draft, keyring)];
    }
    return [
      ...items.trades.map((t) => this.append({ kind: 'trade', interval, payload: t }, keyring)),
      ...payments.map((p) => this.append({ kind: 'payment', interval, payload: p }, keyring)),
    ];
  }

  /**
   * Covers unsigned batch settlements (operatorSignEvery > 1) with an operator signature: appends an empty,
   * signed settlement for the last interval. Returns it, or null when nothing was pending.
   */
  seal(keyring: Keyring): LedgerEntry | null {
    if (this.unsignedSettlements === 0) return null;
    return this.append({ kind: 'settlement', interval: this.lastInterval, id: `seal:${this.count}`, payload: { operator: this.operator, trades: [], payments: [] } }, keyring);
  }

  /** Records a market clearing result (see from-clearing.ts) plus optional payments, in the given mode. */
  appendClearing(
    interval: number,
    result: ClearingResult,
    keyring: Keyring,
    options: { mode?: SigningMode; gridParty?: string; marketParty?: string; payments?: PaymentPayload[] } = {},
  ): LedgerEntry[] {
    const trades = tradesFromClearing(result, { operator: this.operator, gridParty: options.gridParty, marketParty: options.marketParty });
    return this.appendSettlement(interval, { trades, payments: options.payments }, keyring, options.mode ?? 'batch');
  }

  /** Every party's balance so far, kept incrementally while appending. */
  balances(): Map<string, PartyBalance> {
    return this.book.snapshot();
  }

  /** Recomputes every party's balance from the stored entries (an audit of `balances()`). */
  replay(): Map<string, PartyBalance> {
    if (!this.retain) throw new ValidationError({ element: 'ledger', id: 'ledger', field: 'retainEntries', value: false }, 'replay needs the entries; replay the exported JSON lines instead (replayBalances(Ledger.fromJsonLines(...).entries))');
    return replayBalances(this.list);
  }

  /** Verifies the stored entries against the registry (see verify.ts); settlements must be the operator's if one was given. */
  verify(options: VerifyOptions = {}): VerifyReport {
    return verifyLedger(this.list, this.registry, { operator: this.operatorGiven ? this.operator : undefined, crypto: this.crypto, ...options });
  }

  /** The stored entries as JSON lines (canonical JSON, one entry per line, trailing newline). */
  toJsonLines(): string {
    return this.list.map((e) => canonicalJson(e)).join('\n') + (this.list.length ? '\n' : '');
  }

  /**
   * Reads JSON lines written by `toJsonLines` (or an `onAppend` sink). Each line must be a well-formed entry
   * (else ParseError with its line). Then, unless `verify: false`, the chain and signatures are verified and the
   * first problem is thrown as a ParseError naming its line; with `verify: false` call `.verify()` for the full
   * report (line = index + 1 when the file has no blank lines).
   */
  static fromJsonLines(
    text: string,
    options: { file: string; registry: KeyRegistry; operator?: string; verify?: boolean; crypto?: LedgerCrypto } & Pick<VerifyOptions, 'expectedHead' | 'checkSignatures'>,
  ): Ledger {
    const ledger = new Ledger({ registry: options.registry, operator: options.operator, crypto: options.crypto });
    const lineOf: number[] = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      if (raw.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        const pos = /position (\d+)/.exec(String((err as Error).message));
        throw new ParseError(options.file, i + 1, pos ? Number(pos[1]) + 1 : 1, 'one JSON ledger entry per line', (err as Error).message);
      }
      const problem = entryShapeProblem(value);
      if (problem) throw new ParseError(options.file, i + 1, 1, 'a ledger entry', problem);
      ledger.list.push(value as LedgerEntry);
      ledger.book.apply(value as LedgerEntry);
      const e = value as LedgerEntry;
      ledger.ids.add(e.id);
      ledger.count++;
      ledger.last = e.hash;
      lineOf.push(i + 1);
    }
    for (let i = ledger.list.length - 1; i >= 0; i--) {
      const e = ledger.list[i]!;
      if (e.signatures.some((x) => x.party === ledger.operator)) break;
      if (e.kind === 'settlement' && e.signatures.length === 0) ledger.unsignedSettlements++;
    }
    if (ledger.list.length) ledger.lastInterval = ledger.list[ledger.list.length - 1]!.interval;
    if (options.verify ?? true) {
      const report = ledger.verify({ expectedHead: options.expectedHead, checkSignatures: options.checkSignatures });
      const first = report.issues[0];
      if (first) {
        const line = first.index < lineOf.length ? lineOf[first.index]! : lines.length;
        throw new ParseError(options.file, line, 1, 'an intact, correctly signed entry', `${first.code} in entry ${first.index} (${JSON.stringify(first.id)}): ${first.message}`);
      }
    }
    return ledger;
  }

  private checkKeyring(keyring: Keyring, party: string, id: string): void {
    if (this.keyChecked.has(party)) return;
    const reg = this.registry.publicKey(party);
    const mine = keyring.publicKey(party);
    if (!reg) throw new ValidationError({ element: 'ledger entry', id, field: 'parties', value: party }, 'party not in the key registry');
    if (!mine) throw new ValidationError({ element: 'ledger entry', id, field: 'parties', value: party }, 'no signing key for this party in the keyring');
    if (bytesToHex(reg) !== bytesToHex(mine)) throw new ValidationError({ element: 'ledger entry', id, field: 'parties', value: party }, "the keyring's key does not match the registered public key");
    this.keyChecked.add(party);
  }

  private push(entry: LedgerEntry): LedgerEntry {
    if (this.retain) this.list.push(entry);
    // Default ids (kind:interval:seq) are unique by construction; without retained entries only others are tracked.
    if (this.retain || entry.id !== `${entry.kind}:${entry.interval}:${entry.seq}`) this.ids.add(entry.id);
    this.book.apply(entry);
    this.count++;
    this.last = entry.hash;
    this.lastInterval = entry.interval;
    if (entry.signatures.some((x) => x.party === this.operator)) this.unsignedSettlements = 0;
    this.onAppend?.(entry);
    return entry;
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
