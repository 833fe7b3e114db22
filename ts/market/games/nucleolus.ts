// The nucleolus (Schmeidler 1969): the imputation that lexicographically minimises the coalitions' excesses, sorted
// from the largest. Computed by the sequential LPs of Maschler, Peleg & Shapley (1979): each LP minimises the largest
// excess ε of the coalitions not yet settled; coalitions whose excess row has a positive dual are tight in every
// optimum (complementary slackness), so they are settled at that ε; coalitions whose sums are then determined by the
// settled ones leave the problem; it ends when the settled coalitions determine the allocation. The first LP is the
// least core: the core is non-empty exactly when its ε ≤ 0.
import { PeergridError, ValidationError } from '../../errors.js';
import { LpModelBuilder } from '../../lp/lp-model-builder.js';
import type { LpSolver } from '../../lp/lp-solver.js';
import type { CoalitionGame } from './coalition-game.js';

/** Most players the LP sequence accepts: every LP has a row per coalition (2^16 = 65,536 rows). */
export const MAX_NUCLEOLUS_PLAYERS = 16;

/** The nucleolus and the least core of a game (currency). */
export interface NucleolusResult {
  /** The nucleolus, one value per player in `game.players` order (currency). */
  allocation: Float64Array;
  /**
   * ε of the least core: the smallest uniform excess every proper coalition can be held to (currency). ≤ 0 means the
   * core is non-empty (value game: v(S) − x(S) ≤ ε; cost game: x(S) − c(S) ≤ ε).
   */
  leastCoreEpsilon: number;
  /** The excess levels settled by the LP sequence, from the first (least core) on (currency). */
  excessLevels: number[];
  /** LPs solved. */
  lpCount: number;
}

/** Computes the nucleolus of a tabulated game over its imputations (x_i no worse than standing alone, x(N) = v(N)). */
export function nucleolus(game: CoalitionGame, solver: LpSolver): NucleolusResult {
  const n = game.players.length;
  if (n > MAX_NUCLEOLUS_PLAYERS) {
    throw new ValidationError({ element: 'game', id: 'document', field: 'players', value: n }, `the nucleolus is computed for at most ${MAX_NUCLEOLUS_PLAYERS} players (an LP row per coalition)`);
  }
  // A cost game c is the value game v = −c with allocations negated: x(S) − c(S) = v(S) − (−x)(S).
  const sign = game.kind === 'value' ? 1 : -1;
  const v = game.values.map((c) => sign * c);
  const grand = (1 << n) - 1;
  let standAlone = 0;
  for (let i = 0; i < n; i++) standAlone += v[1 << i]!;
  if (standAlone > v[grand]! + 1e-9 * Math.max(1, Math.abs(v[grand]!))) {
    throw new ValidationError(
      { element: 'game', id: 'document', field: 'values', value: game.values[grand] },
      `no imputation exists: the players' stand-alone ${game.kind === 'value' ? 'values add up to more' : 'costs add up to less'} than the grand coalition's`,
    );
  }
  if (n === 1) return { allocation: Float64Array.of(game.values[1]!), leastCoreEpsilon: 0, excessLevels: [], lpCount: 0 };

  const basis = new EchelonBasis(n);
  basis.add(grand, v[grand]!);
  const settled: { mask: number; rhs: number }[] = [];
  let active: number[] = [];
  for (let mask = 1; mask < grand; mask++) active.push(mask);
  const excessLevels: number[] = [];
  let lpCount = 0;
  while (basis.rank < n && active.length > 0) {
    const b = new LpModelBuilder();
    const xs = Array.from({ length: n }, (_, i) => b.addVariable(`x_${game.players[i]}`, { lower: v[1 << i]!, upper: Infinity }));
    const eps = b.addVariable('epsilon', { lower: -Infinity, upper: Infinity, cost: 1 });
    const members = (mask: number): number[] => xs.filter((_, i) => mask & (1 << i));
    b.addConstraint('efficiency', xs, xs.map(() => 1), v[grand]!, v[grand]!);
    for (const s of settled) {
      const cols = members(s.mask);
      b.addConstraint(`settled_${s.mask}`, cols, cols.map(() => 1), s.rhs, s.rhs);
    }
    const firstExcessRow = b.numRows;
    for (const mask of active) {
      const cols = [...members(mask), eps];
      b.addConstraint(`excess_${mask}`, cols, cols.map(() => 1), v[mask]!, Infinity);
    }
    const result = solver.solve(b.build());
    lpCount++;
    if (result.status !== 'optimal') {
      throw new PeergridError(`nucleolus: LP ${lpCount} ended with status '${result.status}' (${result.solverStatus ?? 'no detail'})`);
    }
    const level = result.x[eps]!;
    // The value game −c has the cost game's excesses: v'(S) − x'(S) = x(S) − c(S), so no sign change here.
    excessLevels.push(level);
    const tight: number[] = [];
    const dualTolerance = 1e-9;
    active.forEach((mask, k) => {
      if (result.rowDuals[firstExcessRow + k]! > dualTolerance) tight.push(mask);
    });
    if (tight.length === 0) throw new PeergridError(`nucleolus: LP ${lpCount} settled no coalition (all excess duals ≤ ${dualTolerance})`);
    for (const mask of tight) {
      const rhs = v[mask]! - level;
      settled.push({ mask, rhs });
      basis.add(mask, rhs);
    }
    // A coalition whose sum the settled ones already determine has a fixed excess: it no longer constrains ε.
    active = active.filter((mask) => !tight.includes(mask) && !basis.spans(mask));
  }
  const x = basis.solve();
  for (let i = 0; i < n; i++) x[i] = sign * x[i]!;
  return { allocation: x, leastCoreEpsilon: excessLevels[0] ?? 0, excessLevels, lpCount };
}

/** Row-echelon basis of coalition indicator vectors with their sums, for rank tests and the final solve. */
class EchelonBasis {
  readonly rows: Float64Array[] = [];
  readonly rhs: number[] = [];
  readonly pivots: number[] = [];
  constructor(private readonly n: number) {}

  get rank(): number {
    return this.rows.length;
  }

  /** Reduces the indicator vector of `mask` (with right-hand side) against the basis. */
  private reduce(mask: number, value: number): { row: Float64Array; rhs: number } {
    const row = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) if (mask & (1 << i)) row[i] = 1;
    let rhs = value;
    this.rows.forEach((r, k) => {
      const f = row[this.pivots[k]!]!;
      if (f !== 0) {
        for (let i = 0; i < this.n; i++) row[i] -= f * r[i]!;
        rhs -= f * this.rhs[k]!;
      }
    });
    return { row, rhs };
  }

  /** True when the coalition's sum is a combination of the basis rows. */
  spans(mask: number): boolean {
    const { row } = this.reduce(mask, 0);
    return row.every((a) => Math.abs(a) < 1e-9);
  }

  /** Adds the equation x(mask) = value if it is independent of the basis. */
  add(mask: number, value: number): void {
    const { row, rhs } = this.reduce(mask, value);
    let p = -1;
    for (let i = 0; i < this.n; i++) if (Math.abs(row[i]!) > 1e-9 && (p < 0 || Math.abs(row[i]!) > Math.abs(row[p]!))) p = i;
    if (p < 0) return;
    const f = row[p]!;
    for (let i = 0; i < this.n; i++) row[i] /= f;
    // Keep every row reduced in the new pivot column, so later reductions need one pass.
    this.rows.forEach((r, k) => {
      const g = r[p]!;
      if (g !== 0) {
        for (let i = 0; i < this.n; i++) r[i] -= g * row[i]!;
        this.rhs[k] -= (g * rhs) / f;
      }
    });
    this.rows.push(row);
    this.rhs.push(rhs / f);
    this.pivots.push(p);
  }

  /** The unique solution once the basis has full rank. */
  solve(): Float64Array {
    if (this.rows.length < this.n) throw new PeergridError('nucleolus: settled coalitions do not determine the allocation');
    const x = new Float64Array(this.n);
    this.rows.forEach((_, k) => {
      x[this.pivots[k]!] = this.rhs[k]!;
    });
    return x;
  }
}
