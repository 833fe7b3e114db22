// Branch flows and bus power balance with MATPOWER's formulas (makeYbus / pfsoln), admittances from
// branchAdmittance (branch-admittance.ts):
//   Sf = Vf·conj(Yff·Vf + Yft·Vt),  St = Vt·conj(Ytf·Vf + Ytt·Vt)
// Everything is preallocated so a time step recomputes flows without allocating.
import { BUS_PQ, BUS_PV, type CompiledNetwork } from '../network/compiled-network.js';
import { ValidationError } from '../errors.js';
import { branchAdmittance } from './branch-admittance.js';

/** Per-branch π-model admittances in MATPOWER form (zeros for out-of-service branches), p.u. */
export interface BranchAdmittances {
  /** Yff real / imaginary part per branch, p.u. */
  yffRe: Float64Array;
  yffIm: Float64Array;
  /** Yft real / imaginary part per branch, p.u. */
  yftRe: Float64Array;
  yftIm: Float64Array;
  /** Ytf real / imaginary part per branch, p.u. */
  ytfRe: Float64Array;
  ytfIm: Float64Array;
  /** Ytt real / imaginary part per branch, p.u. */
  yttRe: Float64Array;
  yttIm: Float64Array;
}

/** Builds the branch admittances; an in-service branch with r = x = 0 is a ValidationError (its flow is undefined). */
export function buildBranchAdmittances(net: CompiledNetwork): BranchAdmittances {
  const nb = net.nBranch;
  const y: BranchAdmittances = {
    yffRe: new Float64Array(nb), yffIm: new Float64Array(nb), yftRe: new Float64Array(nb), yftIm: new Float64Array(nb),
    ytfRe: new Float64Array(nb), ytfIm: new Float64Array(nb), yttRe: new Float64Array(nb), yttIm: new Float64Array(nb),
  };
  const a = new Float64Array(8);
  for (let k = 0; k < nb; k++) {
    if (net.branchStatus[k] === 0) continue;
    const tap = net.tap[k] === 0 ? 1 : net.tap[k];
    if (!branchAdmittance(net.rPu[k], net.xPu[k], net.bPu[k], tap, net.shiftRad[k], a)) {
      throw new ValidationError(
        { element: 'branch', id: net.branchIds[k], field: 'x', value: net.xPu[k], unit: 'p.u.' },
        'an in-service branch needs a non-zero impedance (r and x are both 0)',
      );
    }
    y.yffRe[k] = a[0];
    y.yffIm[k] = a[1];
    y.yftRe[k] = a[2];
    y.yftIm[k] = a[3];
    y.ytfRe[k] = a[4];
    y.ytfIm[k] = a[5];
    y.yttRe[k] = a[6];
    y.yttIm[k] = a[7];
  }
  return y;
}

/** Complex power at both ends of every branch, p.u. (into the branch), for rectangular voltages vRe/vIm. */
export function computeBranchFlows(
  net: CompiledNetwork,
  y: BranchAdmittances,
  vRe: Float64Array,
  vIm: Float64Array,
  pFrom: Float64Array,
  qFrom: Float64Array,
  pTo: Float64Array,
  qTo: Float64Array,
): void {
  // Columns hoisted into locals: V8 cannot prove the typed-array stores leave the objects' fields alone.
  const { yffRe, yffIm, yftRe, yftIm, ytfRe, ytfIm, yttRe, yttIm } = y;
  const status = net.branchStatus;
  const fromBus = net.fromBus;
  const toBus = net.toBus;
  for (let k = 0; k < net.nBranch; k++) {
    if (status[k] === 0) {
      pFrom[k] = 0;
      qFrom[k] = 0;
      pTo[k] = 0;
      qTo[k] = 0;
      continue;
    }
    const f = fromBus[k];
    const t = toBus[k];
    const fr = vRe[f];
    const fi = vIm[f];
    const tr = vRe[t];
    const ti = vIm[t];
    const ifr = yffRe[k] * fr - yffIm[k] * fi + yftRe[k] * tr - yftIm[k] * ti;
    const ifi = yffRe[k] * fi + yffIm[k] * fr + yftRe[k] * ti + yftIm[k] * tr;
    const itr = ytfRe[k] * fr - ytfIm[k] * fi + yttRe[k] * tr - yttIm[k] * ti;
    const iti = ytfRe[k] * fi + ytfIm[k] * fr + yttRe[k] * ti + yttIm[k] * tr;
    // S = V·conj(I)
    pFrom[k] = fr * ifr + fi * ifi;
    qFrom[k] = fi * ifr - fr * ifi;
    pTo[k] = tr * itr + ti * iti;
    qTo[k] = ti * itr - tr * iti;
  }
}

/**
 * Power leaving each bus into its branches and shunts, p.u.: Σ S_branch-end + |V|²·(gs − j·bs). At a solution this
 * equals the bus's net injection (generation − load).
 */
export function computeBusPowerOut(
  net: CompiledNetwork,
  vRe: Float64Array,
  vIm: Float64Array,
  pFrom: Float64Array,
  qFrom: Float64Array,
  pTo: Float64Array,
  qTo: Float64Array,
  pOut: Float64Array,
  qOut: Float64Array,
): void {
  const gs = net.gsPu;
  const bs = net.bsPu;
  for (let i = 0; i < net.nBus; i++) {
    const v2 = vRe[i] * vRe[i] + vIm[i] * vIm[i];
    pOut[i] = v2 * gs[i];
    qOut[i] = -v2 * bs[i];
  }
  const status = net.branchStatus;
  const fromBus = net.fromBus;
  const toBus = net.toBus;
  for (let k = 0; k < net.nBranch; k++) {
    if (status[k] === 0) continue;
    const f = fromBus[k];
    const t = toBus[k];
    pOut[f] += pFrom[k];
    qOut[f] += qFrom[k];
    pOut[t] += pTo[k];
    qOut[t] += qTo[k];
  }
}

/**
 * Largest power mismatch, p.u., MATPOWER's measure: max |ΔP| over PV and PQ buses and |ΔQ| over PQ buses, where
 * Δ = specified net injection − power leaving the bus. Buses flagged in `skip` (de-energized) and type-4 buses are
 * left out.
 */
export function maxPowerMismatch(
  net: CompiledNetwork,
  pNet: Float64Array,
  qNet: Float64Array,
  pOut: Float64Array,
  qOut: Float64Array,
  skip: Uint8Array | null,
): number {
  let worst = 0;
  const types = net.busType;
  for (let i = 0; i < net.nBus; i++) {
    const type = types[i];
    if ((type !== BUS_PQ && type !== BUS_PV) || (skip !== null && skip[i] !== 0)) continue;
    const dp = Math.abs(pNet[i] - pOut[i]);
    if (!(dp <= worst)) worst = dp; // NaN propagates
    if (type === BUS_PQ) {
      const dq = Math.abs(qNet[i] - qOut[i]);
      if (!(dq <= worst)) worst = dq;
    }
  }
  return worst;
}
