// The linearised branch-flow model of a radial feeder (LinDistFlow; Baran & Wu 1989, as used for DLMPs by
// Papavasiliou 2018 and Bai et al. 2018): squared voltage magnitudes v = |V|², active and reactive branch flows,
// losses neglected. For the branch e from parent bus i to child bus j (resistance r, reactance x, p.u.):
//   P_e = Σ_{children k of j} P_{e(k)} + p_j,   Q_e likewise,   v_j = v_i / τ_e² − 2·(r·P_e + x·Q_e)   (p.u.)
// with τ_e the off-nominal tap when i is the tap side; when j is, the ideal transformer sits at j and
// v_j = τ_e²·(v_i − 2·(r·P_e + x·Q_e)). Line charging, shunts and phase
// shifts are neglected (shifts do not change magnitudes in a lossless radial feeder). This file lowers a compiled
// network to the arrays the clearing LP needs; the error against an AC power flow is measured in the tests.
import { ValidationError } from '../../errors.js';
import type { CompiledNetwork } from '../../network/compiled-network.js';
import { analyzeRadialTopology } from '../../powerflow/radial-topology.js';

/** A radial feeder in the arrays the LinDistFlow constraints use (positions in topological order from the slack). */
export interface LinDistFlowFeeder {
  /** The compiled network it comes from. */
  network: CompiledNetwork;
  /** Bus index of each position (position 0 is the slack). */
  busOfPosition: Int32Array;
  /** Position of each bus, −1 when it is not supplied. */
  positionOfBus: Int32Array;
  /** Parent position of each position (−1 for the slack). */
  parent: Int32Array;
  /** Branch row linking each position to its parent (−1 for the slack). */
  branch: Int32Array;
  /** Factor on the parent's v in v_child = ratio·v_parent − 2·dropScale·(rP + xQ): 1/τ² or τ² (1 for lines). */
  voltageRatio: Float64Array;
  /** Factor on the voltage drop: 1, or τ² when the child is the tap side. */
  dropScale: Float64Array;
  /** Slack voltage magnitude, p.u. */
  slackVmPu: number;
}

/** Lowers a compiled network to a LinDistFlow feeder; a meshed network or one without a single slack is refused. */
export function linDistFlowFeeder(network: CompiledNetwork): LinDistFlowFeeder {
  const topo = analyzeRadialTopology(network);
  if (!topo.radial) {
    throw new ValidationError({ element: 'network', id: 'network', field: 'topology', value: topo.reason }, 'network-constrained clearing uses LinDistFlow, which needs a radial feeder with one slack bus');
  }
  const m = topo.order.length;
  const parent = new Int32Array(m);
  const branch = new Int32Array(m);
  const voltageRatio = new Float64Array(m);
  const dropScale = new Float64Array(m).fill(1);
  for (let p = 0; p < m; p++) {
    parent[p] = topo.parentPos[p]!;
    branch[p] = topo.parentBranch[p]!;
    if (p === 0) {
      voltageRatio[p] = 1;
      continue;
    }
    const k = branch[p]!;
    const tau = network.tap[k]!;
    // The tap sits at the from side: V_internal = V_from / τ.
    if (network.fromBus[k] === topo.order[parent[p]!]) voltageRatio[p] = 1 / (tau * tau);
    else {
      voltageRatio[p] = tau * tau;
      dropScale[p] = tau * tau;
    }
  }
  return {
    network,
    busOfPosition: topo.order,
    positionOfBus: topo.positionOfBus,
    parent,
    branch,
    voltageRatio,
    dropScale,
    slackVmPu: network.vmPu[topo.slackBus]!,
  };
}
