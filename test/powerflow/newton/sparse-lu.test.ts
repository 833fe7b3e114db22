/**
 * Sparse LU kernels (luFactor / luSolve): WASM and TS twins on the same seeded random matrices, checked against
 * the residual ‖A·x − b‖ (an independent check needing no reference factorization) and against each other.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import { KernelStatus } from '../../../ts/status.js';
import { luFactor, luRefactor, luSolve } from '../../../ts/powerflow/newton/baseline/sparse-lu.js';
import { instantiateNewtonKernels } from '../../../ts/powerflow/newton/newton-wasm-engine.js';

interface Csc {
  n: number;
  p: Int32Array;
  i: Int32Array;
  x: Float64Array;
}

/** Random n×n CSC matrix with a symmetric pattern (avg `deg` off-diagonals per column); diagonal scaled by `diag`. */
function randomMatrix(rng: Rng, n: number, deg: number, diag: number): Csc {
  const cols: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let j = 0; j < n; j++) cols[j].set(j, diag * rng.uniform(0.5, 2) * (rng.chance(0.5) ? 1 : -1));
  for (let e = 0; e < (n * deg) / 2; e++) {
    const a = rng.int(n);
    const b = rng.int(n);
    if (a === b) continue;
    cols[a].set(b, rng.uniform(-1, 1));
    cols[b].set(a, rng.uniform(-1, 1));
  }
  const p = new Int32Array(n + 1);
  const i: number[] = [];
  const x: number[] = [];
  for (let j = 0; j < n; j++) {
    for (const [r, v] of cols[j]) {
      i.push(r);
      x.push(v);
    }
    p[j + 1] = i.length;
  }
  return { n, p, i: Int32Array.from(i), x: Float64Array.from(x) };
}

function residual(a: Csc, x: Float64Array, b: Float64Array): number {
  const r = Float64Array.from(b, (v) => -v);
  for (let j = 0; j < a.n; j++) for (let p = a.p[j]; p < a.p[j + 1]; p++) r[a.i[p]] += a.x[p] * x[j];
  let m = 0;
  for (const v of r) m = Math.max(m, Math.abs(v));
  return m / Math.max(...Array.from(b, Math.abs));
}

interface LuRun {
  status: number;
  x: Float64Array;
  lnz: number;
  /** Status of luRefactor on `a2` (same pattern, new values) after luFactor on `a`, and its solution. */
  refactorStatus?: number;
  x2?: Float64Array;
}

function runTs(a: Csc, q: Int32Array, b: Float64Array, cap: number, a2?: Csc): LuRun {
  const n = a.n;
  const lP = new Int32Array(n + 1);
  const uP = new Int32Array(n + 1);
  const lI = new Int32Array(cap);
  const uI = new Int32Array(cap);
  const lX = new Float64Array(cap);
  const uX = new Float64Array(cap);
  const pinv = new Int32Array(n);
  const w = new Float64Array(n);
  const st = luFactor(n, a.p, a.i, a.x, q, lP, lI, lX, cap, uP, uI, uX, cap, pinv, w, new Int32Array(2 * n), new Int32Array(n));
  const x = b.slice();
  if (st === KernelStatus.OK) luSolve(n, lP, lI, lX, uP, uI, uX, pinv, q, x, w);
  const run: LuRun = { status: st, x, lnz: lP[n] };
  if (a2 && st === KernelStatus.OK) {
    run.refactorStatus = luRefactor(n, a2.p, a2.i, a2.x, q, lP, lI, lX, uP, uI, uX, pinv, w);
    run.x2 = b.slice();
    if (run.refactorStatus === KernelStatus.OK) luSolve(n, lP, lI, lX, uP, uI, uX, pinv, q, run.x2, w);
  }
  return run;
}

function runWasm(a: Csc, q: Int32Array, b: Float64Array, cap: number, a2?: Csc): LuRun {
  const { exports: k, arena } = instantiateNewtonKernels();
  const n = a.n;
  const ap = arena.pushI32(a.p);
  const ai = arena.pushI32(a.i);
  const ax = arena.pushF64(a.x);
  const qq = arena.pushI32(q);
  const lP = arena.allocI32(n + 1);
  const uP = arena.allocI32(n + 1);
  const lI = arena.allocI32(cap);
  const uI = arena.allocI32(cap);
  const lX = arena.allocF64(cap);
  const uX = arena.allocF64(cap);
  const pinv = arena.allocI32(n);
  const w = arena.allocF64(n);
  const xi = arena.allocI32(2 * n);
  const mark = arena.allocI32(n);
  const bp = arena.pushF64(b);
  const st = k.luFactor(n, ap, ai, ax, qq, lP, lI, lX, cap, uP, uI, uX, cap, pinv, w, xi, mark);
  if (st === KernelStatus.OK) k.luSolve(n, lP, lI, lX, uP, uI, uX, pinv, qq, bp, w);
  const run: LuRun = { status: st, x: arena.f64(bp, n).slice(), lnz: arena.i32(lP, n + 1)[n] };
  if (a2 && st === KernelStatus.OK) {
    const ax2 = arena.pushF64(a2.x);
    const b2 = arena.pushF64(b);
    run.refactorStatus = k.luRefactor(n, ap, ai, ax2, qq, lP, lI, lX, uP, uI, uX, pinv, w);
    if (run.refactorStatus === KernelStatus.OK) k.luSolve(n, lP, lI, lX, uP, uI, uX, pinv, qq, b2, w);
    run.x2 = arena.f64(b2, n).slice();
  }
  return run;
}

describe('sparse LU (WASM and TS twins)', () => {
  const rng = new Rng(20261125);
  const cases: { n: number; deg: number; diag: number; label: string }[] = [
    { n: 40, deg: 3, diag: 4, label: 'diagonally dominant' },
    { n: 300, deg: 4, diag: 1, label: 'no dominance' },
    { n: 200, deg: 3, diag: 1e-3, label: 'tiny diagonals (forces off-diagonal pivots)' },
    { n: 500, deg: 5, diag: 2, label: 'larger' },
  ];
  for (const c of cases) {
    it(`solves random ${c.label} systems to a small residual, both engines identically`, () => {
      const r = rng.fork(c.label);
      const a = randomMatrix(r, c.n, c.deg, c.diag);
      const q = Int32Array.from(r.shuffle(Array.from({ length: c.n }, (_, i) => i)));
      const b = Float64Array.from({ length: c.n }, () => r.uniform(-1, 1));
      const cap = c.n * c.n; // dense bound: never too small here
      const ts = runTs(a, q, b, cap);
      const wasm = runWasm(a, q, b, cap);
      expect(ts.status).toBe(KernelStatus.OK);
      expect(wasm.status).toBe(KernelStatus.OK);
      // Tolerance: backward-stable LU gives ~1e-15·cond; random systems of this size are well within 1e-9.
      expect(residual(a, ts.x, b)).toBeLessThan(1e-9);
      // Same IEEE operations in the same order: the twins agree bit for bit.
      expect(Array.from(wasm.x)).toEqual(Array.from(ts.x));
      expect(wasm.lnz).toBe(ts.lnz);
    });
  }

  it('refactors new values on the old pivot order and pattern, and refuses when a pivot becomes too small', () => {
    const r = new Rng(99);
    const n = 200;
    const a = randomMatrix(r, n, 4, 3);
    const q = Int32Array.from({ length: n }, (_, i) => i);
    const b = Float64Array.from({ length: n }, () => r.uniform(-1, 1));
    // Same pattern, values perturbed by up to ±20 %: the old pivots stay acceptable.
    const a2: Csc = { ...a, x: a.x.map((v) => v * r.uniform(0.8, 1.2)) };
    const ts = runTs(a, q, b, n * n, a2);
    const wasm = runWasm(a, q, b, n * n, a2);
    expect(ts.refactorStatus).toBe(KernelStatus.OK);
    expect(wasm.refactorStatus).toBe(KernelStatus.OK);
    expect(residual(a2, ts.x2!, b)).toBeLessThan(1e-9);
    expect(Array.from(wasm.x2!)).toEqual(Array.from(ts.x2!));
    // The first column's diagonal (pivot of step 0 with q = identity) set to zero: refactor must refuse.
    const a3: Csc = { ...a, x: a.x.slice() };
    for (let p = a.p[0]; p < a.p[1]; p++) if (a.i[p] === 0) a3.x[p] = 0;
    expect(runTs(a, q, b, n * n, a3).refactorStatus).toBe(KernelStatus.SINGULAR);
    expect(runWasm(a, q, b, n * n, a3).refactorStatus).toBe(KernelStatus.SINGULAR);
  });

  it('pivots off the diagonal when a diagonal entry is zero', () => {
    // [[0, 1], [1, 0]] · x = [2, 3] → x = [3, 2]; a diagonal-only factorization would divide by zero.
    const a: Csc = { n: 2, p: Int32Array.from([0, 2, 4]), i: Int32Array.from([0, 1, 0, 1]), x: Float64Array.from([0, 1, 1, 0]) };
    const b = Float64Array.from([2, 3]);
    for (const run of [runTs, runWasm]) {
      const r = run(a, Int32Array.from([0, 1]), b, 10);
      expect(r.status).toBe(KernelStatus.OK);
      expect(Array.from(r.x)).toEqual([3, 2]);
    }
  });

  it('reports SINGULAR for a structurally and a numerically singular matrix', () => {
    // Column 1 empty of nonzeros (structural), and two identical columns (numerical).
    const structural: Csc = { n: 2, p: Int32Array.from([0, 2, 3]), i: Int32Array.from([0, 1, 1]), x: Float64Array.from([1, 2, 0]) };
    const numerical: Csc = { n: 2, p: Int32Array.from([0, 2, 4]), i: Int32Array.from([0, 1, 0, 1]), x: Float64Array.from([1, 3, 1, 3]) };
    for (const run of [runTs, runWasm]) {
      expect(run(structural, Int32Array.from([0, 1]), Float64Array.from([1, 1]), 10).status).toBe(KernelStatus.SINGULAR);
      expect(run(numerical, Int32Array.from([0, 1]), Float64Array.from([1, 1]), 10).status).toBe(KernelStatus.SINGULAR);
    }
  });

  it('reports WORKSPACE_TOO_SMALL instead of writing past its capacity', () => {
    const a = randomMatrix(new Rng(7), 100, 6, 1);
    const q = Int32Array.from({ length: 100 }, (_, i) => i);
    const b = new Float64Array(100).fill(1);
    for (const run of [runTs, runWasm]) expect(run(a, q, b, 150).status).toBe(KernelStatus.WORKSPACE_TOO_SMALL);
  });
});
