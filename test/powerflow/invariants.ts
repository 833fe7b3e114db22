// Checks every power-flow result must satisfy, whatever the method or engine.
import { expect } from 'vitest';
import type { CompiledNetwork } from '../../ts/network/compiled-network.js';
import type { PowerFlowResult } from '../../ts/powerflow/power-flow-result.js';
import type { ZipLoadModel } from '../../ts/powerflow/zip-load.js';

/**
 * Finite numbers everywhere; for converged results: mismatch ≤ tolerance, and power balance
 * Σgen = Σload + Σlosses + shunt consumption within 1e-8 p.u. plus the bus mismatches it may accumulate
 * (nBus · maxMismatchPu).
 */
export function expectInvariants(net: CompiledNetwork, r: PowerFlowResult, tolerancePu = 1e-8, zip?: ZipLoadModel): void {
  for (const a of [r.vmPu, r.vaDeg, r.pFromMw, r.qFromMvar, r.pToMw, r.qToMvar, r.pGenMw, r.qGenMvar]) {
    for (let i = 0; i < a.length; i++) expect(Number.isFinite(a[i])).toBe(true);
  }
  expect(Number.isFinite(r.lossesMw)).toBe(true);
  expect(Number.isNaN(r.maxMismatchPu)).toBe(false);
  for (const x of [...r.loadingPercent, ...r.currentFromKa, ...r.currentToKa]) expect(x === null || Number.isFinite(x)).toBe(true);
  expect(r.converged).toBe(r.status === 'converged');
  if (!r.converged) return;
  expect(r.maxMismatchPu).toBeLessThanOrEqual(tolerancePu);
  const unsupplied = new Set(r.unsuppliedBusIds);
  let pGen = 0;
  let qGen = 0;
  for (let g = 0; g < net.nGen; g++) {
    if (net.genStatus[g] === 0 || unsupplied.has(net.busIds[net.genBus[g]])) continue;
    pGen += r.pGenMw[g];
    qGen += r.qGenMvar[g];
  }
  let pLoad = 0;
  let qLoad = 0;
  let pShunt = 0;
  let qShunt = 0;
  for (let i = 0; i < net.nBus; i++) {
    if (unsupplied.has(net.busIds[i])) continue;
    // Expected served load, computed here from the case and the ZIP shares (not taken from the result).
    const v = r.vmPu[i];
    const fp = zip ? zip.p[0] * v * v + zip.p[1] * v + zip.p[2] : 1;
    const fq = zip ? zip.q[0] * v * v + zip.q[1] * v + zip.q[2] : 1;
    pLoad += net.pLoadPu[i] * fp * net.baseMva;
    qLoad += net.qLoadPu[i] * fq * net.baseMva;
    expect(Math.abs(r.pLoadMw[i] - net.pLoadPu[i] * fp * net.baseMva)).toBeLessThanOrEqual(1e-12 * net.baseMva);
    const v2 = r.vmPu[i] * r.vmPu[i];
    pShunt += v2 * net.gsPu[i] * net.baseMva;
    qShunt -= v2 * net.bsPu[i] * net.baseMva;
  }
  const slack = (1e-8 + net.nBus * r.maxMismatchPu) * net.baseMva;
  expect(Math.abs(pGen - pLoad - r.lossesMw - pShunt)).toBeLessThanOrEqual(slack);
  expect(Math.abs(qGen - qLoad - r.lossesMvar - qShunt)).toBeLessThanOrEqual(slack);
  let sum = 0;
  for (let k = 0; k < net.nBranch; k++) sum += r.lossesMwPerBranch[k];
  expect(sum).toBeCloseTo(r.lossesMw, 12);
}
