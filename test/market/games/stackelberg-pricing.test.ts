import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import {
  followerUtility,
  solveStackelbergPricing,
  type StackelbergFollower,
  type StackelbergLeader,
} from '../../../ts/market/games/stackelberg-pricing.js';

function randomCommunity(seed: number, n: number): { leader: StackelbergLeader; followers: StackelbergFollower[] } {
  const rng = new Rng(seed);
  const followers = Array.from({ length: n }, (_, i) => ({ id: `pv${i}`, surplusKwh: rng.uniform(0, 3), keepPreference: rng.uniform(0.02, 0.5) }));
  const total = followers.reduce((s, f) => s + f.surplusKwh, 0);
  // Demand at least what followers offer at the minimum price (else no admissible price exists), often less than all.
  const atMin = followers.reduce((s, f) => s + Math.min(f.surplusKwh, Math.max(0, 1 + f.surplusKwh - f.keepPreference / 0.08)), 0);
  return { leader: { demandKwh: Math.max(1.05 * atMin, total * rng.uniform(0.3, 1.5)), retailPricePerKwh: 0.3, minPricePerKwh: 0.08 }, followers };
}

describe('Stackelberg pricing (leader posts a price, followers best-respond)', () => {
  it('identical followers, interior optimum: p* = √(p_g·k/(1 + E)), as derived by hand', () => {
    const followers = Array.from({ length: 5 }, (_, i) => ({ id: `f${i}`, surplusKwh: 2, keepPreference: 0.2 }));
    const eq = solveStackelbergPricing({ demandKwh: 100, retailPricePerKwh: 0.3, minPricePerKwh: 0.05 }, followers);
    const p = Math.sqrt((0.3 * 0.2) / 3);
    expect(eq.pricePerKwh).toBeCloseTo(p, 12);
    eq.soldKwh.forEach((e) => expect(e).toBeCloseTo(3 - 0.2 / p, 12));
    expect(eq.leaderCost).toBeCloseTo(p * eq.communitySupplyKwh + 0.3 * (100 - eq.communitySupplyKwh), 9);
    expect(eq.leaderCost).toBeLessThan(eq.leaderCostWithoutSharing);
  });

  it('random communities: no follower gains by deviating, and no price on a 20,000-point grid lowers the leader\'s cost', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { leader, followers } = randomCommunity(seed, 2 + (seed % 7));
      const eq = solveStackelbergPricing(leader, followers);
      expect(eq.pricePerKwh).toBeGreaterThanOrEqual(leader.minPricePerKwh);
      expect(eq.pricePerKwh).toBeLessThanOrEqual(leader.retailPricePerKwh);
      expect(eq.communitySupplyKwh).toBeLessThanOrEqual(leader.demandKwh * (1 + 1e-12));
      followers.forEach((f, n) => {
        const u = followerUtility(f, eq.soldKwh[n]!, eq.pricePerKwh);
        expect(eq.followerUtility[n]).toBeCloseTo(u, 12);
        let bestDeviation = -Infinity;
        for (let k = 0; k <= 2000; k++) bestDeviation = Math.max(bestDeviation, followerUtility(f, (f.surplusKwh * k) / 2000, eq.pricePerKwh));
        expect(bestDeviation).toBeLessThanOrEqual(u + 1e-12);
      });
      // The leader's cost as a function of its price, followers best-responding by a separate bisection on U'.
      const respond = (f: StackelbergFollower, p: number): number => {
        let lo = 0;
        let hi = f.surplusKwh;
        for (let it = 0; it < 60; it++) {
          const mid = (lo + hi) / 2;
          if (p - f.keepPreference / (1 + f.surplusKwh - mid) > 0) lo = mid;
          else hi = mid;
        }
        return lo;
      };
      let bestGrid = Infinity;
      for (let k = 0; k <= 20_000; k++) {
        const p = leader.minPricePerKwh + ((leader.retailPricePerKwh - leader.minPricePerKwh) * k) / 20_000;
        const s = followers.reduce((acc, f) => acc + respond(f, p), 0);
        if (s > leader.demandKwh) break;
        bestGrid = Math.min(bestGrid, p * s + leader.retailPricePerKwh * (leader.demandKwh - s));
      }
      expect(eq.leaderCost).toBeLessThanOrEqual(bestGrid + 1e-9);
      // The equilibrium's cost re-computed with the test's own follower responses (1e-9), and within the grid's
      // resolution of its best point.
      const s = followers.reduce((acc, f) => acc + respond(f, eq.pricePerKwh), 0);
      expect(eq.pricePerKwh * s + leader.retailPricePerKwh * (leader.demandKwh - s)).toBeCloseTo(eq.leaderCost, 9);
      expect(bestGrid - eq.leaderCost).toBeLessThan(1e-3);
    }
  });

  it('refuses bad input, naming the follower and field', () => {
    expect(() => solveStackelbergPricing({ demandKwh: 1, retailPricePerKwh: 0.3, minPricePerKwh: 0.05 }, [{ id: 'a', surplusKwh: NaN, keepPreference: 1 }])).toThrow(/follower "a": surplusKwh = NaN/);
    expect(() => solveStackelbergPricing({ demandKwh: 1, retailPricePerKwh: 0.3, minPricePerKwh: 0.4 }, [])).toThrow(/minPricePerKwh/);
    expect(() => solveStackelbergPricing({ demandKwh: 0.1, retailPricePerKwh: 0.3, minPricePerKwh: 0.29 }, [{ id: 'a', surplusKwh: 5, keepPreference: 0.01 }])).toThrow(/demandKwh.*no admissible price/);
  });
});
