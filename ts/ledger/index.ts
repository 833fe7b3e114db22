// The settlement ledger: append-only, SHA-256 hash-chained, Ed25519-signed; verify, export/import, replay.
// The Node-only native crypto backend is in ./node-ledger-crypto.js and deliberately not re-exported here.
export * from './canonical-json.js';
export * from './ledger-crypto.js';
export * from './keys.js';
export * from './entry.js';
export * from './balances.js';
export * from './verify.js';
export * from './from-clearing.js';
export * from './ledger.js';
