// The public API of peergrid: what `import … from 'peergrid'` gives.
export * from './errors.js';
export * from './random.js';
export * from './status.js';
export * from './units.js';
export * from './network/index.js';
export * from './powerflow/index.js';
export * from './market/index.js';
export * from './flex/index.js';
export * from './sim/index.js';
export * from './ledger/index.js';
export * from './lp/index.js';
export * from './opf/index.js';
