// Entry of the market-continuous WASM artifact (re-exports only).
export { heapBase } from '../heap';
