import highsModule from 'highs';
import type { BilateralMarket } from '../../../ts/market/bilateral/bilateral-market.js';
import type { BilateralMarketResult } from '../../../ts/market/bilateral/bilateral-result.js';
import { compileBilateralMarket, materialisePairs } from '../../../ts/market/bilateral/compile-bilateral-market.js';

/** Two agents: p sells to c and pays 0.02 per kWh; by hand q = 9 kW, objective −0.81, price 0.16. */
export const twoAgents: BilateralMarket = {
  format: 'p2p-bilateral-market/1',
  agents: [
    { id: 'p', costQuadPerKw2: 0.01, costLinPerKw: 0.05, pMinKw: 0, pMaxKw: 50 },
    { id: 'c', costQuadPerKw2: 0.01, costLinPerKw: 0.25, pMinKw: -50, pMaxKw: 0 },
  ],
  links: [{ from: 'p', to: 'c', costPerKwh: 0.02 }],
};

/**
 * Three agents, solved by hand: p–c1 (p pays 0.02), p–c2 (free), c1–c2 (c1 pays 0.05, stays unused).
 * λ_p = 0.05 + 0.01·q_p, λ_c1 = 0.25 − 0.01·q1 = λ_p + 0.02, λ_c2 = 0.20 − 0.02·q2 = λ_p ⇒ 2.5·λ_p = 0.38:
 * λ_p = 0.152, q1 = 7.8, q2 = 2.4, q_p = 10.2; objective 1.0302 − 1.6458 − 0.4224 + 0.156 = −0.882;
 * prices: p→c1 0.172, p→c2 0.152; the unused c1–c2 link has |λ_c1 − λ_c2| = 0.02 < 0.05.
 */
export const threeAgents: BilateralMarket = {
  format: 'p2p-bilateral-market/1',
  agents: [
    { id: 'p', costQuadPerKw2: 0.01, costLinPerKw: 0.05, pMinKw: 0, pMaxKw: 50 },
    { id: 'c1', costQuadPerKw2: 0.01, costLinPerKw: 0.25, pMinKw: -50, pMaxKw: 0 },
    { id: 'c2', costQuadPerKw2: 0.02, costLinPerKw: 0.2, pMinKw: -50, pMaxKw: 0 },
  ],
  links: [
    { from: 'p', to: 'c1', costPerKwh: 0.02 },
    { from: 'c2', to: 'p', costPerKwh: 0 },
    { from: 'c1', to: 'c2', costPerKwh: 0.05 },
  ],
};

/** Largest bound range max(1, pMax − pMin) of a market, kW (the net-position tolerance unit). */
export function rangeScale(market: BilateralMarket): number {
  return Math.max(1, ...market.agents.map((a) => a.pMaxKw - a.pMinKw));
}

/** Checks reciprocity, bounds and the recomputed objective of a result; returns the largest violation found. */
export function feasibilityViolation(market: BilateralMarket, r: BilateralMarketResult): { reciprocity: number; bounds: number; balance: number; objective: number } {
  const index = new Map(market.agents.map((a, i) => [a.id, i]));
  const byDir = new Map<string, number>();
  const net = new Float64Array(market.agents.length);
  const cost = new Map<string, number>();
  for (const l of market.links ?? []) cost.set(`${l.from}>${l.to}`, l.costPerKwh);
  let objective = 0;
  for (const t of r.trades) {
    byDir.set(`${t.from}>${t.to}`, t.kw);
    net[index.get(t.from)!] += t.kw;
    objective += (cost.get(`${t.from}>${t.to}`) ?? 0) * Math.abs(t.kw);
  }
  let reciprocity = 0;
  for (const [k, v] of byDir) {
    const [f, to] = k.split('>');
    reciprocity = Math.max(reciprocity, Math.abs(v + (byDir.get(`${to}>${f}`) ?? NaN)));
  }
  let bounds = 0;
  let balance = 0;
  market.agents.forEach((a, i) => {
    const p = r.agents[i]!.netKw!;
    bounds = Math.max(bounds, a.pMinKw - p, p - a.pMaxKw);
    balance = Math.max(balance, Math.abs(p - net[i]!));
    objective += 0.5 * a.costQuadPerKw2 * p * p + a.costLinPerKw * p;
  });
  return { reciprocity, bounds, balance, objective: Math.abs(objective - r.objective!) / Math.max(1, Math.abs(objective)) };
}

// highs ships CommonJS typings with `export default`; at run time ESM gives the loader itself. Accept either.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as () => Promise<{
  solve(lp: string, options: object): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> };
}>;

/**
 * Independent reference: the plain trade formulation of the issue — one variable per pair direction (split into
 * ± parts for |P_nm|), a reciprocity row per pair and a balance row per agent — solved by HiGHS from CPLEX LP text.
 */
export async function solveWithHighs(market: BilateralMarket): Promise<{ status: string; objective: number; netKw: number[] }> {
  const m = compileBilateralMarket(market);
  const pairs = materialisePairs(m);
  const highs = await loadHighs();
  const obj: string[] = [];
  const quad: string[] = [];
  const rows: string[] = [];
  const bal: string[][] = Array.from({ length: m.n }, (_, n) => [`p${n}`]);
  for (let e = 0; e < pairs.nPairs; e++) {
    const i = pairs.pairI[e]!;
    const j = pairs.pairJ[e]!;
    obj.push(`+ ${pairs.costIJ[e]} u${e} + ${pairs.costIJ[e]} v${e} + ${pairs.costJI[e]} w${e} + ${pairs.costJI[e]} z${e}`);
    rows.push(` r${e}: u${e} - v${e} + w${e} - z${e} = 0`);
    bal[i]!.push(`- u${e} + v${e}`);
    bal[j]!.push(`- w${e} + z${e}`);
  }
  const bounds: string[] = [];
  for (let n = 0; n < m.n; n++) {
    obj.push(`+ ${m.costLin[n]} p${n}`);
    if (m.costQuad[n]! > 0) quad.push(`+ ${m.costQuad[n]} p${n} ^ 2`);
    rows.push(` b${n}: ${bal[n]!.join(' ')} = 0`);
    bounds.push(` ${m.pMin[n]} <= p${n} <= ${m.pMax[n]}`);
  }
  const q = quad.length ? ` + [ ${quad.join(' ')} ] / 2` : '';
  const lp = `Minimize\n obj: ${obj.join(' ')}${q}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`;
  const res = highs.solve(lp, { output_flag: false });
  return { status: res.Status, objective: res.ObjectiveValue, netKw: Array.from({ length: m.n }, (_, n) => res.Columns[`p${n}`]?.Primal ?? 0) };
}
