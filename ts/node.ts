// 'peergrid/node': the Node-only part of peergrid (file system, Node's built-in crypto). Kept out of the
// browser-safe 'peergrid' entry so that bundles for browsers and Web Workers never pull in `node:` modules.

export { readMatpowerFile } from './network/read-matpower-file.js';
export { readMeterCsvFile } from './sim/profiles/meter-csv-file.js';
export { readScenarioFile, nodeScenarioFiles } from './sim/node/scenario-file.js';
export { nodeLedgerCrypto } from './ledger/node-ledger-crypto.js';
