/**
 * The market-continuous WASM artifact (assembly/market/continuous-kernels.ts): the order book matching kernel and
 * the community pricing kernel, with their raw signatures. Loaded lazily on first use, one instance per process.
 */
import { instantiateKernelModule, lazyKernelModule, type KernelModule } from '../../wasm/kernel-module.js';
import { marketContinuousWasmBase64 } from '../../wasm/generated/market-continuous.wasm.js';

/** Raw exports of the market-continuous module (pointers are byte offsets into its memory). */
export interface ContinuousKernelExports {
  /** See assembly/market/order-book.ts. */
  bookSubmitBatch(
    ordSide: number, ordPrice: number, ordQty: number, ordSize: number, heapPos: number, bidHeap: number, askHeap: number,
    meta: number, capacity: number,
    inOp: number, inSide: number, inHandle: number, inQty: number, inPrice: number, start: number, end: number,
    ev: number, evCap: number,
  ): number;
  /** See assembly/market/community-pricing.ts. */
  clearCommunity(
    side: number, qty: number, n: number, rule: number, retail: number, feedIn: number, ceiling: number, floor: number,
    p2pQty: number, p2pPrice: number, gridQty: number, gridPrice: number, summary: number,
  ): number;
}

/** The lazily instantiated market-continuous module (its memory and arena are shared by all books in a thread). */
export const continuousKernelModule: () => KernelModule<ContinuousKernelExports> = lazyKernelModule<ContinuousKernelExports>(
  'market-continuous',
  () => marketContinuousWasmBase64,
);

/** A fresh instance with its own memory (each order book owns one, so a dropped book frees its memory). */
export function newContinuousKernelInstance(): KernelModule<ContinuousKernelExports> {
  return instantiateKernelModule<ContinuousKernelExports>('market-continuous', marketContinuousWasmBase64);
}
