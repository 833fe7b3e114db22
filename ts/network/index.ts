// The network area's public API: the compiled-network contract, MATPOWER import, the engineering-unit model and
// its builder, and reference feeders. Node-only file reading lives in ./read-matpower-file.ts (not exported here).
export * from './compiled-network.js';
export * from './matpower-case.js';
export * from './matpower-m-parser.js';
export * from './matpower-json-parser.js';
export * from './compile-matpower-case.js';
export * from './network-model.js';
export * from './network-builder.js';
export * from './validate-network.js';
export * from './compile-network.js';
export * from './ieee33.js';
export * from './synthetic-feeder.js';
export * from './network-json.js';
