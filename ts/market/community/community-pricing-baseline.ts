/**
 * Community pricing, the pure-TypeScript twin of assembly/market/community-pricing.ts (same name, same arguments
 * with typed arrays for pointers, same statuses, same floating-point operations in the same order, so both engines
 * give bit-identical results).
 *
 * A community manager settles one interval's net positions: buy orders are members' net demand (total D, kWh),
 * sell orders members' net supply (total S, kWh). The part min(S, D) is shared peer-to-peer; the community imports
 * D − S from the retailer at the retail price λb when D > S and exports S − D at the feed-in tariff λs when S > D.
 * The imbalance is attributed pro rata: every buyer gets the share min(S, D)/D of its quantity peer-to-peer and the
 * rest from the grid; every seller sells the share min(S, D)/S peer-to-peer and the rest to the grid.
 * Order prices play no part: these are settlement rules, not auctions.
 *
 * Rules (λb = retail, λs = feed-in, SDR = S/D):
 * - SDR, supply-demand ratio — N. Liu, X. Yu, C. Wang, C. Li, L. Ma and J. Lei, "Energy-sharing model with
 *   price-based demand response for microgrids of peer-to-peer prosumers", IEEE Trans. Power Systems 32(5),
 *   Sept. 2017 (IEEE Xplore document 7809095; the brief cites it as IEEE TII).
 *   Internal selling price Pis = λb·λs / ((λb − λs)·SDR + λs) and internal buying price
 *   Pib = Pis·SDR + λb·(1 − SDR) for 0 ≤ SDR ≤ 1; Pis = Pib = λs for SDR > 1 (the paper's internal pricing model
 *   of the energy-sharing zone, §II; equation numbers NOT verified — the paper could not be opened here, so we cite
 *   no number rather than a guessed one). Pis falls from λb at SDR = 0 to λs at SDR = 1 and is continuous there.
 *   Here a buyer pays Pis on its peer-to-peer share SDR and λb on the rest, which is exactly Pib per kWh.
 *   Edge cases: D = 0 (SDR undefined) is treated as SDR > 1; at SDR = 0 (S = 0) Pis = λb; when λb = λs, Pis = λb.
 * - MMR, mid-market rate — C. Long, J. Wu, C. Zhang, L. Thomas, M. Cheng and N. Jenkins, "Peer-to-peer energy
 *   trading in a community microgrid", IEEE PES General Meeting 2017 (the brief cites Applied Energy; the
 *   rules are restated in Y. Zhou, J. Wu and C. Long, "Evaluation of peer-to-peer energy sharing mechanisms based
 *   on a multiagent simulation framework", Applied Energy 222:993–1022, 2018, §2). Pmid = (λb + λs)/2. S = D: all
 *   trade at Pmid. D > S: sellers get Pmid; buyers pay Pmid on the shared part and λb on the rest, effective
 *   (Pmid·S + λb·(D − S))/D. S > D: buyers pay Pmid; sellers get Pmid on the shared part and λs on the rest,
 *   effective (Pmid·D + λs·(S − D))/S.
 * - Bill sharing — same sources. The community's bill against the grid, λb·max(D − S, 0) − λs·max(S − D, 0), is
 *   shared: the import cost among buyers in proportion to their consumption, the export revenue among sellers in
 *   proportion to their generation. Energy shared inside the community is therefore free (peer-to-peer price 0);
 *   effective buy price λb·max(D − S, 0)/D, effective sell price λs·max(S − D, 0)/S. Note that under this rule a
 *   seller gets less than λs per kWh whenever D > 0 (nothing at all when D ≥ S) — a property of the rule, not a bug.
 * What we could check: the formulas above against the brief, against the survey notes (which describe
 * community-based markets with a community manager trading with the outside grid, but give no pricing equations)
 * and against an independent open-source implementation of the three rules (same SDR, MMR and bill-sharing
 * formulas, including "energy shared inside the community is free" for bill sharing); the hand-computed cases in
 * test/market/community/ follow these formulas. What we could not check: the original papers' text and equation
 * numbers (not readable here), and the exact bibliographic details the brief gives (it cites Liu et al. as IEEE TII
 * and Long et al. 2017 as Applied Energy; the records we found are IEEE Trans. Power Systems and IEEE PES GM).
 */
import { KernelStatus } from '../../status.js';

/** Rule codes shared with the kernel. */
export const COMMUNITY_RULE = { sdr: 0, mmr: 1, 'bill-sharing-literal': 2, 'bill-sharing': 3 } as const;

/** Summary slots written by clearCommunity (f64 array of COMMUNITY_SUMMARY_LENGTH). */
export const COMMUNITY_SUMMARY = {
  supplyKwh: 0,
  demandKwh: 1,
  supplyDemandRatio: 2,
  buyP2pPricePerKwh: 3,
  sellP2pPricePerKwh: 4,
  effectiveBuyPricePerKwh: 5,
  effectiveSellPricePerKwh: 6,
  tradedKwh: 7,
  gridImportKwh: 8,
  gridExportKwh: 9,
} as const;

/** Number of f64 slots in the summary array. */
export const COMMUNITY_SUMMARY_LENGTH = 10;

/**
 * TS twin of the kernel: settles n orders (side 0 buy, 1 sell; quantity kWh > 0) under `rule`, pricing P2P energy
 * with λb = ceiling and λs = floor (currency/kWh; floor ≤ ceiling) and the grid parts at retail and feed-in, writing
 * per order the peer-to-peer quantity (kWh) and price (currency/kWh), the grid quantity (kWh) and tariff, and the
 * summary.
 */
export function clearCommunity(
  side: Int32Array, qty: Float64Array, n: number, rule: number, retail: number, feedIn: number, ceiling: number, floor: number,
  p2pQty: Float64Array, p2pPrice: Float64Array, gridQty: Float64Array, gridPrice: Float64Array,
  summary: Float64Array,
): number {
  if (rule < 0 || rule > 3 || n < 0 || !(floor <= ceiling)) return KernelStatus.INVALID_INPUT;
  let supply = 0;
  let demand = 0;
  for (let i = 0; i < n; i++) {
    const q = qty[i]!;
    const s = side[i]!;
    if (!(q > 0)) return KernelStatus.INVALID_INPUT;
    if (s === 0) demand += q;
    else if (s === 1) supply += q;
    else return KernelStatus.INVALID_INPUT;
  }
  const shared = supply < demand ? supply : demand;
  const buyShare = demand > 0 ? shared / demand : 0;
  const sellShare = supply > 0 ? shared / supply : 0;
  const importKwh = demand > supply ? demand - supply : 0;
  const exportKwh = supply > demand ? supply - demand : 0;

  let buyP2p = 0;
  let sellP2p = 0;
  const ratio = demand > 0 ? supply / demand : Infinity;
  if (rule === COMMUNITY_RULE.sdr) {
    if (demand > 0 && supply <= demand) {
      const den = (ceiling - floor) * ratio + floor;
      sellP2p = ceiling === floor || !(den > 0) ? ceiling : (ceiling * floor) / den;
      buyP2p = sellP2p;
    } else {
      sellP2p = floor;
      buyP2p = floor;
    }
  } else if (rule === COMMUNITY_RULE.mmr) {
    const mid = 0.5 * (ceiling + floor);
    buyP2p = mid;
    sellP2p = mid;
  } else if (rule === COMMUNITY_RULE['bill-sharing']) {
    buyP2p = floor;
    sellP2p = floor;
  }

  let traded = 0;
  for (let i = 0; i < n; i++) {
    const q = qty[i]!;
    if (side[i] === 0) {
      const p = q * buyShare;
      p2pQty[i] = p;
      p2pPrice[i] = buyP2p;
      gridQty[i] = q - p;
      gridPrice[i] = retail;
      traded += p;
    } else {
      const p = q * sellShare;
      p2pQty[i] = p;
      p2pPrice[i] = sellP2p;
      gridQty[i] = q - p;
      gridPrice[i] = feedIn;
    }
  }
  summary[0] = supply;
  summary[1] = demand;
  summary[2] = ratio;
  summary[3] = buyP2p;
  summary[4] = sellP2p;
  summary[5] = demand > 0 ? buyP2p * buyShare + retail * (1 - buyShare) : buyP2p;
  summary[6] = supply > 0 ? sellP2p * sellShare + feedIn * (1 - sellShare) : sellP2p;
  summary[7] = traded;
  summary[8] = importKwh;
  summary[9] = exportKwh;
  return KernelStatus.OK;
}
