import type { Engine } from '../engine.js';
import type { SolveStatus } from '../status.js';

/** Power-flow methods. */
export type PowerFlowMethod = 'bfs' | 'nr';
/** The engine type, re-exported for the power-flow modules (defined once in ts/engine.ts). */
export type { Engine };

/** Convergence controls for one solve. */
export interface SolveControls {
  /** Convergence tolerance, p.u. (NR: max power mismatch; BFS: max voltage change between sweeps). */
  tolerancePu: number;
  /** Iteration limit. */
  maxIterations: number;
}

/** What a kernel solve reports besides the voltages it wrote. */
export interface KernelSolveOutcome {
  /** Outcome as data. */
  status: SolveStatus;
  /** Iterations done. */
  iterations: number;
  /** The solver's own convergence measure at exit, p.u. */
  maxMismatchPu: number;
}

/**
 * A power-flow solver bound to one compiled topology (CompiledNetwork): it analyses the topology and sizes its
 * workspace once, then `solve` may be called many times with new injections (time series), warm-started from the
 * voltages passed in. Contract shared by the sweep (ts/powerflow) and Newton-Raphson (ts/powerflow/newton).
 */
export interface TopologySolver {
  /** Which method this solver runs. */
  readonly method: PowerFlowMethod;
  /** Which engine this solver runs on. */
  readonly engine: Engine;
  /**
   * Solves with the given specified net injections per bus (generation − constant-power load, p.u.; shunts and
   * out-of-service elements are the solver's business). `vmPu`/`vaRad` (length nBus) hold the start point on entry
   * and the solution on exit; PV and slack magnitudes and the slack angle are held at their entry values.
   */
  solve(
    pNetPu: Float64Array,
    qNetPu: Float64Array,
    vmPu: Float64Array,
    vaRad: Float64Array,
    controls: SolveControls,
  ): KernelSolveOutcome;
  /**
   * Optional: writes the last solve's voltages in rectangular form per bus, p.u. (0 at de-energized buses), for
   * callers that need them next (branch flows): a solver that works in rectangular form saves them the
   * polar→rectangular trigonometry of every bus.
   */
  rectangularVoltages?(vRe: Float64Array, vIm: Float64Array): void;
  /** Frees the solver's workspace (WASM arena space). */
  dispose(): void;
}
