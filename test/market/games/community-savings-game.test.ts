import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import { checkCore } from '../../../ts/market/games/core-check.js';
import {
  communitySavingsGame, communitySavingsOf, communitySavingsShapley, mechanismAllocation, type MemberNetSeries,
} from '../../../ts/market/games/community-savings-game.js';
import { sampledShapleyValue, shapleyValue } from '../../../ts/market/games/shapley-value.js';

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

describe('community savings game with prices and P2P charges per interval', () => {
  const rng = new Rng(17);
  const t = 48;
  const members: MemberNetSeries[] = Array.from({ length: 7 }, (_, i) => ({ id: `m${i}`, netKwh: Array.from({ length: t }, () => rng.uniform(-3, 3)) }));
  const retail = Array.from({ length: t }, () => rng.uniform(0.2, 0.4));
  const feedIn = retail.map((r) => r * rng.uniform(0.1, 0.6));
  // Some intervals' charges exceed the spread: there the coalition gains nothing from trading inside.
  const charges = retail.map((r, k) => (k % 5 === 0 ? r : rng.uniform(0, 0.05)));
  const tariffs = { retailPricePerKwh: retail, feedInPricePerKwh: feedIn, internalChargePerKwh: charges };

  /** v(S) from the bills themselves: alone − pooled − charges on what was netted inside, floored at 0 per interval. */
  const byBills = (mask: number): number => {
    let v = 0;
    for (let k = 0; k < t; k++) {
      const bill = (n: number): number => (n > 0 ? retail[k]! * n : feedIn[k]! * n);
      let alone = 0;
      let pooled = 0;
      let imports = 0;
      let exports = 0;
      members.forEach((m, i) => {
        if (!(mask & (1 << i))) return;
        const n = m.netKwh[k]!;
        alone += bill(n);
        pooled += n;
        if (n > 0) imports += n;
        else exports -= n;
      });
      v += Math.max(0, alone - bill(pooled) - charges[k]! * Math.min(imports, exports));
    }
    return v;
  };

  it('every v(S) equals the bills computed directly (1e-12 relative)', () => {
    const game = communitySavingsGame(members, tariffs);
    for (let mask = 0; mask < 128; mask++) expect(game.values[mask]).toBeCloseTo(byBills(mask), 10);
    expect(communitySavingsOf(members, tariffs, [0, 3, 5])).toBeCloseTo(byBills(0b101001), 10);
  });

  it('the sampled Shapley value brackets the exact one; the incremental and membership forms give the same numbers', () => {
    const game = communitySavingsGame(members, tariffs);
    const exact = shapleyValue(game);
    const sampled = communitySavingsShapley(members, tariffs, { samples: 3000, seed: 5, confidence: 0.99 });
    exact.forEach((v, i) => expect(Math.abs(sampled.value[i]! - v)).toBeLessThan(2 * sampled.halfWidth[i]! + 1e-12));
    expect(sampled.value.reduce((s, v) => s + v, 0)).toBeCloseTo(game.values[127]!, 9);
    const viaMasks = sampledShapleyValue(7, (inS) => game.values[inS.reduce((m, x, i) => m | (x << i), 0)]!, { samples: 3000, seed: 5, confidence: 0.99 });
    sampled.value.forEach((v, i) => expect(v).toBeCloseTo(viaMasks.value[i]!, 10));
  });

  it('a mechanism hands out v(N) with the charges paid (the uniform auction at reservation bids trades every nettable kWh)', () => {
    const game = communitySavingsGame(members, tariffs);
    const x = mechanismAllocation(members, tariffs, 'uniform');
    expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(game.values[127]!, 9);
  });

  it('refuses a price series of the wrong length or a negative charge, naming the field', () => {
    expect(() => communitySavingsGame(members, { ...tariffs, retailPricePerKwh: [0.3] })).toThrow(/retailPricePerKwh.*1 values, the members 48 intervals/);
    expect(() => communitySavingsGame(members, { ...tariffs, internalChargePerKwh: -0.01 })).toThrow(/internalChargePerKwh.*≥ 0/);
  });
});
