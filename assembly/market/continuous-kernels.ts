// Entry of the market-continuous WASM artifact (re-exports only): the continuous double auction order book and the
// community pricing rules.
export { heapBase } from '../heap';
export { bookSubmitBatch } from './order-book';
export { clearCommunity } from './community-pricing';
