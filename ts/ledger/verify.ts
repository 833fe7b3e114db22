/**
 * Ledger verification: recomputes every hash, link and signature and reports each problem with the entry's index
 * and id. What each kind of tampering looks like:
 * - a field altered                → 'hash-mismatch' (and, if the forger recomputed the hash, 'bad-signature' and a
 *                                    'broken-link' on the next entry)
 * - an entry removed / inserted    → 'bad-sequence' and 'broken-link' from that point
 * - two entries swapped            → 'bad-sequence' and 'broken-link' at both
 * - a signature forged with another key, or a signer swapped → 'bad-signature' / 'wrong-signer' / 'wrong-parties'
 * - the tail truncated             → only detectable against an anchored head: 'truncated' / 'head-mismatch'
 *                                    (any party that kept `ledger.head()` can check).
 */
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from './canonical-json.js';
import { bindingParties, GENESIS_HASH, payloadProblem, type LedgerEntry } from './entry.js';
import type { KeyRegistry } from './keys.js';
import { nobleLedgerCrypto, type LedgerCrypto } from './ledger-crypto.js';

/** What kind of problem an entry has. */
export type LedgerIssueCode =
  | 'invalid-entry'
  | 'invalid-payload'
  | 'bad-sequence'
  | 'duplicate-id'
  | 'broken-link'
  | 'hash-mismatch'
  | 'wrong-parties'
  | 'missing-signature'
  | 'unknown-party'
  | 'bad-signature'
  | 'wrong-signer'
  | 'truncated'
  | 'head-mismatch';

/** One problem found by `verifyLedger`, naming the entry. */
export interface LedgerIssue {
  /** Index of the entry in the ledger as given (its line is index + 1 in JSON lines). */
  index: number;
  /** The entry's id as stored ('' if it has none). */
  id: string;
  /** What is wrong. */
  code: LedgerIssueCode;
  /** Human-readable explanation. */
  message: string;
}

/** The last entry of a ledger, to be kept by a party and checked later (detects truncation). */
export interface LedgerHead {
  /** Number of entries. */
  length: number;
  /** Hash of the last entry (GENESIS_HASH when empty), hex. */
  hash: string;
}

/** Options of `verifyLedger`. */
export interface VerifyOptions {
  /** A head recorded earlier: the ledger must still contain it at the same position. */
  expectedHead?: LedgerHead;
  /** Check Ed25519 signatures (default true; ~1 ms each, the dominant cost). */
  checkSignatures?: boolean;
  /** If set, settlement entries must be signed by this operator. */
  operator?: string;
  /** Stop after this many issues (default 1000). */
  maxIssues?: number;
  /** Crypto backend (default noble; nodeLedgerCrypto from node-ledger-crypto.ts is faster in Node). */
  crypto?: LedgerCrypto;
  /** A head you already trust: only the entries after it are examined (it must still be in place). */
  since?: LedgerHead;
}

/** Result of `verifyLedger`. */
export interface VerifyReport {
  /** True when no issue was found. */
  ok: boolean;
  /** Entries examined. */
  entries: number;
  /** Signatures verified. */
  signaturesChecked: number;
  /** Problems found, in entry order. */
  issues: LedgerIssue[];
  /** The ledger's head as it is now. */
  head: LedgerHead;
}

const DOMAIN = utf8ToBytes('peergrid-ledger/v1 ');

/**
 * The canonical JSON of an entry's body (every field but hash and signatures), built by concatenation in sorted key
 * order so a payload serialised once (`payloadJson`) is not serialised again. Equals canonicalJson(body).
 */
export function entryBodyJson(
  entry: Pick<LedgerEntry, 'seq' | 'id' | 'kind' | 'interval' | 'parties' | 'payload' | 'prevHash'>,
  payloadJson = canonicalJson(entry.payload),
): string {
  return (
    '{"id":' + canonicalJson(entry.id) + ',"interval":' + canonicalJson(entry.interval) + ',"kind":' + canonicalJson(entry.kind) +
    ',"parties":' + canonicalJson(entry.parties) + ',"payload":' + payloadJson + ',"prevHash":' + canonicalJson(entry.prevHash) +
    ',"seq":' + canonicalJson(entry.seq) + '}'
  );
}

/** SHA-256 (hex) of an entry's canonical body: every field but hash and signatures. */
export function entryHash(
  entry: Pick<LedgerEntry, 'seq' | 'id' | 'kind' | 'interval' | 'parties' | 'payload' | 'prevHash'>,
  payloadJson?: string,
  crypto: LedgerCrypto = nobleLedgerCrypto,
): string {
  return crypto.sha256Hex(entryBodyJson(entry, payloadJson));
}

/** The bytes a party signs for an entry: a domain tag followed by the entry's 32-byte hash. */
export function signingMessage(hashHex: string): Uint8Array {
  const m = new Uint8Array(DOMAIN.length + 32);
  m.set(DOMAIN, 0);
  m.set(hexToBytes(hashHex), DOMAIN.length);
  return m;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Why an object is not a well-formed entry, or null. */
export function entryShapeProblem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'entry must be an object';
  const x = e as Record<string, unknown>;
  if (!Number.isInteger(x.seq) || (x.seq as number) < 0) return 'seq must be an integer ≥ 0';
  if (typeof x.id !== 'string' || x.id === '') return 'id must be a non-empty string';
  if (!Number.isInteger(x.interval) || (x.interval as number) < 0) return 'interval must be an integer ≥ 0';
  if (!Array.isArray(x.parties) || !x.parties.every((p) => typeof p === 'string')) return 'parties must be an array of strings';
  if (typeof x.prevHash !== 'string' || !HEX64.test(x.prevHash)) return 'prevHash must be 64 lowercase hex digits';
  if (typeof x.hash !== 'string' || !HEX64.test(x.hash)) return 'hash must be 64 lowercase hex digits';
  if (!Array.isArray(x.signatures)) return 'signatures must be an array';
  for (const s of x.signatures as unknown[]) {
    const sig = s as Record<string, unknown>;
    if (typeof sig !== 'object' || sig === null || typeof sig.party !== 'string' || typeof sig.signature !== 'string' || !/^[0-9a-f]{128}$/.test(sig.signature)) {
      return 'each signature must be { party: string, signature: 128 hex digits }';
    }
  }
  return payloadProblem(x.kind, x.payload);
}

/**
 * Verifies entries one at a time, so a ledger can be checked while it streams (e.g. line by line from a file)
 * without holding it in memory; `verifyLedger` is this over an array. Start `since` a head you trust to check only
 * what was appended after it (ids before it are then not checked for duplicates).
 */
export class LedgerVerifier {
  private readonly checkSigs: boolean;
  private readonly maxIssues: number;
  private readonly crypto: LedgerCrypto;
  private readonly issues: LedgerIssue[] = [];
  private readonly ids = new Map<string, number>();
  // Unsigned batch settlements (operatorSignEvery > 1) are covered by a later valid signature of their operator,
  // which commits to them through the hash chain; they are settled in finish().
  private readonly deferred: { index: number; id: string; party: string }[] = [];
  private readonly lastSigned = new Map<string, number>();
  private signaturesChecked = 0;
  private prevStored: string;
  private index: number;

  constructor(
    private readonly registry: KeyRegistry,
    private readonly options: VerifyOptions = {},
  ) {
    this.checkSigs = options.checkSignatures ?? true;
    this.maxIssues = options.maxIssues ?? 1000;
    this.crypto = options.crypto ?? nobleLedgerCrypto;
    this.index = options.since?.length ?? 0;
    this.prevStored = options.since?.hash ?? GENESIS_HASH;
  }

  /** Entries seen so far, including those before `since`. */
  get length(): number {
    return this.index;
  }

  /** Whether the issue limit was reached (later entries are then not examined). */
  get full(): boolean {
    return this.issues.length >= this.maxIssues;
  }

  private add(index: number, id: string, code: LedgerIssueCode, message: string): void {
    if (this.issues.length < this.maxIssues) this.issues.push({ index, id, code, message });
  }

  /** Examines the next entry (any value: malformed ones are reported, not thrown). */
  push(entry: unknown): void {
    const i = this.index++;
    if (this.full) return;
    const e = entry as LedgerEntry;
    const id = typeof e?.id === 'string' ? e.id : '';
    const shape = entryShapeProblem(e);
    if (shape) {
      this.add(i, id, shape.startsWith('payload') || shape.startsWith('kind') ? 'invalid-payload' : 'invalid-entry', shape);
      this.prevStored = typeof e?.hash === 'string' ? e.hash : this.prevStored;
      return;
    }
    if (e.seq !== i) this.add(i, id, 'bad-sequence', `seq is ${e.seq} at position ${i}: an entry was removed, inserted or moved`);
    const dup = this.ids.get(id);
    if (dup !== undefined) this.add(i, id, 'duplicate-id', `id also used by entry ${dup}`);
    else this.ids.set(id, i);
    if (e.prevHash !== this.prevStored) {
      this.add(i, id, 'broken-link', i === 0 ? 'the first entry must link to the genesis hash' : `prevHash does not match entry ${i - 1}'s hash: the chain is broken before this entry`);
    }
    this.prevStored = e.hash;
    const recomputed = entryHash(e, undefined, this.crypto);
    if (recomputed !== e.hash) this.add(i, id, 'hash-mismatch', 'the stored hash does not match the content: the entry was altered');
    const binding = bindingParties(e.kind, e.payload);
    if (binding.join('\u0000') !== e.parties.join('\u0000')) {
      this.add(i, id, 'wrong-parties', `parties are ${JSON.stringify(e.parties)} but a ${e.kind} binds ${JSON.stringify(binding)}`);
    }
    const operator = this.options.operator;
    if (operator !== undefined && e.kind === 'settlement' && e.payload.operator !== operator) {
      this.add(i, id, 'wrong-signer', `settlement attested by ${JSON.stringify(e.payload.operator)}, not the operator ${JSON.stringify(operator)}`);
    }
    const message = signingMessage(recomputed);
    for (const s of e.signatures) {
      if (!binding.includes(s.party)) this.add(i, id, 'wrong-signer', `signed by ${JSON.stringify(s.party)}, who is not bound by this ${e.kind}`);
    }
    for (const party of binding) {
      const sigs = e.signatures.filter((s) => s.party === party);
      if (sigs.length === 0) {
        if (e.kind === 'settlement' && e.signatures.length === 0) this.deferred.push({ index: i, id, party });
        else this.add(i, id, 'missing-signature', `no signature by ${JSON.stringify(party)}`);
        continue;
      }
      if (sigs.length > 1) this.add(i, id, 'wrong-signer', `${sigs.length} signatures by ${JSON.stringify(party)}`);
      const key = this.registry.publicKey(party);
      if (!key) {
        this.add(i, id, 'unknown-party', `${JSON.stringify(party)} has no public key in the registry`);
        continue;
      }
      if (!this.checkSigs) {
        this.lastSigned.set(party, i);
        continue;
      }
      this.signaturesChecked++;
      if (!this.crypto.verify(hexToBytes(sigs[0]!.signature), message, key)) {
        this.add(i, id, 'bad-signature', `the signature of ${JSON.stringify(party)} does not verify with its registered key (forged, or the entry was altered)`);
      } else this.lastSigned.set(party, i);
    }
  }

  /**
   * The report over everything pushed. `lastEntryAt(k)` lets the expectedHead check look up entry k's hash (pass it
   * when entries were kept; a streaming caller can record the hash at expectedHead.length − 1 itself).
   */
  finish(lastEntryAt?: (index: number) => LedgerEntry | undefined): VerifyReport {
    for (const d of this.deferred) {
      if ((this.lastSigned.get(d.party) ?? -1) < d.index) {
        this.add(d.index, d.id, 'missing-signature', `unsigned settlement not covered by any later signature of ${JSON.stringify(d.party)} (call ledger.seal())`);
      }
    }
    const n = this.index;
    const want = this.options.expectedHead;
    if (want) {
      if (n < want.length) {
        this.add(n, '', 'truncated', `the ledger has ${n} entries but the anchored head says ${want.length}: the tail was removed`);
      } else if (want.length > 0 && lastEntryAt) {
        const e = lastEntryAt(want.length - 1);
        if (e && e.hash !== want.hash) {
          this.add(want.length - 1, String(e.id ?? ''), 'head-mismatch', `entry ${want.length - 1}'s hash differs from the anchored head hash`);
        }
      }
    }
    const issues = [...this.issues].sort((a, b) => a.index - b.index);
    const head: LedgerHead = { length: n, hash: this.prevStored };
    return { ok: issues.length === 0, entries: n, signaturesChecked: this.signaturesChecked, issues, head };
  }
}

/**
 * Checks a sequence of entries against the key registry; never throws on bad entries, reports them. With `since`,
 * only the entries after that trusted head are examined (the head itself must still be in place).
 */
export function verifyLedger(entries: readonly LedgerEntry[], registry: KeyRegistry, options: VerifyOptions = {}): VerifyReport {
  const since = options.since;
  if (since && since.length > 0 && (entries.length < since.length || entries[since.length - 1]?.hash !== since.hash)) {
    const e = entries[Math.min(since.length, entries.length) - 1];
    const issue: LedgerIssue = entries.length < since.length
      ? { index: entries.length, id: '', code: 'truncated', message: `the ledger has ${entries.length} entries but the trusted head says ${since.length}` }
      : { index: since.length - 1, id: String(e?.id ?? ''), code: 'head-mismatch', message: `entry ${since.length - 1}'s hash differs from the trusted head the check starts from` };
    return { ok: false, entries: entries.length, signaturesChecked: 0, issues: [issue], head: { length: entries.length, hash: entries.length ? String(entries[entries.length - 1]!.hash) : GENESIS_HASH } };
  }
  const v = new LedgerVerifier(registry, options);
  for (let i = since?.length ?? 0; i < entries.length; i++) v.push(entries[i]); // past the issue limit, push only counts
  const report = v.finish((k) => entries[k]);
  report.head = { length: entries.length, hash: entries.length ? String(entries[entries.length - 1]!.hash) : GENESIS_HASH };
  return report;
}
