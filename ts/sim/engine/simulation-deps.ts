/**
 * What the simulation needs from the other areas, as plain functions: load and compile the feeder, create a
 * repeated-solve power flow, clear an order book. `defaultSimulationDeps` (default-deps.ts) wires the
 * library's own; tests and embedders may pass their own (e.g. a cached network).
 */
import type { CompiledNetwork } from '../../network/compiled-network.js';
import type { ClearingResult } from '../../market/clearing-result.js';
import type { Order, Tariffs } from '../../market/order.js';
import type { PowerFlow, PowerFlowOptions } from '../../powerflow/power-flow.js';
import type { Engine } from '../../powerflow/topology-solver.js';

/** Options the simulation passes to the market's clearing function. */
export interface ClearOptions {
  /** Mechanism name of the market engine. */
  mechanism: string;
  /** k of k-pricing (uniform auction). */
  k?: number;
  /** Uniform auction's price rule ('midpoint', 'k', 'buyer', 'seller'). */
  priceRule?: 'midpoint' | 'k' | 'buyer' | 'seller';
  /** Seed of randomised mechanisms (MUDA). */
  seed?: number;
  /** Retailer's tariffs of the step. */
  tariffs: Tariffs;
  /** Engine. */
  engine?: Engine;
}

/** File access for scenario parts given as paths (MATPOWER cases, meter CSVs); Node callers pass fs.readFileSync. */
export interface ScenarioFiles {
  /** Reads a text file; `path` is already resolved against the scenario's directory. */
  readText(path: string): string;
  /** Resolves a path written in the scenario (relative to the scenario file). */
  resolve(path: string): string;
}

/** The simulation's dependencies. */
export interface SimulationDeps {
  /** Builds the compiled feeder named by the scenario ('ieee33' or a MATPOWER path). */
  loadNetwork(spec: string, files: ScenarioFiles | undefined): CompiledNetwork;
  /** Creates the feeder's repeated-solve power flow (the public `createPowerFlow`, or a stand-in with its contract). */
  createPowerFlow(net: CompiledNetwork, options: PowerFlowOptions): PowerFlow;
  /** Clears one order book (every result accounts for grid purchases and sales at the tariffs). */
  clearMarket(orders: Order[], options: ClearOptions): ClearingResult;
}
