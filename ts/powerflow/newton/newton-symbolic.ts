/**
 * The symbolic half of Newton-Raphson, done once per topology: which buses take part, the Ybus and Jacobian
 * sparsity patterns, where each branch lands in Ybus, the gather plan from Ybus partials to Jacobian entries, the
 * fill-reducing column order and the LU workspace size. Every solve() after it is numeric work only.
 */
import { BUS_ISOLATED, BUS_PQ, BUS_PV, BUS_SLACK, type CompiledNetwork } from '../../network/compiled-network.js';
import { ValidationError } from '../../errors.js';
import { minimumDegreeTs, type MinimumDegreeOrdering } from './minimum-degree-ordering.js';

/** Everything the numeric kernels need besides values: patterns, index maps, order and capacities. */
export interface NewtonPlan {
  /** Number of buses (rows of Ybus, including excluded ones, which get empty rows). */
  nBus: number;
  /** Number of branches. */
  nBranch: number;
  /** 1 where the bus takes part in the power flow (not isolated, has an in-service connection, or is a slack). */
  activeBus: Uint8Array;
  /** Ybus CSR pattern (columns sorted within a row). */
  yPtr: Int32Array;
  yIdx: Int32Array;
  /** Ybus nonzeros. */
  nnzY: number;
  /** Positions of each branch's Yff, Yft, Ytf, Ytt in the Ybus values; −1 for out-of-service branches. */
  posFf: Int32Array;
  posFt: Int32Array;
  posTf: Int32Array;
  posTt: Int32Array;
  /** Position of each bus's diagonal in Ybus; −1 for excluded buses. */
  diagPos: Int32Array;
  /** PV then PQ buses (MATPOWER's pvpq), and the PQ buses. */
  pvpqBus: Int32Array;
  pqBus: Int32Array;
  /** Slack buses taking part. */
  refBus: Int32Array;
  /** Jacobian order n = |pvpq| + |pq|. */
  n: number;
  /** Jacobian CSC pattern (rows [P(pvpq); Q(pq)], columns [Va(pvpq); Vm(pq)]). */
  jP: Int32Array;
  jI: Int32Array;
  /** jX[p] = ds[jSrc[p]]: 4·(Ybus position of (row bus, column bus)) + partial kind. */
  jSrc: Int32Array;
  /** Fill-reducing column order (minimum degree on the bus graph, each bus's Va then Vm). */
  q: Int32Array;
  /** Nonzeros of L and U expected with diagonal pivots (the workspace is sized with margin above this). */
  luNnzEstimate: number;
}

/** Throws the ValidationError of branch row `l` (a function, not a closure in the per-branch loop). */
function badBranch(net: CompiledNetwork, l: number, field: string, value: number, unit: string, problem: string): never {
  throw new ValidationError({ element: 'branch', id: net.branchIds[l], field, value, unit }, problem);
}

/**
 * Analyses a compiled network's topology for Newton-Raphson, ordering with the given engine's minimum-degree
 * kernel (both engines give the same order). Throws ValidationError for an unusable branch or bus type.
 */
export function analyzeNewtonTopology(net: CompiledNetwork, orderNodes: MinimumDegreeOrdering = minimumDegreeTs): NewtonPlan {
  const nBus = net.nBus;
  const nBranch = net.nBranch;
  const type = net.busType;
  const branchOn = new Uint8Array(nBranch);
  const selfLoop = new Uint8Array(nBranch);
  const connected = new Uint8Array(nBus);
  for (let l = 0; l < nBranch; l++) {
    const f = net.fromBus[l];
    const t = net.toBus[l];
    if (!net.branchStatus[l] || type[f] === BUS_ISOLATED || type[t] === BUS_ISOLATED) continue;
    const r = net.rPu[l];
    const x = net.xPu[l];
    if (r === 0 && x === 0) {
      badBranch(net, l, 'xPu', x, 'p.u.', 'r and x are both 0, so the branch has no finite series admittance; give it an impedance or take it out of service');
    }
    if (!Number.isFinite(r)) badBranch(net, l, 'rPu', r, 'p.u.', 'expected a finite resistance');
    if (!Number.isFinite(x)) badBranch(net, l, 'xPu', x, 'p.u.', 'expected a finite reactance');
    if (!Number.isFinite(net.bPu[l])) badBranch(net, l, 'bPu', net.bPu[l], 'p.u.', 'expected a finite charging susceptance');
    if (!(net.tap[l] > 0) || !Number.isFinite(net.tap[l])) badBranch(net, l, 'tap', net.tap[l], '', 'expected a finite ratio > 0');
    if (!Number.isFinite(net.shiftRad[l])) badBranch(net, l, 'shiftRad', net.shiftRad[l], 'rad', 'expected a finite phase shift');
    if (f === t) {
      selfLoop[l] = 1; // all four admittances land on the bus's diagonal (MATPOWER adds them the same way)
      continue;
    }
    branchOn[l] = 1;
    connected[f] = 1;
    connected[t] = 1;
  }
  const activeBus = new Uint8Array(nBus);
  for (let i = 0; i < nBus; i++) activeBus[i] = type[i] !== BUS_ISOLATED && (connected[i] || type[i] === BUS_SLACK) ? 1 : 0;

  // Ybus pattern: diagonal of every active bus plus both off-diagonals of every in-service branch, built by a
  // counting sort on rows, then per-row insertion sort and de-duplication (rows are short).
  const cnt = new Int32Array(nBus + 1);
  for (let i = 0; i < nBus; i++) if (activeBus[i]) cnt[i + 1]++;
  for (let l = 0; l < nBranch; l++) {
    if (!branchOn[l]) continue;
    cnt[net.fromBus[l] + 1]++;
    cnt[net.toBus[l] + 1]++;
  }
  for (let i = 0; i < nBus; i++) cnt[i + 1] += cnt[i];
  const raw = new Int32Array(cnt[nBus]);
  const fillAt = cnt.slice(0, nBus);
  for (let i = 0; i < nBus; i++) if (activeBus[i]) raw[fillAt[i]++] = i;
  for (let l = 0; l < nBranch; l++) {
    if (!branchOn[l]) continue;
    const f = net.fromBus[l];
    const t = net.toBus[l];
    raw[fillAt[f]++] = t;
    raw[fillAt[t]++] = f;
  }
  const yPtr = new Int32Array(nBus + 1);
  const idx = new Int32Array(raw.length);
  let nz = 0;
  for (let i = 0; i < nBus; i++) {
    const a = cnt[i];
    const b = cnt[i + 1];
    for (let p = a + 1; p < b; p++) {
      const v = raw[p];
      let k = p - 1;
      while (k >= a && raw[k] > v) {
        raw[k + 1] = raw[k];
        k--;
      }
      raw[k + 1] = v;
    }
    for (let p = a; p < b; p++) if (p === a || raw[p] !== raw[p - 1]) idx[nz++] = raw[p];
    yPtr[i + 1] = nz;
  }
  const yIdx = idx.slice(0, nz);
  const nnzY = yIdx.length;
  const find = (i: number, j: number): number => {
    let lo = yPtr[i];
    let hi = yPtr[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = yIdx[mid];
      if (v === j) return mid;
      if (v < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const posFf = new Int32Array(nBranch).fill(-1);
  const posFt = new Int32Array(nBranch).fill(-1);
  const posTf = new Int32Array(nBranch).fill(-1);
  const posTt = new Int32Array(nBranch).fill(-1);
  for (let l = 0; l < nBranch; l++) {
    if (!branchOn[l]) continue;
    const f = net.fromBus[l];
    const t = net.toBus[l];
    posFf[l] = find(f, f);
    posFt[l] = find(f, t);
    posTf[l] = find(t, f);
    posTt[l] = find(t, t);
  }
  const diagPos = new Int32Array(nBus).fill(-1);
  for (let i = 0; i < nBus; i++) if (activeBus[i]) diagPos[i] = find(i, i);
  for (let l = 0; l < nBranch; l++) {
    if (!selfLoop[l] || !activeBus[net.fromBus[l]]) continue;
    const d = diagPos[net.fromBus[l]];
    posFf[l] = posFt[l] = posTf[l] = posTt[l] = d;
  }

  const pv: number[] = [];
  const pq: number[] = [];
  const ref: number[] = [];
  for (let i = 0; i < nBus; i++) {
    if (!activeBus[i]) continue;
    if (type[i] === BUS_SLACK) ref.push(i);
    else if (type[i] === BUS_PV) pv.push(i);
    else if (type[i] === BUS_PQ) pq.push(i);
    else
      throw new ValidationError(
        { element: 'bus', id: net.busIds[i], field: 'busType', value: type[i] },
        'expected 1 (PQ), 2 (PV), 3 (slack) or 4 (isolated)',
      );
  }
  const pvpqBus = Int32Array.from([...pv, ...pq]);
  const pqBus = Int32Array.from(pq);
  const nPvpq = pvpqBus.length;
  const n = nPvpq + pqBus.length;
  const vaVar = new Int32Array(nBus).fill(-1);
  const vmVar = new Int32Array(nBus).fill(-1);
  for (let t = 0; t < nPvpq; t++) vaVar[pvpqBus[t]] = t;
  for (let t = 0; t < pqBus.length; t++) vmVar[pqBus[t]] = nPvpq + t;
  const colBus = new Int32Array(n);
  for (let t = 0; t < nPvpq; t++) colBus[t] = pvpqBus[t];
  for (let t = 0; t < pqBus.length; t++) colBus[nPvpq + t] = pqBus[t];

  // Jacobian CSC: column c (Va or Vm of bus j) has rows P_i / Q_i of every Ybus neighbour i of j (pattern symmetric).
  const jP = new Int32Array(n + 1);
  const jI = new Int32Array(4 * nnzY);
  const jSrc = new Int32Array(4 * nnzY);
  let nj = 0;
  for (let c = 0; c < n; c++) {
    const j = colBus[c];
    const vmCol = c >= nPvpq ? 2 : 0;
    for (let k = yPtr[j]; k < yPtr[j + 1]; k++) {
      const i = yIdx[k];
      const kij = find(i, j);
      if (vaVar[i] >= 0) {
        jI[nj] = vaVar[i];
        jSrc[nj++] = 4 * kij + vmCol;
      }
      if (vmVar[i] >= 0) {
        jI[nj] = vmVar[i];
        jSrc[nj++] = 4 * kij + vmCol + 1;
      }
    }
    jP[c + 1] = nj;
  }

  // Fill-reducing order on the bus graph of the pvpq buses, expanded to each bus's Va then Vm column.
  const inJ = new Int32Array(nBus);
  const weight = new Int32Array(nBus);
  for (let t = 0; t < nPvpq; t++) {
    const b = pvpqBus[t];
    inJ[b] = 1;
    weight[b] = vmVar[b] >= 0 ? 2 : 1;
  }
  const md = orderNodes(nBus, yPtr, yIdx, inJ, weight);
  const q = new Int32Array(n);
  let c = 0;
  let est = 0;
  for (let k = 0; k < md.order.length; k++) {
    const b = md.order[k];
    q[c++] = vaVar[b];
    if (vmVar[b] >= 0) q[c++] = vmVar[b];
    // L (and U) entries of this bus's 1 or 2 columns with diagonal pivots: its own block's lower triangle
    // including the diagonal, plus one entry per variable of every later neighbour, per column.
    const nv = weight[b];
    est += (nv * (nv + 1)) / 2 + nv * md.colWeight[b];
  }
  return {
    nBus, nBranch, activeBus, yPtr, yIdx, nnzY, posFf, posFt, posTf, posTt, diagPos,
    pvpqBus, pqBus, refBus: Int32Array.from(ref), n, jP, jI: jI.slice(0, nj), jSrc: jSrc.slice(0, nj),
    q, luNnzEstimate: est,
  };
}
