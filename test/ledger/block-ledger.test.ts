// The block format (ts/ledger/block*.ts): written by BlockWriter, checked by BlockVerifier from the lines alone.
// Balances are compared with the per-entry Ledger fed the same input (an independent implementation of the same
// movements); tampering is located to the entry; the format's hashes are pinned across versions.
import { describe, expect, it } from 'vitest';
import { BlockVerifier, verifyBlockLines } from '../../ts/ledger/block-verifier.js';
import { BlockWriter } from '../../ts/ledger/block-writer.js';
import { entryCheck, type Block } from '../../ts/ledger/block.js';
import type { PaymentPayload, TradePayload } from '../../ts/ledger/entry.js';
import { Keyring } from '../../ts/ledger/keys.js';
import { Ledger } from '../../ts/ledger/ledger.js';
import { nobleLedgerCrypto } from '../../ts/ledger/ledger-crypto.js';
import { nodeLedgerCrypto } from '../../ts/ledger/node-ledger-crypto.js';
import { merkleRoot } from '../../ts/ledger/merkle.js';
import type { Order } from '../../ts/market/order.js';
import { Rng } from '../../ts/random.js';

const PROSUMERS = ['p0', 'p1', 'p2', 'p3'];
const keys = Keyring.deterministic(7, [...PROSUMERS, 'operator', 'grid', 'market', 'dso'], nodeLedgerCrypto);

/** A seeded run: per interval each prosumer places one order, a settlement with grid, pool and surplus trades. */
function intervals(n: number, seed = 1): Array<{ interval: number; orders: Order[]; trades: TradePayload[]; payments: PaymentPayload[] }> {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, interval) => {
    const orders: Order[] = PROSUMERS.map((p, i) => ({
      id: `${p}-${interval}`, prosumer: p, side: i % 2 ? 'sell' : 'buy', quantityKwh: rng.uniform(0.1, 2), pricePerKwh: rng.uniform(0.05, 0.3),
    }));
    const q = rng.uniform(0.1, 1);
    const trades: TradePayload[] = [
      { buyer: 'p0', seller: 'p1', quantityKwh: q, pricePerKwh: 0.2, sellerPricePerKwh: 0.18, surplusTo: 'operator' },
      { buyer: 'p2', seller: 'market', quantityKwh: rng.uniform(0, 1), pricePerKwh: 0.21 },
      { buyer: 'grid', seller: 'p3', quantityKwh: rng.uniform(0, 1), pricePerKwh: 0.08 },
    ];
    const payments: PaymentPayload[] = [{ payer: 'p0', payee: 'dso', amount: q * 0.02, reason: 'network-charge' }];
    return { interval, orders, trades, payments };
  });
}

function writeBlocks(n: number, blockSteps: number, crypto = nodeLedgerCrypto): { lines: string[]; blocks: Block[]; writer: BlockWriter } {
  const lines: string[] = [];
  const blocks: Block[] = [];
  const writer = new BlockWriter({ keyring: keys, blockSteps, crypto, onBlock: (line, b) => (lines.push(line), blocks.push(b)) });
  for (const s of intervals(n)) {
    writer.addOrders(s.interval, s.orders);
    writer.addSettlement(s.interval, s.trades, s.payments);
  }
  writer.finish();
  return { lines, blocks, writer };
}

const verify = (lines: string[]) => verifyBlockLines(lines.join('\n') + '\n', keys.registry(), { file: 'ledger.jsonl', crypto: nodeLedgerCrypto });

describe('block ledger', () => {
  it('writes one line per block, each signed once per party with entries in it, and verifies from the lines alone', () => {
    const { lines, blocks, writer } = writeBlocks(10, 4);
    expect(lines.length).toBe(3); // intervals 0-3, 4-7, 8-9
    expect(blocks.map((b) => b.entries.length)).toEqual([20, 20, 10]);
    expect(Object.keys(blocks[0]!.signatures)).toEqual(['operator', 'p0', 'p1', 'p2', 'p3']);
    expect(JSON.parse(lines[1]!)).toEqual(blocks[1]); // the spliced line is the block
    const report = verify(lines);
    expect(report.ok).toBe(true);
    expect([report.blocks, report.entries, report.signaturesChecked]).toEqual([3, 50, 15]);
    expect(report.head).toEqual(writer.head());
  });

  it('replays the same balances as the per-entry Ledger fed the same settlements (1e-12)', () => {
    const { lines, writer } = writeBlocks(12, 5);
    const ledger = new Ledger({ registry: keys.registry(), crypto: nodeLedgerCrypto });
    for (const s of intervals(12)) ledger.appendSettlement(s.interval, { trades: s.trades, payments: s.payments }, keys);
    const want = ledger.replay();
    for (const got of [verify(lines).balances, writer.balances()]) {
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [party, b] of want) {
        expect(got.get(party)!.netKwh).toBeCloseTo(b.netKwh, 12);
        expect(got.get(party)!.netMoney).toBeCloseTo(b.netMoney, 12);
      }
    }
  });

  it('names the altered entry: an order, a settlement; a re-hashed block breaks its signatures; a removed block breaks the chain', () => {
    const { lines } = writeBlocks(8, 4);
    const alter = (k: number, f: (b: Block) => void): string[] => {
      const b = JSON.parse(lines[k]!) as Block;
      f(b);
      return lines.map((l, i) => (i === k ? JSON.stringify(b) : l));
    };
    const order = verify(alter(1, (b) => ((b.entries[6] as unknown[])[5] = 1.5)));
    expect(order.issues.map((i) => [i.code, i.id, i.block, i.index])).toEqual([['hash-mismatch', 'order:5:p1-5', 1, 26]]);

    const settlement = verify(alter(0, (b) => ((b.entries[4] as unknown as [string, number, unknown[][]])[2][0]![2] = 9)));
    expect(settlement.issues.map((i) => [i.code, i.id])).toEqual([['hash-mismatch', 'settlement:0']]);

    // Checksums only locate: an entry altered together with its checksum is still caught by the SHA-256 root.
    const both = verify(alter(1, (b) => {
      (b.entries[6] as unknown[])[5] = 1.5;
      b.checks = b.checks.slice(0, 48) + entryCheck(JSON.stringify(b.entries[6])) + b.checks.slice(56);
    }));
    expect(both.issues.map((i) => [i.code, i.block])).toEqual([['hash-mismatch', 1]]);
    expect(both.issues[0]!.message).toMatch(/Merkle root/);

    // An attacker who recomputes the root and hash signs with keys that are not the registered ones.
    const resigned = alter(0, (b) => ((b.entries[0] as unknown[])[5] = 1.5));
    const forged = JSON.parse(resigned[0]!) as Block;
    const again = new BlockWriter({ keyring: Keyring.deterministic(99, [...PROSUMERS, 'operator'], nodeLedgerCrypto), blockSteps: 4, crypto: nodeLedgerCrypto, onBlock: (line) => (resigned[0] = line) });
    for (const e of forged.entries) {
      if (e[0] === 'o') again.addOrders(e[1], [{ id: e[2], prosumer: e[3], side: e[4], quantityKwh: e[5], pricePerKwh: e[6] }]);
      else again.addSettlement(e[1], [], []);
    }
    again.finish();
    const r = verify(resigned);
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => i.code === 'bad-signature' && i.block === 0)).toBe(true);

    const removed = verify([lines[0]!, lines[1]!].slice(1));
    expect(removed.issues.map((i) => i.code)).toEqual(['bad-sequence', 'broken-link']);
  });

  it('reports a missing signature, a stranger signing, an unknown party and a malformed entry', () => {
    const { lines } = writeBlocks(4, 4);
    const b = JSON.parse(lines[0]!) as Block;
    delete b.signatures.p2;
    b.signatures.dso = b.signatures.p0!;
    expect(verify([JSON.stringify(b)]).issues.map((i) => i.code).sort()).toEqual(['missing-signature', 'wrong-signer']);
    const v = new BlockVerifier(Keyring.deterministic(7, ['p0'], nodeLedgerCrypto).registry(), { crypto: nodeLedgerCrypto });
    v.push(JSON.parse(lines[0]!));
    expect(v.finish().issues.filter((i) => i.code === 'unknown-party').length).toBe(4); // p1, p2, p3, operator
    const bad = JSON.parse(lines[0]!) as Block;
    (bad.entries as unknown[])[3] = ['o', 0, 'x'];
    expect(verify([JSON.stringify(bad)]).issues[0]).toMatchObject({ code: 'invalid-entry', index: 3 });
  });

  it('both crypto backends write byte-identical blocks; the format is pinned across versions', () => {
    const a = writeBlocks(6, 3, nodeLedgerCrypto).lines;
    const b = writeBlocks(6, 3, nobleLedgerCrypto).lines;
    expect(b).toEqual(a);
    // Pinned when the format was introduced: a change here breaks every ledger already written.
    expect(merkleRoot([], nodeLedgerCrypto)).toBe(nodeLedgerCrypto.sha256Hex('E:'));
    expect(JSON.parse(a[1]!).hash).toBe(PINNED_SECOND_BLOCK_HASH);
  });

  it('the per-entry format is pinned too: the head hash of a fixed signed ledger', () => {
    const ledger = new Ledger({ registry: keys.registry(), crypto: nodeLedgerCrypto });
    const s = intervals(2);
    for (const x of s) {
      ledger.appendOrders(x.interval, x.orders, keys);
      ledger.appendSettlement(x.interval, { trades: x.trades, payments: x.payments }, keys);
    }
    expect(ledger.head()).toEqual({ length: 10, hash: PINNED_ENTRY_HEAD });
  });

  it('refuses intervals that go backwards and a bad block size', () => {
    const w = new BlockWriter({ keyring: keys, onBlock: () => {} });
    w.addSettlement(5, []);
    expect(() => w.addSettlement(4, [])).toThrow(/interval.*intervals only move forward/);
    expect(() => new BlockWriter({ keyring: keys, blockSteps: 0, onBlock: () => {} })).toThrow(/blockSteps/);
  });
});

const PINNED_SECOND_BLOCK_HASH = '3ffa5296d5187a79f6630b0721cc0cb3562bfcdb39db650945fb7fba781c3868';
const PINNED_ENTRY_HEAD = '00630884c0fa8f234ed431be5a39b0f5b0086916744b34a129ca202a73604e4f';
