// Consensus ADMM of the multi-bilateral market (Sorin, Bobo & Pinson 2019): the per-agent local update (a closed-form
// crossing of two piecewise-linear functions of the agent's balance multiplier) and the per-pair price update. The
// algorithm, notation and proof sketch of exactness are in ts/market/bilateral/admm-baseline.ts, the TS twin, which
// must stay operation-for-operation equivalent to this file (the tests compare both bit for bit).
import { OK, INVALID_INPUT } from '../../status';
import { ldf, stf, ldi } from '../memory-access';

/**
 * Local update of agents [agentLo, agentHi): new proposals into tradeNew from trade, price and rho.
 * scratch holds at least 2·(max degree) + 2 f64. Returns OK, or INVALID_INPUT for rho ≤ 0.
 */
export function admmLocalUpdate(
  agentLo: i32, agentHi: i32, start: usize, cost: usize, mirror: usize,
  quad: usize, lin: usize, pMin: usize, pMax: usize,
  trade: usize, price: usize, rho: f64, tradeNew: usize, scratch: usize,
): i32 {
  if (!(rho > 0.0)) return INVALID_INPUT;
  for (let n = agentLo; n < agentHi; n++) {
    const k0 = ldi(start, n);
    const k1 = ldi(start, n + 1);
    const d = k1 - k0;
    if (d == 0) continue;
    const a = ldf(quad, n);
    const b = ldf(lin, n);
    const lo = ldf(pMin, n);
    const hi = ldf(pMax, n);
    let nb = 0;
    for (let k = k0; k < k1; k++) {
      const v = 0.5 * (ldf(trade, k) - ldf(trade, ldi(mirror, k))) + ldf(price, k) / rho;
      stf(tradeNew, k, v);
      const c = ldf(cost, k);
      stf(scratch, nb++, rho * v - c);
      stf(scratch, nb++, rho * v + c);
    }
    let sa = a;
    let sLo = lo;
    let sHi = hi;
    if (a > 0.0) {
      stf(scratch, nb++, b + a * lo);
      stf(scratch, nb++, b + a * hi);
    } else {
      const x = sumSoft(tradeNew, cost, k0, k1, b, rho);
      if (x >= lo && x <= hi) {
        writeSoft(tradeNew, cost, k0, k1, b, rho);
        continue;
      }
      sa = 0.0;
      sLo = x > hi ? hi : lo;
      sHi = sLo;
    }
    sortAscending(scratch, nb);
    const mu = crossing(tradeNew, cost, k0, k1, rho, sa, b, sLo, sHi, scratch, nb, d);
    writeSoft(tradeNew, cost, k0, k1, mu, rho);
  }
  return OK;
}

/**
 * Price update of entries [kLo, kHi): λ_k ← λ_k − ρ/2·(P_k + P_mirror), then the range's new proposals into trade.
 * residuals[0] = max |P_k + P_mirror|, residuals[1] = max |P_k(new) − P_k(old)| over the range.
 */
export function admmPriceUpdate(
  kLo: i32, kHi: i32, mirror: usize, trade: usize, tradeNew: usize, price: usize, rho: f64, residuals: usize,
): i32 {
  let primal = 0.0;
  let delta = 0.0;
  const half = 0.5 * rho;
  for (let k = kLo; k < kHi; k++) {
    const t = ldf(tradeNew, k);
    const r = t + ldf(tradeNew, ldi(mirror, k));
    stf(price, k, ldf(price, k) - half * r);
    const ar = Math.abs(r);
    if (ar > primal) primal = ar;
    const dd = Math.abs(t - ldf(trade, k));
    if (dd > delta) delta = dd;
  }
  for (let k = kLo; k < kHi; k++) stf(trade, k, ldf(tradeNew, k));
  stf(residuals, 0, primal);
  stf(residuals, 1, delta);
  return OK;
}

@inline function soft(v: f64, c: f64, mu: f64, rho: f64): f64 {
  const z = v - mu / rho;
  const t = c / rho;
  return z > t ? z - t : z < -t ? z + t : 0.0;
}

function sumSoft(v: usize, cost: usize, k0: i32, k1: i32, mu: f64, rho: f64): f64 {
  let s = 0.0;
  for (let k = k0; k < k1; k++) s += soft(ldf(v, k), ldf(cost, k), mu, rho);
  return s;
}

function writeSoft(v: usize, cost: usize, k0: i32, k1: i32, mu: f64, rho: f64): void {
  for (let k = k0; k < k1; k++) stf(v, k, soft(ldf(v, k), ldf(cost, k), mu, rho));
}

function excess(v: usize, cost: usize, k0: i32, k1: i32, rho: f64, a: f64, b: f64, lo: f64, hi: f64, mu: f64): f64 {
  let s = lo;
  if (a > 0.0) {
    s = (mu - b) / a;
    s = s < lo ? lo : s > hi ? hi : s;
  }
  return sumSoft(v, cost, k0, k1, mu, rho) - s;
}

function crossing(
  v: usize, cost: usize, k0: i32, k1: i32, rho: f64, a: f64, b: f64, lo: f64, hi: f64, bp: usize, nb: i32, d: i32,
): f64 {
  const hFirst = excess(v, cost, k0, k1, rho, a, b, lo, hi, ldf(bp, 0));
  if (hFirst <= 0.0) return ldf(bp, 0) + (hFirst * rho) / <f64>d;
  const hLast = excess(v, cost, k0, k1, rho, a, b, lo, hi, ldf(bp, nb - 1));
  if (hLast >= 0.0) return ldf(bp, nb - 1) + (hLast * rho) / <f64>d;
  let l = 0;
  let r = nb - 1;
  let hl = hFirst;
  let hr = hLast;
  while (r - l > 1) {
    const mid = (l + r) >> 1;
    const hm = excess(v, cost, k0, k1, rho, a, b, lo, hi, ldf(bp, mid));
    if (hm > 0.0) { l = mid; hl = hm; } else { r = mid; hr = hm; }
  }
  const x0 = ldf(bp, l);
  const x1 = ldf(bp, r);
  if (hr == 0.0 || x1 == x0) return x1;
  return x0 + (hl * (x1 - x0)) / (hl - hr);
}

// Ciura's gaps, as in the twin.
const GAP0: i32 = 1750;
const GAP1: i32 = 701;
const GAP2: i32 = 301;
const GAP3: i32 = 132;
const GAP4: i32 = 57;
const GAP5: i32 = 23;
const GAP6: i32 = 10;
const GAP7: i32 = 4;

function sortAscending(a: usize, n: i32): void {
  gapPass(a, n, GAP0); gapPass(a, n, GAP1); gapPass(a, n, GAP2); gapPass(a, n, GAP3);
  gapPass(a, n, GAP4); gapPass(a, n, GAP5); gapPass(a, n, GAP6); gapPass(a, n, GAP7); gapPass(a, n, 1);
}

@inline function gapPass(a: usize, n: i32, gap: i32): void {
  if (gap >= n) return;
  for (let i = gap; i < n; i++) {
    const t = ldf(a, i);
    let j = i;
    while (j >= gap && ldf(a, j - gap) > t) {
      stf(a, j, ldf(a, j - gap));
      j -= gap;
    }
    stf(a, j, t);
  }
}
