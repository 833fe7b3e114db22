// Stackelberg pricing of community energy sharing, after Tushar et al. ("Energy management for a user interactive
// smart community: a Stackelberg game approach", IEEE ISGT Asia 2014; IEEE Trans. Smart Grid 2015): a leader — the
// community manager or shared facility — posts one internal price p per kWh; each follower n with surplus E_n kWh
// sells e_n of it and keeps the rest, with utility U_n(e_n; p) = k_n·ln(1 + E_n − e_n) + p·e_n (k_n: how much n
// values keeping energy, currency). The leader needs D kWh; what followers do not sell it buys at the retail price p_g,
// so it minimises J(p) = p·S(p) + p_g·(D − S(p)) with S(p) = Σ e_n(p) ≤ D, over p in [p_min, p_g] (p_min the
// feed-in tariff, so followers never get less than the grid would pay). Solved by backward induction, exactly:
// followers' best responses are closed-form, and between the breakpoints where a follower starts or stops selling the
// leader's objective is concave in p with a closed-form stationary point.
import { ValidationError } from '../../errors.js';

/** One follower: its surplus energy and how much it values keeping it. */
export interface StackelbergFollower {
  /** Follower id. */
  id: string;
  /** Surplus energy it could sell this interval, kWh. */
  surplusKwh: number;
  /** Preference k_n for keeping energy in U = k·ln(1 + kept) + p·sold, currency. */
  keepPreference: number;
}

/** The leader's side: its demand and the price bounds. */
export interface StackelbergLeader {
  /** Energy the leader needs this interval, kWh. */
  demandKwh: number;
  /** Retail price p_g of energy bought from the grid, currency/kWh (the leader's upper price bound). */
  retailPricePerKwh: number;
  /** Lowest internal price the leader may post (e.g. the feed-in tariff), currency/kWh. */
  minPricePerKwh: number;
}

/** The Stackelberg equilibrium. */
export interface StackelbergEquilibrium {
  /** Leader's price, currency/kWh. */
  pricePerKwh: number;
  /** Each follower's sale e_n, kWh (order of the input). */
  soldKwh: Float64Array;
  /** Each follower's utility at the equilibrium, currency. */
  followerUtility: Float64Array;
  /** Energy bought from followers, kWh. */
  communitySupplyKwh: number;
  /** Energy the leader still buys at retail, kWh. */
  gridPurchaseKwh: number;
  /** The leader's cost J(p), currency. */
  leaderCost: number;
  /** The leader's cost without the followers (all D at retail), currency. */
  leaderCostWithoutSharing: number;
}

/** A follower's utility k·ln(1 + E − e) + p·e for selling e kWh at price p (currency). */
export function followerUtility(f: StackelbergFollower, soldKwh: number, pricePerKwh: number): number {
  return f.keepPreference * Math.log(1 + f.surplusKwh - soldKwh) + pricePerKwh * soldKwh;
}

/** A follower's best response to price p: argmax_e U = clamp(1 + E − k/p, 0, E) kWh (U is strictly concave in e). */
export function followerBestResponse(f: StackelbergFollower, pricePerKwh: number): number {
  if (pricePerKwh <= 0) return 0;
  return Math.min(f.surplusKwh, Math.max(0, 1 + f.surplusKwh - f.keepPreference / pricePerKwh));
}

/** Solves the leader–follower game by backward induction, exactly. */
export function solveStackelbergPricing(leader: StackelbergLeader, followers: readonly StackelbergFollower[]): StackelbergEquilibrium {
  validate(leader, followers);
  const pg = leader.retailPricePerKwh;
  const supply = (p: number): number => followers.reduce((s, f) => s + followerBestResponse(f, p), 0);
  // The leader saves (p_g − p)·S(p) against buying everything at retail, and S(p) may not exceed D.
  const saving = (p: number): number => (pg - p) * supply(p);
  // Breakpoints: follower n starts selling at k/(1+E) and sells everything from k on.
  const points = new Set<number>([leader.minPricePerKwh, pg]);
  for (const f of followers) {
    for (const b of [f.keepPreference / (1 + f.surplusKwh), f.keepPreference]) if (b > leader.minPricePerKwh && b < pg) points.add(b);
  }
  const breaks = [...points].sort((a, b) => a - b);
  // Largest admissible price: S is non-decreasing, so S(p) ≤ D holds up to some p_D (found piece by piece).
  if (supply(leader.minPricePerKwh) > leader.demandKwh) {
    throw new ValidationError(
      { element: 'leader', id: 'leader', field: 'demandKwh', value: leader.demandKwh, unit: 'kWh' },
      `followers already offer ${supply(leader.minPricePerKwh)} kWh at the minimum price ${leader.minPricePerKwh}: no admissible price keeps their sales within the leader's demand`,
    );
  }
  let pMax = pg;
  if (supply(pg) > leader.demandKwh) pMax = priceForSupply(followers, leader.demandKwh, breaks);
  const candidates: number[] = [leader.minPricePerKwh, pMax];
  for (let k = 0; k + 1 < breaks.length; k++) {
    const lo = breaks[k]!;
    const hi = Math.min(breaks[k + 1]!, pMax);
    if (hi <= lo) continue;
    candidates.push(lo, hi);
    // On this piece S(p) = A − B/p; (p_g − p)(A − B/p) is concave with its maximum at p = √(p_g·B/A).
    const mid = (lo + hi) / 2;
    let A = 0;
    let B = 0;
    for (const f of followers) {
      const e = followerBestResponse(f, mid);
      if (e <= 0) continue;
      if (e >= f.surplusKwh) A += f.surplusKwh;
      else {
        A += 1 + f.surplusKwh;
        B += f.keepPreference;
      }
    }
    if (A > 0 && B > 0) {
      const p = Math.sqrt((pg * B) / A);
      if (p > lo && p < hi) candidates.push(p);
    }
  }
  let best = leader.minPricePerKwh;
  let bestSaving = -Infinity;
  for (const p of candidates) {
    if (p < leader.minPricePerKwh || p > pMax) continue;
    const s = saving(p);
    // Ties go to the lower price: the leader pays less for the same saving.
    if (s > bestSaving + 1e-12 * Math.max(1, Math.abs(s)) || (Math.abs(s - bestSaving) <= 1e-12 * Math.max(1, Math.abs(s)) && p < best)) {
      best = p;
      bestSaving = s;
    }
  }
  const soldKwh = Float64Array.from(followers, (f) => followerBestResponse(f, best));
  const communitySupplyKwh = soldKwh.reduce((a, b) => a + b, 0);
  const gridPurchaseKwh = Math.max(0, leader.demandKwh - communitySupplyKwh);
  return {
    pricePerKwh: best,
    soldKwh,
    followerUtility: Float64Array.from(followers, (f, i) => followerUtility(f, soldKwh[i]!, best)),
    communitySupplyKwh,
    gridPurchaseKwh,
    leaderCost: best * communitySupplyKwh + pg * gridPurchaseKwh,
    leaderCostWithoutSharing: pg * leader.demandKwh,
  };
}

/** The price at which followers' total supply equals `target` kWh (S is continuous and non-decreasing). */
function priceForSupply(followers: readonly StackelbergFollower[], target: number, breaks: number[]): number {
  let lo = breaks[0]!;
  let hi = breaks[breaks.length - 1]!;
  const supply = (p: number): number => followers.reduce((s, f) => s + followerBestResponse(f, p), 0);
  // Bisection to machine precision: S is monotone, 200 halvings exhaust a double.
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    const mid = (lo + hi) / 2;
    if (supply(mid) > target) hi = mid;
    else lo = mid;
  }
  return lo;
}

function validate(leader: StackelbergLeader, followers: readonly StackelbergFollower[]): void {
  const check = (ok: boolean, element: string, id: string, field: string, value: unknown, unit: string, problem: string): void => {
    if (!ok) throw new ValidationError({ element, id, field, value, unit }, problem);
  };
  check(Number.isFinite(leader.demandKwh) && leader.demandKwh >= 0, 'leader', 'leader', 'demandKwh', leader.demandKwh, 'kWh', 'must be a finite number ≥ 0');
  check(Number.isFinite(leader.retailPricePerKwh) && leader.retailPricePerKwh > 0, 'leader', 'leader', 'retailPricePerKwh', leader.retailPricePerKwh, 'currency/kWh', 'must be a finite number > 0');
  check(
    Number.isFinite(leader.minPricePerKwh) && leader.minPricePerKwh >= 0 && leader.minPricePerKwh <= leader.retailPricePerKwh,
    'leader', 'leader', 'minPricePerKwh', leader.minPricePerKwh, 'currency/kWh', 'must lie in [0, retailPricePerKwh]',
  );
  const seen = new Set<string>();
  followers.forEach((f) => {
    check(typeof f.id === 'string' && !seen.has(f.id), 'follower', f.id, 'id', f.id, '', 'must be a unique string');
    seen.add(f.id);
    check(Number.isFinite(f.surplusKwh) && f.surplusKwh >= 0, 'follower', f.id, 'surplusKwh', f.surplusKwh, 'kWh', 'must be a finite number ≥ 0');
    check(Number.isFinite(f.keepPreference) && f.keepPreference > 0, 'follower', f.id, 'keepPreference', f.keepPreference, 'currency', 'must be a finite number > 0');
  });
}
