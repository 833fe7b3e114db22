/**
 * The jobs every peergrid worker can run, by name: one simulation run, a batch of power flows on one network, one
 * market clearing. Each takes a structured-clonable input and a progress callback and returns its output with the
 * list of buffers to transfer (results come back as typed arrays, moved, not copied). Inputs are copied, never
 * transferred, so that the pool can retry a job whose worker crashed.
 */
import { createSimulation, type SimulationResult } from '../sim/engine/simulation.js';
import type { SimMechanism } from '../sim/scenario/scenario-schema.js';
import { createPowerFlow, type PowerFlowInjections, type PowerFlowOptions } from '../powerflow/power-flow.js';
import type { CompiledNetwork } from '../network/compiled-network.js';
import type { NetworkModel } from '../network/network-model.js';
import { clearMarket, type ClearMarketOptions } from '../market/clear-market.js';
import type { ClearingResult } from '../market/clearing-result.js';
import type { Order } from '../market/order.js';
import { carriedFiles } from './carried-files.js';
import { loadLpSolver } from '../lp/load-lp-solver.js';
import type { LpSolver } from '../lp/lp-solver.js';

/** Progress of a job: units done of a total (steps for a simulation, solves for a batch), with optional detail. */
export type JobProgress = (done: number, total: number, detail?: unknown) => void;

/** What a job returns: the value and the buffers to move to the caller instead of copying. */
export interface JobOutput<T> {
  value: T;
  transfer: ArrayBuffer[];
}

/** A job: input and progress callback in, output out (synchronous or not). */
export type Job<I, O> = (input: I, progress: JobProgress) => JobOutput<O> | Promise<JobOutput<O>>;

/** A table of jobs by name. */
export type JobTable = Record<string, Job<any, any>>;

/** Input of the 'simulate' job. */
export interface SimulateJobInput {
  /** A scenario (validated in the worker: a bad one rejects the job with the ValidationError's message). */
  scenario: unknown;
  /** Mechanism to run instead of the scenario's (e.g. 'none' for the no-P2P baseline). */
  mechanism?: SimMechanism;
  /** Simulate only the first `steps` steps. */
  steps?: number;
  /** Contents of the files the scenario names, by the path it writes (carried-files.ts). */
  files?: Record<string, string>;
  /** Return the reporter columns (default true); a sweep needs the metrics only. */
  series?: boolean;
  /**
   * Report progress every this many steps (default: about 100 reports per run). With `streamSeries` the detail of
   * each report is `{ from, series }`: the named reporter columns of the steps since the previous report.
   */
  progressEvery?: number;
  /** Reporter columns to stream with each progress report (for charts that fill in while the run goes on). */
  streamSeries?: string[];
}

/** Detail of a 'simulate' progress report when `streamSeries` is set. */
export interface SeriesChunk {
  /** Index of the chunk's first step. */
  from: number;
  /** The new values of each streamed column. */
  series: Record<string, Float64Array>;
}

/** Input of the 'powerFlowBatch' job: many solves of one network (e.g. the steps of a time series). */
export interface PowerFlowBatchInput {
  network: CompiledNetwork | NetworkModel;
  options?: PowerFlowOptions;
  /** One set of per-bus overrides per solve. */
  solves: PowerFlowInjections[];
}

/** Output of the 'powerFlowBatch' job (solve i, bus b at vmPu[i·nBus + b]). */
export interface PowerFlowBatchOutput {
  nBus: number;
  status: string[];
  iterations: Int32Array;
  /** Voltage magnitudes, p.u., row-major by solve. */
  vmPu: Float64Array;
  /** Active losses per solve, MW. */
  lossesMw: Float64Array;
}

/** Input of the 'clearMarket' job. */
export interface ClearMarketJobInput {
  orders: Order[];
  options: ClearMarketOptions;
}

/** Copies a view that does not span its whole buffer, so that transferring it moves only its own bytes. */
function ownBuffer(a: Float64Array): Float64Array {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice();
}

/** Whether a simulate job clears with the grid inside (and so needs the LP solver loaded in the worker first). */
function clearsWithGrid(input: SimulateJobInput): boolean {
  const scenarioMechanism = (input.scenario as { market?: { mechanism?: unknown } } | null)?.market?.mechanism;
  return (input.mechanism ?? scenarioMechanism) === 'network-constrained';
}

/** Runs one simulation (loading the LP solver first when the mechanism is 'network-constrained'). */
export const simulateJob: Job<SimulateJobInput, SimulationResult> = (input, progress) => {
  if (clearsWithGrid(input)) return loadLpSolver().then((lpSolver) => runSimulateJob(input, progress, lpSolver));
  return runSimulateJob(input, progress, undefined);
};

function runSimulateJob(input: SimulateJobInput, progress: JobProgress, lpSolver: LpSolver | undefined): JobOutput<SimulationResult> {
  const files = input.files ? carriedFiles(input.files) : undefined;
  const sim = createSimulation(input.scenario, { mechanism: input.mechanism, steps: input.steps, files, lpSolver });
  try {
    const total = sim.grid.steps;
    const every = Math.max(1, input.progressEvery ?? Math.ceil(total / 100));
    const stream = input.streamSeries ?? [];
    let from = 0;
    const result = sim.run({
      onProgress: (done) => {
        if (done % every !== 0 && done !== total) return;
        if (stream.length === 0) return progress(done, total);
        const all = sim.series;
        const series: Record<string, Float64Array> = {};
        for (const name of stream) if (all[name]) series[name] = all[name]!.slice(from, done);
        const chunk: SeriesChunk = { from, series };
        from = done;
        progress(done, total, chunk);
      },
    });
    if (input.series === false) result.series = {};
    for (const k of Object.keys(result.series)) result.series[k] = ownBuffer(result.series[k]!);
    return { value: result, transfer: Object.values(result.series).map((a) => a.buffer as ArrayBuffer) };
  } finally {
    sim.dispose();
  }
}

/** Solves a batch of power flows on one network, warm-starting each from the previous. */
export const powerFlowBatchJob: Job<PowerFlowBatchInput, PowerFlowBatchOutput> = (input, progress) => {
  const pf = createPowerFlow(input.network, input.options);
  try {
    const n = input.solves.length;
    const nBus = pf.network.nBus;
    const out: PowerFlowBatchOutput = {
      nBus,
      status: [],
      iterations: new Int32Array(n),
      vmPu: new Float64Array(n * nBus),
      lossesMw: new Float64Array(n),
    };
    input.solves.forEach((inj, i) => {
      const r = pf.solve(inj);
      out.status.push(r.status);
      out.iterations[i] = r.iterations;
      out.vmPu.set(r.vmPu, i * nBus);
      out.lossesMw[i] = r.lossesMw;
      progress(i + 1, n);
    });
    return { value: out, transfer: [out.iterations.buffer, out.vmPu.buffer, out.lossesMw.buffer] as ArrayBuffer[] };
  } finally {
    pf.dispose();
  }
};

/** Clears one order book. */
export const clearMarketJob: Job<ClearMarketJobInput, ClearingResult> = (input) => ({
  value: clearMarket(input.orders, input.options),
  transfer: [],
});

/** The built-in jobs of every peergrid worker. */
export const BUILT_IN_JOBS = {
  simulate: simulateJob,
  powerFlowBatch: powerFlowBatchJob,
  clearMarket: clearMarketJob,
} satisfies JobTable;

/** The built-in job table's type. */
export type BuiltInJobs = typeof BUILT_IN_JOBS;
