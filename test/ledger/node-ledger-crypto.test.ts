import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../ts/random.js';
import { Keyring } from '../../ts/ledger/keys.js';
import { Ledger } from '../../ts/ledger/ledger.js';
import { nobleLedgerCrypto } from '../../ts/ledger/ledger-crypto.js';
import { verifyLedger } from '../../ts/ledger/verify.js';
import { nodeLedgerCrypto } from '../../ts/ledger/node-ledger-crypto.js';

const bytes = (rng: Rng, n: number): Uint8Array => Uint8Array.from({ length: n }, () => rng.int(256));

describe('native (Node) and pure-JS (noble) backends', () => {
  it('agree with RFC 8032 §7.1 test 2 (one-byte message 0x72)', () => {
    const sk = hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
    for (const c of [nodeLedgerCrypto, nobleLedgerCrypto]) {
      expect(bytesToHex(c.publicKey(sk))).toBe('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
      expect(bytesToHex(c.sign(hexToBytes('72'), sk))).toBe(
        '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
      );
    }
  });
  it('produce byte-identical keys, signatures and hashes, and accept each other’s signatures (200 seeded cases)', () => {
    const rng = new Rng(12);
    for (let i = 0; i < 200; i++) {
      const sk = bytes(rng, 32);
      const msg = bytes(rng, rng.int(100));
      const pk = nodeLedgerCrypto.publicKey(sk);
      expect(bytesToHex(pk)).toBe(bytesToHex(nobleLedgerCrypto.publicKey(sk)));
      const sig = nodeLedgerCrypto.sign(msg, sk);
      expect(bytesToHex(sig)).toBe(bytesToHex(nobleLedgerCrypto.sign(msg, sk)));
      expect(nobleLedgerCrypto.verify(sig, msg, pk)).toBe(true);
      const bad = sig.slice();
      bad[rng.int(64)] ^= 1 << rng.int(8);
      expect(nodeLedgerCrypto.verify(bad, msg, pk)).toBe(nobleLedgerCrypto.verify(bad, msg, pk));
      expect(nodeLedgerCrypto.verify(bad, msg, pk)).toBe(false);
    }
    for (const text of ['', 'abc', 'ünïcödé ✓ 電力', '{"a":1}'.repeat(1000)]) {
      expect(nodeLedgerCrypto.sha256Hex(text)).toBe(nobleLedgerCrypto.sha256Hex(text));
    }
    expect(nodeLedgerCrypto.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('reject malformed keys and signatures without throwing', () => {
    const pk = nodeLedgerCrypto.publicKey(new Uint8Array(32).fill(1));
    expect(nodeLedgerCrypto.verify(new Uint8Array(63), new Uint8Array(1), pk)).toBe(false);
    expect(nodeLedgerCrypto.verify(new Uint8Array(64), new Uint8Array(1), new Uint8Array(31))).toBe(false);
    const notAPoint = hexToBytes('ff'.repeat(32));
    expect(nodeLedgerCrypto.verify(new Uint8Array(64), new Uint8Array(1), notAPoint)).toBe(false);
  });
  it('give identical ledgers, verifiable with either backend, and the node one detects a forgery too', () => {
    const parties = ['a', 'b', 'operator'];
    const build = (native: boolean): Ledger => {
      const crypto = native ? nodeLedgerCrypto : nobleLedgerCrypto;
      const kr = Keyring.deterministic(5, parties, crypto);
      const l = new Ledger({ registry: kr.registry(), crypto });
      for (let k = 0; k < 5; k++) {
        l.append({ kind: 'order', interval: k, payload: { orderId: `o${k}`, prosumer: 'a', side: 'buy', quantityKwh: 1 + k, pricePerKwh: 0.2 } }, kr);
        l.appendSettlement(k, { trades: [{ buyer: 'a', seller: 'b', quantityKwh: 1 + k, pricePerKwh: 0.2 }] }, kr, k % 2 ? 'per-entry' : 'batch');
      }
      return l;
    };
    const native = build(true);
    const js = build(false);
    expect(native.toJsonLines()).toBe(js.toJsonLines());
    expect(verifyLedger(native.entries, js.registry).ok).toBe(true);
    const forged = JSON.parse(JSON.stringify(native.entries));
    forged[3].signatures[0].signature = bytesToHex(Keyring.deterministic('x', ['a'], nodeLedgerCrypto).sign('a', new Uint8Array(3)));
    const r = verifyLedger(forged, native.registry, { crypto: nodeLedgerCrypto });
    expect(r.issues).toEqual([expect.objectContaining({ index: 3, code: 'bad-signature' })]);
  });
});
