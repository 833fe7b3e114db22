// Core membership of an allocation: no coalition can do better on its own (Gillies 1959). Checked exactly by
// enumerating every coalition of the tabulated game, so the answer names the most dissatisfied coalition.
import { ValidationError } from '../../errors.js';
import { coalitionKey, coalitionSums, type CoalitionGame } from './coalition-game.js';

/** The verdict on one allocation: efficiency and the largest coalition excess (currency). */
export interface CoreCheck {
  /** True when the allocation is efficient and no coalition has a positive excess (within `tolerance`). */
  inCore: boolean;
  /** x(N) − v(N): what the allocation hands out beyond the grand coalition's value (currency; 0 when efficient). */
  efficiencyGap: number;
  /**
   * Largest excess over proper non-empty coalitions (currency): v(S) − x(S) in a value game (what S would gain by
   * leaving), x(S) − c(S) in a cost game (what S overpays). ≤ 0 means no coalition objects.
   */
  coreExcess: number;
  /** The coalition with that excess, by player ids (empty for a one-player game). */
  worstCoalition: string[];
  /** Absolute tolerance used for both tests (currency). */
  tolerance: number;
}

/** Default tolerance of core tests: 1e-9 of the largest |v(S)|, at least 1e-9 (currency). */
export function coreTolerance(game: CoalitionGame): number {
  let scale = 1;
  for (const v of game.values) scale = Math.max(scale, Math.abs(v));
  return 1e-9 * scale;
}

/** Checks whether `allocation` (one number per player, in `game.players` order, currency) lies in the core. */
export function checkCore(game: CoalitionGame, allocation: ArrayLike<number>, tolerance = coreTolerance(game)): CoreCheck {
  const n = game.players.length;
  if (allocation.length !== n) {
    throw new ValidationError({ element: 'allocation', id: 'allocation', field: 'length', value: allocation.length }, `must give one value per player (${n})`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(allocation[i])) {
      throw new ValidationError({ element: 'allocation', id: game.players[i]!, field: 'value', value: allocation[i] }, 'must be a finite number');
    }
  }
  const sign = game.kind === 'value' ? 1 : -1;
  const sums = coalitionSums(allocation, n);
  const grand = (1 << n) - 1;
  let coreExcess = -Infinity;
  let worst = 0;
  for (let mask = 1; mask < grand; mask++) {
    const excess = sign * (game.values[mask]! - sums[mask]!);
    if (excess > coreExcess) {
      coreExcess = excess;
      worst = mask;
    }
  }
  if (n === 1) coreExcess = 0;
  const efficiencyGap = sums[grand]! - game.values[grand]!;
  return {
    inCore: Math.abs(efficiencyGap) <= tolerance && coreExcess <= tolerance,
    efficiencyGap,
    coreExcess,
    worstCoalition: worst === 0 ? [] : coalitionKey(game.players, worst).split(','),
    tolerance,
  };
}
