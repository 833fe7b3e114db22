/**
 * The pool worker of the city-scale run: the built-in jobs plus 'cityCommunity', which simulates one LV community
 * for the horizon and returns its transformer draw per step (transferred) with the time spent per component:
 * setup (profiles and agents), markets (every clearing call), power flow (every solver call), the rest of the step
 * loop (agents' decisions, orders, settlement, reporters) and metrics.
 */
import { parentPort } from 'node:worker_threads';
import { exposeJobs } from '../../ts/parallel/expose-jobs.js';
import { nodeEndpoint } from '../../ts/parallel/node/node-endpoint.js';
import { BUILT_IN_JOBS, type Job } from '../../ts/parallel/worker-jobs.js';
import { compileNetwork } from '../../ts/network/compile-network.js';
import type { NetworkModel } from '../../ts/network/network-model.js';
import { createSimulation } from '../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../ts/sim/engine/default-deps.js';
import type { SimulationDeps } from '../../ts/sim/engine/simulation-deps.js';

/** Component times of one community, ms. */
export interface CommunityTimes {
  setup: number;
  markets: number;
  powerFlow: number;
  stepLoopRest: number;
  metrics: number;
}

/** Output of 'cityCommunity'. */
export interface CommunityOutput {
  /** Transformer draw from the MV bus per step, kW (the community's substation power). */
  substationKw: Float64Array;
  times: CommunityTimes;
  prosumers: number;
  savings: number;
  p2pVolumeKwh: number;
  voltageViolations: number;
  /** Peak V8 heap of this worker so far, MB. */
  heapMb: number;
}

/**
 * Wraps the simulation's dependencies to time them: functions whose name says clear → markets; functions whose
 * name says solver or power flow return the solver, every method of which is timed as power flow. (By name, so the
 * wrapper follows the dependency interface as it evolves.)
 */
function timedDeps(deps: SimulationDeps, t: CommunityTimes): SimulationDeps {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(deps)) {
    if (typeof f !== 'function') out[k] = f;
    else if (/clear/i.test(k)) {
      out[k] = (...a: unknown[]) => {
        const t0 = performance.now();
        try {
          return f(...a);
        } finally {
          t.markets += performance.now() - t0;
        }
      };
    } else if (/solver|powerflow/i.test(k)) {
      out[k] = (...a: unknown[]) => {
        const solver = f(...a) as object;
        return new Proxy(solver, {
          get(target, prop) {
            const v = Reflect.get(target, prop, target);
            if (typeof v !== 'function') return v;
            return (...args: unknown[]) => {
              const t0 = performance.now();
              try {
                return v.apply(target, args);
              } finally {
                t.powerFlow += performance.now() - t0;
              }
            };
          },
        });
      };
    } else out[k] = f;
  }
  return out as unknown as SimulationDeps;
}

let peakHeap = 0;

const cityCommunity: Job<{ network: NetworkModel; scenario: unknown }, CommunityOutput> = (input) => {
  const times: CommunityTimes = { setup: 0, markets: 0, powerFlow: 0, stepLoopRest: 0, metrics: 0 };
  const t0 = performance.now();
  const sim = createSimulation(input.scenario, { network: compileNetwork(input.network), deps: timedDeps(defaultSimulationDeps, times) });
  const t1 = performance.now();
  times.setup = t1 - t0;
  const before = { markets: times.markets, powerFlow: times.powerFlow };
  while (!sim.done) sim.step();
  const t2 = performance.now();
  times.stepLoopRest = t2 - t1 - (times.markets - before.markets) - (times.powerFlow - before.powerFlow);
  const result = sim.result();
  times.metrics = performance.now() - t2;
  sim.dispose();
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const substationKw = result.series.substationKw!.slice();
  const c = result.metrics.community;
  return {
    value: {
      substationKw,
      times,
      prosumers: result.metrics.prosumers.length,
      savings: c.savings,
      p2pVolumeKwh: c.p2pVolumeKwh,
      voltageViolations: c.voltageViolations.count,
      heapMb: peakHeap / 2 ** 20,
    },
    transfer: [substationKw.buffer as ArrayBuffer],
  };
};

/** The city worker's jobs. */
export const CITY_JOBS = { ...BUILT_IN_JOBS, cityCommunity };

if (parentPort) exposeJobs(nodeEndpoint(parentPort), CITY_JOBS);
