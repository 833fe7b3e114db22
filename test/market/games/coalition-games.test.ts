import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import { loadLpSolver } from '../../../ts/lp/load-lp-solver.js';
import type { LpSolver } from '../../../ts/lp/lp-solver.js';
import { Rng } from '../../../ts/random.js';
import { coalitionSums, createCoalitionGame, parseCoalitionGame, type CoalitionGame } from '../../../ts/market/games/coalition-game.js';
import { checkCore } from '../../../ts/market/games/core-check.js';
import { nucleolus } from '../../../ts/market/games/nucleolus.js';
import { sampledShapleyValue, shapleyValue } from '../../../ts/market/games/shapley-value.js';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `p${i + 1}`);

/** Shapley by brute force: average marginal contribution over all n! orders. */
function shapleyByPermutations(game: CoalitionGame): number[] {
  const n = game.players.length;
  const phi = new Array<number>(n).fill(0);
  let count = 0;
  const permute = (order: number[], rest: number[]): void => {
    if (rest.length === 0) {
      let mask = 0;
      for (const i of order) {
        phi[i] += game.values[mask | (1 << i)]! - game.values[mask]!;
        mask |= 1 << i;
      }
      count++;
      return;
    }
    rest.forEach((r, k) => permute([...order, r], rest.filter((_, j) => j !== k)));
  };
  permute([], Array.from({ length: n }, (_, i) => i));
  return phi.map((p) => p / count);
}

function randomGame(n: number, seed: number, kind: 'value' | 'cost' = 'value'): CoalitionGame {
  const rng = new Rng(seed);
  // Superadditive-ish: a random synergy per coalition on top of additive stand-alone values.
  const solo = Array.from({ length: n }, () => rng.uniform(0, 10));
  return createCoalitionGame(ids(n), (mask) => {
    if (mask === 0) return 0;
    let s = 0;
    let size = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) { s += solo[i]!; size++; }
    return s + (size > 1 ? rng.uniform(0, 4 * size) : 0);
  }, kind);
}

/** A value game's excesses v(S) − x(S) over proper non-empty coalitions, sorted from the largest. */
function sortedExcesses(game: CoalitionGame, x: ArrayLike<number>): number[] {
  const n = game.players.length;
  const sums = coalitionSums(x, n);
  const out: number[] = [];
  for (let mask = 1; mask < (1 << n) - 1; mask++) out.push(game.values[mask]! - sums[mask]!);
  return out.sort((a, b) => b - a);
}

/** Compares sorted excess vectors lexicographically with a tolerance: <0 when a is smaller. */
function lexCompare(a: number[], b: number[], tol: number): number {
  for (let k = 0; k < a.length; k++) {
    if (a[k]! < b[k]! - tol) return -1;
    if (a[k]! > b[k]! + tol) return 1;
  }
  return 0;
}

/** Bankruptcy game (O'Neill 1982): v(S) = max(0, E − claims of the others). */
function bankruptcy(estate: number, claims: number[]): CoalitionGame {
  const total = claims.reduce((a, b) => a + b, 0);
  return createCoalitionGame(ids(claims.length), (mask) => {
    let inside = 0;
    claims.forEach((d, i) => { if (mask & (1 << i)) inside += d; });
    return mask === 0 ? 0 : Math.max(0, estate - (total - inside));
  });
}

const glove = parseCoalitionGame({
  format: 'coalition-game/1',
  players: ['L', 'R1', 'R2'],
  values: { '': 0, L: 0, R1: 0, R2: 0, 'L,R1': 1, 'L,R2': 1, 'R1,R2': 0, 'L,R1,R2': 1 },
});

let highs: LpSolver;
let glpk: LpSolver;
beforeAll(async () => {
  highs = await loadLpSolver('highs');
  glpk = await loadLpSolver('glpk');
});

describe('Shapley value', () => {
  it('equals the average over all n! orders on random games (n = 1 … 6, 1e-12)', () => {
    for (let n = 1; n <= 6; n++) {
      const game = randomGame(n, 100 + n);
      const exact = shapleyValue(game);
      const brute = shapleyByPermutations(game);
      brute.forEach((b, i) => expect(exact[i]).toBeCloseTo(b, 12));
    }
  });

  it('glove game: L gets 2/3, each right glove 1/6; not in the core, whose only point is (1, 0, 0)', () => {
    const phi = shapleyValue(glove);
    expect([...phi].map((v) => v * 6)).toEqual([4, 1, 1].map((v) => expect.closeTo(v, 12)));
    const check = checkCore(glove, phi);
    expect(check.inCore).toBe(false);
    expect(check.coreExcess).toBeCloseTo(1 - 2 / 3 - 1 / 6, 12);
    expect(['L,R1', 'L,R2']).toContain(check.worstCoalition.join(','));
    expect(checkCore(glove, [1, 0, 0]).inCore).toBe(true);
  });

  it('airport cost game: the Shapley value shares each runway segment equally among its users (Littlechild & Owen 1973)', () => {
    const c = [3, 7, 12, 20];
    const game = createCoalitionGame(ids(4), (mask) => Math.max(0, ...c.filter((_, i) => mask & (1 << i))), 'cost');
    const phi = shapleyValue(game);
    let share = 0;
    c.forEach((ci, i) => {
      share += (ci - (i === 0 ? 0 : c[i - 1]!)) / (c.length - i);
      expect(phi[i]).toBeCloseTo(share, 12);
    });
    // Airport games are concave: the Shapley value lies in the (cost) core.
    expect(checkCore(game, phi).inCore).toBe(true);
  });

  it('sampled: the exact value lies within the 99 % intervals, the sum is v(N), the same seed gives the same numbers', () => {
    const game = randomGame(8, 7);
    const exact = shapleyValue(game);
    const valueOf = (m: Uint8Array): number => game.values[m.reduce((mask, b, i) => mask | (b << i), 0)]!;
    const a = sampledShapleyValue(8, valueOf, { samples: 4000, seed: 11, confidence: 0.99 });
    const b = sampledShapleyValue(8, valueOf, { samples: 4000, seed: 11, confidence: 0.99 });
    expect([...a.value]).toEqual([...b.value]);
    exact.forEach((e, i) => expect(Math.abs(a.value[i]! - e)).toBeLessThanOrEqual(a.halfWidth[i]!));
    expect(a.value.reduce((s, v) => s + v, 0)).toBeCloseTo(game.values[255]!, 9);
    expect(Math.max(...a.halfWidth)).toBeLessThan(0.5);
  });
});

describe('nucleolus (sequential LPs)', () => {
  it('bankruptcy games: equals the Talmud rule of Aumann & Maschler (1985) for claims 100/200/300, both solvers', () => {
    const talmud: [number, number[]][] = [[100, [100 / 3, 100 / 3, 100 / 3]], [200, [50, 75, 75]], [300, [50, 100, 150]]];
    for (const [estate, expected] of talmud) {
      for (const solver of [highs, glpk]) {
        const r = nucleolus(bankruptcy(estate, [100, 200, 300]), solver);
        expected.forEach((e, i) => expect(r.allocation[i]).toBeCloseTo(e, 7));
      }
    }
  });

  it('glove game: (1, 0, 0), least core ε = 0', () => {
    const r = nucleolus(glove, highs);
    expect([...r.allocation].map((v) => Number(v.toFixed(9)) + 0)).toEqual([1, 0, 0]);
    expect(r.leastCoreEpsilon).toBeCloseTo(0, 9);
  });

  it('random games (n = 3 … 6): an imputation whose sorted excesses no random imputation beats lexicographically; highs = glpk', () => {
    for (let n = 3; n <= 6; n++) {
      const game = randomGame(n, 40 + n);
      const r = nucleolus(game, highs);
      const g = nucleolus(game, glpk);
      r.allocation.forEach((v, i) => expect(g.allocation[i]).toBeCloseTo(v, 6));
      const grand = (1 << n) - 1;
      expect(r.allocation.reduce((s, v) => s + v, 0)).toBeCloseTo(game.values[grand]!, 9);
      r.allocation.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(game.values[1 << i]! - 1e-9));
      const best = sortedExcesses(game, r.allocation);
      expect(best[0]).toBeCloseTo(r.leastCoreEpsilon, 7);
      const rng = new Rng(n);
      for (let trial = 0; trial < 300; trial++) {
        // Move along an efficient direction (sum zero), small and large steps, kept individually rational.
        const d = Array.from({ length: n }, () => rng.normal());
        const mean = d.reduce((s, v) => s + v, 0) / n;
        const step = trial < 150 ? 1e-3 : 1;
        const y = [...r.allocation].map((v, i) => v + step * (d[i]! - mean));
        if (y.some((v, i) => v < game.values[1 << i]!)) continue;
        expect(lexCompare(best, sortedExcesses(game, y), 1e-8)).toBeLessThanOrEqual(0);
      }
    }
  });

  it('a cost game\'s nucleolus is the negated nucleolus of the value game −c; the core verdict agrees with least core ε', () => {
    // Subadditive costs (sharing saves): stand-alone costs minus a random saving per coalition.
    const savings = randomGame(4, 5);
    const cost = createCoalitionGame(savings.players, (m) => {
      let solo = 0;
      for (let i = 0; i < 4; i++) if (m & (1 << i)) solo += 3 * savings.values[1 << i]!;
      return solo - (savings.values[m]! - savings.values[0]!) * 0.5;
    }, 'cost');
    const asValue = createCoalitionGame(cost.players, (m) => -cost.values[m]!);
    const rc = nucleolus(cost, highs);
    const rv = nucleolus(asValue, highs);
    rc.allocation.forEach((v, i) => expect(v).toBeCloseTo(-rv.allocation[i]!, 8));
    expect(checkCore(cost, rc.allocation).inCore).toBe(rc.leastCoreEpsilon <= 1e-9);
  });

  it('refuses a game without imputations, naming it', () => {
    const g = createCoalitionGame(ids(2), (m) => [0, 5, 5, 6][m]!);
    expect(() => nucleolus(g, highs)).toThrow(/no imputation exists/);
  });
});

describe('coalition-game/1 validation', () => {
  const base = { format: 'coalition-game/1', players: ['a', 'b'], values: { '': 0, a: 1, b: 2, 'a,b': 4 } as Record<string, unknown> };
  it('accepts members in any order', () => {
    const g = parseCoalitionGame({ ...base, values: { '': 0, a: 1, b: 2, 'b,a': 4 } });
    expect([...g.values]).toEqual([0, 1, 2, 4]);
  });
  it.each([
    [{ ...base, values: { '': 0, a: 1, 'a,b': 4 } }, /coalition "b".*is missing/],
    [{ ...base, values: { ...base.values, 'a,c': 3 } }, /unknown player/],
    [{ ...base, values: { ...base.values, 'a,a': 3 } }, /lists a player twice/],
    [{ ...base, values: { ...base.values, a: 'NaN' } }, /values\["a"\].*finite number/],
    [{ ...base, values: { ...base.values, '': 1 } }, /empty coalition must have value 0/],
    [{ ...base, players: ['a', 'a'] }, /listed twice/],
    [{ ...base, kind: 'profit' }, /kind.*'value' or 'cost'/],
    [{ ...base, format: 'coalition-game/2' }, /format/],
  ])('rejects %j with a ValidationError naming the element', (doc, message) => {
    expect(() => parseCoalitionGame(doc)).toThrow(ValidationError);
    expect(() => parseCoalitionGame(doc)).toThrow(message);
  });
});
