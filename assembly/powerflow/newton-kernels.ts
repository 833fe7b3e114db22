// Entry of the powerflow-newton WASM artifact (re-exports only).
export { heapBase } from '../heap';
