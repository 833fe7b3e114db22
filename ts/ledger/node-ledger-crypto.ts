/**
 * Node-only: the ledger's primitives on Node's native crypto (OpenSSL). Import this file directly in Node code
 * (CLI, benchmarks, servers); it is deliberately not re-exported from the browser-safe index. Produces the same
 * bytes as the noble backend (Ed25519 is deterministic); key objects are cached per key.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { LedgerCrypto } from './ledger-crypto.js';

// DER prefixes that wrap a raw 32-byte Ed25519 key (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject | null>();
const MAX_CACHED = 100_000;

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

function privateKey(secretKey: Uint8Array): KeyObject {
  const k = hex(secretKey);
  let key = privateKeys.get(k);
  if (!key) {
    if (privateKeys.size >= MAX_CACHED) privateKeys.clear();
    key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
    privateKeys.set(k, key);
  }
  return key;
}

function publicKeyObject(publicKey: Uint8Array): KeyObject | null {
  const k = hex(publicKey);
  let key = publicKeys.get(k);
  if (key === undefined) {
    if (publicKeys.size >= MAX_CACHED) publicKeys.clear();
    try {
      key = publicKey.length === 32 ? createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' }) : null;
    } catch {
      key = null; // not a point on the curve
    }
    publicKeys.set(k, key);
  }
  return key;
}

/** Native backend: Node's OpenSSL Ed25519 and SHA-256. */
export const nodeLedgerCrypto: LedgerCrypto = {
  name: 'node',
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  publicKey: (secretKey) => {
    const der = createPublicKey(privateKey(secretKey)).export({ format: 'der', type: 'spki' });
    return new Uint8Array(der.subarray(SPKI_PREFIX.length));
  },
  sign: (message, secretKey) => new Uint8Array(sign(null, message, privateKey(secretKey))),
  verify: (signature, message, publicKey) => {
    const key = publicKeyObject(publicKey);
    if (!key || signature.length !== 64) return false;
    try {
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  },
};
