export * from './generator-cost.js';
export * from './dc-opf-model.js';
export * from './solve-dc-opf.js';
