// 'peergrid/node': the Node-only part of peergrid (file system, Node's built-in crypto). Kept out of the
// browser-safe 'peergrid' entry so that bundles for browsers and Web Workers never pull in `node:` modules.

export { readMatpowerFile } from './network/read-matpower-file.js';
export { readMeterCsvFile } from './sim/profiles/meter-csv-file.js';
export { readScenarioFile, nodeScenarioFiles } from './sim/node/scenario-file.js';
export { nodeLedgerCrypto } from './ledger/node-ledger-crypto.js';
export { createNodeWorkerPool, nodeWorkerSpawner, type NodeSpawnerOptions } from './parallel/node/node-worker-spawner.js';
export { nodeEndpoint } from './parallel/node/node-endpoint.js';
export { readSweepFile, type LoadedSweep } from './sweep/node/read-sweep-file.js';
export { directoryRunStore } from './sweep/node/run-store.js';
export { parseRedisUrl, type RedisConnection } from './sweep/queue/redis-url.js';
export { createQueueExecutor, type QueueExecutor } from './sweep/queue/queue-executor.js';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './sweep/queue/queue-worker.js';
