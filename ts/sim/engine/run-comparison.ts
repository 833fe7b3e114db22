/**
 * Runs one scenario under several mechanisms on one compiled feeder (compiled once, shared) and returns the results
 * in the order given. The default comparison of the main job: the no-P2P baseline, the uniform-price auction,
 * pay-as-bid, SDR, mid-market rate and bill sharing.
 */
import type { Scenario, ScenarioInput, SimMechanism } from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import { createSimulation, type SimulationResult } from './simulation.js';
import type { ScenarioFiles, SimulationDeps } from './simulation-deps.js';
import type { SettlementSink } from './settlement-sink.js';
import { defaultSimulationDeps } from './default-deps.js';
import type { LpSolver } from '../../lp/lp-solver.js';

/** The mechanisms the main job compares by default. */
export const DEFAULT_COMPARISON: readonly SimMechanism[] = ['none', 'uniform', 'pay-as-bid', 'sdr', 'mmr', 'bill-sharing'];

/** Options of `runComparison`. */
export interface ComparisonOptions {
  /** Network, solver and market functions (default: the library's own). */
  deps?: SimulationDeps;
  files?: ScenarioFiles;
  /** Mechanisms to run (default DEFAULT_COMPARISON). */
  mechanisms?: readonly SimMechanism[];
  /** Simulate only the first `steps` steps. */
  steps?: number;
  /** Called after every step of every run with the steps done over all runs and their total. */
  onProgress?: (done: number, total: number) => void;
  /** A settlement sink per mechanism (e.g. a ledger), or undefined. */
  sinkFor?: (mechanism: SimMechanism) => SettlementSink | undefined;
  /** A loaded LP solver (`await loadLpSolver()`), needed when a mechanism is 'network-constrained'. */
  lpSolver?: LpSolver;
}

/** Runs the scenario once per mechanism. */
export function runComparison(input: ScenarioInput | Scenario | unknown, options: ComparisonOptions = {}): SimulationResult[] {
  const scenario = validateScenario(input);
  const deps = options.deps ?? defaultSimulationDeps;
  const mechanisms = options.mechanisms ?? DEFAULT_COMPARISON;
  const network = deps.loadNetwork(scenario.network, options.files);
  const steps = options.steps ?? scenario.horizon.steps;
  const total = steps * mechanisms.length;
  const results: SimulationResult[] = [];
  mechanisms.forEach((mechanism, m) => {
    const sim = createSimulation(scenario, {
      deps,
      files: options.files,
      mechanism,
      steps,
      network,
      settlementSink: options.sinkFor?.(mechanism),
      lpSolver: options.lpSolver,
    });
    try {
      results.push(sim.run({ onProgress: options.onProgress ? (d) => options.onProgress!(m * steps + d, total) : undefined }));
    } finally {
      sim.dispose();
    }
  });
  return results;
}
