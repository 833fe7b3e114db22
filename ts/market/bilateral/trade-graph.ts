/**
 * The directed view of the pairs that the ADMM kernel walks: for agent n, entries k in [start[n], start[n+1]) hold
 * one partner each, the preference cost n pays on that trade, the index of the mirror entry (m's entry for n) and the
 * pair the entry belongs to. Every pair appears twice, once from each side; entries are ordered by agent, then by
 * partner index, so the layout (and every result computed over it) does not depend on the order of the links.
 */
import type { CompiledBilateralMarket } from './compile-bilateral-market.js';

/** CSR adjacency of the trade graph with mirror indices. */
export interface TradeGraph {
  /** Number of agents. */
  n: number;
  /** Number of directed entries (2 × pairs). */
  nEntries: number;
  /** Entry range of agent n: [start[n], start[n+1]). */
  start: Int32Array;
  /** Partner agent of each entry. */
  partner: Int32Array;
  /** Preference cost the entry's owner pays per kWh, currency/kWh. */
  cost: Float64Array;
  /** Index of the reverse entry. */
  mirror: Int32Array;
  /** Pair index of the entry. */
  pair: Int32Array;
  /** Largest number of partners of one agent. */
  maxDegree: number;
}

/** Builds the CSR trade graph from a compiled market's (materialised) pairs. */
export function createTradeGraph(
  n: number, pairs: Pick<CompiledBilateralMarket, 'nPairs' | 'pairI' | 'pairJ' | 'costIJ' | 'costJI'>,
): TradeGraph {
  const { nPairs, pairI, pairJ, costIJ, costJI } = pairs;
  const degree = new Int32Array(n);
  for (let p = 0; p < nPairs; p++) { degree[pairI[p]!]++; degree[pairJ[p]!]++; }
  const start = new Int32Array(n + 1);
  let maxDegree = 0;
  for (let i = 0; i < n; i++) {
    start[i + 1] = start[i]! + degree[i]!;
    if (degree[i]! > maxDegree) maxDegree = degree[i]!;
  }
  const nEntries = 2 * nPairs;
  // Sort each agent's pairs by partner index with a counting pass over partners (pairs come from any link order).
  const order = sortPairsByPartner(n, pairs);
  const partner = new Int32Array(nEntries);
  const cost = new Float64Array(nEntries);
  const mirror = new Int32Array(nEntries);
  const pair = new Int32Array(nEntries);
  const fill = start.slice(0, n);
  const entryOfPairI = new Int32Array(nPairs);
  const entryOfPairJ = new Int32Array(nPairs);
  for (const [owner, p] of order) {
    const i = pairI[p]!;
    const k = fill[owner]!++;
    pair[k] = p;
    if (owner === i) {
      partner[k] = pairJ[p]!;
      cost[k] = costIJ[p]!;
      entryOfPairI[p] = k;
    } else {
      partner[k] = i;
      cost[k] = costJI[p]!;
      entryOfPairJ[p] = k;
    }
  }
  for (let p = 0; p < nPairs; p++) {
    mirror[entryOfPairI[p]!] = entryOfPairJ[p]!;
    mirror[entryOfPairJ[p]!] = entryOfPairI[p]!;
  }
  return { n, nEntries, start, partner, cost, mirror, pair, maxDegree };
}

/** (owner, pair) in the order owner ascending, partner ascending. */
function sortPairsByPartner(
  n: number, pairs: Pick<CompiledBilateralMarket, 'nPairs' | 'pairI' | 'pairJ'>,
): Array<[number, number]> {
  const { nPairs, pairI, pairJ } = pairs;
  // Bucket by partner, then stable-append to owners: the owner's entries come out in ascending partner order.
  const byPartnerStart = new Int32Array(n + 1);
  for (let p = 0; p < nPairs; p++) { byPartnerStart[pairJ[p]! + 1]++; byPartnerStart[pairI[p]! + 1]++; }
  for (let i = 0; i < n; i++) byPartnerStart[i + 1] += byPartnerStart[i]!;
  const slots = new Int32Array(2 * nPairs);
  const ownerOf = new Int32Array(2 * nPairs);
  const fill = byPartnerStart.slice(0, n);
  for (let p = 0; p < nPairs; p++) {
    const i = pairI[p]!;
    const j = pairJ[p]!;
    let s = fill[j]!++; slots[s] = p; ownerOf[s] = i;
    s = fill[i]!++; slots[s] = p; ownerOf[s] = j;
  }
  const out: Array<[number, number]> = new Array(2 * nPairs);
  // Counting sort by owner keeps the partner order inside each owner.
  const ownerStart = new Int32Array(n + 1);
  for (let s = 0; s < 2 * nPairs; s++) ownerStart[ownerOf[s]! + 1]++;
  for (let i = 0; i < n; i++) ownerStart[i + 1] += ownerStart[i]!;
  for (let s = 0; s < 2 * nPairs; s++) out[ownerStart[ownerOf[s]!]!++] = [ownerOf[s]!, slots[s]!];
  return out;
}
