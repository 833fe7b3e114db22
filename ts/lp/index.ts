export * from './lp-model.js';
export * from './lp-model-builder.js';
export * from './lp-result.js';
export * from './lp-solver.js';
export * from './highs-solver.js';
export * from './glpk-solver.js';
export * from './load-lp-solver.js';
