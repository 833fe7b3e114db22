/**
 * Consensus ADMM for the bilateral market (Sorin, Bobo & Pinson 2019, §III): the pure-TypeScript twin of
 * assembly/market/bilateral/admm.ts — same names, same arguments (typed arrays for pointers), same statuses and the
 * same floating-point operations in the same order, so both engines give bit-identical iterates.
 *
 * Entries k of agent n (its trades with its partners, see ./trade-graph.ts) carry the proposal P_nm = trade[k] and
 * the price λ_nm = price[k]. One iteration:
 * - local update (each agent alone): with v_k = (P_nm − P_mn)/2 + λ_nm/ρ, agent n solves
 *     min_x f_n(Σ_k x_k) + Σ_k c_k·|x_k| + ρ/2·Σ_k (x_k − v_k)²   s.t. pMin ≤ Σ_k x_k ≤ pMax.
 *   For the multiplier μ of Σ x = s, x_k(μ) = soft(v_k − μ/ρ, c_k/ρ) and Σ_k x_k(μ) falls piecewise linearly in μ,
 *   while s(μ) = clip((μ − b)/a, pMin, pMax) rises; the crossing is found exactly by sorting the breakpoints and
 *   interpolating on the bracketing segment (a = 0: μ = b unless Σ x(b) leaves the bounds, then Σ x(μ) = the bound).
 * - price update (each pair): λ_nm ← λ_nm − ρ/2·(P_nm + P_mn), the same on both sides of a pair.
 * The primal residual is max |P_nm + P_mn|; the dual residual ρ·max |P_nm(k) − P_nm(k−1)| (max-norms: the same
 * whichever partition computed them).
 */
import { KernelStatus } from '../../status.js';

/**
 * Local update of agents [agentLo, agentHi): writes their new proposals into tradeNew from trade (all entries),
 * price and rho. scratch holds at least 2·(max degree) + 2 f64. Returns OK, or INVALID_INPUT for rho ≤ 0.
 */
export function admmLocalUpdate(
  agentLo: number, agentHi: number, start: Int32Array, cost: Float64Array, mirror: Int32Array,
  quad: Float64Array, lin: Float64Array, pMin: Float64Array, pMax: Float64Array,
  trade: Float64Array, price: Float64Array, rho: number, tradeNew: Float64Array, scratch: Float64Array,
): number {
  if (!(rho > 0)) return KernelStatus.INVALID_INPUT;
  for (let n = agentLo; n < agentHi; n++) {
    const k0 = start[n]!;
    const k1 = start[n + 1]!;
    const d = k1 - k0;
    if (d === 0) continue;
    const a = quad[n]!;
    const b = lin[n]!;
    const lo = pMin[n]!;
    const hi = pMax[n]!;
    // v_k stored in tradeNew first; breakpoints of Σ x(μ) in scratch.
    let nb = 0;
    for (let k = k0; k < k1; k++) {
      const v = 0.5 * (trade[k]! - trade[mirror[k]!]!) + price[k]! / rho;
      tradeNew[k] = v;
      const c = cost[k]!;
      scratch[nb++] = rho * v - c;
      scratch[nb++] = rho * v + c;
    }
    let sa = a;
    let sLo = lo;
    let sHi = hi;
    if (a > 0) {
      scratch[nb++] = b + a * lo;
      scratch[nb++] = b + a * hi;
    } else {
      // Linear cost: the agent takes any s in [lo, hi] at μ = b; otherwise it sits at the bound Σ x(μ) reaches.
      const x = sumSoft(tradeNew, cost, k0, k1, b, rho);
      if (x >= lo && x <= hi) {
        writeSoft(tradeNew, cost, k0, k1, b, rho);
        continue;
      }
      sa = 0;
      sLo = x > hi ? hi : lo;
      sHi = sLo;
    }
    sortAscending(scratch, nb);
    const mu = crossing(tradeNew, cost, k0, k1, rho, sa, b, sLo, sHi, scratch, nb, d);
    writeSoft(tradeNew, cost, k0, k1, mu, rho);
  }
  return KernelStatus.OK;
}

/**
 * Price update of entries [kLo, kHi): λ_k ← λ_k − ρ/2·(P_k + P_mirror) with the new proposals, then copies the new
 * proposals of the range into trade. residuals[0] = max |P_k + P_mirror|, residuals[1] = max |P_k(new) − P_k(old)|
 * over the range.
 */
export function admmPriceUpdate(
  kLo: number, kHi: number, mirror: Int32Array, trade: Float64Array, tradeNew: Float64Array, price: Float64Array,
  rho: number, residuals: Float64Array,
): number {
  let primal = 0;
  let delta = 0;
  const half = 0.5 * rho;
  for (let k = kLo; k < kHi; k++) {
    const t = tradeNew[k]!;
    const r = t + tradeNew[mirror[k]!]!;
    price[k] = price[k]! - half * r;
    const ar = Math.abs(r);
    if (ar > primal) primal = ar;
    const dd = Math.abs(t - trade[k]!);
    if (dd > delta) delta = dd;
  }
  for (let k = kLo; k < kHi; k++) trade[k] = tradeNew[k]!;
  residuals[0] = primal;
  residuals[1] = delta;
  return KernelStatus.OK;
}

function soft(v: number, c: number, mu: number, rho: number): number {
  const z = v - mu / rho;
  const t = c / rho;
  return z > t ? z - t : z < -t ? z + t : 0;
}

function sumSoft(v: Float64Array, cost: Float64Array, k0: number, k1: number, mu: number, rho: number): number {
  let s = 0;
  for (let k = k0; k < k1; k++) s += soft(v[k]!, cost[k]!, mu, rho);
  return s;
}

function writeSoft(v: Float64Array, cost: Float64Array, k0: number, k1: number, mu: number, rho: number): void {
  for (let k = k0; k < k1; k++) v[k] = soft(v[k]!, cost[k]!, mu, rho);
}

/** h(μ) = Σ x(μ) − s(μ), non-increasing; s(μ) = clip((μ − b)/a, lo, hi), or the constant lo (= hi) when a = 0. */
function excess(
  v: Float64Array, cost: Float64Array, k0: number, k1: number, rho: number, a: number, b: number, lo: number, hi: number, mu: number,
): number {
  let s = lo;
  if (a > 0) {
    s = (mu - b) / a;
    s = s < lo ? lo : s > hi ? hi : s;
  }
  return sumSoft(v, cost, k0, k1, mu, rho) - s;
}

/** The root of h over sorted breakpoints bp[0..nb): exact, since h is linear between breakpoints (slope −d/ρ outside). */
function crossing(
  v: Float64Array, cost: Float64Array, k0: number, k1: number, rho: number, a: number, b: number, lo: number, hi: number,
  bp: Float64Array, nb: number, d: number,
): number {
  const hFirst = excess(v, cost, k0, k1, rho, a, b, lo, hi, bp[0]!);
  if (hFirst <= 0) return bp[0]! + (hFirst * rho) / d;
  const hLast = excess(v, cost, k0, k1, rho, a, b, lo, hi, bp[nb - 1]!);
  if (hLast >= 0) return bp[nb - 1]! + (hLast * rho) / d;
  let l = 0;
  let r = nb - 1;
  let hl = hFirst;
  let hr = hLast;
  while (r - l > 1) {
    const mid = (l + r) >> 1;
    const hm = excess(v, cost, k0, k1, rho, a, b, lo, hi, bp[mid]!);
    if (hm > 0) { l = mid; hl = hm; } else { r = mid; hr = hm; }
  }
  const x0 = bp[l]!;
  const x1 = bp[r]!;
  if (hr === 0 || x1 === x0) return x1;
  return x0 + (hl * (x1 - x0)) / (hl - hr);
}

/** Shell sort (Ciura gaps) of a[0..n): small n, no allocation, the same comparisons in both engines. */
function sortAscending(a: Float64Array, n: number): void {
  const gaps = SHELL_GAPS;
  for (let g = 0; g < gaps.length; g++) {
    const gap = gaps[g]!;
    if (gap >= n) continue;
    for (let i = gap; i < n; i++) {
      const t = a[i]!;
      let j = i;
      while (j >= gap && a[j - gap]! > t) {
        a[j] = a[j - gap]!;
        j -= gap;
      }
      a[j] = t;
    }
  }
}

const SHELL_GAPS = [1750, 701, 301, 132, 57, 23, 10, 4, 1];
