/**
 * The market-bilateral WASM artifact (assembly/market/bilateral-kernels.ts): the consensus-ADMM local and price
 * updates, with their raw signatures. Each ADMM partition instantiates its own copy (its own memory), so partitions
 * in one thread or in workers never share an arena.
 */
import { instantiateKernelModule, type KernelModule } from '../../wasm/kernel-module.js';
import { marketBilateralWasmBase64 } from '../../wasm/generated/market-bilateral.wasm.js';

/** Raw exports of the market-bilateral module (pointers are byte offsets into its memory). */
export interface BilateralKernelExports {
  /** See assembly/market/bilateral/admm.ts. */
  admmLocalUpdate(
    agentLo: number, agentHi: number, start: number, cost: number, mirror: number, quad: number, lin: number,
    pMin: number, pMax: number, trade: number, price: number, rho: number, tradeNew: number, scratch: number,
  ): number;
  /** See assembly/market/bilateral/admm.ts. */
  admmPriceUpdate(kLo: number, kHi: number, mirror: number, trade: number, tradeNew: number, price: number, rho: number, residuals: number): number;
}

/** A fresh instance of the market-bilateral module with its own memory and arena. */
export function newBilateralKernelInstance(): KernelModule<BilateralKernelExports> {
  return instantiateKernelModule<BilateralKernelExports>('market-bilateral', marketBilateralWasmBase64);
}
