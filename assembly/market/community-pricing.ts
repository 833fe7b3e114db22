// Community pricing kernel: settles one interval's net positions of a community against a retail price and a
// feed-in tariff with one of four rules (supply-demand ratio, mid-market rate, bill sharing as published and with
// producers paid at feed-in); the rules price P2P energy between the sellers' floor and the buyers' ceiling. Two O(n) passes:
// totals first, then a pro-rata split of every order into a peer-to-peer part and a grid part. The formulas, their
// sources and the edge cases are documented in ts/market/community/community-pricing-baseline.ts (the TS twin,
// which must stay line-for-line equivalent to this file).
import { OK, INVALID_INPUT } from '../status';

/** Rule code: supply-demand ratio (Liu et al. 2017). */
export const RULE_SDR: i32 = 0;
/** Rule code: mid-market rate (Long et al. 2017). */
export const RULE_MMR: i32 = 1;
/** Rule code: bill sharing as published (Long et al. 2017): shared energy is free. */
export const RULE_BILL_SHARING_LITERAL: i32 = 2;
/** Rule code: bill sharing with producers paid the sellers' floor (feed-in) on shared energy. */
export const RULE_BILL_SHARING: i32 = 3;

// Summary slots (f64), the same indices as COMMUNITY_SUMMARY in the TS twin.
const S_SUPPLY: i32 = 0;
const S_DEMAND: i32 = 1;
const S_SDR: i32 = 2;
const S_BUY_P2P_PRICE: i32 = 3;
const S_SELL_P2P_PRICE: i32 = 4;
const S_BUY_EFFECTIVE: i32 = 5;
const S_SELL_EFFECTIVE: i32 = 6;
const S_TRADED: i32 = 7;
const S_IMPORT: i32 = 8;
const S_EXPORT: i32 = 9;

@inline function ldf(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function stf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline function ldi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }

/**
 * Settles n orders (side 0 = buy, 1 = sell; quantity kWh > 0) under `rule`. The rules price P2P energy with
 * λb = ceiling (retail − buyers' P2P charges) and λs = floor (feed-in + sellers' P2P charges); the grid parts settle
 * at retail and feed-in. Writes per order the peer-to-peer quantity (kWh) and price (currency/kWh), the grid
 * quantity (kWh) and tariff, and the 10-slot summary. Returns INVALID_INPUT on an unknown rule or side, a
 * non-positive quantity or floor > ceiling.
 */
export function clearCommunity(
  sidePtr: usize, qtyPtr: usize, n: i32, rule: i32, retail: f64, feedIn: f64, ceiling: f64, floor: f64,
  p2pQtyPtr: usize, p2pPricePtr: usize, gridQtyPtr: usize, gridPricePtr: usize, summaryPtr: usize,
): i32 {
  if (rule < 0 || rule > 3 || n < 0 || !(floor <= ceiling)) return INVALID_INPUT;
  let supply = 0.0;
  let demand = 0.0;
  for (let i = 0; i < n; i++) {
    const q = ldf(qtyPtr, i);
    const s = ldi(sidePtr, i);
    if (!(q > 0.0)) return INVALID_INPUT;
    if (s == 0) demand += q;
    else if (s == 1) supply += q;
    else return INVALID_INPUT;
  }
  const shared = supply < demand ? supply : demand;
  // Share of each buyer's (seller's) quantity that is met inside the community.
  const buyShare = demand > 0.0 ? shared / demand : 0.0;
  const sellShare = supply > 0.0 ? shared / supply : 0.0;
  const importKwh = demand > supply ? demand - supply : 0.0;
  const exportKwh = supply > demand ? supply - demand : 0.0;

  let buyP2p = 0.0;
  let sellP2p = 0.0;
  let ratio = demand > 0.0 ? supply / demand : Infinity;
  if (rule == RULE_SDR) {
    if (demand > 0.0 && supply <= demand) {
      // Liu et al. 2017: Pis = λb·λs / ((λb − λs)·SDR + λs) for 0 ≤ SDR ≤ 1; at λb = λs it is λb.
      const den = (ceiling - floor) * ratio + floor;
      sellP2p = ceiling == floor || !(den > 0.0) ? ceiling : (ceiling * floor) / den;
      buyP2p = sellP2p;
    } else {
      sellP2p = floor;
      buyP2p = floor;
    }
  } else if (rule == RULE_MMR) {
    const mid = 0.5 * (ceiling + floor);
    buyP2p = mid;
    sellP2p = mid;
  } else if (rule == RULE_BILL_SHARING) {
    buyP2p = floor;
    sellP2p = floor;
  }
  // RULE_BILL_SHARING_LITERAL: energy shared inside the community is free; only the grid bill is shared.

  let traded = 0.0;
  for (let i = 0; i < n; i++) {
    const q = ldf(qtyPtr, i);
    if (ldi(sidePtr, i) == 0) {
      const p = q * buyShare;
      stf(p2pQtyPtr, i, p);
      stf(p2pPricePtr, i, buyP2p);
      stf(gridQtyPtr, i, q - p);
      stf(gridPricePtr, i, retail);
      traded += p;
    } else {
      const p = q * sellShare;
      stf(p2pQtyPtr, i, p);
      stf(p2pPricePtr, i, sellP2p);
      stf(gridQtyPtr, i, q - p);
      stf(gridPricePtr, i, feedIn);
    }
  }
  stf(summaryPtr, S_SUPPLY, supply);
  stf(summaryPtr, S_DEMAND, demand);
  stf(summaryPtr, S_SDR, ratio);
  stf(summaryPtr, S_BUY_P2P_PRICE, buyP2p);
  stf(summaryPtr, S_SELL_P2P_PRICE, sellP2p);
  stf(summaryPtr, S_BUY_EFFECTIVE, demand > 0.0 ? buyP2p * buyShare + retail * (1.0 - buyShare) : buyP2p);
  stf(summaryPtr, S_SELL_EFFECTIVE, supply > 0.0 ? sellP2p * sellShare + feedIn * (1.0 - sellShare) : sellP2p);
  stf(summaryPtr, S_TRADED, traded);
  stf(summaryPtr, S_IMPORT, importKwh);
  stf(summaryPtr, S_EXPORT, exportKwh);
  return OK;
}
