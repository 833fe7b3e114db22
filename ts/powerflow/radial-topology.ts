import { BUS_ISOLATED, BUS_SLACK, type CompiledNetwork } from '../network/compiled-network.js';

/** What the topology analysis found: a tree hanging off the slack, or why the network is not one. */
export interface RadialTopology {
  /** True when the in-service branches reachable from the single slack form a tree. */
  radial: boolean;
  /** Why the network is not radial (loop, several slacks, no slack); empty when radial. */
  reason: string;
  /** Slack bus index (-1 when there is none). */
  slackBus: number;
  /**
   * Energized buses in a topological order from the slack (order[0] = slack, every parent before its children): the
   * bus row order when that is already topological, else breadth-first. Empty when not radial.
   */
  order: Int32Array;
  /** Position (in `order`) of each position's parent; parentPos[0] = -1. */
  parentPos: Int32Array;
  /** Branch row connecting each position to its parent; parentBranch[0] = -1. */
  parentBranch: Int32Array;
  /** Position of each bus in `order`, -1 for buses not reached from the slack (de-energized or type 4). */
  positionOfBus: Int32Array;
  /** Buses that no in-service path connects to the slack (including type-4 isolated buses), ascending. */
  unsuppliedBuses: Int32Array;
  /** Number of PV buses (voltage-controlled buses other than the slack) among the energized buses. */
  pvBusCount: number;
  /** Depth of the tree (branches on the longest slack-to-leaf path). */
  depth: number;
}

/**
 * Breadth-first search from the slack through in-service branches (branches touching a type-4 bus are skipped).
 * A bus reached twice means a loop (parallel branches count as a loop); more than one slack bus, or none, also
 * makes the network not radial for the sweep. O(nBus + nBranch).
 */
export function analyzeRadialTopology(net: CompiledNetwork): RadialTopology {
  const n = net.nBus;
  const empty = new Int32Array(0);
  const positionOfBus = new Int32Array(n).fill(-1);
  let slackBus = -1;
  let slackCount = 0;
  for (let i = 0; i < n; i++) {
    if (net.busType[i] === BUS_SLACK) {
      slackCount++;
      if (slackBus < 0) slackBus = i;
    }
  }
  const notRadial = (reason: string): RadialTopology => ({
    radial: false,
    reason,
    slackBus,
    order: empty,
    parentPos: empty,
    parentBranch: empty,
    positionOfBus,
    unsuppliedBuses: empty,
    pvBusCount: 0,
    depth: 0,
  });
  if (slackCount === 0) return notRadial('no slack bus');
  if (slackCount > 1) return notRadial(`${slackCount} slack buses (the sweep needs exactly one)`);

  // Adjacency in CSR form over in-service branches. Columns are hoisted into locals: this runs on 1e6-bus feeders.
  const deg = new Int32Array(n + 1);
  const nb = net.nBranch;
  const fromBus = net.fromBus;
  const toBus = net.toBus;
  const type = net.busType;
  const status = net.branchStatus;
  const usable = new Uint8Array(nb);
  for (let k = 0; k < nb; k++) {
    const f = fromBus[k];
    const t = toBus[k];
    if (status[k] === 0 || type[f] === BUS_ISOLATED || type[t] === BUS_ISOLATED) continue;
    usable[k] = 1;
    deg[f + 1]++;
    deg[t + 1]++;
  }
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const adj = new Int32Array(deg[n]);
  const fill = deg.slice(0, n);
  for (let k = 0; k < nb; k++) {
    if (usable[k] === 0) continue;
    adj[fill[fromBus[k]]++] = k;
    adj[fill[toBus[k]]++] = k;
  }

  const order = new Int32Array(n);
  const parentPos = new Int32Array(n);
  const parentBranch = new Int32Array(n);
  const depthOf = new Int32Array(n);
  order[0] = slackBus;
  parentPos[0] = -1;
  parentBranch[0] = -1;
  positionOfBus[slackBus] = 0;
  let count = 1;
  let depth = 0;
  for (let head = 0; head < count; head++) {
    const bus = order[head];
    const via = parentBranch[head];
    for (let a = deg[bus]; a < deg[bus + 1]; a++) {
      const k = adj[a];
      if (k === via) continue;
      const other = fromBus[k] === bus ? toBus[k] : fromBus[k];
      if (other === bus) return notRadial(`branch ${String(net.branchIds[k])} connects bus ${String(net.busIds[bus])} to itself`);
      if (positionOfBus[other] >= 0) {
        return notRadial(
          `loop closed by branch ${String(net.branchIds[k])} between buses ${String(net.busIds[bus])} and ${String(net.busIds[other])}`,
        );
      }
      positionOfBus[other] = count;
      order[count] = other;
      parentPos[count] = head;
      parentBranch[count] = k;
      depthOf[count] = depthOf[head] + 1;
      if (depthOf[count] > depth) depth = depthOf[count];
      count++;
    }
  }
  const unsupplied = new Int32Array(n - count);
  let u = 0;
  let pv = 0;
  for (let i = 0; i < n; i++) {
    if (positionOfBus[i] < 0) unsupplied[u++] = i;
    else if (type[i] === 2) pv++;
  }
  // Prefer the bus row order when it is already topological (slack first, every parent on an earlier row), as in
  // generated feeders and most case files: the sweep then walks the user's arrays sequentially, and subtrees stay
  // contiguous in memory. Otherwise keep the breadth-first order.
  let rowOrderOk = order[0] === slackBus;
  for (let pos = 1; pos < count && rowOrderOk; pos++) {
    if (order[parentPos[pos]] >= order[pos]) rowOrderOk = false; // parents on earlier rows ⇒ slack row is first
  }
  if (rowOrderOk) {
    const bfsParentBus = new Int32Array(n);
    const bfsBranch = new Int32Array(n);
    for (let pos = 1; pos < count; pos++) {
      bfsParentBus[order[pos]] = order[parentPos[pos]];
      bfsBranch[order[pos]] = parentBranch[pos];
    }
    let pos = 0;
    for (let i = 0; i < n; i++) if (positionOfBus[i] >= 0) order[pos++] = i;
    for (let p = 0; p < count; p++) positionOfBus[order[p]] = p;
    parentPos[0] = -1;
    parentBranch[0] = -1;
    for (let p = 1; p < count; p++) {
      parentPos[p] = positionOfBus[bfsParentBus[order[p]]];
      parentBranch[p] = bfsBranch[order[p]];
    }
  }
  return {
    radial: true,
    reason: '',
    slackBus,
    order: order.slice(0, count),
    parentPos: parentPos.slice(0, count),
    parentBranch: parentBranch.slice(0, count),
    positionOfBus,
    unsuppliedBuses: unsupplied,
    pvBusCount: pv,
    depth,
  };
}

/**
 * Buses that no path of in-service branches connects to a slack bus, plus type-4 buses, ascending. They are
 * de-energized: the power flow leaves them at 0 p.u. and their load is not served. O(nBus + nBranch).
 */
export function findUnsuppliedBuses(net: CompiledNetwork): Int32Array {
  const n = net.nBus;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (let k = 0; k < net.nBranch; k++) {
    const f = net.fromBus[k];
    const t = net.toBus[k];
    if (net.branchStatus[k] === 0 || net.busType[f] === BUS_ISOLATED || net.busType[t] === BUS_ISOLATED) continue;
    const a = find(f);
    const b = find(t);
    if (a !== b) parent[a] = b;
  }
  const fed = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (net.busType[i] === BUS_SLACK) fed[find(i)] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (net.busType[i] === BUS_ISOLATED || fed[find(i)] === 0) out.push(i);
  return Int32Array.from(out);
}
