// Power-flow kernels (re-exports only).
export { heapBase } from '../heap';
