// The Shapley value: each player's average marginal contribution over all orders in which the grand coalition can
// form (Shapley 1953). Exact over the 2^n table for tabulated games; by seeded permutation sampling, with a
// confidence interval, for games too large to tabulate (a community of 100+ households).
import { ValidationError } from '../../errors.js';
import { Rng } from '../../random.js';
import type { CoalitionGame } from './coalition-game.js';

/** Exact Shapley value of a tabulated game, in the game's unit (currency), player order as in `game.players`. */
export function shapleyValue(game: CoalitionGame): Float64Array {
  const n = game.players.length;
  const v = game.values;
  // Weight of a coalition of size s not containing i: s!(n−s−1)!/n! = 1 / (n · C(n−1, s)).
  const weight = new Float64Array(n);
  let binomial = 1;
  for (let s = 0; s < n; s++) {
    weight[s] = 1 / (n * binomial);
    binomial = (binomial * (n - 1 - s)) / (s + 1);
  }
  const phi = new Float64Array(n);
  const size = new Uint8Array(v.length);
  for (let mask = 1; mask < v.length; mask++) size[mask] = size[mask & (mask - 1)]! + 1;
  for (let mask = 0; mask < v.length; mask++) {
    const w = weight[size[mask]!]!;
    const base = v[mask]!;
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      if (mask & bit) continue;
      phi[i] += w * (v[mask | bit]! - base);
    }
  }
  return phi;
}

/** Options of the sampled Shapley value. */
export interface SampledShapleyOptions {
  /** Random orders of the players to average over (each costs n evaluations of the characteristic function). */
  samples: number;
  /** Seed of the orders. */
  seed: number;
  /** Two-sided confidence level of the reported intervals (default 0.95). */
  confidence?: 0.9 | 0.95 | 0.99;
}

/** A Shapley value estimated from random orders, with each player's standard error and confidence half-width (currency). */
export interface SampledShapleyResult {
  /** Estimated Shapley value per player (currency); sums exactly to v(N) − v(∅) up to rounding. */
  value: Float64Array;
  /** Standard error of each estimate (currency). */
  standardError: Float64Array;
  /** Half-width of each confidence interval: value ± halfWidth (currency). */
  halfWidth: Float64Array;
  /** The confidence level of `halfWidth`. */
  confidence: number;
  /** Orders sampled. */
  samples: number;
}

const Z: Record<number, number> = { 0.9: 1.6448536269514722, 0.95: 1.959963984540054, 0.99: 2.5758293035489004 };

/**
 * A characteristic function evaluated along a growing coalition, for games whose v(S ∪ {i}) is cheap to update from
 * v(S) (e.g. pooled series): `reset()` empties the coalition and returns v(∅); `add(i)` adds player i and returns the
 * new coalition's value (currency).
 */
export interface IncrementalCoalition {
  /** Empties the coalition; returns v(∅). */
  reset(): number;
  /** Adds player `i` (not yet a member); returns the value of the enlarged coalition. */
  add(i: number): number;
}

/**
 * Shapley value of an n-player game by permutation sampling (Castro, Gómez & Tejada 2009): every sampled order adds
 * the players one by one and credits each with its marginal contribution. `valueOf(members)` receives a 0/1
 * membership array (do not keep it) and returns the coalition's value; or pass an IncrementalCoalition.
 */
export function sampledShapleyValue(
  playerCount: number,
  valueOf: ((members: Uint8Array) => number) | IncrementalCoalition,
  options: SampledShapleyOptions,
): SampledShapleyResult {
  if (!Number.isInteger(playerCount) || playerCount < 1) {
    throw new ValidationError({ element: 'game', id: 'sampled Shapley', field: 'playerCount', value: playerCount }, 'must be a positive integer');
  }
  if (!Number.isInteger(options.samples) || options.samples < 2) {
    throw new ValidationError({ element: 'game', id: 'sampled Shapley', field: 'samples', value: options.samples }, 'must be an integer ≥ 2 (a confidence interval needs two orders)');
  }
  const confidence = options.confidence ?? 0.95;
  const z = Z[confidence];
  if (z === undefined) {
    throw new ValidationError({ element: 'game', id: 'sampled Shapley', field: 'confidence', value: confidence }, 'must be 0.9, 0.95 or 0.99');
  }
  const n = playerCount;
  const rng = new Rng(options.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const coalition = typeof valueOf === 'function' ? membershipCoalition(n, valueOf) : valueOf;
  const members = new Uint8Array(n);
  const mean = new Float64Array(n);
  const m2 = new Float64Array(n);
  const checked = (v: number): number => {
    if (!Number.isFinite(v)) {
      const ids = [...members].flatMap((m, i) => (m ? [i] : []));
      throw new ValidationError({ element: 'coalition', id: ids.join(','), field: 'value', value: v }, 'the characteristic function returned a non-finite value');
    }
    return v;
  };
  for (let k = 1; k <= options.samples; k++) {
    rng.shuffle(order);
    members.fill(0);
    let previous = checked(coalition.reset());
    for (const i of order) {
      members[i] = 1;
      const current = checked(coalition.add(i));
      // Welford's update keeps the variance stable over many samples.
      const x = current - previous;
      const delta = x - mean[i]!;
      mean[i] += delta / k;
      m2[i] += delta * (x - mean[i]!);
      previous = current;
    }
  }
  const standardError = new Float64Array(n);
  const halfWidth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    standardError[i] = Math.sqrt(m2[i]! / (options.samples - 1) / options.samples);
    halfWidth[i] = z * standardError[i]!;
  }
  return { value: mean, standardError, halfWidth, confidence, samples: options.samples };
}

/** A membership-array characteristic function as an IncrementalCoalition. */
function membershipCoalition(n: number, valueOf: (members: Uint8Array) => number): IncrementalCoalition {
  const members = new Uint8Array(n);
  return {
    reset: () => {
      members.fill(0);
      return valueOf(members);
    },
    add: (i) => {
      members[i] = 1;
      return valueOf(members);
    },
  };
}
