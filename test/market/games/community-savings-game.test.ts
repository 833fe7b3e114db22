import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import { checkCore } from '../../../ts/market/games/core-check.js';
import { communitySavingsGame, mechanismAllocation, type MemberNetSeries } from '../../../ts/market/games/community-savings-game.js';
import { shapleyValue } from '../../../ts/market/games/shapley-value.js';

const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.1 };

describe('community savings game (pooling net positions)', () => {
  it('two sellers and a buyer, one interval, by hand: v(N) = 0.2; MMR is outside the core, the competitive split inside', () => {
    const members: MemberNetSeries[] = [{ id: 's1', netKwh: [-1] }, { id: 's2', netKwh: [-1] }, { id: 'b', netKwh: [1] }];
    const game = communitySavingsGame(members, tariffs);
    // Alone: −0.1 −0.1 +0.3 = 0.1; pooled: net export 1 → −0.1. {s1, b} balance exactly: 0.2 − 0 = 0.2.
    expect(game.values[7]).toBeCloseTo(0.2, 12);
    expect(game.values[0b101]).toBeCloseTo(0.2, 12);
    expect(game.values[0b011]).toBeCloseTo(0, 12);
    // Mid-market rate: the buyer pays 0.2 (saves 0.1), each seller sells half locally at 0.2 (saves 0.05).
    const mmr = mechanismAllocation(members, tariffs, 'mmr');
    expect([...mmr].map((v) => Number(v.toFixed(12)))).toEqual([0.05, 0.05, 0.1]);
    const verdict = checkCore(game, mmr);
    expect(verdict.inCore).toBe(false);
    expect(verdict.coreExcess).toBeCloseTo(0.05, 12);
    // The competitive (marginal) price here is feed-in: the buyer keeps the whole saving — the core's only point.
    expect(checkCore(game, [0, 0, 0.2]).inCore).toBe(true);
  });

  it('every mechanism hands out exactly v(N) when members bid their reservation values and the market is budget-balanced', () => {
    const rng = new Rng(3);
    const members: MemberNetSeries[] = Array.from({ length: 6 }, (_, i) => ({ id: `h${i}`, netKwh: Array.from({ length: 24 }, () => rng.uniform(-2, 2)) }));
    const game = communitySavingsGame(members, tariffs);
    for (const mechanism of ['mmr', 'sdr', 'uniform'] as const) {
      const x = mechanismAllocation(members, tariffs, mechanism);
      expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(game.values[63]!, 9);
    }
    // The Shapley value is efficient too, and the game is superadditive (pooling never costs).
    expect(shapleyValue(game).reduce((s, v) => s + v, 0)).toBeCloseTo(game.values[63]!, 9);
    for (let a = 1; a < 64; a++) for (let b = 1; b < 64; b++) if ((a & b) === 0) expect(game.values[a | b]! + 1e-12).toBeGreaterThanOrEqual(game.values[a]! + game.values[b]!);
  });

  it('refuses series of unequal length or NaN, naming the member', () => {
    expect(() => communitySavingsGame([{ id: 'a', netKwh: [1, 2] }, { id: 'b', netKwh: [1] }], tariffs)).toThrow(/member "b": netKwh/);
    expect(() => communitySavingsGame([{ id: 'a', netKwh: [NaN] }], tariffs)).toThrow(/netKwh\[0\]/);
  });
});
