/**
 * Builds an LpModel one named variable and one named constraint at a time, then lowers it to arrays (CSC) once.
 * Names make error messages and debugging readable; solvers only ever see the arrays.
 */
import { ValidationError } from '../errors.js';
import { validateLpModel, type CscMatrix, type LpModel } from './lp-model.js';

/** Bounds and cost of a new variable; defaults: lower 0, upper +Infinity, cost 0. */
export interface VariableSpec {
  /** Lower bound (may be −Infinity). */
  lower?: number;
  /** Upper bound (may be +Infinity). */
  upper?: number;
  /** Linear objective coefficient. */
  cost?: number;
}

/**
 * Lowers (row, column, value) triplets to CSC with rows increasing within each column and repeated entries summed:
 * two stable counting sorts (by row, then by column), O(nnz + rows + columns).
 */
export function tripletsToCsc(numRows: number, numCols: number, rows: ArrayLike<number>, cols: ArrayLike<number>, vals: ArrayLike<number>): CscMatrix {
  const nnz = cols.length;
  const rowStart = new Int32Array(numRows + 1);
  for (let k = 0; k < nnz; k++) rowStart[rows[k]! + 1]!++;
  for (let i = 0; i < numRows; i++) rowStart[i + 1]! += rowStart[i]!;
  const byRow = new Int32Array(nnz);
  const rowNext = rowStart.slice(0, numRows);
  for (let k = 0; k < nnz; k++) byRow[rowNext[rows[k]!]!++] = k;
  const colStart = new Int32Array(numCols + 1);
  for (let k = 0; k < nnz; k++) colStart[cols[k]! + 1]!++;
  for (let j = 0; j < numCols; j++) colStart[j + 1]! += colStart[j]!;
  const colNext = colStart.slice(0, numCols);
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  for (let t = 0; t < nnz; t++) {
    const k = byRow[t]!;
    const p = colNext[cols[k]!]!++;
    idx[p] = rows[k]!;
    val[p] = vals[k]!;
  }
  const starts = new Int32Array(numCols + 1);
  let out = 0;
  for (let j = 0; j < numCols; j++) {
    starts[j] = out;
    for (let p = colStart[j]!; p < colStart[j + 1]!; p++) {
      if (out > starts[j]! && idx[out - 1] === idx[p]) val[out - 1]! += val[p]!;
      else {
        idx[out] = idx[p]!;
        val[out] = val[p]!;
        out++;
      }
    }
  }
  starts[numCols] = out;
  return { starts, indices: idx.slice(0, out), values: val.slice(0, out) };
}

/** Incremental builder of an LpModel (minimisation). */
export class LpModelBuilder {
  private readonly names: string[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly cost: number[] = [];
  private readonly rowNamesList: string[] = [];
  private readonly rowLo: number[] = [];
  private readonly rowUp: number[] = [];
  private readonly aRow: number[] = [];
  private readonly aCol: number[] = [];
  private readonly aVal: number[] = [];
  private readonly qRow: number[] = [];
  private readonly qCol: number[] = [];
  private readonly qVal: number[] = [];
  private offset = 0;

  /** Number of variables added so far. */
  get numCols(): number {
    return this.names.length;
  }
  /** Number of constraints added so far. */
  get numRows(): number {
    return this.rowNamesList.length;
  }

  /** Adds a variable and returns its column index. */
  addVariable(name: string, spec: VariableSpec = {}): number {
    this.names.push(name);
    this.lower.push(spec.lower ?? 0);
    this.upper.push(spec.upper ?? Infinity);
    this.cost.push(spec.cost ?? 0);
    return this.names.length - 1;
  }

  /** Adds `cost` to variable j's linear objective coefficient. */
  addCost(j: number, cost: number): void {
    this.checkCol(j, 'objective');
    this.cost[j]! += cost;
  }

  /** Adds the constraint lower ≤ Σ coefs[k]·x[cols[k]] ≤ upper and returns its row index. */
  addConstraint(name: string, cols: ArrayLike<number>, coefs: ArrayLike<number>, lower: number, upper: number): number {
    if (cols.length !== coefs.length) {
      throw new ValidationError({ element: 'row', id: name, field: 'coefs', value: coefs.length }, `has ${coefs.length} coefficients for ${cols.length} variables`);
    }
    const row = this.rowNamesList.length;
    this.rowNamesList.push(name);
    this.rowLo.push(lower);
    this.rowUp.push(upper);
    for (let k = 0; k < cols.length; k++) {
      this.checkCol(cols[k]!, name);
      this.aRow.push(row);
      this.aCol.push(cols[k]!);
      this.aVal.push(coefs[k]!);
    }
    return row;
  }

  /** Adds value·x[col] to the existing row `row` (summed with any coefficient already there). */
  addCoefficient(row: number, col: number, value: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.rowNamesList.length) {
      throw new ValidationError({ element: 'row', id: row, field: 'row index', value: row }, `no row with index ${row} (have ${this.rowNamesList.length})`);
    }
    this.checkCol(col, this.rowNamesList[row]!);
    this.aRow.push(row);
    this.aCol.push(col);
    this.aVal.push(value);
  }

  /** Adds coef·x_i·x_j to the objective (coef·x_i² when i = j); the whole quadratic part must be convex. */
  addQuadratic(i: number, j: number, coef: number): void {
    this.checkCol(i, 'quadratic objective');
    this.checkCol(j, 'quadratic objective');
    // Stored as Q of ½xᵀQx, lower triangle: a diagonal term q·x² is Q_ii = 2q; an off-diagonal q·x_i·x_j is Q_ij = q.
    this.qRow.push(Math.max(i, j));
    this.qCol.push(Math.min(i, j));
    this.qVal.push(i === j ? 2 * coef : coef);
  }

  /** Adds a constant to the objective. */
  addObjectiveOffset(value: number): void {
    this.offset += value;
  }

  /** Lowers to the validated array form. */
  build(): LpModel {
    const n = this.names.length;
    const model: LpModel = {
      numCols: n,
      numRows: this.rowNamesList.length,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      rowLower: Float64Array.from(this.rowLo),
      rowUpper: Float64Array.from(this.rowUp),
      matrix: tripletsToCsc(this.rowNamesList.length, n, this.aRow, this.aCol, this.aVal),
      objectiveOffset: this.offset,
      colNames: this.names.slice(),
      rowNames: this.rowNamesList.slice(),
    };
    if (this.qVal.length > 0) model.hessian = tripletsToCsc(n, n, this.qRow, this.qCol, this.qVal);
    validateLpModel(model);
    return model;
  }

  private checkCol(j: number, where: string): void {
    if (!Number.isInteger(j) || j < 0 || j >= this.names.length) {
      throw new ValidationError({ element: 'row', id: where, field: 'variable index', value: j }, `no variable with index ${j} (have ${this.names.length})`);
    }
  }
}
