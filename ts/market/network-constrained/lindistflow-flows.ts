/**
 * The LinDistFlow state of a radial feeder for given nodal withdrawals, by one pass up the tree (flows) and one
 * down (squared voltages): the same equations the clearing LP imposes (./lindistflow-feeder.ts), evaluated directly.
 * Network-constrained clearing uses it to check whether the single-node optimum already meets every limit, in which
 * case that optimum is the LP's and no LP needs solving.
 */
import type { LinDistFlowFeeder } from './lindistflow-feeder.js';
import { linDistFlowFlows, linDistFlowVoltages } from './lindistflow-sensitivities.js';

/** Sides of the thermal polygon inscribed in each branch's P-Q circle (shared with the clearing LP). */
export const POLYGON_SIDES = 12;

/** Relative slack on limits when checking a LinDistFlow state (rounding must not count as a violation). */
const LIMIT_TOL = 1e-9;

/** Per-position flows and squared voltages (energy units over the interval), reused between calls. */
export interface LinDistFlowState {
  /** Active energy flowing from each position's parent into it, kWh (0 for the slack). */
  pKwh: Float64Array;
  /** Reactive energy likewise, kvarh. */
  qKvarh: Float64Array;
  /** Squared voltage magnitude per position, p.u.². */
  v: Float64Array;
}

/** Allocates a state for the feeder. */
export function createLinDistFlowState(feeder: LinDistFlowFeeder): LinDistFlowState {
  const m = feeder.busOfPosition.length;
  return { pKwh: new Float64Array(m), qKvarh: new Float64Array(m), v: new Float64Array(m) };
}

/**
 * Fills `state` for net withdrawals per position (kWh, kvarh over `intervalHours`; withdrawal positive) and returns
 * whether every voltage limit and every rated branch's polygon holds (to a relative 1e-9).
 */
export function solveLinDistFlow(feeder: LinDistFlowFeeder, withdrawalKwh: Float64Array, withdrawalKvarh: Float64Array, intervalHours: number, state: LinDistFlowState): boolean {
  const net = feeder.network;
  const m = feeder.busOfPosition.length;
  const { pKwh, qKvarh, v } = state;
  linDistFlowFlows(feeder, withdrawalKwh, withdrawalKvarh, pKwh, qKvarh);
  pKwh[0] = 0;
  qKvarh[0] = 0;
  linDistFlowVoltages(feeder, pKwh, qKvarh, feeder.slackVmPu ** 2, v, intervalHours);
  let ok = true;
  for (let p = 1; p < m; p++) {
    const k = feeder.branch[p]!;
    const b = feeder.busOfPosition[p]!;
    const lo = net.vmMinPu[b]! ** 2;
    const hi = net.vmMaxPu[b]! ** 2;
    if (v[p]! < lo * (1 - LIMIT_TOL) || v[p]! > hi * (1 + LIMIT_TOL)) ok = false;
    const rating = net.rateMva[k]! * 1000;
    if (ok && rating > 0 && !withinPolygon(pKwh[p]!, qKvarh[p]!, rating * intervalHours)) ok = false;
  }
  return ok;
}

/** Whether (P, Q) lies inside the 12-gon inscribed in the circle of radius `ratingKwh` (to a relative 1e-9). */
export function withinPolygon(p: number, q: number, ratingKwh: number): boolean {
  const limit = ratingKwh * Math.cos(Math.PI / POLYGON_SIDES) * (1 + LIMIT_TOL);
  for (let s = 0; s < POLYGON_SIDES; s++) {
    const th = (2 * Math.PI * s) / POLYGON_SIDES;
    if (Math.cos(th) * p + Math.sin(th) * q > limit) return false;
  }
  return true;
}
