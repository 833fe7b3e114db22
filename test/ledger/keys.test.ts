import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../ts/errors.js';
import { KeyRegistry, Keyring, deriveSecretKey, verifySignature } from '../../ts/ledger/keys.js';

describe('keys', () => {
  it('signs as RFC 8032 §7.1 test 1 says (empty message)', () => {
    const sk = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const k = new Keyring().add('alice', sk);
    expect(bytesToHex(k.publicKey('alice')!)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = k.sign('alice', new Uint8Array(0));
    expect(bytesToHex(sig)).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(verifySignature(sig, new Uint8Array(0), k.publicKey('alice')!)).toBe(true);
    expect(verifySignature(sig, new Uint8Array(1), k.publicKey('alice')!)).toBe(false);
    expect(verifySignature(new Uint8Array(3), new Uint8Array(0), k.publicKey('alice')!)).toBe(false); // malformed: false, no throw
  });
  it('derives the same keys from the same seed, different ones from another seed', () => {
    const a = Keyring.deterministic(1, ['p1', 'p2']);
    const b = Keyring.deterministic(1, ['p1', 'p2']);
    const c = Keyring.deterministic(2, ['p1', 'p2']);
    expect(bytesToHex(a.publicKey('p1')!)).toBe(bytesToHex(b.publicKey('p1')!));
    expect(bytesToHex(a.publicKey('p1')!)).not.toBe(bytesToHex(c.publicKey('p1')!));
    expect(bytesToHex(a.publicKey('p1')!)).not.toBe(bytesToHex(a.publicKey('p2')!));
    expect(deriveSecretKey(1, 'p1')).toEqual(deriveSecretKey(1, 'p1'));
  });
  it('registry round-trips through JSON and refuses a second, different key for a party', () => {
    const k = Keyring.random(['x', 'y']);
    const r = KeyRegistry.fromJSON(JSON.parse(JSON.stringify(k.registry())));
    expect(r.parties()).toEqual(['x', 'y']);
    expect(bytesToHex(r.publicKey('x')!)).toBe(bytesToHex(k.publicKey('x')!));
    expect(() => r.register('x', k.publicKey('y')!)).toThrow(ValidationError);
    expect(() => r.register('z', 'abc')).toThrow(/hex/);
    expect(() => r.register('z', new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => k.sign('nobody', new Uint8Array(0))).toThrow(/no signing key/);
  });
});
