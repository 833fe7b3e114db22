// Backward/forward sweep for a radial network whose buses are numbered in a topological order from the slack
// (position 0): every bus's parent has a smaller position. Branch model (see ts/powerflow/sweep-solver.ts):
//   V[i] = m[i]·V[parent[i]] − z[i]·J[i]          (forward)
//   J[parent[i]] += conj(m[i])·J[i]               (backward)
// where J[i] is the current bus i and its subtree draw through the branch to the parent, m the complex voltage
// ratio of a transformer (1 for lines) and z the series impedance seen from the child. Shunts (bus shunts and line
// charging lumped per bus) draw y·V; constant-power loads draw conj(S/V). Optional ZIP loads add a constant-current
// part (pI, qI at 1 p.u., scaling with |V|) and a constant-impedance part (pZ, qZ at 1 p.u., scaling with |V|²):
// the effective constant-power equivalent is P = p + |V|·(pI + |V|·pZ), the same for Q.
// Ratios and shunts are rare in real feeders (a few transformers, MV cables only), so they come as sparse lists of
// positions (ascending) walked alongside the main loops: the dense per-bus streams stay z, loads, V and J only.
// Re and Im live in separate f64 arrays; everything is a raw pointer; nothing is allocated.
import { OK, MAX_ITERATIONS, DIVERGED, INVALID_INPUT } from '../status';

/**
 * Runs sweeps until the largest voltage change |ΔV| (p.u.) drops below `tolPu` or `maxIterations` is reached.
 * Dense pointers (n entries): parent i32 (position of the parent; parent[0] unused), zRe/zIm f64 (series impedance
 * seen from the child, p.u.), pLoad/qLoad f64 (constant-power consumption, p.u.), vRe/vIm f64 (start in, solution
 * out; position 0 is held), jRe/jIm f64 workspace. Sparse lists: ratioPos i32[nRatio] (ascending positions ≥ 1)
 * with mRe/mIm f64[nRatio]; shuntPos i32[nShunt] (ascending positions ≥ 1) with yRe/yIm f64[nShunt] (p.u.).
 * zip ≠ 0 enables the dense voltage-dependent loads pI/qI/pZ/qZ f64[n] (p.u. at 1 p.u. voltage).
 * info f64[2] out: iterations, last max |ΔV| (p.u.).
 * Returns OK, MAX_ITERATIONS, DIVERGED (non-finite voltage) or INVALID_INPUT.
 */
export function backwardForwardSweep(
  n: i32,
  parent: usize,
  zRe: usize,
  zIm: usize,
  pLoad: usize,
  qLoad: usize,
  vRe: usize,
  vIm: usize,
  jRe: usize,
  jIm: usize,
  nRatio: i32,
  ratioPos: usize,
  mRe: usize,
  mIm: usize,
  nShunt: i32,
  shuntPos: usize,
  yRe: usize,
  yIm: usize,
  zip: i32,
  pI: usize,
  qI: usize,
  pZ: usize,
  qZ: usize,
  tolPu: f64,
  maxIterations: i32,
  info: usize,
): i32 {
  store<f64>(info, 0.0);
  store<f64>(info, 0.0, 8);
  if (n < 1 || nRatio < 0 || nShunt < 0 || maxIterations < 0 || !(tolPu >= 0.0)) return INVALID_INPUT;
  if (n == 1) return OK;
  const tol2 = tolPu * tolPu;
  let maxD2: f64 = 0.0;
  // J must start at zero; the forward pass zeroes each J[i] after its last use, so only J[0] needs it again.
  memory.fill(jRe, 0, <usize>n << 3);
  memory.fill(jIm, 0, <usize>n << 3);
  for (let it = 1; it <= maxIterations; it++) {
    // Backward: currents from the leaves to the slack.
    store<f64>(jRe, 0.0);
    store<f64>(jIm, 0.0);
    let ri = nRatio - 1;
    let rp = ri >= 0 ? load<i32>(ratioPos + (<usize>ri << 2)) : -1;
    let si = nShunt - 1;
    let sp = si >= 0 ? load<i32>(shuntPos + (<usize>si << 2)) : -1;
    for (let i = n - 1; i >= 1; i--) {
      const o = <usize>i << 3;
      const vr = load<f64>(vRe + o);
      const vi = load<f64>(vIm + o);
      let p = load<f64>(pLoad + o);
      let q = load<f64>(qLoad + o);
      const d = vr * vr + vi * vi;
      if (zip != 0) {
        const m = Math.sqrt(d);
        p += m * (load<f64>(pI + o) + m * load<f64>(pZ + o));
        q += m * (load<f64>(qI + o) + m * load<f64>(qZ + o));
      }
      const inv = 1.0 / d;
      let cr = (p * vr + q * vi) * inv + load<f64>(jRe + o);
      let ci = (p * vi - q * vr) * inv + load<f64>(jIm + o);
      if (i == sp) {
        const so = <usize>si << 3;
        const g = load<f64>(yRe + so);
        const b = load<f64>(yIm + so);
        cr += g * vr - b * vi;
        ci += g * vi + b * vr;
        si--;
        sp = si >= 0 ? load<i32>(shuntPos + (<usize>si << 2)) : -1;
      }
      store<f64>(jRe + o, cr);
      store<f64>(jIm + o, ci);
      const po = <usize>load<i32>(parent + (<usize>i << 2)) << 3;
      if (i == rp) {
        const ro = <usize>ri << 3;
        const ar = load<f64>(mRe + ro);
        const ai = load<f64>(mIm + ro);
        store<f64>(jRe + po, load<f64>(jRe + po) + (ar * cr + ai * ci));
        store<f64>(jIm + po, load<f64>(jIm + po) + (ar * ci - ai * cr));
        ri--;
        rp = ri >= 0 ? load<i32>(ratioPos + (<usize>ri << 2)) : -1;
      } else {
        store<f64>(jRe + po, load<f64>(jRe + po) + cr);
        store<f64>(jIm + po, load<f64>(jIm + po) + ci);
      }
    }
    // Forward: voltages from the slack to the leaves.
    maxD2 = 0.0;
    let sum: f64 = 0.0;
    let fi = 0;
    let fp = nRatio > 0 ? load<i32>(ratioPos) : n;
    for (let i = 1; i < n; i++) {
      const o = <usize>i << 3;
      const po = <usize>load<i32>(parent + (<usize>i << 2)) << 3;
      let ur = load<f64>(vRe + po);
      let ui = load<f64>(vIm + po);
      if (i == fp) {
        const ro = <usize>fi << 3;
        const ar = load<f64>(mRe + ro);
        const ai = load<f64>(mIm + ro);
        const tr = ar * ur - ai * ui;
        ui = ar * ui + ai * ur;
        ur = tr;
        fi++;
        fp = fi < nRatio ? load<i32>(ratioPos + (<usize>fi << 2)) : n;
      }
      const zr = load<f64>(zRe + o);
      const zi = load<f64>(zIm + o);
      const cr = load<f64>(jRe + o);
      const ci = load<f64>(jIm + o);
      store<f64>(jRe + o, 0.0);
      store<f64>(jIm + o, 0.0);
      const nr = ur - (zr * cr - zi * ci);
      const ni = ui - (zr * ci + zi * cr);
      const dr = nr - load<f64>(vRe + o);
      const di = ni - load<f64>(vIm + o);
      const d2 = dr * dr + di * di;
      sum += d2;
      if (d2 > maxD2) maxD2 = d2;
      store<f64>(vRe + o, nr);
      store<f64>(vIm + o, ni);
    }
    store<f64>(info, <f64>it);
    if (!(sum - sum == 0.0)) {
      // NaN or ±Infinity somewhere: a voltage collapsed to zero or blew up.
      store<f64>(info, Infinity, 8);
      return DIVERGED;
    }
    store<f64>(info, Math.sqrt(maxD2), 8);
    if (maxD2 <= tol2) return OK;
  }
  return MAX_ITERATIONS;
}
