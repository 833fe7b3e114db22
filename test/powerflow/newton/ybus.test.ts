/**
 * buildYbus (WASM and TS twins) on seeded random branch data with taps, phase shifts, negative reactances,
 * out-of-service branches, parallel branches and shunts, against a dense Ybus assembled in the test from
 * MATPOWER's makeYbus formulas in complex form (Yft = −ys/conj(τe^{jθ}), Ytf = −ys/(τe^{jθ})).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import { KernelStatus } from '../../../ts/status.js';
import { buildYbus } from '../../../ts/powerflow/newton/baseline/ybus.js';
import { analyzeNewtonTopology } from '../../../ts/powerflow/newton/newton-symbolic.js';
import { instantiateNewtonKernels } from '../../../ts/powerflow/newton/newton-wasm-engine.js';
import { branchY } from './power-flow-reference.js';
import { randomNetwork } from './random-network.js';

describe('buildYbus (WASM and TS twins)', () => {
  it('matches a dense makeYbus reference on seeded random networks', () => {
    const rng = new Rng(2026);
    for (let trial = 0; trial < 5; trial++) {
      const net = randomNetwork(rng.fork(trial), 20 + trial * 7, 45 + trial * 11);
      const plan = analyzeNewtonTopology(net);
      const args = [plan.nBus, plan.nBranch] as const;
      const yRe = new Float64Array(plan.nnzY);
      const yIm = new Float64Array(plan.nnzY);
      expect(buildYbus(...args, net.rPu, net.xPu, net.bPu, net.tap, net.shiftRad, net.gsPu, net.bsPu, plan.posFf,
        plan.posFt, plan.posTf, plan.posTt, plan.diagPos, plan.nnzY, yRe, yIm)).toBe(KernelStatus.OK);

      const { exports: k, arena: a } = instantiateNewtonKernels();
      const wRe = a.allocF64(plan.nnzY);
      const wIm = a.allocF64(plan.nnzY);
      expect(k.buildYbus(...args, a.pushF64(net.rPu), a.pushF64(net.xPu), a.pushF64(net.bPu), a.pushF64(net.tap),
        a.pushF64(net.shiftRad), a.pushF64(net.gsPu), a.pushF64(net.bsPu), a.pushI32(plan.posFf), a.pushI32(plan.posFt),
        a.pushI32(plan.posTf), a.pushI32(plan.posTt), a.pushI32(plan.diagPos), plan.nnzY, wRe, wIm)).toBe(KernelStatus.OK);
      // Twins: same operations, but sin/cos of the phase shift come from different Math libraries.
      const wr = a.f64(wRe, plan.nnzY);
      const wi = a.f64(wIm, plan.nnzY);
      for (let p = 0; p < plan.nnzY; p++) {
        expect(Math.abs(wr[p] - yRe[p])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(yRe[p])));
        expect(Math.abs(wi[p] - yIm[p])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(yIm[p])));
      }

      const n = net.nBus;
      const dRe = Array.from({ length: n }, () => new Float64Array(n));
      const dIm = Array.from({ length: n }, () => new Float64Array(n));
      for (let l = 0; l < net.nBranch; l++) {
        if (!net.branchStatus[l]) continue;
        const y = branchY(net, l);
        const f = net.fromBus[l];
        const t = net.toBus[l];
        ([[f, f], [f, t], [t, f], [t, t]] as const).forEach(([i, j], c) => {
          dRe[i][j] += y[c][0];
          dIm[i][j] += y[c][1];
        });
      }
      for (let i = 0; i < n; i++) {
        dRe[i][i] += net.gsPu[i];
        dIm[i][i] += net.bsPu[i];
      }
      let seen = 0;
      for (let i = 0; i < n; i++) {
        for (let p = plan.yPtr[i]; p < plan.yPtr[i + 1]; p++) {
          const j = plan.yIdx[p];
          // Relative 1e-12: both sides sum the same few terms in a different order.
          expect(Math.abs(yRe[p] - dRe[i][j])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(dRe[i][j])));
          expect(Math.abs(yIm[p] - dIm[i][j])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(dIm[i][j])));
          dRe[i][j] = 0;
          dIm[i][j] = 0;
          seen++;
        }
      }
      // Nothing of the dense reference lies outside the sparse pattern.
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(dRe[i][j] === 0 && dIm[i][j] === 0).toBe(true);
      expect(seen).toBe(plan.nnzY);
    }
  });
});
