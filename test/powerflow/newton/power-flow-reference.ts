/**
 * Independent references for the Newton-Raphson tests, written apart from the solver's code paths:
 * branch-by-branch π-model flows (complex arithmetic, no Ybus) and a dense textbook Newton-Raphson (G/B form,
 * H-N-M-L Jacobian, Gaussian elimination with partial pivoting).
 */
import { BUS_PQ, BUS_PV, BUS_SLACK, type CompiledNetwork } from '../../../ts/network/compiled-network.js';

type C = [number, number];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const sub = (a: C, b: C): C => [a[0] - b[0], a[1] - b[1]];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const conj = (a: C): C => [a[0], -a[1]];
const div = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const polar = (m: number, a: number): C => [m * Math.cos(a), m * Math.sin(a)];

/** Branch admittances of MATPOWER's makeYbus for branch l, as complex [re, im]: [Yff, Yft, Ytf, Ytt]. */
export function branchY(net: CompiledNetwork, l: number): [C, C, C, C] {
  const ys = div([1, 0], [net.rPu[l], net.xPu[l]]);
  const bc: C = [0, net.bPu[l] / 2];
  const t = polar(net.tap[l], net.shiftRad[l]);
  const tt = mul(t, conj(t));
  return [div(add(ys, bc), tt), div([-ys[0], -ys[1]], conj(t)), div([-ys[0], -ys[1]], t), add(ys, bc)];
}

/** What the π-model flows say about a solution (p.u.). */
export interface FlowCheck {
  /** Max |ΔP| over PV+PQ buses and |ΔQ| over PQ buses of the injections implied by branch flows and shunts. */
  maxMismatchPu: number;
  /** Σ (S_from + S_to) over in-service branches: series + charging losses, p.u. */
  lossesPu: C;
  /** Power drawn by bus shunts, p.u. */
  shuntPu: C;
  /** Injection implied at each bus (flows out + shunt), p.u. */
  injection: C[];
}

/** Recomputes bus injections from branch flows and shunts and compares them with Sbus. */
export function checkWithBranchFlows(net: CompiledNetwork, vm: Float64Array, va: Float64Array, p: Float64Array, q: Float64Array): FlowCheck {
  const inj: C[] = Array.from({ length: net.nBus }, () => [0, 0] as C);
  let losses: C = [0, 0];
  let shunt: C = [0, 0];
  for (let l = 0; l < net.nBranch; l++) {
    if (!net.branchStatus[l]) continue;
    const f = net.fromBus[l];
    const t = net.toBus[l];
    const [yff, yft, ytf, ytt] = branchY(net, l);
    const vf = polar(vm[f], va[f]);
    const vt = polar(vm[t], va[t]);
    const sf = mul(vf, conj(add(mul(yff, vf), mul(yft, vt))));
    const st = mul(vt, conj(add(mul(ytf, vf), mul(ytt, vt))));
    inj[f] = add(inj[f], sf);
    inj[t] = add(inj[t], st);
    losses = add(losses, add(sf, st));
  }
  for (let i = 0; i < net.nBus; i++) {
    const s: C = [vm[i] * vm[i] * net.gsPu[i], -vm[i] * vm[i] * net.bsPu[i]];
    inj[i] = add(inj[i], s);
    shunt = add(shunt, s);
  }
  let mis = 0;
  for (let i = 0; i < net.nBus; i++) {
    const ty = net.busType[i];
    if (ty === BUS_PV || ty === BUS_PQ) mis = Math.max(mis, Math.abs(inj[i][0] - p[i]));
    if (ty === BUS_PQ) mis = Math.max(mis, Math.abs(inj[i][1] - q[i]));
  }
  return { maxMismatchPu: mis, lossesPu: losses, shuntPu: shunt, injection: inj };
}

/** Dense Newton-Raphson in the textbook G/B form, to tolerance `tol` (p.u.); returns vm, va and iterations. */
export function denseNewton(net: CompiledNetwork, p: Float64Array, q: Float64Array, tol: number): { vm: Float64Array; va: Float64Array; iterations: number } {
  const n = net.nBus;
  const G = Array.from({ length: n }, () => new Float64Array(n));
  const B = Array.from({ length: n }, () => new Float64Array(n));
  for (let l = 0; l < net.nBranch; l++) {
    if (!net.branchStatus[l]) continue;
    const f = net.fromBus[l];
    const t = net.toBus[l];
    const y = branchY(net, l);
    const at: [number, number][] = [[f, f], [f, t], [t, f], [t, t]];
    at.forEach(([i, j], k) => {
      G[i][j] += y[k][0];
      B[i][j] += y[k][1];
    });
  }
  for (let i = 0; i < n; i++) {
    G[i][i] += net.gsPu[i];
    B[i][i] += net.bsPu[i];
  }
  const pv: number[] = [];
  const pq: number[] = [];
  for (let i = 0; i < n; i++) {
    if (net.busType[i] === BUS_PV) pv.push(i);
    else if (net.busType[i] === BUS_PQ) pq.push(i);
    else if (net.busType[i] !== BUS_SLACK) throw new Error('dense reference: isolated buses not supported');
  }
  const th = [...pv, ...pq];
  const vm = net.vmPu.slice();
  const va = net.vaRad.slice();
  const m = th.length + pq.length;
  for (let it = 0; it <= 30; it++) {
    const P = new Float64Array(n);
    const Q = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = va[i] - va[j];
        P[i] += vm[i] * vm[j] * (G[i][j] * Math.cos(a) + B[i][j] * Math.sin(a));
        Q[i] += vm[i] * vm[j] * (G[i][j] * Math.sin(a) - B[i][j] * Math.cos(a));
      }
    }
    const F = new Float64Array(m);
    th.forEach((i, r) => (F[r] = P[i] - p[i]));
    pq.forEach((i, r) => (F[th.length + r] = Q[i] - q[i]));
    if (Math.max(...Array.from(F, Math.abs)) <= tol) return { vm, va, iterations: it };
    const J = Array.from({ length: m }, () => new Float64Array(m + 1));
    const dP = (i: number, j: number, wrt: 'a' | 'm'): number => {
      const a = va[i] - va[j];
      if (wrt === 'a') return i === j ? -Q[i] - B[i][i] * vm[i] * vm[i] : vm[i] * vm[j] * (G[i][j] * Math.sin(a) - B[i][j] * Math.cos(a));
      return i === j ? P[i] / vm[i] + G[i][i] * vm[i] : vm[i] * (G[i][j] * Math.cos(a) + B[i][j] * Math.sin(a));
    };
    const dQ = (i: number, j: number, wrt: 'a' | 'm'): number => {
      const a = va[i] - va[j];
      if (wrt === 'a') return i === j ? P[i] - G[i][i] * vm[i] * vm[i] : -vm[i] * vm[j] * (G[i][j] * Math.cos(a) + B[i][j] * Math.sin(a));
      return i === j ? Q[i] / vm[i] - B[i][i] * vm[i] : vm[i] * (G[i][j] * Math.sin(a) - B[i][j] * Math.cos(a));
    };
    th.forEach((i, r) => {
      th.forEach((j, c) => (J[r][c] = dP(i, j, 'a')));
      pq.forEach((j, c) => (J[r][th.length + c] = dP(i, j, 'm')));
      J[r][m] = -F[r];
    });
    pq.forEach((i, r) => {
      th.forEach((j, c) => (J[th.length + r][c] = dQ(i, j, 'a')));
      pq.forEach((j, c) => (J[th.length + r][th.length + c] = dQ(i, j, 'm')));
      J[th.length + r][m] = -F[th.length + r];
    });
    // Gaussian elimination with partial pivoting on the augmented matrix.
    for (let k = 0; k < m; k++) {
      let piv = k;
      for (let r = k + 1; r < m; r++) if (Math.abs(J[r][k]) > Math.abs(J[piv][k])) piv = r;
      [J[k], J[piv]] = [J[piv], J[k]];
      for (let r = k + 1; r < m; r++) {
        const fct = J[r][k] / J[k][k];
        if (fct !== 0) for (let c = k; c <= m; c++) J[r][c] -= fct * J[k][c];
      }
    }
    const dx = new Float64Array(m);
    for (let k = m - 1; k >= 0; k--) {
      let s = J[k][m];
      for (let c = k + 1; c < m; c++) s -= J[k][c] * dx[c];
      dx[k] = s / J[k][k];
    }
    th.forEach((i, r) => (va[i] += dx[r]));
    pq.forEach((i, r) => (vm[i] += dx[th.length + r]));
  }
  throw new Error('dense reference Newton did not converge');
}
