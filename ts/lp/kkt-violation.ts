/**
 * KKT conditions of an LpResult in peergrid's sign convention (lp-result.ts): a check that x and the duals are
 * optimal, whichever solver (or reformulation, as the DC OPF's PTDF form) produced them. Units are the model's:
 * primal in row/variable units, the others in objective units per row/variable unit.
 */
import type { LpModel } from './lp-model.js';
import { hessianTimes, type LpResult } from './lp-result.js';

/** Largest violation of primal feasibility, dual sign conditions, complementary slackness and stationarity. */
export function kktViolation(model: LpModel, r: LpResult): { primal: number; dualSign: number; slackness: number; stationarity: number } {
  const ax = new Float64Array(model.numRows);
  const aty = new Float64Array(model.numCols);
  const { starts, indices, values } = model.matrix;
  for (let j = 0; j < model.numCols; j++) {
    for (let k = starts[j]!; k < starts[j + 1]!; k++) {
      ax[indices[k]!]! += values[k]! * r.x[j]!;
      aty[j]! += values[k]! * r.rowDuals[indices[k]!]!;
    }
  }
  let primal = 0, dualSign = 0, slackness = 0, stationarity = 0;
  const side = (v: number, lo: number, up: number, dual: number): void => {
    primal = Math.max(primal, lo - v, v - up);
    // dual > 0 needs the lower bound active, dual < 0 the upper bound
    if (dual > 0) {
      if (lo === -Infinity) dualSign = Math.max(dualSign, dual);
      else slackness = Math.max(slackness, dual * (v - lo));
    } else if (dual < 0) {
      if (up === Infinity) dualSign = Math.max(dualSign, -dual);
      else slackness = Math.max(slackness, -dual * (up - v));
    }
  };
  for (let i = 0; i < model.numRows; i++) side(ax[i]!, model.rowLower[i]!, model.rowUpper[i]!, r.rowDuals[i]!);
  const qx = hessianTimes(model, r.x);
  for (let j = 0; j < model.numCols; j++) {
    side(r.x[j]!, model.colLower[j]!, model.colUpper[j]!, r.reducedCosts[j]!);
    stationarity = Math.max(stationarity, Math.abs(model.colCost[j]! + qx[j]! - aty[j]! - r.reducedCosts[j]!));
  }
  return { primal, dualSign, slackness, stationarity };
}
