// The sweep's workspace on either engine: the same arrays (positions in topological order), held as plain typed
// arrays for the TS twin or as blocks in a WASM arena for the kernel. The solver fills loads and voltages through
// `views()` and calls `run`.
import { KernelStatus } from '../status.js';
import { instantiateKernelModule, type KernelModule } from '../wasm/kernel-module.js';
import { powerflowRadialWasmBase64 } from '../wasm/generated/powerflow-radial.wasm.js';
import { backwardForwardSweep } from './baseline/backward-forward-sweep.js';
import type { Engine } from './topology-solver.js';

/** The fixed per-position tables of a sweep (what does not change between solves). */
export interface SweepTables {
  /** Number of energized buses (positions). */
  n: number;
  /** Position of each position's parent. */
  parent: Int32Array;
  /** Series impedance seen from the child, p.u. (real / imaginary), per position. */
  zRe: Float64Array;
  zIm: Float64Array;
  /** Positions (ascending, ≥ 1) whose branch to the parent has a voltage ratio other than 1. */
  ratioPos: Int32Array;
  /** Complex voltage ratio m of each `ratioPos` entry (real / imaginary). */
  mRe: Float64Array;
  mIm: Float64Array;
  /** Positions (ascending, ≥ 1) with a shunt admittance (bus shunt plus lumped line charging). */
  shuntPos: Int32Array;
  /** Shunt admittance of each `shuntPos` entry, p.u. (conductance / susceptance). */
  yRe: Float64Array;
  yIm: Float64Array;
}

/** Views on the per-solve arrays; valid until the next `views()` call on the same workspace. */
export interface SweepViews {
  /** Constant-power consumption per position, p.u. (active / reactive). */
  pLoad: Float64Array;
  qLoad: Float64Array;
  /** Voltage per position, p.u. (real / imaginary): start point in, solution out. */
  vRe: Float64Array;
  vIm: Float64Array;
  /** ZIP loads per position (empty unless the workspace was created with zip): constant-current and
   *  constant-impedance consumption at 1 p.u. voltage, p.u. */
  pI: Float64Array;
  qI: Float64Array;
  pZ: Float64Array;
  qZ: Float64Array;
}

/** Result of one kernel run. */
export interface SweepRun {
  /** Kernel status code (ts/status.ts). */
  code: number;
  /** Sweeps done. */
  iterations: number;
  /** Largest |ΔV| of the last sweep, p.u. */
  maxDeltaPu: number;
}

/** One engine's sweep storage and kernel call. */
export interface SweepWorkspace {
  /** Which engine runs the kernel. */
  readonly engine: Engine;
  /** Current views on loads and voltages (positions). */
  views(): SweepViews;
  /** Runs the kernel on the current contents. */
  run(tolPu: number, maxIterations: number): SweepRun;
  /** Releases the storage. */
  dispose(): void;
}

/**
 * Creates the workspace for `tables` on the chosen engine (for WASM: its own module instance and arena); `zip`
 * adds the voltage-dependent load arrays.
 */
export function createSweepWorkspace(tables: SweepTables, engine: Engine, zip = false): SweepWorkspace {
  return engine === 'wasm' ? new WasmSweepWorkspace(tables, zip) : new TsSweepWorkspace(tables, zip);
}

class TsSweepWorkspace implements SweepWorkspace {
  readonly engine = 'ts' as const;
  private readonly t: SweepTables;
  private readonly v: SweepViews;
  private readonly jRe: Float64Array;
  private readonly jIm: Float64Array;
  private readonly info = new Float64Array(2);

  private readonly zip: number;

  constructor(t: SweepTables, zip: boolean) {
    this.t = t;
    const n = t.n;
    const nz = zip ? n : 0;
    this.zip = zip ? 1 : 0;
    this.v = {
      pLoad: new Float64Array(n), qLoad: new Float64Array(n), vRe: new Float64Array(n), vIm: new Float64Array(n),
      pI: new Float64Array(nz), qI: new Float64Array(nz), pZ: new Float64Array(nz), qZ: new Float64Array(nz),
    };
    this.jRe = new Float64Array(n);
    this.jIm = new Float64Array(n);
  }

  views(): SweepViews {
    return this.v;
  }

  run(tolPu: number, maxIterations: number): SweepRun {
    const t = this.t;
    const v = this.v;
    const code = backwardForwardSweep(
      t.n, t.parent, t.zRe, t.zIm, v.pLoad, v.qLoad, v.vRe, v.vIm, this.jRe, this.jIm,
      t.ratioPos.length, t.ratioPos, t.mRe, t.mIm, t.shuntPos.length, t.shuntPos, t.yRe, t.yIm,
      this.zip, v.pI, v.qI, v.pZ, v.qZ, tolPu, maxIterations, this.info,
    );
    return { code, iterations: this.info[0], maxDeltaPu: this.info[1] };
  }

  dispose(): void {}
}

interface RadialExports {
  backwardForwardSweep(
    n: number, parent: number, zRe: number, zIm: number, pLoad: number, qLoad: number, vRe: number, vIm: number,
    jRe: number, jIm: number, nRatio: number, ratioPos: number, mRe: number, mIm: number,
    nShunt: number, shuntPos: number, yRe: number, yIm: number, zip: number, pI: number, qI: number, pZ: number,
    qZ: number, tolPu: number, maxIterations: number, info: number,
  ): number;
}

class WasmSweepWorkspace implements SweepWorkspace {
  readonly engine = 'wasm' as const;
  private module: KernelModule<RadialExports> | null;
  private readonly n: number;
  private readonly nRatio: number;
  private readonly nShunt: number;
  private readonly p: {
    parent: number; zRe: number; zIm: number; pLoad: number; qLoad: number; vRe: number; vIm: number;
    jRe: number; jIm: number; ratioPos: number; mRe: number; mIm: number; shuntPos: number; yRe: number; yIm: number;
    pI: number; qI: number; pZ: number; qZ: number; info: number;
  };
  private readonly nZip: number;
  private buffer: ArrayBuffer | null = null;
  private v: SweepViews | null = null;
  private info: Float64Array | null = null;

  constructor(t: SweepTables, zip: boolean) {
    // One instance per workspace: its memory is ours alone, so sizing it once up front means it never grows again
    // and the views below stay valid (they are still re-checked against the live buffer on every use).
    const m = instantiateKernelModule<RadialExports>('powerflow-radial', powerflowRadialWasmBase64);
    this.module = m;
    const n = t.n;
    const nr = t.ratioPos.length;
    const ns = t.shuntPos.length;
    const nz = zip ? n : 0;
    m.arena.alloc((12 * n + 4 * nz) * 8 + n * 4 + nr * 20 + ns * 20 + 24 * 16); // one grow for everything
    m.arena.reset();
    const a = m.arena;
    this.n = n;
    this.nRatio = nr;
    this.nShunt = ns;
    this.nZip = nz;
    this.p = {
      parent: a.pushI32(t.parent),
      zRe: a.pushF64(t.zRe),
      zIm: a.pushF64(t.zIm),
      ratioPos: a.pushI32(t.ratioPos),
      mRe: a.pushF64(t.mRe),
      mIm: a.pushF64(t.mIm),
      shuntPos: a.pushI32(t.shuntPos),
      yRe: a.pushF64(t.yRe),
      yIm: a.pushF64(t.yIm),
      pLoad: a.allocF64(n),
      qLoad: a.allocF64(n),
      vRe: a.allocF64(n),
      vIm: a.allocF64(n),
      jRe: a.allocF64(n),
      jIm: a.allocF64(n),
      pI: a.allocF64(nz),
      qI: a.allocF64(nz),
      pZ: a.allocF64(nz),
      qZ: a.allocF64(nz),
      info: a.allocF64(2),
    };
  }

  private live(): KernelModule<RadialExports> {
    if (!this.module) throw new Error('sweep workspace used after dispose()');
    return this.module;
  }

  views(): SweepViews {
    const m = this.live();
    if (this.v === null || this.buffer !== m.exports.memory.buffer) {
      const a = m.arena;
      this.buffer = m.exports.memory.buffer;
      this.v = {
        pLoad: a.f64(this.p.pLoad, this.n),
        qLoad: a.f64(this.p.qLoad, this.n),
        vRe: a.f64(this.p.vRe, this.n),
        vIm: a.f64(this.p.vIm, this.n),
        pI: a.f64(this.p.pI, this.nZip),
        qI: a.f64(this.p.qI, this.nZip),
        pZ: a.f64(this.p.pZ, this.nZip),
        qZ: a.f64(this.p.qZ, this.nZip),
      };
      this.info = a.f64(this.p.info, 2);
    }
    return this.v;
  }

  run(tolPu: number, maxIterations: number): SweepRun {
    const m = this.live();
    const p = this.p;
    const code = m.exports.backwardForwardSweep(
      this.n, p.parent, p.zRe, p.zIm, p.pLoad, p.qLoad, p.vRe, p.vIm, p.jRe, p.jIm,
      this.nRatio, p.ratioPos, p.mRe, p.mIm, this.nShunt, p.shuntPos, p.yRe, p.yIm,
      this.nZip > 0 ? 1 : 0, p.pI, p.qI, p.pZ, p.qZ, tolPu, maxIterations, p.info,
    );
    this.views();
    const info = this.info as Float64Array;
    return { code: code === undefined ? KernelStatus.INVALID_INPUT : code, iterations: info[0], maxDeltaPu: info[1] };
  }

  dispose(): void {
    this.module = null;
    this.v = null;
    this.info = null;
    this.buffer = null;
  }
}
