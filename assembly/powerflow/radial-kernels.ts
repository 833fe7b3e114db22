// Entry of the powerflow-radial WASM artifact (re-exports only).
export { heapBase } from '../heap';
export { backwardForwardSweep } from './backward-forward-sweep';
