// Linear sensitivities of a radial feeder under the LinDistFlow model (./lindistflow-feeder.ts): the model is linear
// in the injections, so the branch flows and squared voltages of any set of injections, and their change per kW of a
// transfer between two buses, follow from two passes over the tree instead of a matrix.
// - Flows (PTDF): with the slack as reference, a kW injected at bus n and withdrawn at the slack flows up every branch
//   on n's path to the slack, so PTDF_e,n = −1 for those branches (flows counted parent → child) and 0 elsewhere; a
//   transfer from s to b moves 1 kW along the tree path s → lowest common ancestor → b only (the fact the
//   electrical distance of the bilateral network charges, ../bilateral/network-charges.ts, sums over).
// - Voltages: v_child = ratio·v_parent − 2·dropScale·(r·P + x·Q) (p.u.), so Δv follows from ΔP, ΔQ by one forward
//   pass from the slack (Δv_slack = 0).
// Every quantity is indexed by position (topological order from the slack, LinDistFlowFeeder.busOfPosition).
import type { LinDistFlowFeeder } from './lindistflow-feeder.js';

/** Number of branches between each position and the slack (0 for the slack), by position. */
export function treeDepth(feeder: LinDistFlowFeeder): Int32Array {
  const m = feeder.busOfPosition.length;
  const depth = new Int32Array(m);
  for (let p = 1; p < m; p++) depth[p] = depth[feeder.parent[p]!]! + 1;
  return depth;
}

/** The lowest common ancestor of positions a and b (`depth` from treeDepth). */
export function lowestCommonAncestor(feeder: LinDistFlowFeeder, depth: Int32Array, a: number, b: number): number {
  let x = a;
  let y = b;
  while (depth[x]! > depth[y]!) x = feeder.parent[x]!;
  while (depth[y]! > depth[x]!) y = feeder.parent[y]!;
  while (x !== y) {
    x = feeder.parent[x]!;
    y = feeder.parent[y]!;
  }
  return x;
}

/**
 * Calls `visit(position, ptdf)` for every branch (named by its child position) whose flow changes when 1 kW goes
 * from position `from` to position `to`: ptdf = −1 on from's side of the path (less flows down to it), +1 on to's.
 */
export function forEachTransferBranch(
  feeder: LinDistFlowFeeder, depth: Int32Array, from: number, to: number, visit: (position: number, ptdf: number) => void,
): void {
  const lca = lowestCommonAncestor(feeder, depth, from, to);
  for (let p = from; p !== lca; p = feeder.parent[p]!) visit(p, -1);
  for (let p = to; p !== lca; p = feeder.parent[p]!) visit(p, 1);
}

/**
 * Branch flows of a set of withdrawals (kW and kvar per position; injections negative) under LinDistFlow: each
 * branch carries the sum over the subtree below it, parent → child positive, kW / kvar. The slack's entry is the
 * substation's supply.
 */
export function linDistFlowFlows(
  feeder: LinDistFlowFeeder, withdrawalKw: Float64Array, withdrawalKvar: Float64Array, flowKw: Float64Array, flowKvar: Float64Array,
): void {
  const m = feeder.busOfPosition.length;
  flowKw.set(withdrawalKw.subarray(0, m));
  flowKvar.set(withdrawalKvar.subarray(0, m));
  for (let p = m - 1; p >= 1; p--) {
    flowKw[feeder.parent[p]!] += flowKw[p]!;
    flowKvar[feeder.parent[p]!] += flowKvar[p]!;
  }
}

/**
 * Squared voltage magnitudes (p.u.²) by position from the branch flows (kW, kvar; or kWh, kvarh delivered over
 * `hours`), starting at `slackV2` (the slack's v = |V|²; 0 gives the change Δv caused by flow changes ΔP, ΔQ).
 */
export function linDistFlowVoltages(
  feeder: LinDistFlowFeeder, flowKw: Float64Array, flowKvar: Float64Array, slackV2: number, v2: Float64Array, hours = 1,
): void {
  const net = feeder.network;
  const sBase = net.baseMva * 1000 * hours;
  const m = feeder.busOfPosition.length;
  v2[0] = slackV2;
  for (let p = 1; p < m; p++) {
    const k = feeder.branch[p]!;
    const drop = (2 * feeder.dropScale[p]! * (net.rPu[k]! * flowKw[p]! + net.xPu[k]! * flowKvar[p]!)) / sBase;
    v2[p] = feeder.voltageRatio[p]! * v2[feeder.parent[p]!]! - drop;
  }
}
