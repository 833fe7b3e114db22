// Entry of the market-auctions WASM artifact (re-exports only).
export { heapBase } from '../heap';
