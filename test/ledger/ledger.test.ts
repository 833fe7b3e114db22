import { bytesToHex } from '@noble/hashes/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParseError, ValidationError } from '../../ts/errors.js';
import { Rng } from '../../ts/random.js';
import type { ClearingResult } from '../../ts/market/clearing-result.js';
import { Keyring } from '../../ts/ledger/keys.js';
import { Ledger } from '../../ts/ledger/ledger.js';
import { LedgerVerifier, entryBodyJson, entryHash, signingMessage, verifyLedger, type LedgerIssue } from '../../ts/ledger/verify.js';
import { canonicalJson } from '../../ts/ledger/canonical-json.js';
import { compareBalances, replayBalances } from '../../ts/ledger/balances.js';
import { type LedgerEntry, type TradePayload } from '../../ts/ledger/entry.js';

const PROSUMERS = ['p0', 'p1', 'p2', 'p3', 'p4'];
const PARTIES = [...PROSUMERS, 'grid', 'market', 'operator'];
const keyring = Keyring.deterministic(2024, PARTIES);
const registry = keyring.registry();

/** Seeded random trades of one interval among prosumers and the grid. */
function randomTrades(rng: Rng, n: number): TradePayload[] {
  const out: TradePayload[] = [];
  for (let i = 0; i < n; i++) {
    const buyer = rng.chance(0.2) ? 'grid' : PROSUMERS[rng.int(5)]!;
    let seller = rng.chance(0.2) ? 'grid' : PROSUMERS[rng.int(5)]!;
    if (seller === buyer) seller = buyer === 'p0' ? 'p1' : 'p0';
    const price = Math.round(rng.uniform(0.05, 0.35) * 1e4) / 1e4;
    const t: TradePayload = { buyer, seller, quantityKwh: Math.round(rng.uniform(0, 3) * 1e3) / 1e3, pricePerKwh: price };
    if (rng.chance(0.3)) Object.assign(t, { sellerPricePerKwh: price - 0.01, surplusTo: 'operator' });
    out.push(t);
  }
  return out;
}

/** A ledger of 6 intervals: orders signed by prosumers, then the interval settled in batch or per-entry mode. */
function buildLedger(): Ledger {
  const ledger = new Ledger({ registry, operator: 'operator' });
  const rng = new Rng(77);
  for (let k = 0; k < 6; k++) {
    ledger.appendOrders(k, PROSUMERS.map((p, i) => ({ id: `o${k}-${i}`, prosumer: p, side: i % 2 ? 'sell' : 'buy', quantityKwh: 1 + i, pricePerKwh: 0.1 + 0.01 * i })), keyring);
    ledger.appendSettlement(k, { trades: randomTrades(rng, 4), payments: [{ payer: 'p1', payee: 'grid', amount: 0.02, reason: 'network-charge' }] }, keyring, k % 2 ? 'per-entry' : 'batch');
  }
  return ledger;
}

const clone = (entries: readonly LedgerEntry[]): LedgerEntry[] => JSON.parse(JSON.stringify(entries));
const codesAt = (issues: LedgerIssue[], index: number): string[] => issues.filter((i) => i.index === index).map((i) => i.code).sort();

let ledger: Ledger;
let entries: LedgerEntry[];
beforeAll(() => {
  ledger = buildLedger();
  entries = clone(ledger.entries);
});

describe('an untouched ledger', () => {
  it('verifies, with one signature per bound party', () => {
    const r = ledger.verify();
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    const expectedSigs = ledger.entries.reduce((a, e) => a + e.parties.length, 0);
    expect(r.signaturesChecked).toBe(expectedSigs);
    expect(r.head).toEqual(ledger.head());
    expect(ledger.entries.find((e) => e.kind === 'trade' && e.payload.buyer !== 'grid' && e.payload.seller !== 'grid')!.signatures.length).toBe(2);
  });
  it('chains every entry to the previous one and hashes the canonical body', () => {
    for (let i = 0; i < entries.length; i++) {
      const { hash: _h, signatures: _s, ...body } = entries[i]!;
      expect(entryBodyJson(entries[i]!)).toBe(canonicalJson(body));
      expect(entries[i]!.seq).toBe(i);
      expect(entries[i]!.prevHash).toBe(i === 0 ? '0'.repeat(64) : entries[i - 1]!.hash);
      expect(entryHash(entries[i]!)).toBe(entries[i]!.hash);
    }
  });
});

describe('tamper detection names the entry and the reason', () => {
  let k = 0; // the first per-entry trade, in the middle of the ledger
  beforeAll(() => {
    k = entries.findIndex((e) => e.kind === 'trade');
    expect(k).toBeGreaterThan(5);
    expect(k).toBeLessThan(entries.length - 3);
  });
  it('a field altered (hash left as it was)', () => {
    const t = clone(entries);
    const e = t[k]!;
    if (e.kind === 'settlement') e.payload.trades[0]!.quantityKwh += 1;
    else if (e.kind === 'trade') e.payload.quantityKwh += 1;
    else throw new Error('fixture changed');
    const r = verifyLedger(t, registry);
    expect(r.ok).toBe(false);
    expect(r.issues.every((i) => i.index === k)).toBe(true);
    expect(codesAt(r.issues, k)).toContain('hash-mismatch');
    expect(codesAt(r.issues, k)).toContain('bad-signature');
    expect(r.issues[0]!.id).toBe(e.id);
  });
  it('a field altered and the hash recomputed (signature and the next link break)', () => {
    const t = clone(entries);
    (t[k]!.interval as number) = 99;
    t[k]!.hash = entryHash(t[k]!);
    const r = verifyLedger(t, registry);
    expect(codesAt(r.issues, k)).toEqual(t[k]!.parties.map(() => 'bad-signature')); // buyer's and seller's
    expect(codesAt(r.issues, k + 1)).toEqual(['broken-link']);
  });
  it('a field altered and the whole tail re-hashed and re-linked (every re-hashed signature fails)', () => {
    const t = clone(entries);
    t[k]!.id = 'forged';
    for (let i = k; i < t.length; i++) {
      t[i]!.prevHash = t[i - 1]!.hash;
      t[i]!.hash = entryHash(t[i]!);
    }
    const r = verifyLedger(t, registry);
    expect(r.issues[0]!.index).toBe(k);
    expect(r.issues[0]!.id).toBe('forged');
    for (let i = k; i < t.length; i++) expect(codesAt(r.issues, i)).toContain('bad-signature');
  });
  it('an entry removed', () => {
    const t = clone(entries);
    t.splice(k, 1);
    const r = verifyLedger(t, registry);
    expect(codesAt(r.issues, k)).toEqual(['bad-sequence', 'broken-link']);
    expect(r.issues.every((i) => i.index >= k)).toBe(true);
  });
  it('two entries reordered', () => {
    const t = clone(entries);
    [t[k], t[k + 1]] = [t[k + 1]!, t[k]!];
    const r = verifyLedger(t, registry);
    expect(codesAt(r.issues, k)).toEqual(['bad-sequence', 'broken-link']);
    expect(codesAt(r.issues, k + 1)).toEqual(['bad-sequence', 'broken-link']);
  });
  it('an entry inserted (validly signed in another ledger)', () => {
    const other = new Ledger({ registry });
    other.append({ kind: 'payment', interval: 3, payload: { payer: 'p2', payee: 'p3', amount: 5 } }, keyring);
    const t = clone(entries);
    t.splice(k, 0, clone(other.entries)[0]!);
    const r = verifyLedger(t, registry);
    expect(codesAt(r.issues, k)).toEqual(['bad-sequence', 'broken-link']);
    expect(codesAt(r.issues, k + 1)).toEqual(['bad-sequence', 'broken-link']);
  });
  it('a signature forged with another key', () => {
    const t = clone(entries);
    const mallory = Keyring.deterministic('mallory', ['p0']);
    const i = t.findIndex((e) => e.kind === 'order' && e.parties[0] === 'p0');
    t[i]!.signatures[0]!.signature = bytesToHex(mallory.sign('p0', signingMessage(t[i]!.hash)));
    const r = verifyLedger(t, registry);
    expect(r.issues).toEqual([expect.objectContaining({ index: i, id: t[i]!.id, code: 'bad-signature' })]);
  });
  it('a signature relabelled to another party, and a settlement attested by a non-operator', () => {
    const t = clone(entries);
    const i = t.findIndex((e) => e.kind === 'order' && e.parties[0] === 'p0');
    t[i]!.signatures[0]!.party = 'p1';
    const r = verifyLedger(t, registry);
    expect(codesAt(r.issues, i)).toEqual(['missing-signature', 'wrong-signer']);

    const rogue = new Ledger({ registry });
    rogue.append({ kind: 'settlement', interval: 0, payload: { operator: 'p3', trades: [{ buyer: 'p3', seller: 'p2', quantityKwh: 9, pricePerKwh: 0 }], payments: [] } }, keyring);
    expect(rogue.verify().ok).toBe(true); // without a designated operator, any registered party may attest
    const r2 = verifyLedger(rogue.entries, registry, { operator: 'operator' });
    expect(r2.issues.map((x) => x.code)).toEqual(['wrong-signer']);
  });
  it('the tail truncated: invisible without an anchor, detected against an anchored head', () => {
    const anchored = ledger.head();
    const t = clone(entries).slice(0, entries.length - 2);
    expect(verifyLedger(t, registry).ok).toBe(true); // a shorter valid chain is still a valid chain…
    const r = verifyLedger(t, registry, { expectedHead: anchored });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'truncated', index: t.length })]); // …unless someone kept the head
    // Truncated and then extended with different entries: the anchored position no longer holds the anchored hash.
    const forked = Ledger.fromJsonLines(t.map((e) => canonicalJson(e)).join('\n'), { file: 'f', registry });
    forked.append({ kind: 'payment', interval: 5, payload: { payer: 'p0', payee: 'p1', amount: 1 } }, keyring);
    forked.append({ kind: 'payment', interval: 5, payload: { payer: 'p0', payee: 'p1', amount: 2 } }, keyring);
    expect(forked.verify().ok).toBe(true);
    expect(forked.verify({ expectedHead: anchored }).issues).toEqual([expect.objectContaining({ code: 'head-mismatch', index: anchored.length - 1 })]);
  });
  it('a duplicated id, a malformed entry and an unknown party', () => {
    const t = clone(entries);
    t[3]!.id = t[2]!.id;
    t[3]!.hash = entryHash(t[3]!);
    expect(codesAt(verifyLedger(t, registry).issues, 3)).toContain('duplicate-id');
    const u = clone(entries);
    (u[4] as unknown as Record<string, unknown>).seq = 'four';
    expect(codesAt(verifyLedger(u, registry).issues, 4)).toEqual(['invalid-entry']);
    const partial = Keyring.deterministic(2024, ['p0']).registry();
    const r = verifyLedger(entries, partial);
    expect(r.issues.some((i) => i.code === 'unknown-party' && i.message.includes('"p1"'))).toBe(true);
  });
});

describe('incremental and streaming verification', () => {
  it('checks only what was appended after a trusted head, and insists the head is still in place', () => {
    const k = 12;
    const since = { length: k, hash: entries[k - 1]!.hash };
    const before = clone(entries);
    (before[3]!.payload as { quantityKwh: number }).quantityKwh = 99; // tampering before the trusted head is not re-examined
    expect(verifyLedger(before, registry, { since }).ok).toBe(true);
    const after = clone(entries);
    after[k + 1]!.id = 'x';
    const r = verifyLedger(after, registry, { since });
    expect(r.issues[0]).toMatchObject({ index: k + 1, code: 'hash-mismatch' });
    expect(r.signaturesChecked).toBeLessThan(ledger.verify().signaturesChecked);
    const moved = clone(entries);
    moved[k - 1]!.hash = moved[k - 2]!.hash;
    expect(verifyLedger(moved, registry, { since }).issues).toEqual([expect.objectContaining({ code: 'head-mismatch', index: k - 1 })]);
    expect(verifyLedger(entries.slice(0, k - 2), registry, { since }).issues).toEqual([expect.objectContaining({ code: 'truncated' })]);
  });
  it('a streaming verifier fed line by line gives the same report as verifyLedger', () => {
    const t = clone(entries);
    t.splice(9, 1);
    const v = new LedgerVerifier(registry);
    for (const line of t.map((e) => canonicalJson(e))) v.push(JSON.parse(line));
    expect(v.finish()).toEqual(verifyLedger(t, registry));
    expect(v.length).toBe(t.length);
  });
  it('stops examining at the issue limit but still reports the real size', () => {
    const t = clone(entries).reverse();
    const r = verifyLedger(t, registry, { maxIssues: 3 });
    expect(r.issues).toHaveLength(3);
    expect(r.entries).toBe(t.length);
    expect(r.issues.some((i) => i.code === 'truncated')).toBe(false);
  });
});

describe('export and import as JSON lines', () => {
  it('round-trips byte for byte, with the same head, entries and balances', () => {
    const text = ledger.toJsonLines();
    expect(text.split('\n').length).toBe(ledger.length + 1);
    const back = Ledger.fromJsonLines(text, { file: 'ledger.jsonl', registry, operator: 'operator' });
    expect(back.entries).toEqual(ledger.entries);
    expect(back.head()).toEqual(ledger.head());
    expect(back.toJsonLines()).toBe(text);
    expect(back.replay()).toEqual(ledger.balances());
    // The imported ledger can be appended to.
    back.append({ kind: 'payment', interval: 6, payload: { payer: 'p4', payee: 'p0', amount: 1 } }, keyring);
    expect(back.verify({ expectedHead: ledger.head() }).ok).toBe(true);
  });
  it('reports the line of a tampered entry, of bad JSON and of a malformed entry', () => {
    const lines = ledger.toJsonLines().split('\n');
    const tampered = [...lines];
    tampered[4] = tampered[4]!.replace('"quantityKwh":', '"quantityKwh":1');
    const e1 = (() => { try { Ledger.fromJsonLines(tampered.join('\n'), { file: 'l.jsonl', registry }); } catch (e) { return e; } })() as ParseError;
    expect(e1).toBeInstanceOf(ParseError);
    expect(e1.line).toBe(5);
    expect(e1.message).toMatch(/hash-mismatch in entry 4/);
    const broken = [...lines];
    broken[1] = broken[1]!.slice(0, 20);
    expect(() => Ledger.fromJsonLines(broken.join('\n'), { file: 'l.jsonl', registry })).toThrow(/l\.jsonl:2:\d+: expected one JSON ledger entry per line/);
    const malformed = [...lines];
    malformed[2] = JSON.stringify({ ...JSON.parse(malformed[2]!), signatures: 'none' });
    expect(() => Ledger.fromJsonLines(malformed.join('\n'), { file: 'l.jsonl', registry })).toThrow(/l\.jsonl:3:1: expected a ledger entry, found signatures must be an array/);
    // verify: false imports for forensics; verify() then lists everything.
    const forensic = Ledger.fromJsonLines(tampered.join('\n'), { file: 'l.jsonl', registry, verify: false });
    expect(forensic.verify().issues[0]!.index).toBe(4);
  });
  it('streams entries to a sink without retaining them, with the same balances', () => {
    const sink: string[] = [];
    const lean = new Ledger({ registry, operator: 'operator', retainEntries: false, onAppend: (e) => sink.push(canonicalJson(e)) });
    for (const e of ledger.entries) lean.append({ kind: e.kind, interval: e.interval, payload: e.payload, id: e.id } as never, keyring);
    expect(lean.entries.length).toBe(0);
    expect(sink.join('\n') + '\n').toBe(ledger.toJsonLines());
    expect(lean.balances()).toEqual(ledger.balances());
    expect(() => lean.replay()).toThrow(ValidationError);
  });
});

describe('replay', () => {
  it('reproduces balances computed independently from the trades, in both signing modes, and conserves energy and money', () => {
    const rng = new Rng(5);
    const intervals = Array.from({ length: 40 }, () => randomTrades(rng, 12));
    const expected = new Map<string, { netKwh: number; netMoney: number }>();
    const add = (p: string, kwh: number, money: number): void => {
      const b = expected.get(p) ?? { netKwh: 0, netMoney: 0 };
      b.netKwh += kwh;
      b.netMoney += money;
      expected.set(p, b);
    };
    for (const trades of intervals) {
      for (const t of trades) {
        const sp = t.sellerPricePerKwh ?? t.pricePerKwh;
        add(t.buyer, t.quantityKwh, -t.quantityKwh * t.pricePerKwh);
        add(t.seller, -t.quantityKwh, t.quantityKwh * sp);
        if (t.surplusTo) add(t.surplusTo, 0, t.quantityKwh * (t.pricePerKwh - sp));
      }
    }
    const batch = new Ledger({ registry });
    const perEntry = new Ledger({ registry });
    intervals.forEach((trades, k) => {
      batch.appendSettlement(k, { trades }, keyring, 'batch');
      perEntry.appendSettlement(k, { trades }, keyring, 'per-entry');
    });
    const replayed = batch.replay();
    expect(compareBalances(replayed, expected, 1e-9, 1e-12)).toEqual([]);
    expect(perEntry.replay()).toEqual(replayed);
    expect(batch.balances()).toEqual(replayed);
    let kwh = 0;
    let money = 0;
    for (const b of replayed.values()) {
      kwh += b.netKwh;
      money += b.netMoney;
    }
    expect(Math.abs(kwh)).toBeLessThan(1e-9);
    expect(Math.abs(money)).toBeLessThan(1e-9);
    // compareBalances catches a wrong expectation.
    expected.get('p0')!.netMoney += 0.001;
    expect(compareBalances(replayed, expected)).toEqual([expect.objectContaining({ party: 'p0', field: 'netMoney' })]);
  });

  it('settles a clearing result: pool fills against the market, residuals against the grid (hand-computed)', () => {
    const result: ClearingResult = {
      mechanism: 'uniform', trades: null, clearingPrice: 0.2, priceInterval: [0.18, 0.22],
      clearingPricePerKwh: 0.2, priceIntervalPerKwh: [0.18, 0.22],
      fills: [
        { orderId: 'b1', prosumer: 'p0', side: 'buy', quantityKwh: 2, pricePerKwh: 0.2, allInPricePerKwh: 0.2 },
        { orderId: 's1', prosumer: 'p1', side: 'sell', quantityKwh: 2, pricePerKwh: 0.2, allInPricePerKwh: 0.2 },
      ],
      gridPurchases: [{ orderId: 'b1', prosumer: 'p0', side: 'buy', quantityKwh: 1, pricePerKwh: 0.3 }],
      gridSales: [{ orderId: 's2', prosumer: 'p2', side: 'sell', quantityKwh: 0.5, pricePerKwh: 0.08 }],
      tradedKwh: 2, welfare: 0, marketSurplus: 0, maxWelfare: 0, maxTradableKwh: 2, welfarePercent: 100, volumePercent: 100,
    };
    const l = new Ledger({ registry, operator: 'operator' });
    l.appendClearing(0, result, keyring);
    const b = l.balances();
    expect(b.get('p0')).toMatchObject({ boughtKwh: 3, paid: 0.7, netKwh: 3 });
    expect(b.get('p1')).toMatchObject({ soldKwh: 2, received: 0.4, netKwh: -2 });
    expect(b.get('p2')).toMatchObject({ soldKwh: 0.5, received: 0.04 });
    expect(b.get('market')).toMatchObject({ netKwh: 0, netMoney: 0 });
    expect(b.get('grid')).toMatchObject({ netKwh: -0.5, netMoney: 0.3 - 0.04 });
    expect(l.entries).toHaveLength(1);
    expect(l.entries[0]!.parties).toEqual(['operator']);
    // Per-entry mode: four trades, each signed by both sides.
    const p = new Ledger({ registry });
    p.appendClearing(0, result, keyring, { mode: 'per-entry' });
    expect(p.entries.map((e) => e.signatures.length)).toEqual([2, 2, 2, 2]);
    expect(p.balances()).toEqual(b);
    expect(replayBalances(p.entries)).toEqual(b);
  });
});

describe('checkpoint signing (operatorSignEvery)', () => {
  const build = (every: number, intervals: number): Ledger => {
    const l = new Ledger({ registry, operator: 'operator', operatorSignEvery: every });
    const rng = new Rng(3);
    for (let k = 0; k < intervals; k++) l.appendSettlement(k, { trades: randomTrades(rng, 3) }, keyring);
    return l;
  };
  it('signs every Nth settlement; the unsigned tail is reported until sealed', () => {
    const l = build(4, 10);
    expect(l.entries.map((e) => e.signatures.length)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
    const before = l.verify();
    expect(before.issues.map((i) => [i.index, i.code])).toEqual([[8, 'missing-signature'], [9, 'missing-signature']]);
    const seal = l.seal(keyring)!;
    expect(seal.payload).toEqual({ operator: 'operator', trades: [], payments: [] });
    expect(l.verify().ok).toBe(true);
    expect(l.seal(keyring)).toBeNull();
    expect(l.verify().signaturesChecked).toBe(3);
    expect(Ledger.fromJsonLines(l.toJsonLines(), { file: 'c', registry, operator: 'operator' }).balances()).toEqual(l.balances());
  });
  it('still detects an altered unsigned entry, even with the chain re-hashed up to the covering signature', () => {
    const l = build(4, 8);
    const t = clone(l.entries);
    t[1]!.payload = { ...(t[1]!.payload as object), operator: 'operator', trades: [], payments: [] } as never;
    expect(codesAt(verifyLedger(t, registry).issues, 1)).toEqual(['hash-mismatch']);
    for (let i = 1; i < t.length; i++) {
      t[i]!.prevHash = t[i - 1]!.hash;
      t[i]!.hash = entryHash(t[i]!);
    }
    const r = verifyLedger(t, registry);
    // The covering signatures (entries 3 and 7) fail, so entries 0-2 and 4-6 are no longer covered either.
    expect(r.issues.filter((i) => i.code === 'bad-signature').map((i) => i.index)).toEqual([3, 7]);
    expect(r.issues.filter((i) => i.code === 'missing-signature').map((i) => i.index)).toEqual([0, 1, 2, 4, 5, 6]);
  });
  it('rejects an operatorSignEvery below 1', () => {
    expect(() => new Ledger({ registry, operatorSignEvery: 0 })).toThrow(ValidationError);
  });
});

describe('appending', () => {
  it('supports signing elsewhere: prepare, sign the message, commit', () => {
    const l = new Ledger({ registry });
    const prep = l.prepare({ kind: 'trade', interval: 0, payload: { buyer: 'p0', seller: 'p1', quantityKwh: 1, pricePerKwh: 0.2 } });
    const sig = (p: string) => ({ party: p, signature: bytesToHex(keyring.sign(p, prep.message)) });
    expect(() => l.commit(prep, [sig('p0')])).toThrow(/missing the signature/);
    expect(() => l.commit(prep, [sig('p0'), { party: 'p1', signature: sig('p2').signature }])).toThrow(/does not verify/);
    l.commit(prep, [sig('p1'), sig('p0')]);
    expect(l.verify().ok).toBe(true);
    expect(() => l.commit(prep, [sig('p0'), sig('p1')])).toThrow(/stale/);
  });
  it('rejects invalid payloads, duplicate ids, unknown parties and keys that do not match the registry', () => {
    const l = new Ledger({ registry });
    expect(() => l.append({ kind: 'trade', interval: 0, payload: { buyer: 'p0', seller: 'p0', quantityKwh: 1, pricePerKwh: 0.2 } }, keyring)).toThrow(/same party/);
    expect(() => l.append({ kind: 'trade', interval: 0, payload: { buyer: 'p0', seller: 'p1', quantityKwh: NaN, pricePerKwh: 0.2 } }, keyring)).toThrow(/quantityKwh/);
    expect(() => l.append({ kind: 'trade', interval: 0, payload: { buyer: 'p0', seller: 'p1', quantityKwh: 1, pricePerKwh: 0.2, sellerPricePerKwh: 0.1 } }, keyring)).toThrow(/surplusTo/);
    expect(() => l.append({ kind: 'payment', interval: -1, payload: { payer: 'p0', payee: 'p1', amount: 1 } }, keyring)).toThrow(/interval/);
    l.append({ kind: 'payment', interval: 0, id: 'x', payload: { payer: 'p0', payee: 'p1', amount: 1 } }, keyring);
    expect(() => l.append({ kind: 'payment', interval: 0, id: 'x', payload: { payer: 'p0', payee: 'p1', amount: 1 } }, keyring)).toThrow(/unique/);
    expect(() => l.append({ kind: 'payment', interval: 0, payload: { payer: 'zed', payee: 'p1', amount: 1 } }, keyring)).toThrow(/registry/);
    const impostor = Keyring.deterministic('other', ['p0']);
    expect(() => new Ledger({ registry }).append({ kind: 'payment', interval: 0, payload: { payer: 'p0', payee: 'p1', amount: 1 } }, impostor)).toThrow(/does not match/);
    expect(l.length).toBe(1);
  });
  it('copies payloads, so changing the caller object later does not alter the ledger', () => {
    const l = new Ledger({ registry });
    const payload = { payer: 'p0', payee: 'p1', amount: 1 };
    l.append({ kind: 'payment', interval: 0, payload }, keyring);
    payload.amount = 100;
    expect(l.verify().ok).toBe(true);
    expect(l.balances().get('p1')!.received).toBe(1);
  });
});
