/**
 * The cryptographic primitives the ledger uses, behind one interface so Node can use its native OpenSSL
 * (node-ledger-crypto.ts: ~4× faster signing, ~4× faster verification, ~20× faster SHA-256 on this machine kind)
 * while browsers and workers use @noble (pure JS, audited). Ed25519 signatures are deterministic (RFC 8032), so
 * both backends produce byte-identical hashes and signatures and ledgers move freely between them.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** SHA-256 and Ed25519 as the ledger needs them. */
export interface LedgerCrypto {
  /** Backend name, for reports ('noble', 'node'). */
  readonly name: string;
  /** SHA-256 of the UTF-8 bytes of `text`, lowercase hex. */
  sha256Hex(text: string): string;
  /** Ed25519 public key (32 bytes) of a 32-byte secret key. */
  publicKey(secretKey: Uint8Array): Uint8Array;
  /** Ed25519 signature (64 bytes) of `message`. */
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  /** Whether `signature` is a valid Ed25519 signature of `message` by `publicKey`; false (never a throw) on malformed input. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

/** Pure-JS backend (@noble/curves, @noble/hashes): runs everywhere; the default. */
export const nobleLedgerCrypto: LedgerCrypto = {
  name: 'noble',
  sha256Hex: (text) => bytesToHex(sha256(utf8ToBytes(text))),
  publicKey: (secretKey) => ed25519.getPublicKey(secretKey),
  sign: (message, secretKey) => ed25519.sign(message, secretKey),
  verify: (signature, message, publicKey) => {
    try {
      return ed25519.verify(signature, message, publicKey);
    } catch {
      return false;
    }
  },
};
