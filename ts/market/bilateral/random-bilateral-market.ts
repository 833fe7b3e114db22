import { Rng } from '../../random.js';
import { BILATERAL_MARKET_FORMAT, type BilateralAgent, type BilateralLink, type BilateralMarket } from './bilateral-market.js';

/** Shape of a random bilateral market. */
export interface RandomBilateralMarketOptions {
  /** Number of agents. */
  agents: number;
  /** Average number of trading partners per agent (default 10); 0 = no links (everyone with everyone). */
  partners?: number;
  /** Largest preference cost of a link, currency/kWh (default 0.02; costs are uniform in [0, max]). */
  maxPreferenceCostPerKwh?: number;
  /** Quadratic costs (default true); false makes every a_n = 0 (an LP). */
  quadratic?: boolean;
}

/**
 * A seeded random market for tests, benchmarks and examples: 40 % producers (b uniform 0.02–0.10 currency/kWh,
 * 0 ≤ p ≤ 5–50 kW), 60 % consumers (willingness b uniform 0.15–0.35, −30…−5 ≤ p ≤ 0 kW), a uniform in
 * 0.002–0.02 currency/kW² (or 0); each agent links to partners/2 random others (duplicates dropped), so the
 * average degree is about `partners`.
 */
export function createRandomBilateralMarket(options: RandomBilateralMarketOptions, seed: number): BilateralMarket {
  const rng = new Rng(seed);
  const n = options.agents;
  const partners = options.partners ?? 10;
  const maxCost = options.maxPreferenceCostPerKwh ?? 0.02;
  const quadratic = options.quadratic ?? true;
  const agents: BilateralAgent[] = [];
  for (let i = 0; i < n; i++) {
    const producer = rng.chance(0.4);
    const a = quadratic ? round(rng.uniform(0.002, 0.02), 5) : 0;
    agents.push(producer
      ? { id: `a${i}`, costQuadPerKw2: a, costLinPerKw: round(rng.uniform(0.02, 0.1), 4), pMinKw: 0, pMaxKw: round(rng.uniform(5, 50), 2) }
      : { id: `a${i}`, costQuadPerKw2: a, costLinPerKw: round(rng.uniform(0.15, 0.35), 4), pMinKw: -round(rng.uniform(5, 30), 2), pMaxKw: 0 });
  }
  if (partners === 0 || n < 2) return { format: BILATERAL_MARKET_FORMAT, agents };
  const links: BilateralLink[] = [];
  const seen = new Set<number>();
  const per = Math.max(1, Math.round(partners / 2));
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < per; k++) {
      const j = rng.int(n);
      if (j === i) continue;
      const key = Math.min(i, j) * n + Math.max(i, j);
      if (seen.has(key)) continue;
      seen.add(key);
      links.push({ from: `a${i}`, to: `a${j}`, costPerKwh: round(rng.uniform(0, maxCost), 4) });
      if (rng.chance(0.5)) links.push({ from: `a${j}`, to: `a${i}`, costPerKwh: round(rng.uniform(0, maxCost), 4) });
    }
  }
  return { format: BILATERAL_MARKET_FORMAT, agents, links };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
