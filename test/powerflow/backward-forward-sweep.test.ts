import { describe, expect, it } from 'vitest';
import { Rng } from '../../ts/random.js';
import { KernelStatus } from '../../ts/status.js';
import { backwardForwardSweep } from '../../ts/powerflow/baseline/backward-forward-sweep.js';
import { createSweepWorkspace, type SweepTables } from '../../ts/powerflow/sweep-workspace.js';

/** A seeded random feeder in topological positions: 80 % continue the lateral, 20 % branch off. */
function randomTables(rng: Rng, n: number, withRatio: boolean, withShunt: boolean): SweepTables {
  const parent = new Int32Array(n);
  for (let i = 1; i < n; i++) parent[i] = rng.next() < 0.8 ? i - 1 : rng.int(i);
  const f = (g: () => number): Float64Array => Float64Array.from({ length: n }, g);
  const ratioPos: number[] = [];
  const shuntPos: number[] = [];
  for (let i = 1; i < n; i++) {
    if (withRatio && rng.next() < 0.1) ratioPos.push(i);
    if (withShunt && rng.next() < 0.3) shuntPos.push(i);
  }
  return {
    n,
    parent,
    // Impedances scaled so the deepest path is about 0.1 p.u. whatever n is.
    zRe: f(() => rng.uniform(0.5, 1.5) * (0.1 / n)),
    zIm: f(() => rng.uniform(0.5, 1.5) * (0.1 / n)),
    ratioPos: Int32Array.from(ratioPos),
    mRe: Float64Array.from(ratioPos, () => rng.uniform(0.95, 1.05)),
    mIm: Float64Array.from(ratioPos, () => (rng.next() < 0.5 ? rng.uniform(-0.05, 0.05) : 0)),
    shuntPos: Int32Array.from(shuntPos),
    yRe: Float64Array.from(shuntPos, () => rng.uniform(0, 1e-3)),
    yIm: Float64Array.from(shuntPos, () => rng.uniform(-1e-3, 2e-3)),
  };
}

/** Tables with no ratios and no shunts. */
function plainTables(parent: Int32Array, zRe: Float64Array, zIm: Float64Array): SweepTables {
  const e = new Float64Array(0);
  return { n: parent.length, parent, zRe, zIm, ratioPos: new Int32Array(0), mRe: e, mIm: e, shuntPos: new Int32Array(0), yRe: e, yIm: e };
}

function runBoth(t: SweepTables, pLoad: Float64Array, qLoad: Float64Array, tol: number, maxIt: number) {
  return (['wasm', 'ts'] as const).map((engine) => {
    const ws = createSweepWorkspace(t, engine);
    const v = ws.views();
    v.pLoad.set(pLoad);
    v.qLoad.set(qLoad);
    v.vRe.fill(1);
    v.vIm.fill(0);
    const run = ws.run(tol, maxIt);
    const out = ws.views();
    const res = { run, vRe: out.vRe.slice(), vIm: out.vIm.slice() };
    ws.dispose();
    return res;
  });
}

describe('backwardForwardSweep kernel (WASM vs TS twin)', () => {
  for (const [withRatio, withShunt] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    it(`gives bit-identical results on seeded random feeders (ratio ${withRatio}, shunts ${withShunt})`, () => {
      const rng = new Rng(20261125 + (withRatio ? 1 : 0) + (withShunt ? 2 : 0));
      for (const n of [2, 17, 500, 5000]) {
        const t = randomTables(rng, n, withRatio, withShunt);
        const p = Float64Array.from({ length: n }, () => rng.uniform(-0.2, 1) * (1 / n));
        const q = Float64Array.from({ length: n }, () => rng.uniform(-0.2, 0.5) * (1 / n));
        p[0] = 0;
        q[0] = 0;
        const [w, s] = runBoth(t, p, q, 1e-10, 200);
        expect(w.run).toEqual(s.run);
        expect(w.run.code).toBe(KernelStatus.OK);
        expect(Array.from(w.vRe)).toEqual(Array.from(s.vRe));
        expect(Array.from(w.vIm)).toEqual(Array.from(s.vIm));
        for (let i = 0; i < n; i++) expect(Number.isFinite(w.vRe[i])).toBe(true);
      }
    });
  }

  it('gives bit-identical results with ZIP loads on a seeded random feeder', () => {
    const rng = new Rng(77);
    const n = 3000;
    const t = randomTables(rng, n, true, true);
    const out = (['wasm', 'ts'] as const).map((engine) => {
      const ws = createSweepWorkspace(t, engine, true);
      const v = ws.views();
      const r2 = new Rng(5);
      for (let i = 1; i < n; i++) {
        v.pLoad[i] = r2.uniform(0, 0.4) / n;
        v.qLoad[i] = r2.uniform(0, 0.2) / n;
        v.pI[i] = r2.uniform(0, 0.3) / n;
        v.qI[i] = r2.uniform(0, 0.1) / n;
        v.pZ[i] = r2.uniform(0, 0.3) / n;
        v.qZ[i] = r2.uniform(0, 0.1) / n;
      }
      v.vRe.fill(1);
      v.vIm.fill(0);
      const run = ws.run(1e-12, 100);
      const w = ws.views();
      return { run, vRe: w.vRe.slice(), vIm: w.vIm.slice() };
    });
    expect(out[0].run.code).toBe(KernelStatus.OK);
    expect(out[0].run).toEqual(out[1].run);
    expect(Array.from(out[0].vRe)).toEqual(Array.from(out[1].vRe));
    expect(Array.from(out[0].vIm)).toEqual(Array.from(out[1].vIm));
  });

  it('solves a two-bus line exactly (closed-form check)', () => {
    // V2 = 1 − z·conj(S/V2) has the closed form from |V2|² = … ; check the fixed point satisfies it to 1e-14.
    const t = plainTables(Int32Array.of(0, 0), Float64Array.of(0, 0.01), Float64Array.of(0, 0.02));
    const [w] = runBoth(t, Float64Array.of(0, 1.0), Float64Array.of(0, 0.5), 1e-15, 200);
    const vr = w.vRe[1];
    const vi = w.vIm[1];
    // Current drawn conj(S/V) and the voltage drop it causes.
    const d = vr * vr + vi * vi;
    const ir = (1.0 * vr + 0.5 * vi) / d;
    const ii = (1.0 * vi - 0.5 * vr) / d;
    expect(vr).toBeCloseTo(1 - (0.01 * ir - 0.02 * ii), 14);
    expect(vi).toBeCloseTo(-(0.01 * ii + 0.02 * ir), 14);
    // Power delivered = load + I²R, from the slack side.
    const pSlack = ir; // V1 = 1 ⇒ S1 = conj(I)… P = Re(I)
    expect(pSlack).toBeCloseTo(1.0 + (ir * ir + ii * ii) * 0.01, 12);
  });

  it('reports max-iterations, diverged and invalid-input as statuses on both engines', () => {
    const t = plainTables(Int32Array.of(0, 0, 1), Float64Array.of(0, 0.05, 0.05), Float64Array.of(0, 0.05, 0.05));
    const p = Float64Array.of(0, 0.5, 0.5);
    const q = Float64Array.of(0, 0.2, 0.2);
    for (const r of runBoth(t, p, q, 1e-12, 1)) {
      expect(r.run.code).toBe(KernelStatus.MAX_ITERATIONS);
      expect(r.run.iterations).toBe(1);
    }
    // A load far beyond the nose of the PV curve: voltages collapse through zero to non-finite values.
    const huge = Float64Array.of(0, 1e6, 1e6);
    for (const r of runBoth(t, huge, huge, 1e-12, 500)) {
      expect([KernelStatus.DIVERGED, KernelStatus.MAX_ITERATIONS]).toContain(r.run.code);
    }
    const info = new Float64Array(2);
    const z = new Float64Array(3);
    const none = new Int32Array(0);
    const call = (n: number, nRatio: number, tol: number): number =>
      backwardForwardSweep(n, t.parent, z, z, z, z, z, z, z, z, nRatio, none, z, z, 0, none, z, z, 0, z, z, z, z, tol, 10, info);
    expect(call(0, 0, 1e-8)).toBe(KernelStatus.INVALID_INPUT);
    expect(call(3, 0, -1)).toBe(KernelStatus.INVALID_INPUT);
    expect(call(3, -1, 1e-8)).toBe(KernelStatus.INVALID_INPUT);
  });
});
