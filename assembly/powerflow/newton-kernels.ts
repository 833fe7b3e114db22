// Entry of the powerflow-newton WASM artifact (re-exports only).
export { heapBase } from '../heap';
export { buildYbus } from './ybus';
export { luFactor, luRefactor, luSolve } from './sparse-lu';
export { newtonSolve } from './newton-raphson';
export { minimumDegreeOrder } from './fill-reducing-ordering';
