// The worker pool (browser-safe part): Node's spawner is in ./node/ and is not exported here.
export * from './worker-handle.js';
export * from './worker-jobs.js';
export * from './expose-jobs.js';
export * from './worker-pool.js';
export * from './web-worker-spawner.js';
export * from './carried-files.js';
