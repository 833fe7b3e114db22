/**
 * MATPOWER generator costs (gencost) as LP/QP objective terms on a generator's output in p.u. (P_MW = baseMVA·p):
 *   MODEL 2, polynomial up to quadratic: c2·P² + c1·P + c0 → quadratic term, linear cost and constant.
 *   MODEL 1, piecewise linear through (x_k, y_k): an epigraph variable z ≥ y_k + m_k·(P − x_k) for each segment k,
 *   with cost z; exact for convex curves (non-decreasing slopes), which MATPOWER also requires.
 */
import { ValidationError } from '../errors.js';
import type { LpModelBuilder } from '../lp/lp-model-builder.js';
import { MATPOWER_GENCOST_COLUMN as C } from '../network/matpower-case.js';

function refuse(gen: number, field: string, value: unknown, problem: string): never {
  throw new ValidationError({ element: 'gencost', id: gen + 1, field, value }, `${problem} (row ${gen + 1} of mpc.gencost)`);
}

/**
 * Adds gen row `gen`'s cost on variable `pCol` (p.u. output) to the builder; returns the epigraph variable's column
 * (MODEL 1) or −1 (MODEL 2).
 */
export function addGeneratorCost(b: LpModelBuilder, row: readonly number[], gen: number, pCol: number, baseMva: number): number {
  const n = row[C.NCOST]!;
  if (row[C.MODEL] === 2) {
    // Coefficients from the highest order down; orders above 2 must be zero (the DC OPF is an LP/QP).
    for (let k = 0; k < n - 3; k++) {
      if (row[C.COST + k] !== 0) refuse(gen, `COST+${k}`, row[C.COST + k], `polynomial cost of order ${n - 1 - k} is not supported (DC OPF takes costs up to quadratic)`);
    }
    const coef = (order: number): number => (order < n ? row[C.COST + n - 1 - order]! : 0);
    const c2 = coef(2);
    if (c2 < 0) refuse(gen, 'COST (c2)', c2, 'quadratic cost coefficient must be ≥ 0 (convex)');
    if (c2 !== 0) b.addQuadratic(pCol, pCol, c2 * baseMva * baseMva);
    b.addCost(pCol, coef(1) * baseMva);
    b.addObjectiveOffset(coef(0));
    return -1;
  }
  const z = b.addVariable(`gen[${gen + 1}].costEpigraph`, { lower: -Infinity, cost: 1 });
  let prevSlope = -Infinity;
  for (let k = 0; k + 1 < n; k++) {
    const x0 = row[C.COST + 2 * k]!, y0 = row[C.COST + 2 * k + 1]!;
    const x1 = row[C.COST + 2 * k + 2]!, y1 = row[C.COST + 2 * k + 3]!;
    const m = (y1 - y0) / (x1 - x0);
    if (m < prevSlope) refuse(gen, `COST+${2 * k + 1}`, y1, 'piecewise-linear cost must be convex (slopes non-decreasing)');
    prevSlope = m;
    // z − m·base·p ≥ y0 − m·x0
    b.addConstraint(`gen[${gen + 1}].costSegment[${k + 1}]`, [z, pCol], [1, -m * baseMva], y0 - m * x0, Infinity);
  }
  return z;
}
