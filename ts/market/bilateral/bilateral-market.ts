/**
 * The multi-bilateral peer-to-peer market with product differentiation (T. Sorin, R. Bobo, P. Pinson,
 * "Consensus-based approach to peer-to-peer electricity markets with product differentiation", IEEE Trans. Power
 * Systems 34(2), 2019), in the exchange format `p2p-bilateral-market/1`.
 *
 * One interval of one hour. Agent n has net position p_n (kW; > 0 sells, < 0 buys) with cost
 * f_n(p) = ½·a_n·p² + b_n·p on [pMin_n, pMax_n]; trades P_nm (kW from n's side, > 0 means n sells to m) exist only
 * between linked pairs; a link {from n, to m, costPerKwh c} makes n pay c per kWh of |P_nm|. The market solves
 *   minimise Σ_n f_n(p_n) + Σ_n Σ_m c_nm·|P_nm|  s.t.  p_n = Σ_m P_nm,  P_nm + P_mn = 0,  pMin_n ≤ p_n ≤ pMax_n.
 */

/** The format tag of a bilateral market document. */
export const BILATERAL_MARKET_FORMAT = 'p2p-bilateral-market/1';

/** One peer of the bilateral market. */
export interface BilateralAgent {
  /** Unique id. */
  id: string;
  /** a_n ≥ 0 of f_n(p) = ½·a·p² + b·p, currency/kW² (per hour). */
  costQuadPerKw2: number;
  /** b_n of f_n, currency/kWh (for a consumer, the willingness to pay for the first kWh). */
  costLinPerKw: number;
  /** Lower bound of the net position, kW (negative: the most it may buy). */
  pMinKw: number;
  /** Upper bound of the net position, kW (positive: the most it may sell). */
  pMaxKw: number;
}

/** A trading link: `from` pays `costPerKwh` per kWh it trades with `to` (either direction). */
export interface BilateralLink {
  /** Agent id paying the preference cost. */
  from: string;
  /** Partner agent id. */
  to: string;
  /** Preference (product-differentiation) cost paid by `from`, currency/kWh, ≥ 0. */
  costPerKwh: number;
}

/** A `p2p-bilateral-market/1` document. Without `links`, every pair may trade at zero preference cost. */
export interface BilateralMarket {
  /** Must be 'p2p-bilateral-market/1'. */
  format: typeof BILATERAL_MARKET_FORMAT;
  /** The peers. */
  agents: BilateralAgent[];
  /** Allowed trading pairs with their preference costs; absent = everyone with everyone at cost 0. */
  links?: BilateralLink[];
}
