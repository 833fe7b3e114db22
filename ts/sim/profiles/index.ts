// Profiles: the time axis, seeded synthetic load / PV / EV generators, and meter CSV import (browser-safe parts).
// Node-only file reading lives in ./meter-csv-file.js and is deliberately not re-exported here.
export * from './time-grid.js';
export * from './household-load.js';
export * from './solar-geometry.js';
export * from './pv.js';
export * from './ev-sessions.js';
export * from './meter-csv.js';
