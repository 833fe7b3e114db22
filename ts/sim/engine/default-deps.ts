/**
 * The library's own implementations of the simulation's dependencies: the network area's feeders and MATPOWER
 * import, the public power flow (createPowerFlow: sweep, Newton-Raphson, 'auto'), and the market engine's `clearMarket`.
 */
import { FileError, ValidationError } from '../../errors.js';
import { compileMatpowerCase } from '../../network/compile-matpower-case.js';
import type { CompiledNetwork } from '../../network/compiled-network.js';
import { parseMatpowerJson } from '../../network/matpower-json-parser.js';
import { parseMatpowerM } from '../../network/matpower-m-parser.js';
import { createPowerFlow } from '../../powerflow/power-flow.js';
import { clearMarket, type MechanismName } from '../../market/clear-market.js';
import { compileNetwork } from '../../network/compile-network.js';
import { createIeee33 } from '../../network/ieee33.js';
import { createSyntheticFeeder } from '../../network/synthetic-feeder.js';
import type { ScenarioFiles, SimulationDeps } from './simulation-deps.js';

/** Built-in feeder names a scenario may give as `network`. */
export const BUILT_IN_FEEDERS = ['ieee33'] as const;

/** Names of seeded synthetic MV/LV feeders (network/synthetic-feeder.ts): `synthetic-<buses>-seed<seed>`, its own name. */
export const SYNTHETIC_FEEDER_NAME = /^synthetic-(\d+)-seed(-?\d+)$/;

/**
 * Loads the feeder named by a scenario: a built-in name, a synthetic feeder `synthetic-<buses>-seed<seed>`, or a
 * MATPOWER case path (.m or .json).
 */
export function loadScenarioNetwork(spec: string, files: ScenarioFiles | undefined): CompiledNetwork {
  if (spec === 'ieee33') return builtInFeeders.ieee33();
  const syn = SYNTHETIC_FEEDER_NAME.exec(spec);
  if (syn) {
    const buses = Number(syn[1]);
    if (buses < 4 || buses > 1_000_000) {
      throw new ValidationError({ element: 'scenario', id: 'network', field: 'network', value: spec }, 'a synthetic feeder needs 4 to 1,000,000 buses');
    }
    return createSyntheticFeeder({ buses, seed: Number(syn[2]) }).compiled;
  }
  if (/\.(m|json)$/i.test(spec)) {
    if (!files) {
      throw new ValidationError({ element: 'scenario', id: 'network', field: 'network', value: spec }, 'MATPOWER files need file access (run from the CLI or pass files)');
    }
    const path = files.resolve(spec);
    let text: string;
    try {
      text = files.readText(path);
    } catch (e) {
      throw new ValidationError({ element: 'scenario', id: 'network', field: 'network', value: spec }, `cannot read ${path}: ${e instanceof FileError ? e.problem : (e as Error).message}`);
    }
    const mc = /\.json$/i.test(spec) ? parseMatpowerJson(text, path) : parseMatpowerM(text, path);
    return compileMatpowerCase(mc);
  }
  throw new ValidationError(
    { element: 'scenario', id: 'network', field: 'network', value: spec },
    `expected a built-in feeder (${BUILT_IN_FEEDERS.join(', ')}), synthetic-<buses>-seed<seed> or a MATPOWER file ending in .m or .json`,
  );
}

/** Factories of the built-in feeders (wired to the network area's reference feeders). */
export const builtInFeeders: Record<(typeof BUILT_IN_FEEDERS)[number], () => CompiledNetwork> = {
  ieee33: () => compileNetwork(createIeee33()),
};

/** The library's own dependencies. */
export const defaultSimulationDeps: SimulationDeps = {
  loadNetwork: loadScenarioNetwork,
  createPowerFlow,
  clearMarket: (orders, o) =>
    clearMarket(orders, { mechanism: o.mechanism as MechanismName, k: o.k, priceRule: o.priceRule, seed: o.seed, tariffs: o.tariffs, engine: o.engine }),
};
