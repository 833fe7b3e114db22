/** The WebAssembly engine of Newton-Raphson: one module instance (own memory) per solver, sized once. */
import type { CompiledNetwork } from '../../network/compiled-network.js';
import { KernelStatus } from '../../status.js';
import { instantiateKernelModule, type KernelModule } from '../../wasm/kernel-module.js';
import { powerflowNewtonWasmBase64 } from '../../wasm/generated/powerflow-newton.wasm.js';
import { initialLuCapacity, type NewtonEngine } from './newton-engine.js';
import { initialOrderingPool, type MinimumDegreeOrdering } from './minimum-degree-ordering.js';
import type { NewtonPlan } from './newton-symbolic.js';

/** Raw exports of the powerflow-newton artifact (pointers are byte offsets; see assembly/powerflow/). */
export interface NewtonKernelExports {
  buildYbus(nBus: number, nBranch: number, rPu: number, xPu: number, bPu: number, tap: number, shiftRad: number,
    gsPu: number, bsPu: number, posFf: number, posFt: number, posTf: number, posTt: number, diagPos: number,
    nnzY: number, yRe: number, yIm: number): number;
  luFactor(n: number, aP: number, aI: number, aX: number, q: number, lP: number, lI: number, lX: number, lCap: number,
    uP: number, uI: number, uX: number, uCap: number, pinv: number, x: number, xi: number, mark: number): number;
  luSolve(n: number, lP: number, lI: number, lX: number, uP: number, uI: number, uX: number, pinv: number, q: number,
    b: number, x: number): number;
  newtonSolve(nBus: number, yPtr: number, yIdx: number, yRe: number, yIm: number, nPvpq: number, nPq: number,
    pvpqBus: number, pqBus: number, jP: number, jI: number, jSrc: number, jX: number, q: number, sRe: number,
    sIm: number, vm: number, va: number, vRe: number, vIm: number, iRe: number, iIm: number, ds: number, f: number,
    lP: number, lI: number, lX: number, lCap: number, uP: number, uI: number, uX: number, uCap: number, pinv: number,
    x: number, xi: number, mark: number, luState: number, tol: number, maxIter: number, out: number): number;
  minimumDegreeOrder(n: number, adjPtr: number, adjIdx: number, active: number, weight: number, order: number,
    colWeight: number, poolA: number, poolB: number, poolCap: number, start: number, len: number, head: number,
    next: number, prev: number, mark: number): number;
  luRefactor(n: number, aP: number, aI: number, aX: number, q: number, lP: number, lI: number, lX: number, uP: number,
    uI: number, uX: number, pinv: number, x: number): number;
}

/** A fresh instance of the powerflow-newton module with its own memory and arena. */
export function instantiateNewtonKernels(): KernelModule<NewtonKernelExports> {
  return instantiateKernelModule<NewtonKernelExports>('powerflow-newton', powerflowNewtonWasmBase64);
}

/** The WASM engine of the minimum-degree ordering, run in `mod`'s arena (space released afterwards). */
export function minimumDegreeWasm(mod: KernelModule<NewtonKernelExports>): MinimumDegreeOrdering {
  return (n, adjPtr, adjIdx, active, weight) => {
    const a = mod.arena;
    const base = a.mark();
    try {
      const count = active.reduce((s, v) => s + (v ? 1 : 0), 0);
      const pp = a.pushI32(adjPtr);
      const pi = a.pushI32(adjIdx);
      const pa = a.pushI32(active);
      const pw = a.pushI32(weight);
      const po = a.allocI32(count);
      const pc = a.allocI32(n);
      const w = [a.allocI32(n), a.allocI32(n), a.allocI32(n), a.allocI32(n), a.allocI32(n), a.allocI32(n)] as const;
      const poolMark = a.mark();
      for (let cap = initialOrderingPool(n, adjPtr[n]); ; cap *= 2) {
        a.reset(poolMark);
        const pA = a.allocI32(cap);
        const pB = a.allocI32(cap);
        const st = mod.exports.minimumDegreeOrder(n, pp, pi, pa, pw, po, pc, pA, pB, cap, ...w);
        if (st === KernelStatus.OK) return { order: a.i32(po, count).slice(), colWeight: a.i32(pc, n).slice() };
        if (st !== KernelStatus.WORKSPACE_TOO_SMALL) throw new RangeError(`minimumDegreeOrder failed with status ${st}`);
      }
    } finally {
      a.reset(base);
    }
  };
}

/** Builds Ybus with the WASM kernel and lays out the whole workspace in `mod` (a fresh instance by default). */
export function createWasmNewtonEngine(
  net: CompiledNetwork,
  plan: NewtonPlan,
  luCapacity?: number,
  mod: KernelModule<NewtonKernelExports> = instantiateNewtonKernels(),
): NewtonEngine {
  const k = mod.exports;
  const a = mod.arena;
  const { nBus, n, nnzY, nBranch } = plan;
  const nPvpq = plan.pvpqBus.length;
  const nPq = plan.pqBus.length;
  let cap = luCapacity ?? initialLuCapacity(plan.luNnzEstimate, n);
  // Grow the memory once for (about) the whole workspace, so later allocations rarely grow it; growth is safe
  // anyway (views are re-created on every call) but each grow detaches buffers and slows V8's typed arrays.
  const bytes = 8 * (2 * nnzY + plan.jI.length + 8 * nBus + 4 * nnzY + 2 * n + 2 + 2 * nBranch * 3 + 2 * nBus)
    + 4 * (nBus + 1 + nnzY + 4 * nBranch + nBus + nPvpq + nPq + 2 * plan.jI.length + n + 1 + n + 2 * (n + 1) + 4 * n)
    + 12 * 2 * cap + 64 * 64;
  a.ensureFits(bytes, `Newton-Raphson workspace of ${nBus} buses`);
  const need = a.mark() + bytes - a.memory.buffer.byteLength;
  if (need > 0) a.memory.grow(Math.ceil(need / 65536));

  const yPtr = a.pushI32(plan.yPtr);
  const yIdx = a.pushI32(plan.yIdx);
  const yRe = a.allocF64(nnzY);
  const yIm = a.allocF64(nnzY);
  const mark0 = a.mark();
  const rPu = a.pushF64(net.rPu);
  const xPu = a.pushF64(net.xPu);
  const bPu = a.pushF64(net.bPu);
  const tap = a.pushF64(net.tap);
  const shift = a.pushF64(net.shiftRad);
  const gs = a.pushF64(net.gsPu);
  const bs = a.pushF64(net.bsPu);
  const pff = a.pushI32(plan.posFf);
  const pft = a.pushI32(plan.posFt);
  const ptf = a.pushI32(plan.posTf);
  const ptt = a.pushI32(plan.posTt);
  const dpos = a.pushI32(plan.diagPos);
  const st = k.buildYbus(nBus, nBranch, rPu, xPu, bPu, tap, shift, gs, bs, pff, pft, ptf, ptt, dpos, nnzY, yRe, yIm);
  if (st !== KernelStatus.OK) throw new RangeError(`buildYbus failed with status ${st}`);
  a.reset(mark0); // the branch data is only needed to build Ybus

  const pvpq = a.pushI32(plan.pvpqBus);
  const pq = a.pushI32(plan.pqBus);
  const jP = a.pushI32(plan.jP);
  const jI = a.pushI32(plan.jI);
  const jSrc = a.pushI32(plan.jSrc);
  const jX = a.allocF64(plan.jI.length);
  const q = a.pushI32(plan.q);
  const sRe = a.allocF64(nBus);
  const sIm = a.allocF64(nBus);
  const vm = a.allocF64(nBus);
  const va = a.allocF64(nBus);
  const vRe = a.allocF64(nBus);
  const vIm = a.allocF64(nBus);
  const iRe = a.allocF64(nBus);
  const iIm = a.allocF64(nBus);
  const ds = a.allocF64(4 * nnzY);
  const f = a.allocF64(n);
  const lP = a.allocI32(n + 1);
  const uP = a.allocI32(n + 1);
  const pinv = a.allocI32(n);
  const x = a.allocF64(n);
  const xi = a.allocI32(2 * n);
  const mark = a.allocI32(n);
  const out = a.allocF64(2);
  const luState = a.allocI32(1);
  const luMark = a.mark();
  let lI = 0;
  let lX = 0;
  let uI = 0;
  let uX = 0;
  const allocLu = (): void => {
    a.reset(luMark);
    a.i32(luState, 1)[0] = 0;
    lI = a.allocI32(cap);
    uI = a.allocI32(cap);
    lX = a.allocF64(cap);
    uX = a.allocF64(cap);
  };
  allocLu();
  return {
    engine: 'wasm',
    get luCapacity() {
      return cap;
    },
    run(sReIn, sImIn, vmIn, vaIn, tol, maxIter, outIn) {
      a.f64(sRe, nBus).set(sReIn);
      a.f64(sIm, nBus).set(sImIn);
      a.f64(vm, nBus).set(vmIn);
      a.f64(va, nBus).set(vaIn);
      const status = k.newtonSolve(nBus, yPtr, yIdx, yRe, yIm, nPvpq, nPq, pvpq, pq, jP, jI, jSrc, jX, q, sRe, sIm,
        vm, va, vRe, vIm, iRe, iIm, ds, f, lP, lI, lX, cap, uP, uI, uX, cap, pinv, x, xi, mark, luState, tol, maxIter, out);
      vmIn.set(a.f64(vm, nBus));
      vaIn.set(a.f64(va, nBus));
      outIn.set(a.f64(out, 2));
      return status;
    },
    enlargeLu() {
      cap *= 2;
      allocLu();
    },
    dispose() {
      a.reset();
    },
  };
}
