// The public power-flow API: `solvePowerFlow` for one solve, `createPowerFlow` for repeated solves on one compiled
// topology (time series) with new injections, warm-started, without recompiling or allocating per step.
import { BUS_ISOLATED, BUS_PV, BUS_SLACK, type CompiledNetwork } from '../network/compiled-network.js';
import { compileNetwork } from '../network/compile-network.js';
import type { NetworkModel } from '../network/network-model.js';
import { ValidationError } from '../errors.js';
import { defineLazyProperty } from '../lazy-property.js';
import { DEG_PER_RAD, SQRT3 } from '../units.js';
import type { SolveStatus } from '../status.js';
import { createNewtonSolver, NEWTON_DEFAULT_CONTROLS } from './newton/index.js';
import { analyzeRadialTopology, findUnsuppliedBuses, type RadialTopology } from './radial-topology.js';
import { createSweepSolver, type SweepSolver } from './sweep-solver.js';
import { validateZipLoadModel, zipFactor, type ZipLoadModel } from './zip-load.js';
import { splitReactiveGeneration } from './generator-dispatch.js';
import {
  buildBranchAdmittances,
  computeBranchFlows,
  computeBusPowerOut,
  maxPowerMismatch,
  type BranchAdmittances,
} from './branch-flows.js';
import type { PowerFlowResult, PowerFlowStepResult } from './power-flow-result.js';
import type { Engine, PowerFlowMethod, TopologySolver } from './topology-solver.js';

/** Options of `solvePowerFlow` / `createPowerFlow`. */
export interface PowerFlowOptions {
  /**
   * 'auto' (default): the sweep for radial networks whose only voltage-controlled bus is the slack, else Newton; a
   * sweep that fails to converge is retried with Newton (the result's `method` and `notes` say so).
   */
  method?: 'auto' | PowerFlowMethod;
  /** 'wasm' (default) or 'ts' (the pure-TypeScript twins). */
  engine?: Engine;
  /** Convergence tolerance, p.u. (default 1e-8): a converged result has a power mismatch at most this. */
  tolerancePu?: number;
  /** Iteration limit (default 100 sweeps for 'bfs', MATPOWER's 10 Newton steps for 'nr'). */
  maxIterations?: number;
  /** Start from 1 p.u. (generator set-points at PV/slack buses) and the slack angle, instead of the case's voltages. */
  flatStart?: boolean;
  /**
   * true (default): each solve starts from the previous solution (fewer iterations in a time series). false: each
   * solve starts from the case's voltages (or the flat start), so its result depends on its own injections only,
   * whatever was solved before — e.g. when several asynchronous flows share one PowerFlow (see PowerFlow).
   */
  warmStart?: boolean;
  /**
   * Voltage-dependent (ZIP) loads for every load; default all constant power. Needs the sweep: a network the sweep
   * cannot take ('nr', or 'auto' on a meshed/PV network) is a ValidationError.
   */
  zip?: ZipLoadModel;
}

/**
 * Per-bus overrides for one solve of a PowerFlow, each an array of length nBus in bus row order. Load arrays
 * replace the compiled per-bus load (for a built NetworkModel that is loads minus PV/storage injections, see
 * compileNetwork); injection arrays are added to the generators' output (positive = into the bus, e.g. PV
 * or battery discharge). Omitted arrays keep the case's value (loads) or 0 (injections). Values persist only for the
 * one solve.
 */
export interface PowerFlowInjections {
  /** Active load per bus, kW (consumption positive). */
  pLoadKw?: ArrayLike<number>;
  /** Reactive load per bus, kvar. */
  qLoadKvar?: ArrayLike<number>;
  /** Extra active injection per bus, kW (generation positive). */
  pInjectionKw?: ArrayLike<number>;
  /** Extra reactive injection per bus, kvar. */
  qInjectionKvar?: ArrayLike<number>;
}

/**
 * A power flow bound to one compiled network; each solve warm-starts from the previous solution.
 *
 * Sharing: solves are synchronous, so asynchronous flows (async functions, promises) that share one PowerFlow never
 * corrupt each other's results — every result is converged to the same tolerance — but each solve starts from
 * whatever any flow solved last: iteration counts and digits below the tolerance then depend on the interleaving,
 * and a solveStep result's views (vmPu, vaRad, branch flows) are overwritten by the next solve from either flow. For
 * results that depend only on their own injections, create the PowerFlow with `warmStart: false` or give each flow
 * its own PowerFlow; copy views you keep across an `await`. Worker threads each need their own (nothing is shared).
 */
export interface PowerFlow {
  /** The network it solves. */
  readonly network: CompiledNetwork;
  /** The method chosen (after 'auto'; a solve may still fall back to 'nr', see PowerFlowOptions.method). */
  readonly method: PowerFlowMethod;
  /** The engine used. */
  readonly engine: Engine;
  /** Solves and returns the full result (detached copies). */
  solve(injections?: PowerFlowInjections): PowerFlowResult;
  /** Solves and returns scalars plus a voltage view (no per-step arrays are allocated). */
  solveStep(injections?: PowerFlowInjections): PowerFlowStepResult;
  /** Puts the start point back to the case's voltages (or the flat start). */
  resetVoltages(): void;
  /** Frees the solver's workspace. */
  dispose(): void;
}

/** Picks the method 'auto' means for this network: 'bfs' when radial with no PV bus, else 'nr'. */
export function chooseMethod(net: CompiledNetwork, topology: RadialTopology = analyzeRadialTopology(net)): PowerFlowMethod {
  return topology.radial && topology.pvBusCount === 0 ? 'bfs' : 'nr';
}

/** True when `net` is already compiled (typed-array tables) rather than an engineering-unit NetworkModel. */
export function isCompiledNetwork(net: CompiledNetwork | NetworkModel): net is CompiledNetwork {
  return typeof (net as CompiledNetwork).nBus === 'number' && (net as CompiledNetwork).busType instanceof Int32Array;
}

/**
 * Creates a reusable power flow for `net` (a CompiledNetwork, or a NetworkModel compiled here once): admittances,
 * topology analysis and workspaces are set up once, then every `solve`/`solveStep` only rewrites injections.
 */
export function createPowerFlow(net: CompiledNetwork | NetworkModel, options: PowerFlowOptions = {}): PowerFlow {
  return new PowerFlowImpl(isCompiledNetwork(net) ? net : compileNetwork(net), options);
}

/** Solves one AC power flow and returns the full result; see PowerFlowOptions for the method choice. */
export function solvePowerFlow(net: CompiledNetwork | NetworkModel, options: PowerFlowOptions = {}): PowerFlowResult {
  const pf = createPowerFlow(net, options);
  try {
    return pf.solve();
  } finally {
    pf.dispose();
  }
}

function checkOption(ok: boolean, field: string, value: unknown, unit: string | undefined, problem: string): void {
  if (!ok) throw new ValidationError({ element: 'option', id: field, field, value, unit }, problem);
}

class PowerFlowImpl implements PowerFlow {
  readonly network: CompiledNetwork;
  readonly method: PowerFlowMethod;
  readonly engine: Engine;
  private readonly solver: TopologySolver;
  /** 'auto' only: Newton-Raphson, created on first need, for a radial network the sweep fails to converge on. */
  private fallback: TopologySolver | null = null;
  private readonly auto: boolean;
  private readonly solverNet: CompiledNetwork;
  private readonly tol: number;
  private readonly maxIter: number;
  private readonly fallbackMaxIter: number;
  private readonly flat: boolean;
  private readonly warm: boolean;
  private readonly y: BranchAdmittances;
  private readonly skip: Uint8Array;
  private readonly unsupplied: Int32Array;
  private readonly slackBus: number;
  // State and scratch, all sized once.
  private readonly vm: Float64Array;
  private readonly va: Float64Array;
  private readonly vRe: Float64Array;
  private readonly vIm: Float64Array;
  private readonly pGenBus: Float64Array;
  private readonly qGenBus: Float64Array;
  private readonly pNet: Float64Array;
  /** With ZIP loads: the net injection actually specified at the solved voltages (else the same arrays as pNet). */
  private readonly pSpec: Float64Array;
  private readonly qSpec: Float64Array;
  private readonly zip: ZipLoadModel | null;
  private readonly qNet: Float64Array;
  private readonly pLoad: Float64Array;
  private readonly qLoad: Float64Array;
  private readonly pOut: Float64Array;
  private readonly qOut: Float64Array;
  private readonly pf: Float64Array;
  private readonly qf: Float64Array;
  private readonly pt: Float64Array;
  private readonly qt: Float64Array;
  private readonly rated: Int32Array;
  /** In-service generators at supplied PV/slack buses, grouped by bus (MATPOWER pfsoln's `on`). */
  private readonly dispatchGens: Int32Array;
  /** Group boundaries into dispatchGens; group j is at bus dispatchBus[j]. */
  private readonly dispatchStart: Int32Array;
  private readonly dispatchBus: Int32Array;
  /** Scratch: computed reactive generation per group, MVAr. */
  private readonly dispatchQ: Float64Array;
  private readonly notes: string[];

  constructor(net: CompiledNetwork, options: PowerFlowOptions) {
    const method = options.method ?? 'auto';
    const engine = options.engine ?? 'wasm';
    checkOption(method === 'auto' || method === 'bfs' || method === 'nr', 'method', method, undefined, "must be 'auto', 'bfs' or 'nr'");
    checkOption(engine === 'wasm' || engine === 'ts', 'engine', engine, undefined, "must be 'wasm' or 'ts'");
    const tol = options.tolerancePu ?? 1e-8;
    checkOption(Number.isFinite(tol) && tol > 0, 'tolerancePu', tol, 'p.u.', 'must be a positive finite number');
    this.network = net;
    const topology = analyzeRadialTopology(net);
    this.notes = [];
    this.method = method === 'auto' ? chooseMethod(net, topology) : method;
    this.engine = engine;
    this.tol = tol;
    const maxIter = options.maxIterations ?? (this.method === 'bfs' ? 100 : NEWTON_DEFAULT_CONTROLS.maxIterations);
    checkOption(Number.isInteger(maxIter) && maxIter >= 1, 'maxIterations', maxIter, undefined, 'must be an integer ≥ 1');
    this.maxIter = maxIter;
    // The Newton fallback of 'auto' gets Newton's own limit (MATPOWER's 10), not the sweep's 100, unless the user set one.
    this.fallbackMaxIter = options.maxIterations ?? NEWTON_DEFAULT_CONTROLS.maxIterations;
    this.flat = options.flatStart ?? false;
    this.warm = options.warmStart ?? true;
    checkOption(typeof this.warm === 'boolean', 'warmStart', this.warm, undefined, 'must be true or false');
    this.y = buildBranchAdmittances(net);
    const n = net.nBus;
    const nb = net.nBranch;
    this.skip = new Uint8Array(n);
    let slack = -1;
    for (let i = 0; i < n; i++) {
      if (net.busType[i] === BUS_ISOLATED) this.skip[i] = 1;
      if (net.busType[i] === BUS_SLACK && slack < 0) slack = i;
    }
    this.slackBus = slack;
    if (slack < 0) {
      throw new ValidationError(
        { element: 'network', id: 'buses', field: 'busType', value: 'no bus of type 3' },
        'a power flow needs a slack (reference) bus',
      );
    }
    this.unsupplied = topology.radial ? topology.unsuppliedBuses : findUnsuppliedBuses(net);
    for (const b of this.unsupplied) this.skip[b] = 1;
    if (this.method === 'bfs' && !topology.radial) this.notes.push(`not radial: ${topology.reason}`);
    if (this.method === 'bfs' && topology.pvBusCount > 0) {
      this.notes.push(`${topology.pvBusCount} PV bus(es) held at their set-points by reactive compensation in the sweep`);
    }
    let slackGens = 0;
    for (let g = 0; g < net.nGen; g++) if (net.genStatus[g] !== 0 && net.genBus[g] === slack) slackGens++;
    if (slackGens === 0) {
      this.notes.push(`slack bus ${String(net.busIds[slack])} has no in-service generator: the power it supplies is in no generator row, only in slackPMw/slackQMvar`);
    }
    if (this.unsupplied.length > 0) {
      this.notes.push(`${this.unsupplied.length} bus(es) have no in-service path to the slack and are de-energized (their load is not served)`);
    }
    // Buses cut off from every slack are handed to the solvers as isolated (type 4), so Newton leaves them out
    // instead of meeting a singular island.
    let solverNet = net;
    if (this.unsupplied.length > 0) {
      const busType = net.busType.slice();
      for (const b of this.unsupplied) busType[b] = BUS_ISOLATED;
      solverNet = { ...net, busType };
    }
    this.solverNet = solverNet;
    this.zip = options.zip ?? null;
    if (this.zip !== null) {
      validateZipLoadModel(this.zip);
      checkOption(this.method === 'bfs', 'zip', this.zip, undefined,
        `voltage-dependent (ZIP) loads need the sweep (method 'bfs' on a radial network whose only voltage-controlled bus is the slack); this solve uses '${this.method}'`);
    }
    this.auto = method === 'auto' && this.zip === null;
    this.solver = this.method === 'bfs' ? createSweepSolver(solverNet, { engine, topology, zip: this.zip ?? undefined }) : createNewtonSolver(solverNet, { engine });
    const f = (): Float64Array => new Float64Array(n);
    this.vm = f();
    this.va = f();
    this.vRe = f();
    this.vIm = f();
    this.pGenBus = f();
    this.qGenBus = f();
    this.pNet = f();
    this.qNet = f();
    this.pSpec = this.zip ? f() : this.pNet;
    this.qSpec = this.zip ? f() : this.qNet;
    this.pLoad = f();
    this.qLoad = f();
    this.pOut = f();
    this.qOut = f();
    this.pf = new Float64Array(nb);
    this.qf = new Float64Array(nb);
    this.pt = new Float64Array(nb);
    this.qt = new Float64Array(nb);
    const rated: number[] = [];
    for (let k = 0; k < nb; k++) if (net.branchStatus[k] !== 0 && net.rateMva[k] > 0) rated.push(k);
    this.rated = Int32Array.from(rated);
    // Group in-service generators by bus (row order kept within a bus) for the pfsoln split, in O(nGen + nBus).
    const perBus = new Int32Array(n + 1);
    for (let g = 0; g < net.nGen; g++) {
      const b = net.genBus[g];
      if (net.genStatus[g] !== 0 && this.skip[b] === 0 && (net.busType[b] === BUS_PV || net.busType[b] === BUS_SLACK)) perBus[b + 1]++;
    }
    const groupBus: number[] = [];
    const groupStart: number[] = [0];
    for (let i = 0; i < n; i++) {
      if (perBus[i + 1] > 0) {
        groupBus.push(i);
        groupStart.push(groupStart[groupStart.length - 1] + perBus[i + 1]);
      }
      perBus[i + 1] += perBus[i];
    }
    const gens = new Int32Array(perBus[n]);
    const fill = perBus.slice(0, n);
    for (let g = 0; g < net.nGen; g++) {
      const b = net.genBus[g];
      if (net.genStatus[g] !== 0 && this.skip[b] === 0 && (net.busType[b] === BUS_PV || net.busType[b] === BUS_SLACK)) gens[fill[b]++] = g;
    }
    this.dispatchGens = gens;
    this.dispatchStart = Int32Array.from(groupStart);
    this.dispatchBus = Int32Array.from(groupBus);
    this.dispatchQ = new Float64Array(groupBus.length);
    for (let g = 0; g < net.nGen; g++) {
      if (net.genStatus[g] === 0) continue;
      this.pGenBus[net.genBus[g]] += net.pGenPu[g];
      this.qGenBus[net.genBus[g]] += net.qGenPu[g];
    }
    if (this.zip !== null) (this.solver as SweepSolver).setBaseLoad(this.pLoad, this.qLoad);
    this.resetVoltages();
  }

  dispose(): void {
    this.solver.dispose();
    this.fallback?.dispose();
  }

  resetVoltages(): void {
    const net = this.network;
    const slackVa = this.slackBus >= 0 ? net.vaRad[this.slackBus] : 0;
    for (let i = 0; i < net.nBus; i++) {
      const controlled = net.busType[i] === BUS_PV || net.busType[i] === BUS_SLACK;
      this.vm[i] = this.flat && !controlled ? 1 : net.vmPu[i];
      this.va[i] = this.flat ? slackVa : net.vaRad[i];
    }
  }

  private setInjections(inj: PowerFlowInjections | undefined): void {
    const net = this.network;
    const n = net.nBus;
    const scale = 1 / (net.baseMva * 1000);
    const pick = (a: ArrayLike<number> | undefined, field: string, unit: string): ArrayLike<number> | undefined => {
      if (a === undefined) return undefined;
      if (a.length !== n) {
        throw new ValidationError({ element: 'injections', id: field, field: `${field}.length`, value: a.length }, `must have one entry per bus (${n})`);
      }
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(a[i])) {
          throw new ValidationError({ element: 'bus', id: net.busIds[i], field, value: a[i], unit }, 'must be a finite number');
        }
      }
      return a;
    };
    const pl = pick(inj?.pLoadKw, 'pLoadKw', 'kW');
    const ql = pick(inj?.qLoadKvar, 'qLoadKvar', 'kvar');
    const pi = pick(inj?.pInjectionKw, 'pInjectionKw', 'kW');
    const qi = pick(inj?.qInjectionKvar, 'qInjectionKvar', 'kvar');
    for (let i = 0; i < n; i++) {
      const p = pl ? pl[i] * scale : net.pLoadPu[i];
      const q = ql ? ql[i] * scale : net.qLoadPu[i];
      this.pLoad[i] = p;
      this.qLoad[i] = q;
      this.pNet[i] = this.pGenBus[i] - p + (pi ? pi[i] * scale : 0);
      this.qNet[i] = this.qGenBus[i] - q + (qi ? qi[i] * scale : 0);
    }
  }

  /**
   * Runs the chosen solver; with method 'auto', a sweep that does not converge is retried with Newton-Raphson from
   * the case's start point (the result then says method 'nr' and carries a note).
   */
  private run(): { status: SolveStatus; iterations: number; mismatch: number; method: PowerFlowMethod; note?: string } {
    if (!this.warm) this.resetVoltages();
    const first = this.runWith(this.solver, this.maxIter);
    if (first.status === 'converged' || !this.auto || this.method !== 'bfs') return { ...first, method: this.method };
    this.fallback ??= createNewtonSolver(this.solverNet, { engine: this.engine });
    this.resetVoltages();
    const second = this.runWith(this.fallback, this.fallbackMaxIter);
    const note = `the sweep ended with '${first.status}' after ${first.iterations} iterations; solved with Newton-Raphson instead`;
    return { ...second, method: 'nr', note };
  }

  /** Runs one solver, then insists on MATPOWER's convergence measure (power mismatch ≤ tolerance). */
  private runWith(solver: TopologySolver, maxIter: number): { status: SolveStatus; iterations: number; mismatch: number } {
    let iterations = 0;
    let status: SolveStatus = 'max-iterations';
    let mismatch = Infinity;
    let tol = this.tol;
    for (let attempt = 0; attempt < 4; attempt++) {
      const out = solver.solve(this.pNet, this.qNet, this.vm, this.va, {
        tolerancePu: tol,
        maxIterations: Math.max(1, maxIter - iterations),
      });
      iterations += out.iterations;
      status = out.status;
      for (const b of this.unsupplied) {
        this.vm[b] = 0;
        this.va[b] = 0;
      }
      let rectangular = false;
      if (solver.rectangularVoltages !== undefined) {
        solver.rectangularVoltages(this.vRe, this.vIm);
        rectangular = true;
      }
      mismatch = this.flows(rectangular);
      if (status !== 'converged') break;
      if (mismatch <= this.tol) break;
      // The sweep stops on the voltage change; tighten it until the power mismatch meets the tolerance too.
      if (iterations >= maxIter || attempt === 3) {
        status = 'max-iterations';
        break;
      }
      tol *= 0.01;
    }
    if (status === 'converged' && !(mismatch <= this.tol)) status = 'max-iterations';
    return { status, iterations, mismatch };
  }

  /**
   * Recomputes branch flows and bus power from the voltages (rectangular ones from vm/va, unless the solver wrote
   * them already); returns the max mismatch, p.u.
   */
  private flows(rectangular = false): number {
    const net = this.network;
    const { vm, va, vRe, vIm } = this;
    for (let i = 0; i < net.nBus && !rectangular; i++) {
      const a = va[i];
      if (a === 0) {
        vRe[i] = vm[i];
        vIm[i] = 0;
      } else {
        vRe[i] = vm[i] * Math.cos(a);
        vIm[i] = vm[i] * Math.sin(a);
      }
    }
    computeBranchFlows(net, this.y, this.vRe, this.vIm, this.pf, this.qf, this.pt, this.qt);
    computeBusPowerOut(net, this.vRe, this.vIm, this.pf, this.qf, this.pt, this.qt, this.pOut, this.qOut);
    if (this.zip !== null) {
      // The specified injection depends on the voltage: the base load counted in pNet becomes load · factor(|V|).
      const { p: zp, q: zq } = this.zip;
      for (let i = 0; i < net.nBus; i++) {
        const v = vm[i];
        this.pSpec[i] = this.pNet[i] + this.pLoad[i] * (1 - zipFactor(zp, v));
        this.qSpec[i] = this.qNet[i] + this.qLoad[i] * (1 - zipFactor(zq, v));
      }
    }
    return maxPowerMismatch(net, this.pSpec, this.qSpec, this.pOut, this.qOut, this.skip);
  }

  solveStep(injections?: PowerFlowInjections): PowerFlowStepResult {
    this.setInjections(injections);
    const r = this.run();
    const net = this.network;
    const base = net.baseMva;
    let minV = Infinity;
    let minB = -1;
    let maxV = -Infinity;
    let maxB = -1;
    for (let i = 0; i < net.nBus; i++) {
      if (this.skip[i] !== 0) continue;
      const v = this.vm[i];
      if (v < minV) { minV = v; minB = i; }
      if (v > maxV) { maxV = v; maxB = i; }
    }
    let lp = 0;
    let lq = 0;
    for (let k = 0; k < net.nBranch; k++) {
      lp += this.pf[k] + this.pt[k];
      lq += this.qf[k] + this.qt[k];
    }
    let maxLoading = 0;
    for (let a = 0; a < this.rated.length; a++) {
      const k = this.rated[a];
      const l = branchLoadingPercent(this.pf[k] * base, this.qf[k] * base, this.pt[k] * base, this.qt[k] * base, net.rateMva[k]);
      if (l > maxLoading) maxLoading = l;
    }
    const s = this.slackBus;
    return {
      status: r.status,
      converged: r.status === 'converged',
      iterations: r.iterations,
      method: r.method,
      maxMismatchPu: r.mismatch,
      minVmPu: minB < 0 ? 0 : minV,
      minVmBus: minB,
      maxVmPu: maxB < 0 ? 0 : maxV,
      maxVmBus: maxB,
      lossesMw: lp * base,
      lossesMvar: lq * base,
      maxLoadingPercent: maxLoading,
      slackPMw: s < 0 ? 0 : this.busGenerationP(s) * base,
      slackQMvar: s < 0 ? 0 : this.busGenerationQ(s) * base,
      vmPu: this.vm,
      vaRad: this.va,
      pFromPu: this.pf,
      qFromPu: this.qf,
      pToPu: this.pt,
      qToPu: this.qt,
    };
  }

  solve(injections?: PowerFlowInjections): PowerFlowResult {
    const t0 = performance.now();
    this.setInjections(injections);
    const r = this.run();
    const net = this.network;
    const base = net.baseMva;
    const nb = net.nBranch;
    const n = net.nBus;
    const vmPu = this.vm.slice();
    const vaDeg = new Float64Array(n);
    for (let i = 0; i < n; i++) vaDeg[i] = this.va[i] * DEG_PER_RAD;
    const pFromMw = new Float64Array(nb);
    const qFromMvar = new Float64Array(nb);
    const pToMw = new Float64Array(nb);
    const qToMvar = new Float64Array(nb);
    let lossesMw = 0;
    let lossesMvar = 0;
    for (let k = 0; k < nb; k++) {
      const pF = this.pf[k] * base;
      const qF = this.qf[k] * base;
      const pT = this.pt[k] * base;
      const qT = this.qt[k] * base;
      pFromMw[k] = pF;
      qFromMvar[k] = qF;
      pToMw[k] = pT;
      qToMvar[k] = qT;
      lossesMw += pF + pT;
      lossesMvar += qF + qT;
    }
    const branchViolations: PowerFlowResult['violations']['branches'] = [];
    for (let a = 0; a < this.rated.length; a++) {
      const k = this.rated[a];
      const l = branchLoadingPercent(pFromMw[k], qFromMvar[k], pToMw[k], qToMvar[k], net.rateMva[k]);
      if (l > 100) branchViolations.push({ branchId: net.branchIds[k], loadingPercent: l });
    }
    const busViolations: PowerFlowResult['violations']['buses'] = [];
    for (let i = 0; i < n; i++) {
      if (this.skip[i] !== 0) continue;
      const v = vmPu[i];
      if (v < net.vmMinPu[i]) busViolations.push({ busId: net.busIds[i], vmPu: v, limit: 'min', limitPu: net.vmMinPu[i] });
      else if (v > net.vmMaxPu[i]) busViolations.push({ busId: net.busIds[i], vmPu: v, limit: 'max', limitPu: net.vmMaxPu[i] });
    }
    const { pGenMw, qGenMvar } = this.generation();
    const pLoadMw = new Float64Array(n);
    const qLoadMvar = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (this.skip[i] !== 0) continue;
      const fp = this.zip ? zipFactor(this.zip.p, this.vm[i]) : 1;
      const fq = this.zip ? zipFactor(this.zip.q, this.vm[i]) : 1;
      pLoadMw[i] = this.pLoad[i] * fp * base;
      qLoadMvar[i] = this.qLoad[i] * fq * base;
    }
    const unsuppliedBusIds = Array.from(this.unsupplied, (b) => net.busIds[b]);
    const result: PowerFlowResult = {
      status: r.status,
      converged: r.status === 'converged',
      iterations: r.iterations,
      maxMismatchPu: r.mismatch,
      method: r.method,
      engine: this.engine,
      baseMva: base,
      busIds: net.busIds.slice(),
      vmPu,
      vaDeg,
      pLoadMw,
      qLoadMvar,
      unsuppliedBusIds,
      branchIds: net.branchIds.slice(),
      pFromMw,
      qFromMvar,
      pToMw,
      qToMvar,
      currentFromKa: [],
      currentToKa: [],
      loadingPercent: [],
      lossesMwPerBranch: EMPTY,
      lossesMvarPerBranch: EMPTY,
      lossesMw,
      lossesMvar,
      genIds: net.genIds.slice(),
      pGenMw,
      qGenMvar,
      slackPMw: this.busGenerationP(this.slackBus) * base,
      slackQMvar: this.busGenerationQ(this.slackBus) * base,
      violations: { buses: busViolations, branches: branchViolations },
      notes: r.note === undefined ? this.notes.slice() : [...this.notes, r.note],
      solveMs: 0,
    };
    // Per-branch extras are built on first read, from the result's own detached arrays (so a later solve of this
    // PowerFlow cannot change them): at a million branches their boxed arrays cost several times the solve.
    defineLazyProperty(result, 'currentFromKa', () => branchCurrents(net, net.fromBus, pFromMw, qFromMvar, vmPu));
    defineLazyProperty(result, 'currentToKa', () => branchCurrents(net, net.toBus, pToMw, qToMvar, vmPu));
    defineLazyProperty(result, 'loadingPercent', () => {
      const out: (number | null)[] = new Array(nb);
      for (let k = 0; k < nb; k++) {
        const rate = net.rateMva[k];
        if (!(rate > 0)) out[k] = null;
        else out[k] = net.branchStatus[k] === 0 ? 0 : branchLoadingPercent(pFromMw[k], qFromMvar[k], pToMw[k], qToMvar[k], rate);
      }
      return out;
    });
    defineLazyProperty(result, 'lossesMwPerBranch', () => Float64Array.from(pFromMw, (p, k) => p + pToMw[k]));
    defineLazyProperty(result, 'lossesMvarPerBranch', () => Float64Array.from(qFromMvar, (q, k) => q + qToMvar[k]));
    result.solveMs = performance.now() - t0;
    return result;
  }

  // Generation at bus b computed from the solution, p.u. Extra injections are not generators:
  // generation = out + load − (net − gen + load) = out − net + gen.
  private busGenerationP(b: number): number {
    return this.pOut[b] - this.pSpec[b] + this.pGenBus[b];
  }

  private busGenerationQ(b: number): number {
    return this.qOut[b] - this.qSpec[b] + this.qGenBus[b];
  }

  /**
   * Generator outputs as MATPOWER's pfsoln reports them: scheduled P, except the first in-service generator at the
   * slack takes the bus's computed generation minus the other generators' scheduled P; at PV and slack buses the
   * computed Q is split in proportion to reactive range (splitReactiveGeneration); generators at PQ buses keep their
   * scheduled Q; out-of-service generators and those at de-energized (unsupplied) buses report 0.
   * Computed bus generation = power leaving the bus + load − extra injections.
   */
  private generation(): { pGenMw: Float64Array; qGenMvar: Float64Array } {
    const net = this.network;
    const base = net.baseMva;
    const pGenMw = new Float64Array(net.nGen);
    const qGenMvar = new Float64Array(net.nGen);
    for (let g = 0; g < net.nGen; g++) {
      if (net.genStatus[g] === 0 || this.skip[net.genBus[g]] !== 0) continue;
      pGenMw[g] = net.pGenPu[g] * base;
      qGenMvar[g] = net.qGenPu[g] * base;
    }
    const gens = this.dispatchGens;
    const start = this.dispatchStart;
    for (let j = 0; j < this.dispatchBus.length; j++) {
      const b = this.dispatchBus[j];
      this.dispatchQ[j] = this.busGenerationQ(b) * base;
      if (net.busType[b] !== BUS_SLACK) continue;
      const first = gens[start[j]];
      let pOthers = 0;
      for (let k = start[j] + 1; k < start[j + 1]; k++) pOthers += net.pGenPu[gens[k]];
      pGenMw[first] = (this.busGenerationP(b) - pOthers) * base;
    }
    const qMin = new Float64Array(net.nGen);
    const qMax = new Float64Array(net.nGen);
    for (let k = 0; k < gens.length; k++) {
      qMin[gens[k]] = net.qMinPu[gens[k]] * base;
      qMax[gens[k]] = net.qMaxPu[gens[k]] * base;
    }
    splitReactiveGeneration(gens, start, this.dispatchQ, qMin, qMax, qGenMvar);
    return { pGenMw, qGenMvar };
  }
}

const EMPTY = new Float64Array(0);

/** Loading of a branch, % of `rateMva`: the larger apparent power of its two ends (MATPOWER's MVA check). */
function branchLoadingPercent(pFromMw: number, qFromMvar: number, pToMw: number, qToMvar: number, rateMva: number): number {
  return (Math.sqrt(Math.max(pFromMw * pFromMw + qFromMvar * qFromMvar, pToMw * pToMw + qToMvar * qToMvar)) * 100) / rateMva;
}

/** Current magnitude at one end of every branch, kA (null where that end's bus has no base kV). */
function branchCurrents(net: CompiledNetwork, endBus: Int32Array, pMw: Float64Array, qMvar: Float64Array, vmPu: Float64Array): (number | null)[] {
  const out: (number | null)[] = new Array(net.nBranch);
  for (let k = 0; k < net.nBranch; k++) {
    const b = endBus[k];
    const baseKv = net.baseKv[b];
    const vm = vmPu[b];
    // |I| = |S| / (√3 · |V| · baseKV) with |S| in MVA and |V| in p.u.
    out[k] = !(baseKv > 0) ? null : !(vm > 0) ? 0 : Math.sqrt(pMw[k] * pMw[k] + qMvar[k] * qMvar[k]) / (SQRT3 * vm * baseKv);
  }
  return out;
}
