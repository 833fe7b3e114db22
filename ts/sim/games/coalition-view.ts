// How each mechanism's savings compare with the community's coalition game: v(N), what pooling every household's
// no-P2P position would save (community-savings-game.ts), and the Shapley value, each household's fair share of it
// by marginal contribution. A mechanism that captures most of v(N) and stays close to the Shapley value both uses
// the community's flexibility and splits the gain by contribution; the report shows both figures per mechanism.
import { canTabulateCommunity, communitySavingsGame, communitySavingsShapley } from '../../market/games/community-savings-game.js';
import { shapleyValue } from '../../market/games/shapley-value.js';
import type { SimulationResult } from '../engine/simulation.js';
import type { RecordedPositions } from './net-position-recorder.js';

/** One mechanism against the coalition game. */
export interface CoalitionViewRow {
  /** Mechanism. */
  mechanism: string;
  /** Σ savings against the no-P2P baseline, currency. */
  savings: number;
  /** Σ savings / v(N) · 100 (can exceed 100 when the mechanism also changes what is curtailed or stored), %. */
  capturedPercent: number | null;
  /** Σ_i |saving_i − φ_i| / v(N) · 100: 0 = the Shapley split exactly, %. */
  shapleyDistancePercent: number | null;
  /** Households whose saving is below their Shapley value by more than its sampling half-width. */
  belowShapley: number;
}

/** The coalition game of a comparison and each mechanism's place in it. */
export interface CoalitionView {
  /** v(N): what pooling every household's no-P2P position saves over the run, currency. */
  grandCoalitionValue: number;
  /** Whether the Shapley value is exact (tabulated game) or sampled. */
  exact: boolean;
  /** Orders sampled (null when exact). */
  samples: number | null;
  /** Largest 95 % half-width of a household's sampled Shapley value, currency (0 when exact). */
  maxHalfWidth: number;
  /** One row per mechanism other than 'none'. */
  rows: CoalitionViewRow[];
}

/** Options of `coalitionView`. */
export interface CoalitionViewOptions {
  /** Orders of the sampled Shapley value when the game is too large to tabulate (default 100). */
  samples?: number;
  /** Seed of the sampling. */
  seed: number;
}

/**
 * Compares every run's per-household savings with the coalition game of the baseline positions; null without a
 * 'none' run or with fewer than two households.
 */
export function coalitionView(results: readonly SimulationResult[], positions: RecordedPositions, options: CoalitionViewOptions): CoalitionView | null {
  const baseline = results.find((r) => r.mechanism === 'none');
  const n = positions.members.length;
  if (baseline === undefined || n < 2) return null;
  const steps = positions.members[0]!.netKwh.length;
  let phi: Float64Array;
  let halfWidth: Float64Array;
  let samples: number | null = null;
  if (canTabulateCommunity(n, steps)) {
    phi = shapleyValue(communitySavingsGame(positions.members, positions.tariffs));
    halfWidth = new Float64Array(n);
  } else {
    samples = options.samples ?? 100;
    const s = communitySavingsShapley(positions.members, positions.tariffs, { samples, seed: options.seed });
    phi = s.value;
    halfWidth = s.halfWidth;
  }
  const vN = phi.reduce((a, b) => a + b, 0);
  const base = baseline.metrics.prosumers;
  const rows = results
    .filter((r) => r.mechanism !== 'none')
    .map((r) => {
      let savings = 0;
      let distance = 0;
      let below = 0;
      r.metrics.prosumers.forEach((p, i) => {
        const saving = base[i]!.cost - p.cost;
        savings += saving;
        distance += Math.abs(saving - phi[i]!);
        if (saving < phi[i]! - halfWidth[i]!) below++;
      });
      return {
        mechanism: r.mechanism,
        savings,
        capturedPercent: vN > 0 ? (savings / vN) * 100 : null,
        shapleyDistancePercent: vN > 0 ? (distance / vN) * 100 : null,
        belowShapley: below,
      };
    });
  return { grandCoalitionValue: vN, exact: samples === null, samples, maxHalfWidth: Math.max(...halfWidth), rows };
}
