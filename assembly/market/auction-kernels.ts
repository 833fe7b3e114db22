// Entry of the market-auctions WASM artifact (re-exports only).
export { heapBase } from '../heap';
export { sortAscendingF64, sortWorkspaceBytes, negateKeys } from './radix-sort';
export { clearUniform } from './uniform-price';
export { clearDiscriminatory } from './discriminatory';
export { clearTradeReduction } from './trade-reduction';
export { clearHuang } from './huang';
export { clearMuda } from './muda';
