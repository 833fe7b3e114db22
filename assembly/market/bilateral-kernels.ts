// Entry of the market-bilateral WASM artifact (re-exports only): the consensus-ADMM updates of the bilateral market.
export { heapBase } from '../heap';
export { admmLocalUpdate, admmPriceUpdate } from './bilateral/admm';
