/** The pure-TypeScript engine of Newton-Raphson: the baseline twins over ordinary typed arrays. */
import type { CompiledNetwork } from '../../network/compiled-network.js';
import { KernelStatus } from '../../status.js';
import { buildYbus } from './baseline/ybus.js';
import { newtonSolve } from './baseline/newton-raphson.js';
import { initialLuCapacity, type NewtonEngine } from './newton-engine.js';
import type { NewtonPlan } from './newton-symbolic.js';

/** Builds Ybus with the TS twin and sizes the numeric workspace. Throws RangeError if buildYbus rejects a branch. */
export function createTsNewtonEngine(net: CompiledNetwork, plan: NewtonPlan, luCapacity?: number): NewtonEngine {
  const { nBus, n } = plan;
  const yRe = new Float64Array(plan.nnzY);
  const yIm = new Float64Array(plan.nnzY);
  const st = buildYbus(nBus, plan.nBranch, net.rPu, net.xPu, net.bPu, net.tap, net.shiftRad, net.gsPu, net.bsPu,
    plan.posFf, plan.posFt, plan.posTf, plan.posTt, plan.diagPos, plan.nnzY, yRe, yIm);
  if (st !== KernelStatus.OK) throw new RangeError(`buildYbus failed with status ${st}`);
  const jX = new Float64Array(plan.jI.length);
  const vRe = new Float64Array(nBus);
  const vIm = new Float64Array(nBus);
  const iRe = new Float64Array(nBus);
  const iIm = new Float64Array(nBus);
  const ds = new Float64Array(4 * plan.nnzY);
  const f = new Float64Array(n);
  const lP = new Int32Array(n + 1);
  const uP = new Int32Array(n + 1);
  const pinv = new Int32Array(n);
  const x = new Float64Array(n);
  const xi = new Int32Array(2 * n);
  const mark = new Int32Array(n);
  const luState = new Int32Array(1);
  let cap = luCapacity ?? initialLuCapacity(plan.luNnzEstimate, n);
  let lI = new Int32Array(cap);
  let lX = new Float64Array(cap);
  let uI = new Int32Array(cap);
  let uX = new Float64Array(cap);
  return {
    engine: 'ts',
    get luCapacity() {
      return cap;
    },
    run(sRe, sIm, vm, va, tol, maxIter, out) {
      return newtonSolve(nBus, plan.yPtr, plan.yIdx, yRe, yIm, plan.pvpqBus.length, plan.pqBus.length, plan.pvpqBus,
        plan.pqBus, plan.jP, plan.jI, plan.jSrc, jX, plan.q, sRe, sIm, vm, va, vRe, vIm, iRe, iIm, ds, f,
        lP, lI, lX, cap, uP, uI, uX, cap, pinv, x, xi, mark, luState, tol, maxIter, out);
    },
    enlargeLu() {
      cap *= 2;
      luState[0] = 0;
      lI = new Int32Array(cap);
      lX = new Float64Array(cap);
      uI = new Int32Array(cap);
      uX = new Float64Array(cap);
    },
    dispose() {},
  };
}
