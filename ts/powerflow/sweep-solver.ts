// Backward/forward sweep solver bound to one radial topology (the 'bfs' method of TopologySolver).
//
// Branch model. MATPOWER's π-model with complex tap t = tap·e^{j·shift} on the from side is an ideal t:1
// transformer followed by the series impedance z, with the charging b/2 at each end. The charging (b/(2·tap²) at
// the from bus, b/2 at the to bus) and the bus shunts are lumped into one shunt admittance per bus, which is exact.
// For a child c hanging off parent p through branch k, with J the current c and its subtree draw through k:
//   p is the from side:  V_c = V_p / t − z·J,        current drawn at p = J / conj(t)
//   p is the to side:    V_c = t·V_p − |t|²·z·J,     current drawn at p = conj(t)·J
// so with m = 1/t (resp. t) and z_eff = z (resp. |t|²·z) both are V_c = m·V_p − z_eff·J, I_p += conj(m)·J.
//
// PV buses (other than the slack) are handled by an outer loop (PV-node compensation): the reactive injection of
// each PV bus is corrected by ΔQ = X⁻¹·(V_set − |V|), X being the reactance of the common path to the slack,
// until the correction ΔQ is below a tenth of the tolerance.
import { BUS_PV, type CompiledNetwork } from '../network/compiled-network.js';
import { ValidationError } from '../errors.js';
import { KernelStatus, statusName } from '../status.js';
import { analyzeRadialTopology, type RadialTopology } from './radial-topology.js';
import { validateZipLoadModel, type ZipLoadModel } from './zip-load.js';
import { createSweepWorkspace, type SweepTables, type SweepWorkspace } from './sweep-workspace.js';
import type { Engine, KernelSolveOutcome, SolveControls, TopologySolver } from './topology-solver.js';

/** Options of `createSweepSolver`. */
export interface SweepSolverOptions {
  /** Kernel engine (default 'wasm'). */
  engine?: Engine;
  /** The network's analyzeRadialTopology result, if the caller has it already (saves recomputing it). */
  topology?: RadialTopology;
  /** Voltage-dependent loads: the shares of the base load (see `setBaseLoad`) that are not constant power. */
  zip?: ZipLoadModel;
}

/** A backward/forward sweep TopologySolver; `topology` tells whether (and why not) the network is radial. */
export interface SweepSolver extends TopologySolver {
  /** The radial analysis the solver was built on. */
  readonly topology: RadialTopology;
  /**
   * With a ZIP model: the nominal (1 p.u.) load per bus, p.u., that `solve`'s pNet/qNet include as constant power;
   * the solver re-splits it into its Z, I and P shares. The arrays are read at every solve (keep them current).
   */
  setBaseLoad(pLoadPu: Float64Array, qLoadPu: Float64Array): void;
}

/** Builds the sweep tables for a radial topology (throws ValidationError for a zero-impedance tree branch with a tap). */
export function buildSweepTables(net: CompiledNetwork, topo: RadialTopology): SweepTables {
  const n = topo.order.length;
  const parent = topo.parentPos.slice();
  parent[0] = 0;
  const mRe = new Float64Array(n);
  const mIm = new Float64Array(n);
  const zRe = new Float64Array(n);
  const zIm = new Float64Array(n);
  const yRe = new Float64Array(n);
  const yIm = new Float64Array(n);
  mRe[0] = 1;
  const { order, parentPos, parentBranch } = topo;
  const tapCol = net.tap;
  const shiftCol = net.shiftRad;
  const fromCol = net.fromBus;
  const rCol = net.rPu;
  const xCol = net.xPu;
  for (let pos = 1; pos < n; pos++) {
    const k = parentBranch[pos];
    const tap = tapCol[k] === 0 ? 1 : tapCol[k];
    const sh = shiftCol[k];
    const tr = sh === 0 ? tap : tap * Math.cos(sh);
    const ti = sh === 0 ? 0 : tap * Math.sin(sh);
    const parentIsFrom = fromCol[k] === order[parentPos[pos]];
    if (parentIsFrom) {
      const d = tr * tr + ti * ti; // m = 1/t
      mRe[pos] = tr / d;
      mIm[pos] = -ti / d;
      zRe[pos] = rCol[k];
      zIm[pos] = xCol[k];
    } else {
      mRe[pos] = tr;
      mIm[pos] = ti;
      const t2 = tr * tr + ti * ti;
      zRe[pos] = t2 * rCol[k];
      zIm[pos] = t2 * xCol[k];
    }
  }
  for (let pos = 0; pos < n; pos++) {
    const b = topo.order[pos];
    yRe[pos] = net.gsPu[b];
    yIm[pos] = net.bsPu[b];
  }
  const posOf = topo.positionOfBus;
  const statusCol = net.branchStatus;
  const toCol = net.toBus;
  const bCol = net.bPu;
  for (let k = 0; k < net.nBranch; k++) {
    if (statusCol[k] === 0 || bCol[k] === 0) continue;
    const pf = posOf[fromCol[k]];
    const pt = posOf[toCol[k]];
    if (pf < 0 || pt < 0) continue;
    const tap = tapCol[k] === 0 ? 1 : tapCol[k];
    yIm[pf] += bCol[k] / 2 / (tap * tap);
    yIm[pt] += bCol[k] / 2;
  }
  // Sparse lists of the positions that need the ratio or the shunt (the slack's own shunt never matters).
  const ratioPos: number[] = [];
  const shuntPos: number[] = [];
  for (let pos = 1; pos < n; pos++) {
    if (mRe[pos] !== 1 || mIm[pos] !== 0) ratioPos.push(pos);
    if (yRe[pos] !== 0 || yIm[pos] !== 0) shuntPos.push(pos);
  }
  return {
    n,
    parent,
    zRe,
    zIm,
    ratioPos: Int32Array.from(ratioPos),
    mRe: Float64Array.from(ratioPos, (p) => mRe[p]),
    mIm: Float64Array.from(ratioPos, (p) => mIm[p]),
    shuntPos: Int32Array.from(shuntPos),
    yRe: Float64Array.from(shuntPos, (p) => yRe[p]),
    yIm: Float64Array.from(shuntPos, (p) => yIm[p]),
  };
}

/**
 * Creates a backward/forward sweep solver for `net`. The topology is analysed once: a meshed network, several
 * slacks or none make every `solve` return status 'not-radial' (no throw), so `method: 'bfs'` forced on a meshed
 * case reports it as data. Buses not connected to the slack are left at 0 p.u. (de-energized).
 */
export function createSweepSolver(net: CompiledNetwork, options: SweepSolverOptions = {}): SweepSolver {
  const engine = options.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'ts') {
    throw new ValidationError({ element: 'option', id: 'engine', field: 'engine', value: engine }, "must be 'wasm' or 'ts'");
  }
  if (options.zip) validateZipLoadModel(options.zip);
  const topology = options.topology ?? analyzeRadialTopology(net);
  if (!topology.radial) return new NotRadialSolver(engine, topology);
  return new RadialSweepSolver(net, topology, engine, options.zip ?? null);
}

class NotRadialSolver implements SweepSolver {
  readonly method = 'bfs' as const;
  constructor(
    readonly engine: Engine,
    readonly topology: RadialTopology,
  ) {}
  solve(): KernelSolveOutcome {
    return { status: 'not-radial', iterations: 0, maxMismatchPu: Infinity };
  }
  setBaseLoad(): void {}
  dispose(): void {}
}

class RadialSweepSolver implements SweepSolver {
  readonly method = 'bfs' as const;
  readonly engine: Engine;
  readonly topology: RadialTopology;
  private readonly ws: SweepWorkspace;
  private readonly nBus: number;
  /** PV positions and their common-path reactance matrix (LU-free: tiny, solved by Gaussian elimination). */
  private readonly pvPos: Int32Array;
  private readonly pvX: Float64Array;
  private readonly pvQ: Float64Array;
  private readonly pvScratch: Float64Array;
  private pvWarm = false;
  /** The polar voltages the last solve wrote (NaN before the first), whose rectangular form is in the workspace. */
  private readonly lastVm: Float64Array;
  private readonly lastVa: Float64Array;

  private readonly zip: ZipLoadModel | null;
  private baseP: Float64Array | null = null;
  private baseQ: Float64Array | null = null;

  constructor(net: CompiledNetwork, topology: RadialTopology, engine: Engine, zip: ZipLoadModel | null) {
    this.engine = engine;
    this.topology = topology;
    this.nBus = net.nBus;
    this.zip = zip;
    const tables = buildSweepTables(net, topology);
    this.ws = createSweepWorkspace(tables, engine, zip !== null);
    this.lastVm = new Float64Array(tables.n).fill(NaN);
    this.lastVa = new Float64Array(tables.n).fill(NaN);
    const pv: number[] = [];
    for (let pos = 1; pos < topology.order.length; pos++) if (net.busType[topology.order[pos]] === BUS_PV) pv.push(pos);
    this.pvPos = Int32Array.from(pv);
    const np = pv.length;
    this.pvX = new Float64Array(np * np);
    this.pvQ = new Float64Array(np);
    this.pvScratch = new Float64Array(np * np + np);
    if (np > 0) {
      // Reactance of the path from the slack to each PV bus, as a set of positions; X[a][b] = Σ x over common part.
      const onPath = new Map<number, number>();
      for (let a = 0; a < np; a++) {
        onPath.clear();
        for (let p = pv[a]; p > 0; p = topology.parentPos[p]) onPath.set(p, tables.zIm[p]);
        for (let b = 0; b < np; b++) {
          let x = 0;
          for (let p = pv[b]; p > 0; p = topology.parentPos[p]) {
            const v = onPath.get(p);
            if (v !== undefined) x += v;
          }
          this.pvX[a * np + b] = x;
        }
      }
    }
  }

  setBaseLoad(pLoadPu: Float64Array, qLoadPu: Float64Array): void {
    if (pLoadPu.length !== this.nBus || qLoadPu.length !== this.nBus) throw new RangeError('setBaseLoad: one value per bus');
    this.baseP = pLoadPu;
    this.baseQ = qLoadPu;
  }

  solve(pNet: Float64Array, qNet: Float64Array, vm: Float64Array, va: Float64Array, c: SolveControls): KernelSolveOutcome {
    const { order } = this.topology;
    const n = order.length;
    const np = this.pvPos.length;
    let v = this.ws.views();
    const lastVm = this.lastVm;
    const lastVa = this.lastVa;
    const pLoad = v.pLoad;
    const qLoad = v.qLoad;
    const vRe = v.vRe;
    const vIm = v.vIm;
    for (let pos = 0; pos < n; pos++) {
      const b = order[pos];
      pLoad[pos] = -pNet[b];
      qLoad[pos] = -qNet[b];
      const m = vm[b];
      const a = va[b];
      // Trigonometry dominates the non-kernel cost at 1e6 buses: skip it for a zero angle (flat start) and for a
      // start point that is exactly the solution this solver wrote last time (warm start; the workspace still
      // holds its rectangular form).
      if (m === lastVm[pos] && a === lastVa[pos]) continue;
      if (a === 0) {
        vRe[pos] = m;
        vIm[pos] = 0;
      } else {
        vRe[pos] = m * Math.cos(a);
        vIm[pos] = m * Math.sin(a);
      }
    }
    if (this.zip !== null && this.baseP !== null && this.baseQ !== null) {
      // pNet holds the whole base load as constant power: move its Z and I shares to the voltage-dependent arrays.
      const [zp, ip, pp] = this.zip.p;
      const [zq, iq, pq] = this.zip.q;
      const bp = this.baseP;
      const bq = this.baseQ;
      for (let pos = 0; pos < n; pos++) {
        const b = order[pos];
        pLoad[pos] -= (1 - pp) * bp[b];
        qLoad[pos] -= (1 - pq) * bq[b];
        v.pI[pos] = ip * bp[b];
        v.qI[pos] = iq * bq[b];
        v.pZ[pos] = zp * bp[b];
        v.qZ[pos] = zq * bq[b];
      }
    }
    let iterations = 0;
    let run = { code: KernelStatus.OK as number, iterations: 0, maxDeltaPu: 0 };
    if (np === 0) {
      run = this.ws.run(c.tolerancePu, c.maxIterations);
      iterations = run.iterations;
    } else {
      // Outer PV loop; the set-points are the entry magnitudes.
      const vset = new Float64Array(np);
      for (let a = 0; a < np; a++) {
        const b = order[this.pvPos[a]];
        vset[a] = vm[b];
        if (!this.pvWarm) this.pvQ[a] = qNet[b];
      }
      let pvOk = false;
      while (iterations < c.maxIterations) {
        v = this.ws.views();
        for (let a = 0; a < np; a++) v.qLoad[this.pvPos[a]] = -this.pvQ[a];
        run = this.ws.run(c.tolerancePu, c.maxIterations - iterations);
        iterations += run.iterations;
        if (run.code !== KernelStatus.OK) break;
        v = this.ws.views();
        const dv = this.pvScratch.subarray(np * np);
        for (let a = 0; a < np; a++) {
          const pos = this.pvPos[a];
          dv[a] = vset[a] - Math.hypot(v.vRe[pos], v.vIm[pos]);
        }
        // dv becomes the reactive correction ΔQ (p.u.); converged when it is within the tolerance, i.e. the
        // set-point is met to within what a tolerance-sized Q mismatch would move it.
        solveDense(this.pvX, dv, np, this.pvScratch.subarray(0, np * np));
        let worst = 0;
        for (let a = 0; a < np; a++) worst = Math.max(worst, Math.abs(dv[a]));
        if (worst <= c.tolerancePu * 0.1) {
          pvOk = true;
          break;
        }
        for (let a = 0; a < np; a++) this.pvQ[a] += dv[a];
        if (run.iterations === 0) iterations++; // progress guarantee
      }
      this.pvWarm = true;
      if (run.code === KernelStatus.OK && !pvOk) run = { ...run, code: KernelStatus.MAX_ITERATIONS };
    }
    v = this.ws.views();
    const outRe = v.vRe;
    const outIm = v.vIm;
    for (let pos = 0; pos < n; pos++) {
      const b = order[pos];
      const re = outRe[pos];
      const im = outIm[pos];
      const m = Math.sqrt(re * re + im * im);
      const a = Math.atan2(im, re);
      vm[b] = m;
      va[b] = a;
      lastVm[pos] = m;
      lastVa[pos] = a;
    }
    const un = this.topology.unsuppliedBuses;
    for (let i = 0; i < un.length; i++) {
      vm[un[i]] = 0;
      va[un[i]] = 0;
    }
    return { status: statusName(run.code), iterations, maxMismatchPu: run.maxDeltaPu };
  }

  rectangularVoltages(vRe: Float64Array, vIm: Float64Array): void {
    const { order, unsuppliedBuses: un } = this.topology;
    const v = this.ws.views();
    const re = v.vRe;
    const im = v.vIm;
    for (let pos = 0; pos < order.length; pos++) {
      const b = order[pos];
      vRe[b] = re[pos];
      vIm[b] = im[pos];
    }
    for (let i = 0; i < un.length; i++) {
      vRe[un[i]] = 0;
      vIm[un[i]] = 0;
    }
  }

  dispose(): void {
    this.ws.dispose();
  }
}

/** Solves A·x = rhs in place (rhs becomes x) by Gaussian elimination with partial pivoting; A is copied to scratch. */
function solveDense(a: Float64Array, rhs: Float64Array, n: number, scratch: Float64Array): void {
  scratch.set(a);
  const m = scratch;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[piv * n + c])) piv = r;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const t = m[c * n + k];
        m[c * n + k] = m[piv * n + k];
        m[piv * n + k] = t;
      }
      const t = rhs[c];
      rhs[c] = rhs[piv];
      rhs[piv] = t;
    }
    const d = m[c * n + c];
    if (d === 0) return; // zero common-path reactance: leave the correction as is
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
      rhs[r] -= f * rhs[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = rhs[c];
    for (let k = c + 1; k < n; k++) s -= m[c * n + k] * rhs[k];
    rhs[c] = m[c * n + c] === 0 ? 0 : s / m[c * n + c];
  }
}
