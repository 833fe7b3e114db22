// Market-clearing kernels (re-exports only).
export { heapBase } from '../heap';
