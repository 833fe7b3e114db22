/**
 * BENCHMARK BASELINE ONLY: the simulation's private physics before issue 7 §1 (its own π model, radial tree and
 * convergence on the sweep's voltage change), kept so bench/simulation.bench.ts can measure the old and the new
 * (ts/sim/grid/feeder-state.ts on createPowerFlow) in one run. Not used by the library.
 *
 * The physical layer of a simulation: one compiled feeder, one reusable power-flow solver (warm-started from the
 * previous step's voltages), and preallocated arrays for injections, voltages, branch flows and violations. Nothing
 * is allocated per step.
 *
 * Injections: at a bus that hosts prosumers, their net injections replace the network's own constant load (the
 * scenario's prosumers *are* that bus's demand); at every other bus the network's load stays. In-service generators
 * other than the slack keep their scheduled output. Branch flows use MATPOWER's π model (series ys, total charging b
 * split half-half, tap t and shift θ at the from side), computed from the solved voltages.
 */
import { BUS_SLACK, type CompiledNetwork } from '../../ts/network/compiled-network.js';
import type { KernelSolveOutcome, SolveControls, TopologySolver } from '../../ts/powerflow/topology-solver.js';

/** Voltage and thermal limit checks of one solved step. */
export interface ViolationCounts {
  /** Buses above their upper voltage limit. */
  overVoltage: number;
  /** Buses below their lower voltage limit. */
  underVoltage: number;
  /** Branches loaded above 100% of their rating. */
  overloaded: number;
}

/** Tolerance on limits, p.u. and %: rounding must not create violations. */
const LIMIT_TOL = 1e-9;

/** A feeder with its solver and per-step state. */
export class LegacyFeederState {
  readonly net: CompiledNetwork;
  /** Bus voltage magnitudes of the last solve, p.u. (warm start of the next). */
  readonly vmPu: Float64Array;
  /** Bus voltage angles of the last solve, rad. */
  readonly vaRad: Float64Array;
  /** Specified net active injection per bus, p.u. (rebuilt every solve). */
  readonly pNetPu: Float64Array;
  /** Specified net reactive injection per bus, p.u. */
  readonly qNetPu: Float64Array;
  /** Active power entering each branch at its from end, kW. */
  readonly pFromKw: Float64Array;
  /** Active power entering each branch at its to end, kW. */
  readonly pToKw: Float64Array;
  /** Branch loading, % of rating (0 for unrated branches). */
  readonly loadingPercent: Float64Array;
  /** 1 for buses hosting at least one prosumer. */
  readonly hostsProsumers: Uint8Array;
  /** Parent bus in the radial tree rooted at the slack (−1 at the root, or everywhere when not radial). */
  readonly parentBus: Int32Array;
  /** Whether the in-service network is a tree rooted at a single slack bus. */
  readonly radial: boolean;
  /** Euler-tour order of buses: the subtree of bus b is tour[tourIn[b] .. tourOut[b]). */
  readonly tour: Int32Array;
  readonly tourIn: Int32Array;
  readonly tourOut: Int32Array;
  /** Total branch losses of the last solve, kW. */
  lossesKw = 0;
  /** Power drawn from the upstream grid at the slack bus(es), kW. */
  substationKw = 0;
  /** Outcome of the last solve. */
  lastOutcome: KernelSolveOutcome = { status: 'converged', iterations: 0, maxMismatchPu: 0 };
  /** Limit checks of the last solve. */
  readonly violations: ViolationCounts = { overVoltage: 0, underVoltage: 0, overloaded: 0 };

  private readonly basePPu: Float64Array;
  private readonly baseQPu: Float64Array;
  private readonly vm0: Float64Array;
  private readonly va0: Float64Array;
  private readonly kwPerPu: number;

  constructor(
    net: CompiledNetwork,
    readonly solver: TopologySolver,
    readonly controls: SolveControls,
    prosumerBus: Int32Array,
  ) {
    this.net = net;
    const n = net.nBus;
    const m = net.nBranch;
    this.kwPerPu = net.baseMva * 1000;
    this.vmPu = Float64Array.from(net.vmPu);
    this.vaRad = Float64Array.from(net.vaRad);
    this.vm0 = Float64Array.from(net.vmPu);
    this.va0 = Float64Array.from(net.vaRad);
    this.pNetPu = new Float64Array(n);
    this.qNetPu = new Float64Array(n);
    this.pFromKw = new Float64Array(m);
    this.pToKw = new Float64Array(m);
    this.loadingPercent = new Float64Array(m);
    this.hostsProsumers = new Uint8Array(n);
    for (let i = 0; i < prosumerBus.length; i++) this.hostsProsumers[prosumerBus[i]!] = 1;
    this.basePPu = new Float64Array(n);
    this.baseQPu = new Float64Array(n);
    for (let b = 0; b < n; b++) {
      if (!this.hostsProsumers[b]) {
        this.basePPu[b] = -net.pLoadPu[b]!;
        this.baseQPu[b] = -net.qLoadPu[b]!;
      }
    }
    for (let g = 0; g < net.nGen; g++) {
      const b = net.genBus[g]!;
      if (net.genStatus[g] && net.busType[b] !== BUS_SLACK) {
        this.basePPu[b] += net.pGenPu[g]!;
        this.baseQPu[b] += net.qGenPu[g]!;
      }
    }
    const tree = buildTree(net);
    this.parentBus = tree.parent;
    this.radial = tree.radial;
    this.tour = tree.tour;
    this.tourIn = tree.tourIn;
    this.tourOut = tree.tourOut;
  }

  /**
   * Solves the feeder for the prosumers' net injections (kW, kvar; index = prosumer) placed at `prosumerBus`.
   * Warm-starts from the previous solution; after a failed solve the next one starts flat again.
   */
  solve(prosumerBus: Int32Array, pKw: Float64Array, qKvar: Float64Array): KernelSolveOutcome {
    const net = this.net;
    this.pNetPu.set(this.basePPu);
    this.qNetPu.set(this.baseQPu);
    const inv = 1 / this.kwPerPu;
    for (let i = 0; i < prosumerBus.length; i++) {
      const b = prosumerBus[i]!;
      this.pNetPu[b] += pKw[i]! * inv;
      this.qNetPu[b] += qKvar[i]! * inv;
    }
    const out = this.solver.solve(this.pNetPu, this.qNetPu, this.vmPu, this.vaRad, this.controls);
    this.lastOutcome = out;
    let finite = true;
    for (let b = 0; b < net.nBus; b++) if (!Number.isFinite(this.vmPu[b]!) || !Number.isFinite(this.vaRad[b]!)) finite = false;
    if (out.status !== 'converged' || !finite) {
      this.vmPu.set(this.vm0);
      this.vaRad.set(this.va0);
      this.pFromKw.fill(0);
      this.pToKw.fill(0);
      this.loadingPercent.fill(0);
      this.lossesKw = 0;
      this.substationKw = 0;
      this.violations.overVoltage = this.violations.underVoltage = this.violations.overloaded = 0;
      return out;
    }
    this.computeFlows();
    return out;
  }

  private computeFlows(): void {
    const net = this.net;
    const vm = this.vmPu;
    const va = this.vaRad;
    let lossPu = 0;
    let overloaded = 0;
    for (let k = 0; k < net.nBranch; k++) {
      if (!net.branchStatus[k]) {
        this.pFromKw[k] = 0;
        this.pToKw[k] = 0;
        this.loadingPercent[k] = 0;
        continue;
      }
      const f = net.fromBus[k]!;
      const t = net.toBus[k]!;
      const r = net.rPu[k]!;
      const x = net.xPu[k]!;
      const d = r * r + x * x;
      const gs = r / d;
      const bs = -x / d;
      const bc2 = net.bPu[k]! / 2;
      const tap = net.tap[k]!;
      const sh = net.shiftRad[k]!;
      // Voltages, with the from side referred through the ideal transformer: Vf' = Vf / (t e^{jθ}).
      const vfr = (vm[f]! / tap) * Math.cos(va[f]! - sh);
      const vfi = (vm[f]! / tap) * Math.sin(va[f]! - sh);
      const vtr = vm[t]! * Math.cos(va[t]!);
      const vti = vm[t]! * Math.sin(va[t]!);
      // Series current from → to, in the referred frame.
      const dr = vfr - vtr;
      const di = vfi - vti;
      const isr = gs * dr - bs * di;
      const isi = gs * di + bs * dr;
      // From end: S = Vf' · conj(Is + j bc2 Vf'); the ideal transformer is lossless.
      const ifr = isr - bc2 * vfi;
      const ifi = isi + bc2 * vfr;
      const pf = vfr * ifr + vfi * ifi;
      const qf = vfi * ifr - vfr * ifi;
      const itr = -isr - bc2 * vti;
      const iti = -isi + bc2 * vtr;
      const pt = vtr * itr + vti * iti;
      const qt = vti * itr - vtr * iti;
      this.pFromKw[k] = pf * this.kwPerPu;
      this.pToKw[k] = pt * this.kwPerPu;
      lossPu += pf + pt;
      const rate = net.rateMva[k]!;
      if (rate > 0) {
        const s = Math.max(Math.hypot(pf, qf), Math.hypot(pt, qt)) * net.baseMva;
        const pct = (100 * s) / rate;
        this.loadingPercent[k] = pct;
        if (pct > 100 + LIMIT_TOL) overloaded++;
      } else {
        this.loadingPercent[k] = 0;
      }
    }
    let over = 0;
    let under = 0;
    let sub = 0;
    for (let b = 0; b < net.nBus; b++) {
      if (net.busType[b] === 4) continue;
      if (vm[b]! > net.vmMaxPu[b]! + LIMIT_TOL) over++;
      else if (vm[b]! < net.vmMinPu[b]! - LIMIT_TOL) under++;
    }
    for (let k = 0; k < net.nBranch; k++) {
      if (!net.branchStatus[k]) continue;
      if (net.busType[net.fromBus[k]!] === BUS_SLACK) sub += this.pFromKw[k]!;
      if (net.busType[net.toBus[k]!] === BUS_SLACK) sub += this.pToKw[k]!;
    }
    for (let b = 0; b < net.nBus; b++) if (net.busType[b] === BUS_SLACK) sub -= this.pNetPu[b]! * this.kwPerPu;
    this.lossesKw = lossPu * this.kwPerPu;
    this.substationKw = sub;
    this.violations.overVoltage = over;
    this.violations.underVoltage = under;
    this.violations.overloaded = overloaded;
  }

  /** Lowest and highest in-service bus voltage of the last solve, p.u., written into `out` [min, max]. */
  voltageRange(out: Float64Array): void {
    let lo = Infinity;
    let hi = -Infinity;
    for (let b = 0; b < this.net.nBus; b++) {
      if (this.net.busType[b] === 4) continue;
      const v = this.vmPu[b]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    out[0] = lo;
    out[1] = hi;
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
    mark.fill(0);
    let count = 0;
    const markSubtree = (b: number): void => {
      if (!this.radial) {
        if (!mark[b]) {
          mark[b] = 1;
          count++;
        }
        return;
      }
      for (let j = this.tourIn[b]!; j < this.tourOut[b]!; j++) {
        const c = this.tour[j]!;
        if (!mark[c]) {
          mark[c] = 1;
          count++;
        }
      }
    };
    for (let b = 0; b < net.nBus; b++) {
      if (net.busType[b] !== 4 && this.vmPu[b]! > net.vmMaxPu[b]! + LIMIT_TOL) markSubtree(b);
    }
    for (let k = 0; k < net.nBranch; k++) {
      if (!(this.loadingPercent[k]! > 100 + LIMIT_TOL)) continue;
      const f = net.fromBus[k]!;
      const t = net.toBus[k]!;
      if (this.radial) {
        // The child end is the one whose parent is the other end; reverse flow means power enters at the child.
        const child = this.parentBus[t] === f ? t : f;
        const pChildIn = child === t ? this.pToKw[k]! : this.pFromKw[k]!;
        if (pChildIn > 0) markSubtree(child);
      } else {
        markSubtree(f);
        markSubtree(t);
      }
    }
    return count;
  }

  /** Frees the solver. */
  dispose(): void {
    this.solver.dispose();
  }
}

interface Tree {
  parent: Int32Array;
  radial: boolean;
  tour: Int32Array;
  tourIn: Int32Array;
  tourOut: Int32Array;
}

function buildTree(net: CompiledNetwork): Tree {
  const n = net.nBus;
  const parent = new Int32Array(n).fill(-1);
  const tourIn = new Int32Array(n);
  const tourOut = new Int32Array(n);
  const tour = new Int32Array(n);
  let slack = -1;
  let nSlack = 0;
  let nLive = 0;
  for (let b = 0; b < n; b++) {
    if (net.busType[b] === BUS_SLACK) {
      slack = b;
      nSlack++;
    }
    if (net.busType[b] !== 4) nLive++;
  }
  let inService = 0;
  const deg = new Int32Array(n + 1);
  for (let k = 0; k < net.nBranch; k++) {
    if (!net.branchStatus[k]) continue;
    inService++;
    deg[net.fromBus[k]! + 1]++;
    deg[net.toBus[k]! + 1]++;
  }
  const notTree = { parent, radial: false, tour, tourIn, tourOut };
  if (nSlack !== 1 || inService !== nLive - 1) return notTree;
  for (let b = 0; b < n; b++) deg[b + 1] += deg[b]!;
  const adj = new Int32Array(deg[n]!);
  const fill = deg.slice(0, n);
  for (let k = 0; k < net.nBranch; k++) {
    if (!net.branchStatus[k]) continue;
    const f = net.fromBus[k]!;
    const t = net.toBus[k]!;
    adj[fill[f]!++] = t;
    adj[fill[t]!++] = f;
  }
  // Iterative DFS for the Euler tour (no recursion: feeders can be deep).
  const stack = new Int32Array(n);
  const next = deg.slice(0, n);
  const seen = new Uint8Array(n);
  let sp = 0;
  let pos = 0;
  stack[sp++] = slack;
  seen[slack] = 1;
  tourIn[slack] = pos;
  tour[pos++] = slack;
  while (sp > 0) {
    const b = stack[sp - 1]!;
    if (next[b]! < deg[b + 1]!) {
      const c = adj[next[b]!++]!;
      if (seen[c]) {
        if (c !== parent[b]) return notTree; // a loop
        continue;
      }
      seen[c] = 1;
      parent[c] = b;
      tourIn[c] = pos;
      tour[pos++] = c;
      stack[sp++] = c;
    } else {
      tourOut[b] = pos;
      sp--;
    }
  }
  if (pos !== nLive) return notTree;
  return { parent, radial: true, tour, tourIn, tourOut };
}
