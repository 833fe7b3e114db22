/**
 * The physical layer of a simulation: one compiled feeder solved by the public power flow (`createPowerFlow`, warm-
 * started from the previous step's voltages: one branch model, one convergence rule, the sweep on radial feeders and
 * Newton-Raphson elsewhere or as the fallback), plus what the simulation asks of each solved step: losses, the
 * substation's exchange, limit violations and which buses curtailment can relieve. Nothing is allocated per step
 * beyond the power flow's small step record.
 *
 * Injections: at a bus that hosts prosumers, their net injections replace the network's own constant load (the
 * scenario's prosumers *are* that bus's demand); at every other bus the network's load stays. In-service generators
 * other than the slack keep their scheduled output.
 */
import type { CompiledNetwork } from '../../network/compiled-network.js';
import type { PowerFlow } from '../../powerflow/power-flow.js';
import type { PowerFlowStepResult } from '../../powerflow/power-flow-result.js';
import { analyzeRadialTopology, findUnsuppliedBuses, type RadialTopology } from '../../powerflow/radial-topology.js';
import type { KernelSolveOutcome } from '../../powerflow/topology-solver.js';

/** Voltage and thermal limit checks of one solved step. */
export interface ViolationCounts {
  /** Buses above their upper voltage limit. */
  overVoltage: number;
  /** Buses below their lower voltage limit. */
  underVoltage: number;
  /** Branches loaded above 100% of their rating. */
  overloaded: number;
  /** Largest distance of a bus voltage outside its limits, p.u. (0 when none is). */
  worstVoltageExcessPu: number;
  /** Largest branch loading above 100 %, percentage points (0 when none is). */
  worstOverloadPercent: number;
}

/** Tolerance on limits, p.u. and %: rounding must not create violations. */
const LIMIT_TOL = 1e-9;

/** A feeder with its power flow and per-step state. */
export class FeederState {
  readonly net: CompiledNetwork;
  /** Active power entering each branch at its from end, kW (0 after a failed solve). */
  readonly pFromKw: Float64Array;
  /** Active power entering each branch at its to end, kW. */
  readonly pToKw: Float64Array;
  /** Branch loading, % of rating (0 for unrated branches). */
  readonly loadingPercent: Float64Array;
  /** 1 for buses hosting at least one prosumer. */
  readonly hostsProsumers: Uint8Array;
  /** Whether the in-service network is a tree rooted at a single slack bus (curtailment then marks subtrees). */
  readonly radial: boolean;
  /** Total branch losses of the last solve, kW. */
  lossesKw = 0;
  /** Power drawn from the upstream grid at the slack bus, kW. */
  substationKw = 0;
  /** Outcome of the last solve (status, iterations, mismatch; the power flow's step record once solved). */
  lastOutcome: KernelSolveOutcome = { status: 'converged', iterations: 0, maxMismatchPu: 0 };
  /** Limit checks of the last solve. */
  readonly violations: ViolationCounts = { overVoltage: 0, underVoltage: 0, overloaded: 0, worstVoltageExcessPu: 0, worstOverloadPercent: 0 };

  private readonly topology: RadialTopology;
  private readonly kwPerPu: number;
  /** Per-bus load handed to the power flow, kW / kvar: the network's, 0 where prosumers replace it. */
  private readonly pLoadKw: Float64Array;
  private readonly qLoadKvar: Float64Array;
  /** Per-bus sum of the prosumers' net injections of the step, kW / kvar. */
  private readonly pInjKw: Float64Array;
  private readonly qInjKvar: Float64Array;
  private readonly startVm: Float64Array;
  /** 1 at buses no in-service path connects to the slack (the power flow leaves them at 0 p.u.: no violation). */
  private readonly deenergized: Uint8Array;
  private step: PowerFlowStepResult | null = null;

  /** `flow` is the feeder's power flow (createPowerFlow); `prosumerBus` is each prosumer's bus row. */
  constructor(
    readonly flow: PowerFlow,
    prosumerBus: Int32Array,
  ) {
    const net = flow.network;
    this.net = net;
    const n = net.nBus;
    const m = net.nBranch;
    this.kwPerPu = net.baseMva * 1000;
    this.pFromKw = new Float64Array(m);
    this.pToKw = new Float64Array(m);
    this.loadingPercent = new Float64Array(m);
    this.hostsProsumers = new Uint8Array(n);
    for (let i = 0; i < prosumerBus.length; i++) this.hostsProsumers[prosumerBus[i]!] = 1;
    this.pLoadKw = new Float64Array(n);
    this.qLoadKvar = new Float64Array(n);
    for (let b = 0; b < n; b++) {
      if (this.hostsProsumers[b]) continue;
      this.pLoadKw[b] = net.pLoadPu[b]! * this.kwPerPu;
      this.qLoadKvar[b] = net.qLoadPu[b]! * this.kwPerPu;
    }
    this.pInjKw = new Float64Array(n);
    this.qInjKvar = new Float64Array(n);
    this.startVm = Float64Array.from(net.vmPu);
    this.topology = analyzeRadialTopology(net);
    this.radial = this.topology.radial;
    this.deenergized = new Uint8Array(n);
    for (const b of this.radial ? this.topology.unsuppliedBuses : findUnsuppliedBuses(net)) this.deenergized[b] = 1;
  }

  /** Bus voltage magnitudes of the last solve, p.u. (the power flow's warm start: a view, see PowerFlowStepResult). */
  get vmPu(): Float64Array {
    return this.step?.vmPu ?? this.startVm;
  }

  /**
   * Solves the feeder for the prosumers' net injections (kW, kvar; index = prosumer) placed at `prosumerBus`.
   * Warm-starts from the previous solution; after a failed solve the next one starts from the case's voltages again,
   * and this step's flows, losses and violation counts are 0 (a failed step has no physics to report: the caller
   * counts it as failed).
   */
  solve(prosumerBus: Int32Array, pKw: Float64Array, qKvar: Float64Array): KernelSolveOutcome {
    this.pInjKw.fill(0);
    this.qInjKvar.fill(0);
    for (let i = 0; i < prosumerBus.length; i++) {
      const b = prosumerBus[i]!;
      this.pInjKw[b] += pKw[i]!;
      this.qInjKvar[b] += qKvar[i]!;
    }
    const r = this.flow.solveStep({ pLoadKw: this.pLoadKw, qLoadKvar: this.qLoadKvar, pInjectionKw: this.pInjKw, qInjectionKvar: this.qInjKvar });
    this.step = r;
    this.lastOutcome = r;
    if (!r.converged) {
      this.flow.resetVoltages();
      this.pFromKw.fill(0);
      this.pToKw.fill(0);
      this.loadingPercent.fill(0);
      this.lossesKw = 0;
      this.substationKw = 0;
      this.violations.overVoltage = this.violations.underVoltage = this.violations.overloaded = 0;
      this.violations.worstVoltageExcessPu = this.violations.worstOverloadPercent = 0;
      return r;
    }
    this.countViolations(r);
    return r;
  }

  private countViolations(r: PowerFlowStepResult): void {
    const net = this.net;
    const kw = this.kwPerPu;
    let overloaded = 0;
    let worstLoad = 0;
    for (let k = 0; k < net.nBranch; k++) {
      const pf = r.pFromPu[k]!;
      const qf = r.qFromPu[k]!;
      const pt = r.pToPu[k]!;
      const qt = r.qToPu[k]!;
      this.pFromKw[k] = pf * kw;
      this.pToKw[k] = pt * kw;
      const rate = net.rateMva[k]!;
      if (rate > 0 && net.branchStatus[k]) {
        // MATPOWER's MVA rating check: the larger apparent power of the two ends.
        const pct = (100 * Math.sqrt(Math.max(pf * pf + qf * qf, pt * pt + qt * qt)) * net.baseMva) / rate;
        this.loadingPercent[k] = pct;
        if (pct > 100 + LIMIT_TOL) {
          overloaded++;
          if (pct - 100 > worstLoad) worstLoad = pct - 100;
        }
      } else {
        this.loadingPercent[k] = 0;
      }
    }
    let over = 0;
    let under = 0;
    let worstV = 0;
    const vm = r.vmPu;
    for (let b = 0; b < net.nBus; b++) {
      if (this.deenergized[b]) continue;
      if (vm[b]! > net.vmMaxPu[b]! + LIMIT_TOL) {
        over++;
        worstV = Math.max(worstV, vm[b]! - net.vmMaxPu[b]!);
      } else if (vm[b]! < net.vmMinPu[b]! - LIMIT_TOL) {
        under++;
        worstV = Math.max(worstV, net.vmMinPu[b]! - vm[b]!);
      }
    }
    this.violations.worstVoltageExcessPu = worstV;
    this.violations.worstOverloadPercent = worstLoad;
    this.lossesKw = r.lossesMw * 1000;
    this.substationKw = r.slackPMw * 1000;
    this.violations.overVoltage = over;
    this.violations.underVoltage = under;
    this.violations.overloaded = overloaded;
  }

  /** Lowest and highest energized bus voltage of the last solve, p.u., written into `out` [min, max]. */
  voltageRange(out: Float64Array): void {
    out[0] = this.step?.minVmPu ?? NaN;
    out[1] = this.step?.maxVmPu ?? NaN;
  }

  /**
   * Marks in `mark` (per bus, 1 = curtail exports here) the buses whose PV export can relieve the last solve's
   * overvoltages and reverse-flow overloads: on a radial feeder, every bus at or downstream of an overvoltage bus and
   * every bus downstream of an overloaded branch that carries power toward the substation; on a meshed network, the
   * violating bus itself and both ends of the branch. Returns the number of marked buses. Undervoltage and forward
   * overloads are not export problems and are left to the counters.
   */
  markCurtailment(mark: Uint8Array): number {
    const net = this.net;
    const topo = this.topology;
    const vm = this.vmPu;
    mark.fill(0);
    for (let b = 0; b < net.nBus; b++) {
      if (!this.deenergized[b] && vm[b]! > net.vmMaxPu[b]! + LIMIT_TOL) mark[b] = 1;
    }
    for (let k = 0; k < net.nBranch; k++) {
      if (!(this.loadingPercent[k]! > 100 + LIMIT_TOL)) continue;
      const f = net.fromBus[k]!;
      const t = net.toBus[k]!;
      if (this.radial) {
        // The child end is the one this branch connects to its parent; reverse flow means power enters at the child.
        const pt = topo.positionOfBus[t]!;
        const child = pt >= 0 && topo.parentBranch[pt] === k ? t : f;
        const pChildIn = child === t ? this.pToKw[k]! : this.pFromKw[k]!;
        if (pChildIn > 0) mark[child] = 1;
      } else {
        mark[f] = 1;
        mark[t] = 1;
      }
    }
    if (this.radial) {
      // Parents come before children in the topological order: one pass spreads every mark down its subtree.
      const { order, parentPos } = topo;
      for (let p = 1; p < order.length; p++) if (mark[order[parentPos[p]!]!]) mark[order[p]!] = 1;
    }
    let count = 0;
    for (let b = 0; b < net.nBus; b++) count += mark[b]!;
    return count;
  }

  /** Frees the power flow. */
  dispose(): void {
    this.flow.dispose();
  }
}
