/**
 * Lowers a validated bilateral market to typed arrays: agents by index, and every tradable pair once (i, j) with the
 * preference cost each side pays. A pair listed in both directions becomes one pair with both costs; a pair listed
 * once has cost 0 on the unlisted side. Without links the market is "complete" (every pair trades at zero cost) and
 * the pairs are not materialised (n·(n−1)/2 of them), unless a solver asks for them.
 */
import { ValidationError } from '../../errors.js';
import type { BilateralMarket } from './bilateral-market.js';
import { validateBilateralMarket } from './validate-bilateral-market.js';

/** A bilateral market as arrays, agents in input order. */
export interface CompiledBilateralMarket {
  /** Number of agents. */
  n: number;
  /** Agent ids by index. */
  ids: string[];
  /** a_n, currency/kW². */
  costQuad: Float64Array;
  /** b_n, currency/kWh. */
  costLin: Float64Array;
  /** pMin_n, kW. */
  pMin: Float64Array;
  /** pMax_n, kW. */
  pMax: Float64Array;
  /** True when the document has no links: every pair may trade at zero preference cost. */
  complete: boolean;
  /** Number of tradable pairs (n·(n−1)/2 when complete). */
  nPairs: number;
  /** First agent of each pair (materialised pairs only; empty when complete). */
  pairI: Int32Array;
  /** Second agent of each pair. */
  pairJ: Int32Array;
  /** Preference cost paid by i on |P_ij|, currency/kWh. */
  costIJ: Float64Array;
  /** Preference cost paid by j on |P_ji|, currency/kWh. */
  costJI: Float64Array;
}

/** Largest number of pairs a solver materialises for a complete market (memory guard: 8 arrays of this length). */
export const MAX_MATERIALISED_PAIRS = 20_000_000;

/** Validates and compiles a `p2p-bilateral-market/1` document. */
export function compileBilateralMarket(market: BilateralMarket): CompiledBilateralMarket {
  validateBilateralMarket(market);
  const n = market.agents.length;
  const ids = market.agents.map((a) => a.id);
  const costQuad = Float64Array.from(market.agents, (a) => a.costQuadPerKw2);
  const costLin = Float64Array.from(market.agents, (a) => a.costLinPerKw);
  const pMin = Float64Array.from(market.agents, (a) => a.pMinKw);
  const pMax = Float64Array.from(market.agents, (a) => a.pMaxKw);
  const base = { n, ids, costQuad, costLin, pMin, pMax };
  if (market.links === undefined) {
    return { ...base, complete: true, nPairs: (n * (n - 1)) / 2, pairI: new Int32Array(0), pairJ: new Int32Array(0), costIJ: new Float64Array(0), costJI: new Float64Array(0) };
  }
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const pairOf = new Map<number, number>();
  const pi: number[] = [];
  const pj: number[] = [];
  const cij: number[] = [];
  const cji: number[] = [];
  for (const l of market.links) {
    const f = index.get(l.from)!;
    const t = index.get(l.to)!;
    const lo = f < t ? f : t;
    const hi = f < t ? t : f;
    const key = lo * n + hi;
    let p = pairOf.get(key);
    if (p === undefined) {
      p = pi.length;
      pairOf.set(key, p);
      pi.push(lo);
      pj.push(hi);
      cij.push(0);
      cji.push(0);
    }
    if (f === lo) cij[p] = l.costPerKwh;
    else cji[p] = l.costPerKwh;
  }
  return {
    ...base, complete: false, nPairs: pi.length,
    pairI: Int32Array.from(pi), pairJ: Int32Array.from(pj), costIJ: Float64Array.from(cij), costJI: Float64Array.from(cji),
  };
}

/** The market's pairs as arrays, materialising the n·(n−1)/2 zero-cost pairs of a complete market. */
export function materialisePairs(m: CompiledBilateralMarket): Pick<CompiledBilateralMarket, 'nPairs' | 'pairI' | 'pairJ' | 'costIJ' | 'costJI'> {
  if (!m.complete) return m;
  if (m.nPairs > MAX_MATERIALISED_PAIRS) {
    throw new ValidationError({ element: 'market', id: 'market', field: 'links', value: undefined },
      `${m.n} agents without links make ${m.nPairs} pairs, more than this solver can hold (${MAX_MATERIALISED_PAIRS}); list the links or use method 'central'`);
  }
  const pairI = new Int32Array(m.nPairs);
  const pairJ = new Int32Array(m.nPairs);
  let p = 0;
  for (let i = 0; i < m.n; i++) for (let j = i + 1; j < m.n; j++) { pairI[p] = i; pairJ[p++] = j; }
  return { nPairs: m.nPairs, pairI, pairJ, costIJ: new Float64Array(m.nPairs), costJI: new Float64Array(m.nPairs) };
}
