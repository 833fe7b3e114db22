/**
 * createNewtonSolver: polar Newton-Raphson (MATPOWER's newtonpf) bound to one compiled topology, behind the
 * TopologySolver contract. Symbolic work (patterns, ordering, workspace) happens once here (the patterns and ordering
 * once per network: later solvers on the same unchanged network reuse them); solve() is numeric only.
 */
import type { CompiledNetwork } from '../../network/compiled-network.js';
import { ValidationError } from '../../errors.js';
import { KernelStatus, statusName } from '../../status.js';
import type { Engine, KernelSolveOutcome, SolveControls, TopologySolver } from '../topology-solver.js';
import type { NewtonEngine } from './newton-engine.js';
import { analyzeNewtonTopology, type NewtonPlan } from './newton-symbolic.js';
import { createTsNewtonEngine } from './newton-ts-engine.js';
import { createWasmNewtonEngine, instantiateNewtonKernels, minimumDegreeWasm } from './newton-wasm-engine.js';
import { minimumDegreeTs, type MinimumDegreeOrdering } from './minimum-degree-ordering.js';

/** Options of createNewtonSolver. */
export interface NewtonSolverOptions {
  /** Kernels to run: WebAssembly (default) or the pure-TypeScript twins. */
  engine?: Engine;
  /** Initial capacity of L and of U, nonzeros (default: sized from the symbolic fill with margin). The solver
   *  doubles it when a factorization outgrows it, so this is a tuning knob, never a limit. */
  initialLuCapacity?: number;
}

/** Sizes of the symbolic analysis, for reports and benchmarks. */
export interface NewtonSolverStats {
  /** Buses taking part (not isolated, connected). */
  activeBuses: number;
  /** Jacobian order (|pvpq| + |pq|). */
  jacobianOrder: number;
  /** Jacobian nonzeros. */
  jacobianNnz: number;
  /** Ybus nonzeros. */
  ybusNnz: number;
  /** L + U nonzeros expected with diagonal pivots under the minimum-degree order. */
  luNnzEstimate: number;
  /** Time spent in the one-time setup (symbolic analysis, Ybus, workspace), ms. */
  setupMs: number;
}

/** A Newton-Raphson TopologySolver with its setup statistics. */
export interface NewtonSolver extends TopologySolver {
  /** Sizes and setup time of the symbolic analysis. */
  readonly stats: NewtonSolverStats;
}

/** MATPOWER's default tolerance (p.u. of max power mismatch) and iteration limit for newtonpf. */
export const NEWTON_DEFAULT_CONTROLS: SolveControls = { tolerancePu: 1e-8, maxIterations: 10 };

const MAX_LU_RETRIES = 30;

/**
 * Symbolic analyses (patterns, minimum-degree ordering) of networks already solved, so a second createNewtonSolver
 * on the same network object reuses them (both engines give the same plan). Keyed weakly by the network, and checked
 * against a fingerprint of everything the analysis reads, so a network edited in place is analysed afresh.
 */
const planCache = new WeakMap<CompiledNetwork, { fingerprint: number; plan: NewtonPlan }>();

/** A 32-bit FNV-1a hash of the columns analyzeNewtonTopology reads (bus types, branch ends, status, parameters). */
function topologyFingerprint(net: CompiledNetwork): number {
  let h = 0x811c9dc5 ^ net.nBus ^ Math.imul(net.nBranch, 0x9e3779b1);
  const mix = (a: ArrayLike<number>): void => {
    for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a[i], 0x01000193);
  };
  const bits = (a: Float64Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, 2 * a.length);
  mix(net.busType);
  mix(net.fromBus);
  mix(net.toBus);
  mix(net.branchStatus);
  for (const col of [net.rPu, net.xPu, net.bPu, net.tap, net.shiftRad]) mix(bits(col));
  return h;
}

/** The network's NewtonPlan: from the cache when the network is unchanged, else analysed with `order` and cached. */
function newtonPlanFor(net: CompiledNetwork, order: () => MinimumDegreeOrdering): NewtonPlan {
  const fingerprint = topologyFingerprint(net);
  const hit = planCache.get(net);
  if (hit !== undefined && hit.fingerprint === fingerprint) return hit.plan;
  const plan = analyzeNewtonTopology(net, order());
  planCache.set(net, { fingerprint, plan });
  return plan;
}

/**
 * Creates a Newton-Raphson solver for `net`. solve() takes the specified net injections per bus (generation − load,
 * p.u.) and the start voltages; shunts and branch status come from `net`. Isolated buses and buses without an
 * in-service branch are left out and keep their entry voltages. On 'singular', 'diverged' or 'invalid-input' the
 * voltages are left at their entry values (never NaN); on 'max-iterations' they hold the last iterate.
 */
export function createNewtonSolver(net: CompiledNetwork, options: NewtonSolverOptions = {}): NewtonSolver {
  const engineName: Engine = options.engine ?? 'wasm';
  if (engineName !== 'wasm' && engineName !== 'ts') {
    throw new ValidationError({ element: 'solver options', id: 'nr', field: 'engine', value: engineName }, "expected 'wasm' or 'ts'");
  }
  const t0 = performance.now();
  let plan: NewtonPlan;
  let engine: NewtonEngine;
  if (engineName === 'wasm') {
    const mod = instantiateNewtonKernels();
    plan = newtonPlanFor(net, () => minimumDegreeWasm(mod));
    engine = createWasmNewtonEngine(net, plan, options.initialLuCapacity, mod);
  } else {
    plan = newtonPlanFor(net, () => minimumDegreeTs);
    engine = createTsNewtonEngine(net, plan, options.initialLuCapacity);
  }
  const setupMs = performance.now() - t0;
  const nBus = plan.nBus;
  const vmWork = new Float64Array(nBus);
  const vaWork = new Float64Array(nBus);
  const out = new Float64Array(2);
  let disposed = false;
  const stats: NewtonSolverStats = {
    activeBuses: plan.activeBus.reduce((s, v) => s + v, 0),
    jacobianOrder: plan.n,
    jacobianNnz: plan.jI.length,
    ybusNnz: plan.nnzY,
    luNnzEstimate: plan.luNnzEstimate,
    setupMs,
  };

  const checkArray = (name: string, a: Float64Array, unit: string): void => {
    if (!(a instanceof Float64Array) || a.length !== nBus) {
      throw new ValidationError({ element: 'power-flow input', id: name, field: 'length', value: a?.length, unit: 'buses' },
        `expected a Float64Array of ${nBus} values (${unit}), one per bus`);
    }
  };

  return {
    method: 'nr',
    engine: engineName,
    stats,
    solve(pNetPu: Float64Array, qNetPu: Float64Array, vmPu: Float64Array, vaRad: Float64Array, controls: SolveControls): KernelSolveOutcome {
      if (disposed) throw new Error('createNewtonSolver: solve() after dispose()');
      checkArray('pNetPu', pNetPu, 'p.u.');
      checkArray('qNetPu', qNetPu, 'p.u.');
      checkArray('vmPu', vmPu, 'p.u.');
      checkArray('vaRad', vaRad, 'rad');
      const { tolerancePu, maxIterations } = controls;
      if (!(tolerancePu > 0) || !Number.isFinite(tolerancePu)) {
        throw new ValidationError({ element: 'solve controls', id: 'nr', field: 'tolerancePu', value: tolerancePu, unit: 'p.u.' }, 'expected a finite number > 0');
      }
      if (!Number.isInteger(maxIterations) || maxIterations < 0) {
        throw new ValidationError({ element: 'solve controls', id: 'nr', field: 'maxIterations', value: maxIterations }, 'expected an integer ≥ 0');
      }
      let code: number = KernelStatus.WORKSPACE_TOO_SMALL;
      for (let attempt = 0; attempt <= MAX_LU_RETRIES; attempt++) {
        vmWork.set(vmPu);
        vaWork.set(vaRad);
        code = engine.run(pNetPu, qNetPu, vmWork, vaWork, tolerancePu, maxIterations, out);
        if (code !== KernelStatus.WORKSPACE_TOO_SMALL) break;
        engine.enlargeLu();
      }
      if (code === KernelStatus.OK || code === KernelStatus.MAX_ITERATIONS) {
        vmPu.set(vmWork);
        vaRad.set(vaWork);
      }
      const mismatch = out[1];
      return {
        status: statusName(code),
        iterations: out[0],
        maxMismatchPu: Number.isNaN(mismatch) ? Infinity : mismatch,
      };
    },
    dispose() {
      if (!disposed) engine.dispose();
      disposed = true;
    },
  };
}
