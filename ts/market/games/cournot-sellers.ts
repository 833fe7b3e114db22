// A non-cooperative game among the sellers of a local market (Cournot quantity competition): seller i offers q_i of
// its surplus Q_i kWh to local buyers whose inverse demand is p(Q) = a − b·Q (currency/kWh, Q = Σ q_j); what it does
// not sell locally it exports at the feed-in tariff f. Its profit over exporting everything is
//   π_i(q) = q_i·(p(Q) − f) − c_i·q_i − ½·d_i·q_i²
// (c_i, d_i: linear and quadratic cost of delivering locally, e.g. battery wear). Best response in closed form:
// q_i = clamp((a − f − c_i − b·Q_{−i}) / (2b + d_i), 0, Q_i). The game has the exact potential (Slade 1994)
// Φ(q) = Σ (a − f − c_i) q_i − b·(Σ q_i² + Σ_{i<j} q_i q_j) − ½ Σ d_i q_i², strictly concave, so sequential best
// responses are coordinate ascent on Φ and converge to the unique Nash equilibrium.
import { ValidationError } from '../../errors.js';

/** One seller of the local market. */
export interface CournotSeller {
  /** Seller id. */
  id: string;
  /** Surplus it can sell this interval, kWh. */
  capacityKwh: number;
  /** Linear cost of local delivery, currency/kWh (default 0). */
  costPerKwh?: number;
  /** Quadratic cost coefficient, currency/kWh² (default 0). */
  costQuadPerKwh2?: number;
}

/** The local buyers' inverse demand p(Q) = a − b·Q and the feed-in alternative. */
export interface CournotMarket {
  /** Intercept a: the price at which buyers want nothing more, currency/kWh (at most the retail price). */
  demandInterceptPerKwh: number;
  /** Slope b > 0, currency/kWh per kWh. */
  demandSlopePerKwh2: number;
  /** Feed-in tariff f the sellers get for what they export, currency/kWh. */
  feedInPricePerKwh: number;
}

/** Options of the best-response dynamics. */
export interface CournotOptions {
  /** Stop when no seller's quantity moves by more than this, kWh (default 1e-12). */
  toleranceKwh?: number;
  /** Rounds of sequential best responses (default 10,000). */
  maxRounds?: number;
}

/** The outcome of best-response dynamics. */
export interface CournotEquilibrium {
  /** 'converged' when a round moved no seller by more than the tolerance. */
  status: 'converged' | 'max-iterations';
  /** Rounds run. */
  rounds: number;
  /** Each seller's local sale, kWh. */
  quantityKwh: Float64Array;
  /** Local price p(Q), currency/kWh. */
  pricePerKwh: number;
  /** Each seller's profit over exporting everything, currency. */
  profit: Float64Array;
  /** Largest move of any seller in the last round, kWh. */
  lastMoveKwh: number;
}

/** Seller i's profit over exporting everything, for quantities q (currency). */
export function cournotProfit(market: CournotMarket, sellers: readonly CournotSeller[], q: ArrayLike<number>, i: number): number {
  let total = 0;
  for (let j = 0; j < sellers.length; j++) total += q[j]!;
  const s = sellers[i]!;
  const price = market.demandInterceptPerKwh - market.demandSlopePerKwh2 * total;
  return q[i]! * (price - market.feedInPricePerKwh) - (s.costPerKwh ?? 0) * q[i]! - 0.5 * (s.costQuadPerKwh2 ?? 0) * q[i]! * q[i]!;
}

/** Seller i's best response to the others' total Q_{−i}, kWh. */
export function cournotBestResponse(market: CournotMarket, seller: CournotSeller, othersKwh: number): number {
  const b = market.demandSlopePerKwh2;
  const q = (market.demandInterceptPerKwh - market.feedInPricePerKwh - (seller.costPerKwh ?? 0) - b * othersKwh) / (2 * b + (seller.costQuadPerKwh2 ?? 0));
  return Math.min(seller.capacityKwh, Math.max(0, q));
}

/** Finds the Nash equilibrium by sequential (Gauss–Seidel) best responses from zero quantities. */
export function solveCournotEquilibrium(market: CournotMarket, sellers: readonly CournotSeller[], options: CournotOptions = {}): CournotEquilibrium {
  validate(market, sellers);
  const tol = options.toleranceKwh ?? 1e-12;
  const maxRounds = options.maxRounds ?? 10_000;
  const q = new Float64Array(sellers.length);
  let total = 0;
  let rounds = 0;
  let lastMove = Infinity;
  while (rounds < maxRounds && lastMove > tol) {
    rounds++;
    lastMove = 0;
    for (let i = 0; i < sellers.length; i++) {
      const next = cournotBestResponse(market, sellers[i]!, total - q[i]!);
      lastMove = Math.max(lastMove, Math.abs(next - q[i]!));
      total += next - q[i]!;
      q[i] = next;
    }
    // Re-summing each round keeps the running total from drifting over thousands of updates.
    total = q.reduce((a, b) => a + b, 0);
  }
  return {
    status: lastMove <= tol ? 'converged' : 'max-iterations',
    rounds,
    quantityKwh: q,
    pricePerKwh: market.demandInterceptPerKwh - market.demandSlopePerKwh2 * total,
    profit: Float64Array.from(sellers, (_, i) => cournotProfit(market, sellers, q, i)),
    lastMoveKwh: lastMove,
  };
}

function validate(market: CournotMarket, sellers: readonly CournotSeller[]): void {
  const m = (field: keyof CournotMarket, ok: boolean, problem: string): void => {
    if (!ok) throw new ValidationError({ element: 'market', id: 'market', field, value: market[field], unit: 'currency/kWh' }, problem);
  };
  m('demandInterceptPerKwh', Number.isFinite(market.demandInterceptPerKwh), 'must be a finite number');
  m('demandSlopePerKwh2', Number.isFinite(market.demandSlopePerKwh2) && market.demandSlopePerKwh2 > 0, 'must be a finite number > 0');
  m('feedInPricePerKwh', Number.isFinite(market.feedInPricePerKwh) && market.feedInPricePerKwh >= 0, 'must be a finite number ≥ 0');
  const seen = new Set<string>();
  for (const s of sellers) {
    if (typeof s.id !== 'string' || seen.has(s.id)) throw new ValidationError({ element: 'seller', id: String(s.id), field: 'id', value: s.id }, 'must be a unique string');
    seen.add(s.id);
    for (const [field, value, unit] of [['capacityKwh', s.capacityKwh, 'kWh'], ['costPerKwh', s.costPerKwh ?? 0, 'currency/kWh'], ['costQuadPerKwh2', s.costQuadPerKwh2 ?? 0, 'currency/kWh²']] as const) {
      if (!Number.isFinite(value) || value < 0) throw new ValidationError({ element: 'seller', id: s.id, field, value, unit }, 'must be a finite number ≥ 0');
    }
  }
}
