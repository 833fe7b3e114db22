// Merkle root over hex leaf hashes (RFC 6962 style domain separation: leaves and inner nodes are hashed with
// different prefixes, so an inner node can never pass for a leaf). An odd node at the end of a level moves up as is.
import type { LedgerCrypto } from './ledger-crypto.js';

/** Leaf hash (hex) of an entry's serialised text. */
export function merkleLeaf(text: string, crypto: LedgerCrypto): string {
  return crypto.sha256Hex('L:' + text);
}

/** Root (hex) of the tree over `leaves` in order; the hash of the empty tree for none. */
export function merkleRoot(leaves: readonly string[], crypto: LedgerCrypto): string {
  if (leaves.length === 0) return crypto.sha256Hex('E:');
  let level = leaves.slice();
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? crypto.sha256Hex('N:' + level[i] + level[i + 1]) : level[i]!);
    level = next;
  }
  return level[0]!;
}
