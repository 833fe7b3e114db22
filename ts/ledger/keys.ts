/**
 * Party keys for the ledger: Ed25519 (RFC 8032) via @noble/curves (audited, pure JS, runs in browsers and workers).
 * A KeyRegistry maps party ids to PUBLIC keys and is all a verifier needs. A Keyring holds SECRET keys for signing;
 * in a simulation one keyring holds every party's key, derived deterministically from the simulation seed so runs
 * are reproducible — such keys are for simulation only (anyone who knows the seed can sign).
 */
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { ValidationError } from '../errors.js';
import { nobleLedgerCrypto, type LedgerCrypto } from './ledger-crypto.js';

/** Public keys of the parties, by party id: what a verifier trusts. */
export class KeyRegistry {
  private readonly keys = new Map<string, Uint8Array>();

  /** Registers `party`'s 32-byte Ed25519 public key (bytes or hex); re-registering a different key throws. */
  register(party: string, publicKey: Uint8Array | string): this {
    const key = typeof publicKey === 'string' ? hexToBytesChecked(publicKey, party) : publicKey;
    if (key.length !== 32) throw new ValidationError({ element: 'party', id: party, field: 'publicKey', value: key.length, unit: 'bytes' }, 'an Ed25519 public key has 32 bytes');
    const old = this.keys.get(party);
    if (old && bytesToHex(old) !== bytesToHex(key)) {
      throw new ValidationError({ element: 'party', id: party, field: 'publicKey', value: bytesToHex(key) }, 'party already registered with a different key');
    }
    this.keys.set(party, key);
    return this;
  }

  /** The party's public key, or undefined when unknown. */
  publicKey(party: string): Uint8Array | undefined {
    return this.keys.get(party);
  }

  /** Whether the party is registered. */
  has(party: string): boolean {
    return this.keys.has(party);
  }

  /** Registered party ids, in registration order. */
  parties(): string[] {
    return [...this.keys.keys()];
  }

  /** Party id → hex public key, for storing next to an exported ledger. */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [p, k] of this.keys) out[p] = bytesToHex(k);
    return out;
  }

  /** Rebuilds a registry from `toJSON()` output. */
  static fromJSON(json: Record<string, string>): KeyRegistry {
    const r = new KeyRegistry();
    for (const [p, k] of Object.entries(json)) r.register(p, k);
    return r;
  }
}

function hexToBytesChecked(hex: string, party: string): Uint8Array {
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) {
    throw new ValidationError({ element: 'party', id: party, field: 'publicKey', value: hex }, 'expected a hex string');
  }
  return hexToBytes(hex);
}

/** The 32-byte Ed25519 secret key of `party` derived from a simulation seed: SHA-256("peergrid/sim-key/v1/<seed>/<party>"). */
export function deriveSecretKey(seed: number | string, party: string): Uint8Array {
  return sha256(utf8ToBytes(`peergrid/sim-key/v1/${seed}/${party}`));
}

/** Secret signing keys by party id (a simulation holds all of them; a real party only its own). */
export class Keyring {
  private readonly secrets = new Map<string, Uint8Array>();
  private readonly publics = new Map<string, Uint8Array>();

  /** A keyring signing with `crypto` (default: the pure-JS noble backend; pass nodeLedgerCrypto in Node for speed). */
  constructor(readonly crypto: LedgerCrypto = nobleLedgerCrypto) {}

  /** Adds `party`'s 32-byte secret key (its public key is derived once here). */
  add(party: string, secretKey: Uint8Array): this {
    if (secretKey.length !== 32) throw new ValidationError({ element: 'party', id: party, field: 'secretKey', value: secretKey.length, unit: 'bytes' }, 'an Ed25519 secret key has 32 bytes');
    this.secrets.set(party, secretKey);
    this.publics.set(party, this.crypto.publicKey(secretKey));
    return this;
  }

  /** A keyring with keys derived from `seed` for each party (deterministic; simulation only). */
  static deterministic(seed: number | string, parties: Iterable<string>, crypto?: LedgerCrypto): Keyring {
    const k = new Keyring(crypto);
    for (const p of parties) k.add(p, deriveSecretKey(seed, p));
    return k;
  }

  /** A keyring with fresh random keys (crypto.getRandomValues) for each party. */
  static random(parties: Iterable<string>, crypto?: LedgerCrypto): Keyring {
    const k = new Keyring(crypto);
    for (const p of parties) k.add(p, ed25519.utils.randomSecretKey());
    return k;
  }

  /** Whether the keyring can sign for `party`. */
  has(party: string): boolean {
    return this.secrets.has(party);
  }

  /** The party's public key, or undefined. */
  publicKey(party: string): Uint8Array | undefined {
    return this.publics.get(party);
  }

  /** Ed25519 signature (64 bytes) of `message` by `party`; throws when the keyring has no key for it. */
  sign(party: string, message: Uint8Array): Uint8Array {
    const sk = this.secrets.get(party);
    if (!sk) throw new ValidationError({ element: 'party', id: party, field: 'secretKey', value: undefined }, 'no signing key for this party in the keyring');
    return this.crypto.sign(message, sk);
  }

  /** A registry of all the public keys in this keyring. */
  registry(): KeyRegistry {
    const r = new KeyRegistry();
    for (const [p, k] of this.publics) r.register(p, k);
    return r;
  }
}

/** Verifies an Ed25519 signature; false (never a throw) on malformed input. */
export function verifySignature(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, crypto: LedgerCrypto = nobleLedgerCrypto): boolean {
  return crypto.verify(signature, message, publicKey);
}
