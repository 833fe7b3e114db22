/**
 * One interface over the two engines of the Newton-Raphson kernels (WASM and the pure-TS twin): each owns the
 * numeric workspace sized from a NewtonPlan and runs the whole Newton loop in one kernel call.
 */
import type { Engine } from '../topology-solver.js';

/** A Newton-Raphson workspace bound to one topology on one engine. */
export interface NewtonEngine {
  /** Which engine runs the kernels. */
  readonly engine: Engine;
  /**
   * Runs newtonSolve with Sbus = sRe + j·sIm (p.u.), from and into vm (p.u.) / va (rad) (length nBus). Writes
   * out[0] = iterations, out[1] = final max mismatch (p.u.). Returns the kernel status code; on
   * WORKSPACE_TOO_SMALL vm/va may hold a partial update (call enlargeLu, then retry from the caller's copy).
   */
  run(sRe: Float64Array, sIm: Float64Array, vm: Float64Array, va: Float64Array, tol: number, maxIter: number, out: Float64Array): number;
  /** Doubles the L and U capacity (after WORKSPACE_TOO_SMALL). */
  enlargeLu(): void;
  /** Current L (= U) capacity, nonzeros. */
  readonly luCapacity: number;
  /** Releases the workspace. */
  dispose(): void;
}

/** Initial L and U capacity for a plan's estimate: margin for off-diagonal pivots, which add fill. */
export function initialLuCapacity(estimate: number, n: number): number {
  return Math.ceil(estimate * 1.5) + 2 * n + 16;
}
