import type { ElementId } from '../network/compiled-network.js';
import type { SolveStatus } from '../status.js';
import type { Engine, PowerFlowMethod } from './topology-solver.js';

/** A bus whose voltage is outside its limits. */
export interface BusVoltageViolation {
  /** Bus id. */
  busId: ElementId;
  /** Voltage magnitude, p.u. */
  vmPu: number;
  /** Which limit is broken. */
  limit: 'min' | 'max';
  /** The broken limit, p.u. */
  limitPu: number;
}

/** A branch loaded above 100 % of its rating. */
export interface BranchLoadingViolation {
  /** Branch id. */
  branchId: ElementId;
  /** Loading, % of rateMva. */
  loadingPercent: number;
}

/**
 * The outcome of one AC power flow. Every array is a detached copy; bus arrays follow the case's bus rows, branch
 * arrays the branch rows (zeros for out-of-service branches), generator arrays the generator rows. The per-branch
 * extras (currentFromKa, currentToKa, loadingPercent, lossesMwPerBranch, lossesMvarPerBranch) are built on first
 * read from the result's own arrays: enumerable like every field (JSON, spreads), free when never read.
 */
export interface PowerFlowResult {
  /** Outcome as data ('converged', 'max-iterations', 'not-radial', 'diverged', 'singular', …). */
  status: SolveStatus;
  /** status === 'converged'. */
  converged: boolean;
  /** Iterations done (sweeps for 'bfs', Newton steps for 'nr'). */
  iterations: number;
  /** Largest power mismatch recomputed from the final voltages (max |ΔP| at PV/PQ, |ΔQ| at PQ buses), p.u. */
  maxMismatchPu: number;
  /** The method that produced the result ('nr' when 'auto' fell back from a non-converging sweep; see notes). */
  method: PowerFlowMethod;
  /** The engine that ran. */
  engine: Engine;
  /** System base, MVA. */
  baseMva: number;
  /** Bus ids, in row order. */
  busIds: ElementId[];
  /** Voltage magnitude per bus, p.u. (0 for de-energized buses). */
  vmPu: Float64Array;
  /** Voltage angle per bus, degrees. */
  vaDeg: Float64Array;
  /** Load served per bus at the solved voltage, MW (the compiled/step load, scaled by the ZIP model if any; 0 at
   *  de-energized buses). */
  pLoadMw: Float64Array;
  /** Reactive load served per bus at the solved voltage, Mvar. */
  qLoadMvar: Float64Array;
  /** Buses no in-service path connects to the slack (left at 0 p.u.; their load is not served). */
  unsuppliedBusIds: ElementId[];
  /** Branch ids, in row order. */
  branchIds: ElementId[];
  /** Active power into the branch at its from end, MW. */
  pFromMw: Float64Array;
  /** Reactive power into the branch at its from end, Mvar. */
  qFromMvar: Float64Array;
  /** Active power into the branch at its to end, MW. */
  pToMw: Float64Array;
  /** Reactive power into the branch at its to end, Mvar. */
  qToMvar: Float64Array;
  /** Current magnitude at the from end, kA (null where the from bus has no base kV). */
  currentFromKa: (number | null)[];
  /** Current magnitude at the to end, kA (null where the to bus has no base kV). */
  currentToKa: (number | null)[];
  /**
   * Loading, % of rateMva, from the larger apparent power of the two ends (MATPOWER's MVA rating check);
   * null for unrated branches (rateMva 0), 0 for out-of-service branches.
   */
  loadingPercent: (number | null)[];
  /** Active losses per branch (pFrom + pTo), MW. */
  lossesMwPerBranch: Float64Array;
  /** Reactive losses per branch (qFrom + qTo, includes line charging), Mvar. */
  lossesMvarPerBranch: Float64Array;
  /** Total active losses, MW. */
  lossesMw: number;
  /** Total reactive losses (series minus charging), Mvar. */
  lossesMvar: number;
  /** Generator ids, in row order. */
  genIds: ElementId[];
  /** Active output per generator, MW (the slack's computed from the solution; 0 when out of service or on a de-energized bus). */
  pGenMw: Float64Array;
  /** Reactive output per generator, Mvar (computed at slack and PV buses and split in proportion to reactive range as MATPOWER pfsoln does; 0 when out of service or de-energized). */
  qGenMvar: Float64Array;
  /** Generation at the slack bus computed from the solution (all its generators together), MW. */
  slackPMw: number;
  /** Reactive generation at the slack bus computed from the solution, Mvar. */
  slackQMvar: number;
  /** Limit violations: buses outside [vmMinPu, vmMaxPu], branches above 100 % loading. */
  violations: { buses: BusVoltageViolation[]; branches: BranchLoadingViolation[] };
  /** What the solver did that the user should know: why a network is not radial, buses left de-energized, … */
  notes: string[];
  /** Wall time of the solve (kernel plus result assembly; the per-branch extras are built later, on first read), ms. */
  solveMs: number;
}

/**
 * A light-weight result for time series: scalars only, plus a view of the voltages that stays valid until the
 * next solve of the same PowerFlow.
 */
export interface PowerFlowStepResult {
  /** Outcome as data. */
  status: SolveStatus;
  /** status === 'converged'. */
  converged: boolean;
  /** Iterations done. */
  iterations: number;
  /** The method that produced this step ('nr' when 'auto' fell back from a non-converging sweep). */
  method: PowerFlowMethod;
  /** Largest power mismatch from the final voltages, p.u. */
  maxMismatchPu: number;
  /** Lowest energized bus voltage, p.u. (0 when no bus is energized). */
  minVmPu: number;
  /** Bus row index of minVmPu (−1 when no bus is energized). */
  minVmBus: number;
  /** Highest energized bus voltage, p.u. (0 when no bus is energized). */
  maxVmPu: number;
  /** Bus row index of maxVmPu (−1 when no bus is energized). */
  maxVmBus: number;
  /** Total active losses, MW. */
  lossesMw: number;
  /** Total reactive losses, Mvar. */
  lossesMvar: number;
  /** Highest branch loading, % of rateMva (0 when no branch is rated). */
  maxLoadingPercent: number;
  /** Active power delivered by the slack bus's generation, MW. */
  slackPMw: number;
  /** Reactive power delivered by the slack bus's generation, Mvar. */
  slackQMvar: number;
  /** Voltage magnitudes per bus, p.u. — a view into the PowerFlow's state, overwritten by the next solve. */
  vmPu: Float64Array;
  /** Voltage angles per bus, rad — a view, overwritten by the next solve. */
  vaRad: Float64Array;
  /** Active power into each branch at its from end, p.u. of baseMva — a view, overwritten by the next solve. */
  pFromPu: Float64Array;
  /** Reactive power into each branch at its from end, p.u. — a view, overwritten by the next solve. */
  qFromPu: Float64Array;
  /** Active power into each branch at its to end, p.u. — a view, overwritten by the next solve. */
  pToPu: Float64Array;
  /** Reactive power into each branch at its to end, p.u. — a view, overwritten by the next solve. */
  qToPu: Float64Array;
}
