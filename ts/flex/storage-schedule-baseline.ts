/**
 * The exact single-battery schedule (the battery-schedule/1 LP) by merging convex piecewise-linear costs: the
 * pure-TypeScript twin of assembly/flex/storage-schedule.ts — same name, same arguments (typed arrays for pointers),
 * same statuses and the same floating-point operations in the same order, so both engines give bit-identical answers.
 *
 * Why it is exact. Per interval t the LP's only link to other intervals is the stored-energy change δ_t. Eliminating
 * charge c, discharge d, import g and export e for a fixed δ leaves a convex piecewise-linear cost φ_t(δ) (the value
 * of a parametric LP is convex in its right-hand side), and the LP becomes
 *     minimise Σ_t φ_t(δ_t)  subject to  s_t = s_{t−1} + δ_t ∈ [minSoc, maxSoc],  s_{T−1} ≥ finalSocMin.
 * Its value function V_t(s) (cheapest cost of reaching stored energy s after t) obeys V_t = V_{t−1} □ φ_t (infimal
 * convolution) restricted to [minSoc, maxSoc]. The infimal convolution of convex piecewise-linear functions merges
 * their linear pieces by slope; restricting the domain cuts the cheapest pieces off the left end (they are bought
 * whatever happens later: committed) and the dearest off the right end (never usable: discarded). So V_t is kept as
 * a double-ended priority queue of pieces (slope in currency per stored kWh, length in kWh, origin interval); at the
 * end every piece of negative slope is bought (stored energy has no value after the horizon; a rolling-horizon
 * caller may give it a terminal value, and then every piece cheaper than that is bought). Each bought piece adds
 * its length to δ of its origin interval; because pieces of one φ_t enter in slope order and slopes are compared with
 * the piece number as a tie-break (one strict total order), the bought part of every φ_t is a prefix, which is what
 * makes the schedule optimal, not only the objective. O(T·k·log(T·k)) for k ≤ 9 pieces per interval (2–3 in
 * practice).
 *
 * φ_t in closed form. With u = δ/Δh (stored power) and x = c − d (AC battery power), a given u allows
 *     x ∈ [xlo(u), xhi(u)],  xlo(u) = u/η_c (u ≥ 0) or u·η_d (u < 0)               (no simultaneous charge and discharge)
 *                            xhi(u) = min(u/η_c + κ·D, C·(1 − η_c·η_d) + u·η_d),  κ = 1/(η_c·η_d) − 1
 * (the upper end burns energy by charging and discharging at once, which an LP does when prices are negative), and
 * the grid cost of net y = load − pv + x is f(y) = min{p_imp·g − p_exp·e : g − e = y, 0 ≤ g ≤ G, 0 ≤ e ≤ E}: slopes
 * p_exp then p_imp with the kink at 0 when p_imp ≥ p_exp; slopes p_imp then p_exp with the kink at G − E otherwise
 * (simultaneous import and export, bounded by the limits; with both limits infinite the LP is unbounded). So
 * φ_t(δ) = Δh·f(n_t + x*(u)) with x* the minimiser of f over [xlo(u), xhi(u)] ∩ [−E − n_t, G − n_t]; its breakpoints
 * lie where xlo or xhi bends (u = 0, u = η_c·C − D/η_d) or crosses one of −E − n, G − n or f's kink, and its slope
 * between breakpoints is f′·d(x*)/du, computed from the formulas (never by differencing values).
 */
import { KernelStatus } from '../status.js';

/** Battery parameters in the `params` array of scheduleStorage, by index (limits: Infinity = none). */
export const STORAGE_PARAM = {
  MAX_CHARGE_KW: 0, MAX_DISCHARGE_KW: 1, CHARGE_EFFICIENCY: 2, DISCHARGE_EFFICIENCY: 3, INITIAL_SOC_KWH: 4,
  MIN_SOC_KWH: 5, MAX_SOC_KWH: 6, FINAL_SOC_MIN_KWH: 7, IMPORT_LIMIT_KW: 8, EXPORT_LIMIT_KW: 9,
  /** Value of stored energy left after the last interval, currency per kWh (0 in battery-schedule/1). */
  TERMINAL_VALUE_PER_KWH: 10, LENGTH: 11,
} as const;

/** Slots of the `summary` array: the objective (currency) and the number of pieces the queue held. */
export const STORAGE_SUMMARY = { OBJECTIVE: 0, PIECES: 1, LENGTH: 2 } as const;

/** Largest number of linear pieces of one interval's cost φ_t (10 breakpoint candidates). */
const MAX_PIECES = 9;
/** Scratch f64 slots for one interval's breakpoint candidates. */
const SCRATCH = 16;

/** f64 workspace of scheduleStorage for `steps` intervals (slopes, lengths, bases, bought energy, scratch). */
export function storageScheduleWorkspaceF64(steps: number): number {
  return 2 * MAX_PIECES * steps + 2 * steps + SCRATCH;
}

/** i32 workspace of scheduleStorage for `steps` intervals (origins and the two heaps). */
export function storageScheduleWorkspaceI32(steps: number): number {
  return 3 * MAX_PIECES * steps;
}

/**
 * Optimal schedule of one battery (the battery-schedule/1 LP) for `steps` intervals of `dtHours`. Inputs: import and
 * export prices (currency/kWh), net load = load − pv (kW), `params` (STORAGE_PARAM). Outputs per interval: chargeKw,
 * dischargeKw, importKw, exportKw, socKwh (end of interval); summary[OBJECTIVE] = Σ (p_imp·g − p_exp·e)·Δh.
 * Returns OK, INFEASIBLE, UNBOUNDED (an export price above the import price with both limits infinite, on a
 * feasible problem) or INVALID_INPUT (bad scalars). Outputs are meaningful only with OK.
 */
export function scheduleStorage(
  steps: number, dtHours: number, importPrice: Float64Array, exportPrice: Float64Array, netLoadKw: Float64Array,
  params: Float64Array, chargeKw: Float64Array, dischargeKw: Float64Array, importKw: Float64Array,
  exportKw: Float64Array, socKwh: Float64Array, summary: Float64Array, work: Float64Array, iwork: Int32Array,
): number {
  const cMax = params[0]!;
  const dMax = params[1]!;
  const etaC = params[2]!;
  const etaD = params[3]!;
  const s0 = params[4]!;
  const sMin = params[5]!;
  const sMax = params[6]!;
  const sFinal = params[7]!;
  const gMax = params[8]!;
  const eMax = params[9]!;
  const terminal = params[10]!;
  if (!(steps >= 0) || !(dtHours > 0) || !(cMax >= 0) || !(dMax >= 0) || !(etaC > 0 && etaC <= 1) || !(etaD > 0 && etaD <= 1)) {
    return KernelStatus.INVALID_INPUT;
  }
  if (!(sMin <= s0 && s0 <= sMax) || !(gMax >= 0) || !(eMax >= 0) || sFinal !== sFinal || !(Math.abs(terminal) < Infinity)) return KernelStatus.INVALID_INPUT;
  const cap = MAX_PIECES * steps;
  // f64 workspace: slope[cap] | length[cap] | base δ[steps] | bought δ[steps] | scratch[SCRATCH]
  const oLen = cap;
  const oBase = 2 * cap;
  const oUsed = oBase + steps;
  const oScr = oUsed + steps;
  // i32 workspace: origin[cap] | min-heap[cap] | max-heap[cap]
  const oMin = cap;
  const oMax = 2 * cap;
  const burn = 1 / (etaC * etaD) - 1;
  const uKink = etaC * cMax - dMax / etaD;
  const tol = 1e-12 * (1 + sMax);
  let pieces = 0;
  let nMin = 0;
  let nMax = 0;
  let lo = s0; // stored energy with only the committed pieces
  let avail = 0; // Σ lengths of live pieces
  let unbounded = false;
  let baseCost = 0;
  for (let t = 0; t < steps; t++) {
    const n = netLoadKw[t]!;
    const pi = importPrice[t]!;
    let pe = exportPrice[t]!;
    if (pi < pe && gMax === Infinity && eMax === Infinity) {
      // Unbounded if feasible; feasibility does not depend on the prices, so find it out at p_exp = p_imp.
      unbounded = true;
      pe = pi;
    }
    // f: slopes a ≤ b, kink yk with value fk (a = b: linear).
    let a: number, b: number, yk: number, fk: number;
    if (pi >= pe) { a = pe; b = pi; yk = 0; fk = 0; }
    else if (eMax === Infinity) { a = pe; b = pe; yk = 0; fk = (pi - pe) * gMax; }
    else if (gMax === Infinity) { a = pi; b = pi; yk = 0; fk = (pi - pe) * eMax; }
    else { a = pi; b = pe; yk = gMax - eMax; fk = pi * gMax - pe * eMax; }
    const xLo = -eMax - n;
    const xHi = gMax - n;
    const xk = yk - n;
    const xt = a >= 0 ? -Infinity : (b <= 0 ? Infinity : xk);
    let uLo = -dMax / etaD;
    if (xLo > -Infinity) uLo = Math.max(uLo, xhiInverse(xLo, etaC, etaD, cMax, dMax, burn));
    let uHi = etaC * cMax;
    if (xHi < Infinity) uHi = Math.min(uHi, xloInverse(xHi, etaC, etaD));
    if (uLo > uHi) {
      if (uLo - uHi > tol) return KernelStatus.INFEASIBLE;
      uHi = uLo;
    }
    // Breakpoint candidates strictly inside (uLo, uHi), sorted, without repeats.
    let m = 0;
    work[oScr + m++] = uLo;
    m = addCandidate(work, oScr, m, 0, uLo, uHi);
    if (burn > 0) m = addCandidate(work, oScr, m, uKink, uLo, uHi);
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
    if (uHi > uLo) work[oScr + m++] = uHi;
    const x0 = bestAc(uLo, xt, xLo, xHi, etaC, etaD, cMax, dMax, burn);
    baseCost += dtHours * gridCost(n + x0, a, b, yk, fk);
    work[oBase + t] = uLo * dtHours;
    work[oUsed + t] = 0;
    lo += uLo * dtHours;
    // Pieces between consecutive candidates, slopes from f′·d(x*)/du at the midpoint; equal slopes merged.
    const first = pieces;
    let last = -1;
    for (let i = 0; i + 1 < m; i++) {
      const u0 = work[oScr + i]!;
      const u1 = work[oScr + i + 1]!;
      const um = 0.5 * (u0 + u1);
      const slope = pieceSlope(um, n, xt, xLo, xHi, a, b, yk, etaC, etaD, cMax, dMax, burn, uKink);
      const len = (u1 - u0) * dtHours;
      if (last >= 0 && work[last]! === slope) {
        work[oLen + last] = work[oLen + last]! + len;
      } else {
        last = pieces++;
        work[last] = slope;
        work[oLen + last] = len;
        iwork[last] = t;
      }
      avail += len;
    }
    // Push this interval's pieces (the ones just created) onto both heaps.
    for (let p = first; p < pieces; p++) {
      nMin = heapPush(iwork, oMin, nMin, p, work, true);
      nMax = heapPush(iwork, oMax, nMax, p, work, false);
    }
    const floor = t === steps - 1 ? Math.max(sMin, sFinal) : sMin;
    if (lo > sMax + tol || lo + avail < floor - tol) return KernelStatus.INFEASIBLE;
    // Below the floor: the cheapest pieces are bought whatever comes later.
    let need = floor - lo;
    while (need > 0 && nMin > 0) {
      const p = iwork[oMin]!;
      const len = work[oLen + p]!;
      if (len <= 0) { nMin = heapPop(iwork, oMin, nMin, work, true); continue; }
      const take = len < need ? len : need;
      work[oUsed + iwork[p]!] = work[oUsed + iwork[p]!]! + take;
      work[oLen + p] = len - take;
      lo += take;
      avail -= take;
      need -= take;
      if (take === len) nMin = heapPop(iwork, oMin, nMin, work, true);
    }
    // Above the ceiling: the dearest pieces can never be used.
    let excess = lo + avail - sMax;
    while (excess > 0 && nMax > 0) {
      const p = iwork[oMax]!;
      const len = work[oLen + p]!;
      if (len <= 0) { nMax = heapPop(iwork, oMax, nMax, work, false); continue; }
      const take = len < excess ? len : excess;
      work[oLen + p] = len - take;
      avail -= take;
      excess -= take;
      if (take === len) nMax = heapPop(iwork, oMax, nMax, work, false);
    }
  }
  // Stored energy is worth `terminal` after the horizon (0 in the LP): buy every piece cheaper than that.
  while (nMin > 0) {
    const p = iwork[oMin]!;
    const len = work[oLen + p]!;
    if (len > 0 && !(work[p]! < terminal)) break;
    if (len > 0) work[oUsed + iwork[p]!] = work[oUsed + iwork[p]!]! + len;
    work[oLen + p] = 0;
    nMin = heapPop(iwork, oMin, nMin, work, true);
  }
  summary[1] = pieces;
  if (unbounded) return KernelStatus.UNBOUNDED;
  // The schedule from each interval's δ: the cheapest AC power for it, then charge/discharge and import/export.
  let soc = s0;
  let objective = 0;
  for (let t = 0; t < steps; t++) {
    const n = netLoadKw[t]!;
    const pi = importPrice[t]!;
    const pe = exportPrice[t]!;
    let a: number, b: number, yk: number, fk: number;
    if (pi >= pe) { a = pe; b = pi; yk = 0; fk = 0; }
    else if (eMax === Infinity) { a = pe; b = pe; yk = 0; fk = (pi - pe) * gMax; }
    else if (gMax === Infinity) { a = pi; b = pi; yk = 0; fk = (pi - pe) * eMax; }
    else { a = pi; b = pe; yk = gMax - eMax; fk = pi * gMax - pe * eMax; }
    const xt = a >= 0 ? -Infinity : (b <= 0 ? Infinity : yk - n);
    const u = (work[oBase + t]! + work[oUsed + t]!) / dtHours;
    const x = bestAc(u, xt, -eMax - n, gMax - n, etaC, etaD, cMax, dMax, burn);
    // x − xlo(u) is energy burnt by charging and discharging at once: κ kW of x per kW of extra discharge.
    const xl = u >= 0 ? u / etaC : u * etaD;
    let d = u >= 0 ? 0 : -u * etaD;
    if (burn > 0 && x > xl) d += (x - xl) / burn;
    d = Math.min(Math.max(d, 0), dMax);
    let c = Math.min(Math.max((u + d / etaD) / etaC, 0), cMax);
    if (u < 0 && !(x > xl)) c = 0;
    const y = n + c - d;
    let g: number, e: number;
    if (pi >= pe || (gMax === Infinity && eMax === Infinity)) {
      g = y > 0 ? y : 0;
      e = y < 0 ? -y : 0;
    } else {
      e = eMax === Infinity ? gMax - y : (gMax === Infinity ? eMax : Math.min(eMax, gMax - y));
      e = e > 0 ? e : 0;
      g = y + e;
      g = g > 0 ? g : 0;
    }
    chargeKw[t] = c;
    dischargeKw[t] = d;
    importKw[t] = g;
    exportKw[t] = e;
    soc += (etaC * c - d / etaD) * dtHours;
    socKwh[t] = soc;
    objective += (pi * g - pe * e) * dtHours;
  }
  summary[0] = objective;
  return baseCost === baseCost ? KernelStatus.OK : KernelStatus.INVALID_INPUT;
}

/** Smallest u with xhi(u) ≥ x (xhi is the minimum of two increasing lines). */
function xhiInverse(x: number, etaC: number, etaD: number, cMax: number, dMax: number, burn: number): number {
  return Math.max((x - burn * dMax) * etaC, (x - cMax * (1 - etaC * etaD)) / etaD);
}

/** Largest u with xlo(u) ≤ x. */
function xloInverse(x: number, etaC: number, etaD: number): number {
  return x >= 0 ? x * etaC : x / etaD;
}

/** Inserts candidate u into the sorted list work[o … o+m) when it lies strictly inside (uLo, uHi) and is new. */
function addCandidate(work: Float64Array, o: number, m: number, u: number, uLo: number, uHi: number): number {
  if (!(u > uLo && u < uHi)) return m;
  let i = m;
  while (i > 1 && work[o + i - 1]! > u) {
    work[o + i] = work[o + i - 1]!;
    i--;
  }
  if (work[o + i - 1]! === u) {
    for (let j = i; j < m; j++) work[o + j] = work[o + j + 1]!;
    return m;
  }
  work[o + i] = u;
  return m + 1;
}

/** The cheapest AC battery power for stored power u: the target clipped to what u and the grid limits allow. */
function bestAc(u: number, xt: number, xLo: number, xHi: number, etaC: number, etaD: number, cMax: number, dMax: number, burn: number): number {
  const lower = Math.max(u >= 0 ? u / etaC : u * etaD, xLo);
  const upper = Math.min(Math.min(u / etaC + burn * dMax, cMax * (1 - etaC * etaD) + u * etaD), xHi);
  return Math.max(Math.min(xt, upper), lower);
}

/** Grid cost rate f(y), currency/h: slopes a below the kink yk, b above it, f(yk) = fk. */
function gridCost(y: number, a: number, b: number, yk: number, fk: number): number {
  return y < yk ? fk + a * (y - yk) : fk + b * (y - yk);
}

/** dφ/dδ inside a piece (at stored power um), currency per stored kWh. */
function pieceSlope(
  um: number, n: number, xt: number, xLo: number, xHi: number, a: number, b: number, yk: number,
  etaC: number, etaD: number, cMax: number, dMax: number, burn: number, uKink: number,
): number {
  const xl = um >= 0 ? um / etaC : um * etaD;
  const xh = Math.min(um / etaC + burn * dMax, cMax * (1 - etaC * etaD) + um * etaD);
  const lower = Math.max(xl, xLo);
  const upper = Math.min(xh, xHi);
  let x: number;
  let dxdu = 0;
  if (xt <= lower) {
    x = lower;
    if (xl > xLo) dxdu = um >= 0 ? 1 / etaC : etaD;
  } else if (xt >= upper) {
    x = upper;
    if (xh < xHi) dxdu = um < uKink ? 1 / etaC : etaD;
  } else {
    x = xt;
  }
  if (dxdu === 0) return 0;
  return (n + x < yk ? a : b) * dxdu;
}

/** Whether piece p comes before piece q in the heap's order (min-heap: smaller slope, then lower number). */
function before(work: Float64Array, p: number, q: number, min: boolean): boolean {
  const sp = work[p]!;
  const sq = work[q]!;
  if (min) return sp < sq || (sp === sq && p < q);
  return sp > sq || (sp === sq && p > q);
}

/** Pushes piece p onto the heap at iwork[o … o+n); returns the new size. */
function heapPush(iwork: Int32Array, o: number, n: number, p: number, work: Float64Array, min: boolean): number {
  let i = n;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const q = iwork[o + parent]!;
    if (!before(work, p, q, min)) break;
    iwork[o + i] = q;
    i = parent;
  }
  iwork[o + i] = p;
  return n + 1;
}

/** Removes the top of the heap at iwork[o … o+n); returns the new size. */
function heapPop(iwork: Int32Array, o: number, n: number, work: Float64Array, min: boolean): number {
  const size = n - 1;
  if (size === 0) return 0;
  const p = iwork[o + size]!;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && before(work, iwork[o + child + 1]!, iwork[o + child]!, min)) child++;
    const q = iwork[o + child]!;
    if (!before(work, q, p, min)) break;
    iwork[o + i] = q;
    i = child;
  }
  iwork[o + i] = p;
  return size;
}
