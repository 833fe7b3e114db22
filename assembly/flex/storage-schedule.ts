// The exact single-battery schedule (the battery-schedule/1 LP) by merging convex piecewise-linear costs in a
// double-ended priority queue. The algorithm, its proof of exactness and the closed form of each interval's cost are
// in ts/flex/storage-schedule-baseline.ts, the TS twin, which must stay operation-for-operation equivalent to this
// file (the tests compare both bit for bit).
import { OK, INFEASIBLE, INVALID_INPUT, UNBOUNDED } from '../status';
import { ldf, stf, ldi, sti } from '../market/memory-access';

const MAX_PIECES: i32 = 9;
const SCRATCH: i32 = 16;

/** f64 workspace of scheduleStorage for `steps` intervals. */
export function storageScheduleWorkspaceF64(steps: i32): i32 {
  return 2 * MAX_PIECES * steps + 2 * steps + SCRATCH;
}

/** i32 workspace of scheduleStorage for `steps` intervals. */
export function storageScheduleWorkspaceI32(steps: i32): i32 {
  return 3 * MAX_PIECES * steps;
}

/**
 * Optimal schedule of one battery for `steps` intervals of `dtHours` (see the TS twin for arguments and outputs).
 * Returns OK, INFEASIBLE, UNBOUNDED or INVALID_INPUT.
 */
export function scheduleStorage(
  steps: i32, dtHours: f64, importPrice: usize, exportPrice: usize, netLoadKw: usize,
  params: usize, chargeKw: usize, dischargeKw: usize, importKw: usize,
  exportKw: usize, socKwh: usize, summary: usize, work: usize, iwork: usize,
): i32 {
  const cMax = ldf(params, 0);
  const dMax = ldf(params, 1);
  const etaC = ldf(params, 2);
  const etaD = ldf(params, 3);
  const s0 = ldf(params, 4);
  const sMin = ldf(params, 5);
  const sMax = ldf(params, 6);
  const sFinal = ldf(params, 7);
  const gMax = ldf(params, 8);
  const eMax = ldf(params, 9);
  const terminal = ldf(params, 10);
  if (!(steps >= 0) || !(dtHours > 0.0) || !(cMax >= 0.0) || !(dMax >= 0.0) || !(etaC > 0.0 && etaC <= 1.0) || !(etaD > 0.0 && etaD <= 1.0)) {
    return INVALID_INPUT;
  }
  if (!(sMin <= s0 && s0 <= sMax) || !(gMax >= 0.0) || !(eMax >= 0.0) || sFinal != sFinal || !(Math.abs(terminal) < Infinity)) return INVALID_INPUT;
  const cap = MAX_PIECES * steps;
  const oLen = cap;
  const oBase = 2 * cap;
  const oUsed = oBase + steps;
  const oScr = oUsed + steps;
  const oMin = cap;
  const oMax = 2 * cap;
  const burn = 1.0 / (etaC * etaD) - 1.0;
  const uKink = etaC * cMax - dMax / etaD;
  const tol = 1e-12 * (1.0 + sMax);
  let pieces: i32 = 0;
  let nMin: i32 = 0;
  let nMax: i32 = 0;
  let lo = s0;
  let avail: f64 = 0.0;
  let unbounded = false;
  let baseCost: f64 = 0.0;
  for (let t: i32 = 0; t < steps; t++) {
    const n = ldf(netLoadKw, t);
    const pi = ldf(importPrice, t);
    let pe = ldf(exportPrice, t);
    if (pi < pe && gMax == Infinity && eMax == Infinity) {
      unbounded = true;
      pe = pi;
    }
    let a: f64, b: f64, yk: f64, fk: f64;
    if (pi >= pe) { a = pe; b = pi; yk = 0.0; fk = 0.0; }
    else if (eMax == Infinity) { a = pe; b = pe; yk = 0.0; fk = (pi - pe) * gMax; }
    else if (gMax == Infinity) { a = pi; b = pi; yk = 0.0; fk = (pi - pe) * eMax; }
    else { a = pi; b = pe; yk = gMax - eMax; fk = pi * gMax - pe * eMax; }
    const xLo = -eMax - n;
    const xHi = gMax - n;
    const xk = yk - n;
    const xt = a >= 0.0 ? -Infinity : (b <= 0.0 ? Infinity : xk);
    let uLo = -dMax / etaD;
    if (xLo > -Infinity) uLo = Math.max(uLo, xhiInverse(xLo, etaC, etaD, cMax, dMax, burn));
    let uHi = etaC * cMax;
    if (xHi < Infinity) uHi = Math.min(uHi, xloInverse(xHi, etaC, etaD));
    if (uLo > uHi) {
      if (uLo - uHi > tol) return INFEASIBLE;
      uHi = uLo;
    }
    let m: i32 = 0;
    stf(work, oScr + m++, uLo);
    m = addCandidate(work, oScr, m, 0.0, uLo, uHi);
    if (burn > 0.0) m = addCandidate(work, oScr, m, uKink, uLo, uHi);
    if (xLo > -Infinity) {
      m = addCandidate(work, oScr, m, xloInverse(xLo, etaC, etaD), uLo, uHi);
      m = addCandidate(work, oScr, m, xhiInverse(xLo, etaC, etaD, cMax, dMax, burn), uLo, uHi);
    }
    if (xHi < Infinity) {
      m = addCandidate(work, oScr, m, xloInverse(xHi, etaC, etaD), uLo, uHi);
      m = addCandidate(work, oScr, m, xhiInverse(xHi, etaC, etaD, cMax, dMax, burn), uLo, uHi);
    }
    if (a < b) {
      m = addCandidate(work, oScr, m, xloInverse(xk, etaC, etaD), uLo, uHi);
      m = addCandidate(work, oScr, m, xhiInverse(xk, etaC, etaD, cMax, dMax, burn), uLo, uHi);
    }
    if (uHi > uLo) stf(work, oScr + m++, uHi);
    const x0 = bestAc(uLo, xt, xLo, xHi, etaC, etaD, cMax, dMax, burn);
    baseCost += dtHours * gridCost(n + x0, a, b, yk, fk);
    stf(work, oBase + t, uLo * dtHours);
    stf(work, oUsed + t, 0.0);
    lo += uLo * dtHours;
    const first = pieces;
    let last: i32 = -1;
    for (let i: i32 = 0; i + 1 < m; i++) {
      const u0 = ldf(work, oScr + i);
      const u1 = ldf(work, oScr + i + 1);
      const um = 0.5 * (u0 + u1);
      const slope = pieceSlope(um, n, xt, xLo, xHi, a, b, yk, etaC, etaD, cMax, dMax, burn, uKink);
      const len = (u1 - u0) * dtHours;
      if (last >= 0 && ldf(work, last) == slope) {
        stf(work, oLen + last, ldf(work, oLen + last) + len);
      } else {
        last = pieces++;
        stf(work, last, slope);
        stf(work, oLen + last, len);
        sti(iwork, last, t);
      }
      avail += len;
    }
    for (let p = first; p < pieces; p++) {
      nMin = heapPush(iwork, oMin, nMin, p, work, true);
      nMax = heapPush(iwork, oMax, nMax, p, work, false);
    }
    const floor = t == steps - 1 ? Math.max(sMin, sFinal) : sMin;
    if (lo > sMax + tol || lo + avail < floor - tol) return INFEASIBLE;
    let need = floor - lo;
    while (need > 0.0 && nMin > 0) {
      const p = ldi(iwork, oMin);
      const len = ldf(work, oLen + p);
      if (len <= 0.0) { nMin = heapPop(iwork, oMin, nMin, work, true); continue; }
      const take = len < need ? len : need;
      const o = ldi(iwork, p);
      stf(work, oUsed + o, ldf(work, oUsed + o) + take);
      stf(work, oLen + p, len - take);
      lo += take;
      avail -= take;
      need -= take;
      if (take == len) nMin = heapPop(iwork, oMin, nMin, work, true);
    }
    let excess = lo + avail - sMax;
    while (excess > 0.0 && nMax > 0) {
      const p = ldi(iwork, oMax);
      const len = ldf(work, oLen + p);
      if (len <= 0.0) { nMax = heapPop(iwork, oMax, nMax, work, false); continue; }
      const take = len < excess ? len : excess;
      stf(work, oLen + p, len - take);
      avail -= take;
      excess -= take;
      if (take == len) nMax = heapPop(iwork, oMax, nMax, work, false);
    }
  }
  while (nMin > 0) {
    const p = ldi(iwork, oMin);
    const len = ldf(work, oLen + p);
    if (len > 0.0 && !(ldf(work, p) < terminal)) break;
    if (len > 0.0) {
      const o = ldi(iwork, p);
      stf(work, oUsed + o, ldf(work, oUsed + o) + len);
    }
    stf(work, oLen + p, 0.0);
    nMin = heapPop(iwork, oMin, nMin, work, true);
  }
  stf(summary, 1, <f64>pieces);
  if (unbounded) return UNBOUNDED;
  let soc = s0;
  let objective: f64 = 0.0;
  for (let t: i32 = 0; t < steps; t++) {
    const n = ldf(netLoadKw, t);
    const pi = ldf(importPrice, t);
    const pe = ldf(exportPrice, t);
    let a: f64, b: f64, yk: f64, fk: f64;
    if (pi >= pe) { a = pe; b = pi; yk = 0.0; fk = 0.0; }
    else if (eMax == Infinity) { a = pe; b = pe; yk = 0.0; fk = (pi - pe) * gMax; }
    else if (gMax == Infinity) { a = pi; b = pi; yk = 0.0; fk = (pi - pe) * eMax; }
    else { a = pi; b = pe; yk = gMax - eMax; fk = pi * gMax - pe * eMax; }
    const xt = a >= 0.0 ? -Infinity : (b <= 0.0 ? Infinity : yk - n);
    const u = (ldf(work, oBase + t) + ldf(work, oUsed + t)) / dtHours;
    const x = bestAc(u, xt, -eMax - n, gMax - n, etaC, etaD, cMax, dMax, burn);
    const xl = u >= 0.0 ? u / etaC : u * etaD;
    let d = u >= 0.0 ? 0.0 : -u * etaD;
    if (burn > 0.0 && x > xl) d += (x - xl) / burn;
    d = Math.min(Math.max(d, 0.0), dMax);
    let c = Math.min(Math.max((u + d / etaD) / etaC, 0.0), cMax);
    if (u < 0.0 && !(x > xl)) c = 0.0;
    const y = n + c - d;
    let g: f64, e: f64;
    if (pi >= pe || (gMax == Infinity && eMax == Infinity)) {
      g = y > 0.0 ? y : 0.0;
      e = y < 0.0 ? -y : 0.0;
    } else {
      e = eMax == Infinity ? gMax - y : (gMax == Infinity ? eMax : Math.min(eMax, gMax - y));
      e = e > 0.0 ? e : 0.0;
      g = y + e;
      g = g > 0.0 ? g : 0.0;
    }
    stf(chargeKw, t, c);
    stf(dischargeKw, t, d);
    stf(importKw, t, g);
    stf(exportKw, t, e);
    soc += (etaC * c - d / etaD) * dtHours;
    stf(socKwh, t, soc);
    objective += (pi * g - pe * e) * dtHours;
  }
  stf(summary, 0, objective);
  return baseCost == baseCost ? OK : INVALID_INPUT;
}

@inline function xhiInverse(x: f64, etaC: f64, etaD: f64, cMax: f64, dMax: f64, burn: f64): f64 {
  return Math.max((x - burn * dMax) * etaC, (x - cMax * (1.0 - etaC * etaD)) / etaD);
}

@inline function xloInverse(x: f64, etaC: f64, etaD: f64): f64 {
  return x >= 0.0 ? x * etaC : x / etaD;
}

function addCandidate(work: usize, o: i32, m: i32, u: f64, uLo: f64, uHi: f64): i32 {
  if (!(u > uLo && u < uHi)) return m;
  let i = m;
  while (i > 1 && ldf(work, o + i - 1) > u) {
    stf(work, o + i, ldf(work, o + i - 1));
    i--;
  }
  if (ldf(work, o + i - 1) == u) {
    for (let j = i; j < m; j++) stf(work, o + j, ldf(work, o + j + 1));
    return m;
  }
  stf(work, o + i, u);
  return m + 1;
}

@inline function bestAc(u: f64, xt: f64, xLo: f64, xHi: f64, etaC: f64, etaD: f64, cMax: f64, dMax: f64, burn: f64): f64 {
  const lower = Math.max(u >= 0.0 ? u / etaC : u * etaD, xLo);
  const upper = Math.min(Math.min(u / etaC + burn * dMax, cMax * (1.0 - etaC * etaD) + u * etaD), xHi);
  return Math.max(Math.min(xt, upper), lower);
}

@inline function gridCost(y: f64, a: f64, b: f64, yk: f64, fk: f64): f64 {
  return y < yk ? fk + a * (y - yk) : fk + b * (y - yk);
}

function pieceSlope(
  um: f64, n: f64, xt: f64, xLo: f64, xHi: f64, a: f64, b: f64, yk: f64,
  etaC: f64, etaD: f64, cMax: f64, dMax: f64, burn: f64, uKink: f64,
): f64 {
  const xl = um >= 0.0 ? um / etaC : um * etaD;
  const xh = Math.min(um / etaC + burn * dMax, cMax * (1.0 - etaC * etaD) + um * etaD);
  const lower = Math.max(xl, xLo);
  const upper = Math.min(xh, xHi);
  let x: f64;
  let dxdu: f64 = 0.0;
  if (xt <= lower) {
    x = lower;
    if (xl > xLo) dxdu = um >= 0.0 ? 1.0 / etaC : etaD;
  } else if (xt >= upper) {
    x = upper;
    if (xh < xHi) dxdu = um < uKink ? 1.0 / etaC : etaD;
  } else {
    x = xt;
  }
  if (dxdu == 0.0) return 0.0;
  return (n + x < yk ? a : b) * dxdu;
}

@inline function before(work: usize, p: i32, q: i32, min: bool): bool {
  const sp = ldf(work, p);
  const sq = ldf(work, q);
  if (min) return sp < sq || (sp == sq && p < q);
  return sp > sq || (sp == sq && p > q);
}

function heapPush(iwork: usize, o: i32, n: i32, p: i32, work: usize, min: bool): i32 {
  let i = n;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const q = ldi(iwork, o + parent);
    if (!before(work, p, q, min)) break;
    sti(iwork, o + i, q);
    i = parent;
  }
  sti(iwork, o + i, p);
  return n + 1;
}

function heapPop(iwork: usize, o: i32, n: i32, work: usize, min: bool): i32 {
  const size = n - 1;
  if (size == 0) return 0;
  const p = ldi(iwork, o + size);
  let i: i32 = 0;
  while (true) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && before(work, ldi(iwork, o + child + 1), ldi(iwork, o + child), min)) child++;
    const q = ldi(iwork, o + child);
    if (!before(work, q, p, min)) break;
    sti(iwork, o + i, q);
    i = child;
  }
  sti(iwork, o + i, p);
  return size;
}
