/**
 * A primal-dual interior-point method (Mehrotra predictor-corrector) for the convex separable QP over a network
 *   minimise Σ_j ½·q_j·x_j² + c_j·x_j   s.t.   A·x = rhs,   l_j ≤ x_j ≤ u_j   (l finite, u finite or +∞, q ≥ 0),
 * where every column of A has one or two non-zeros (a net position in its cluster's balance row, or a flow leaving
 * one row and entering another). The normal equations A·H⁻¹·Aᵀ·Δy = r are then a weighted graph Laplacian plus a
 * positive diagonal, solved by conjugate gradients with a maximum-weight spanning-forest preconditioner (exact on
 * the forest, O(rows) per application; the spanning-tree preconditioner of Resende & Veiga's network interior-point codes),
 * so memory and work per iteration stay linear in the number of columns: no dense or fill-in-prone factorisation.
 *
 * Row duals y are the prices of the balance rows (stationarity: q_j·x_j + c_j − Σ_r A_rj·y_r = zl_j − zu_j).
 */

/** The QP in column form: column j has entry val1[j] in row row1[j] and, when row2[j] ≥ 0, val2[j] in row2[j]. */
export interface NetworkQp {
  /** Number of balance rows. */
  rows: number;
  /** Number of columns (variables). */
  cols: number;
  /** Right-hand side per row. */
  rhs: Float64Array;
  /** Quadratic coefficient q_j ≥ 0. */
  q: Float64Array;
  /** Linear coefficient c_j. */
  c: Float64Array;
  /** Lower bound l_j (finite). */
  lower: Float64Array;
  /** Upper bound u_j (> l_j; Infinity allowed). */
  upper: Float64Array;
  /** First row of column j. */
  row1: Int32Array;
  /** Coefficient in row1. */
  val1: Float64Array;
  /** Second row of column j, or −1. */
  row2: Int32Array;
  /** Coefficient in row2. */
  val2: Float64Array;
}

/** Outcome of the interior-point solve. */
export interface NetworkQpSolution {
  /** 'optimal' when the residuals and gap met the tolerance, else 'max-iterations'. */
  status: 'optimal' | 'max-iterations';
  /** Primal solution. */
  x: Float64Array;
  /** Row duals (prices). */
  y: Float64Array;
  /** Interior-point iterations. */
  iterations: number;
  /** max |A·x − rhs| at the end. */
  primalResidual: number;
  /** max |q·x + c − Aᵀy − zl + zu| at the end. */
  dualResidual: number;
  /** Average complementarity (duality measure) at the end. */
  gap: number;
  /** Per column: −1 when the scaled lower slack is below 1e-6 and below its scaled bound dual (active at the
   *  lower bound, by the usual interior-point indicator), +1 likewise at the upper bound, 0 otherwise. */
  active: Int8Array;
}

/** Controls of the interior-point method. */
export interface NetworkQpOptions {
  /** Relative tolerance on residuals and complementarity (default 1e-10). */
  tolerance?: number;
  /** Iteration limit (default 200). */
  maxIterations?: number;
}

/** Solves the network QP by a primal-dual interior-point method; see the module header. */
export function solveNetworkQp(qp: NetworkQp, options: NetworkQpOptions = {}): NetworkQpSolution {
  const tol = options.tolerance ?? 1e-10;
  const maxIt = options.maxIterations ?? 200;
  const { rows, cols, rhs, q, c, lower, upper, row1, val1, row2, val2 } = qp;
  const x = new Float64Array(cols);
  const zl = new Float64Array(cols);
  const zu = new Float64Array(cols);
  const y = new Float64Array(rows);
  const hasU = new Uint8Array(cols);
  let cScale = 0;
  let xScale = 1;
  for (let j = 0; j < cols; j++) {
    cScale = Math.max(cScale, Math.abs(c[j]!), q[j]! * Math.max(1, Math.abs(lower[j]!), Number.isFinite(upper[j]!) ? Math.abs(upper[j]!) : 0));
    if (Number.isFinite(upper[j]!)) {
      hasU[j] = 1;
      x[j] = 0.5 * (lower[j]! + upper[j]!);
      xScale = Math.max(xScale, upper[j]! - lower[j]!);
    } else {
      x[j] = lower[j]! + 1;
    }
  }
  cScale = Math.max(cScale, 1e-8);
  let bScale = 1;
  for (let r = 0; r < rows; r++) bScale = Math.max(bScale, Math.abs(rhs[r]!));
  // Start the unbounded columns (flows) at a size comparable to the bounded ones so the first steps are balanced.
  for (let j = 0; j < cols; j++) {
    if (!hasU[j]) x[j] = lower[j]! + 0.1 * xScale;
    zl[j] = cScale;
    zu[j] = hasU[j] ? cScale : 0;
  }
  let nComp = 0;
  for (let j = 0; j < cols; j++) nComp += 1 + hasU[j]!;
  // Slacks are kept as their own variables: x − l rounds to 0 near a bound of large magnitude long before the
  // slack itself is that small, which would end the method at ~1e-14·|l| instead of its tolerance.
  const sL = new Float64Array(cols);
  const sU = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    sL[j] = x[j]! - lower[j]!;
    sU[j] = hasU[j] ? upper[j]! - x[j]! : 0;
  }

  const rd = new Float64Array(cols);
  const rp = new Float64Array(rows);
  const hInv = new Float64Array(cols);
  const g = new Float64Array(cols);
  const rhsY = new Float64Array(rows);
  const dy = new Float64Array(rows);
  const dx = new Float64Array(cols);
  const dzl = new Float64Array(cols);
  const dzu = new Float64Array(cols);
  const dxA = new Float64Array(cols);
  const dzlA = new Float64Array(cols);
  const dzuA = new Float64Array(cols);
  const pcg = createPcg(qp);

  // Best iterate by the scaled merit max(primal, dual, complementarity): pushed past the attainable accuracy, the
  // normal equations get so ill-conditioned that the directions degrade (residuals grow or turn NaN); the method
  // then stops and returns the best iterate, 'optimal' when its merit is within 1000 × tolerance.
  const best = { x: new Float64Array(cols), y: new Float64Array(rows), zl: new Float64Array(cols), zu: new Float64Array(cols), pRes: Infinity, dRes: Infinity, mu: Infinity, merit: Infinity };
  let it = 0;
  let status: 'optimal' | 'max-iterations' = 'max-iterations';
  let pRes = Infinity;
  let dRes = Infinity;
  let mu = Infinity;
  for (; ; it++) {
    // Residuals.
    rp.set(rhs);
    for (let r = 0; r < rows; r++) rp[r] = -rp[r]!;
    let comp = 0;
    let compMax = 0;
    for (let j = 0; j < cols; j++) {
      const xj = x[j]!;
      rp[row1[j]!] += val1[j]! * xj;
      let aty = val1[j]! * y[row1[j]!]!;
      if (row2[j]! >= 0) {
        rp[row2[j]!] += val2[j]! * xj;
        aty += val2[j]! * y[row2[j]!]!;
      }
      rd[j] = q[j]! * xj + c[j]! - aty - zl[j]! + zu[j]!;
      const cl = sL[j]! * zl[j]!;
      const cu = hasU[j] ? sU[j]! * zu[j]! : 0;
      comp += cl + cu;
      if (!(cl <= compMax)) compMax = cl;
      if (!(cu <= compMax)) compMax = cu;
    }
    mu = nComp > 0 ? comp / nComp : 0;
    pRes = maxAbs(rp);
    dRes = maxAbs(rd);
    const merit = Math.max(pRes / (bScale * xScale), dRes / cScale, compMax / (cScale * xScale));
    if (!(merit < 1e6 * best.merit)) break; // NaN or degraded far beyond the best: stop
    if (merit < best.merit) {
      best.x.set(x);
      best.y.set(y);
      best.zl.set(zl);
      best.zu.set(zu);
      Object.assign(best, { pRes, dRes, mu, merit });
    }
    if (merit <= tol) break;
    if (it >= maxIt) break;

    for (let j = 0; j < cols; j++) {
      let h = q[j]! + zl[j]! / sL[j]!;
      if (hasU[j]) h += zu[j]! / sU[j]!;
      hInv[j] = 1 / h;
    }
    pcg.setWeights(hInv);

    // Predictor (affine) direction, then the centred corrector with Mehrotra's second-order term.
    direction(0, false);
    dxA.set(dx);
    dzlA.set(dzl);
    dzuA.set(dzu);
    const aAff = stepLength();
    let compAff = 0;
    for (let j = 0; j < cols; j++) {
      compAff += (sL[j]! + aAff * dx[j]!) * (zl[j]! + aAff * dzl[j]!);
      if (hasU[j]) compAff += (sU[j]! - aAff * dx[j]!) * (zu[j]! + aAff * dzu[j]!);
    }
    const muAff = compAff / nComp;
    const sigma = Math.min(1, Math.pow(muAff / mu, 3));
    direction(sigma * mu, true);
    const alpha = Math.min(1, 0.995 * stepLength());
    for (let j = 0; j < cols; j++) {
      x[j] += alpha * dx[j]!;
      sL[j] += alpha * dx[j]!;
      if (hasU[j]) sU[j] -= alpha * dx[j]!;
      zl[j] += alpha * dzl[j]!;
      if (hasU[j]) zu[j] += alpha * dzu[j]!;
    }
    for (let r = 0; r < rows; r++) y[r] += alpha * dy[r]!;
  }
  x.set(best.x);
  y.set(best.y);
  zl.set(best.zl);
  zu.set(best.zu);
  ({ pRes, dRes, mu } = best);
  if (best.merit <= 1000 * tol) status = 'optimal';
  // Slacks and bound duals of the returned iterate (for the activity indicator below).
  for (let j = 0; j < cols; j++) {
    sL[j] = x[j]! - lower[j]!;
    if (hasU[j]) sU[j] = upper[j]! - x[j]!;
  }
  const active = new Int8Array(cols);
  for (let j = 0; j < cols; j++) {
    // Only slacks already tiny count: in degenerate problems both slack and dual go to 0 and the ratio misleads.
    const sl = sL[j]! / xScale;
    const su = hasU[j] ? sU[j]! / xScale : Infinity;
    if (sl < 1e-6 && sl < zl[j]! / cScale) active[j] = -1;
    else if (su < 1e-6 && su < zu[j]! / cScale) active[j] = 1;
  }
  return { status, x, y, iterations: it, primalResidual: pRes, dualResidual: dRes, gap: mu, active };

  /** Newton direction for target complementarity `target`, with the second-order correction when `corrector`. */
  function direction(target: number, corrector: boolean): void {
    for (let j = 0; j < cols; j++) {
      const sl = sL[j]!;
      let rl = target - sl * zl[j]!;
      if (corrector) rl -= dxA[j]! * dzlA[j]!;
      let gj = -rd[j]! + rl / sl;
      if (hasU[j]) {
        const su = sU[j]!;
        let ru = target - su * zu[j]!;
        if (corrector) ru += dxA[j]! * dzuA[j]!;
        gj -= ru / su;
        dzu[j] = ru; // kept until Δx is known
      }
      dzl[j] = rl;
      g[j] = gj;
    }
    for (let r = 0; r < rows; r++) rhsY[r] = -rp[r]!;
    for (let j = 0; j < cols; j++) {
      const t = g[j]! * hInv[j]!;
      rhsY[row1[j]!] -= val1[j]! * t;
      if (row2[j]! >= 0) rhsY[row2[j]!] -= val2[j]! * t;
    }
    pcg.solve(rhsY, dy);
    for (let j = 0; j < cols; j++) {
      let aty = val1[j]! * dy[row1[j]!]!;
      if (row2[j]! >= 0) aty += val2[j]! * dy[row2[j]!]!;
      const d = (g[j]! + aty) * hInv[j]!;
      dx[j] = d;
      dzl[j] = (dzl[j]! - zl[j]! * d) / sL[j]!;
      if (hasU[j]) dzu[j] = (dzu[j]! + zu[j]! * d) / sU[j]!;
    }
  }

  /** Largest step in [0, 1] keeping slacks and bound duals non-negative (one step for primal and dual: a QP). */
  function stepLength(): number {
    let a = 1;
    for (let j = 0; j < cols; j++) {
      const d = dx[j]!;
      if (d < 0) a = Math.min(a, -sL[j]! / d);
      if (hasU[j] && d > 0) a = Math.min(a, sU[j]! / d);
      if (dzl[j]! < 0) a = Math.min(a, -zl[j]! / dzl[j]!);
      if (hasU[j] && dzu[j]! < 0) a = Math.min(a, -zu[j]! / dzu[j]!);
    }
    return a;
  }
}

/** Largest |v_i|, NaN if any entry is NaN. */
function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (!(a <= m)) m = a;
  }
  return m;
}

/**
 * Conjugate gradients on M = A·diag(w)·Aᵀ (w = H⁻¹), preconditioned by the same matrix restricted to a maximum-weight
 * spanning forest of its graph plus the full diagonal, which a leaf-to-root elimination solves exactly.
 */
function createPcg(qp: NetworkQp) {
  const { rows, cols, row1, val1, row2, val2 } = qp;
  let w: Float64Array = new Float64Array(cols);
  const diag = new Float64Array(rows);
  // Two-entry columns are the graph's edges.
  const edgeCols: number[] = [];
  for (let j = 0; j < cols; j++) if (row2[j]! >= 0 && row2[j] !== row1[j]) edgeCols.push(j);
  const edges = Int32Array.from(edgeCols);
  const order = new Int32Array(edges.length);
  const edgeW = new Float64Array(edges.length);
  const parent = new Int32Array(rows);
  const parentW = new Float64Array(rows); // −M_{v,parent} (positive for a Laplacian edge)
  const post = new Int32Array(rows); // children before parents
  const uf = new Int32Array(rows);
  const adjStart = new Int32Array(rows + 1);
  const adj = new Int32Array(2 * rows);
  const adjW = new Float64Array(2 * rows);
  const treeU = new Int32Array(rows);
  const treeV = new Int32Array(rows);
  const treeW = new Float64Array(rows);
  const pivot = new Float64Array(rows);
  const r = new Float64Array(rows);
  const z = new Float64Array(rows);
  const p = new Float64Array(rows);
  const ap = new Float64Array(rows);
  const seen = new Uint8Array(rows);

  function find(a: number): number {
    while (uf[a] !== a) { uf[a] = uf[uf[a]!]!; a = uf[a]!; }
    return a;
  }

  return {
    setWeights(weights: Float64Array): void {
      w = weights;
      diag.fill(0);
      for (let j = 0; j < cols; j++) {
        diag[row1[j]!] += val1[j]! * val1[j]! * w[j]!;
        if (row2[j]! >= 0) diag[row2[j]!] += val2[j]! * val2[j]! * w[j]!;
      }
      // Maximum-weight spanning forest (Kruskal) over |off-diagonal| weights; parallel columns count separately.
      for (let e = 0; e < edges.length; e++) {
        const j = edges[e]!;
        edgeW[e] = Math.abs(val1[j]! * val2[j]!) * w[j]!;
        order[e] = e;
      }
      order.sort((a, b) => edgeW[b]! - edgeW[a]!);
      for (let i = 0; i < rows; i++) uf[i] = i;
      let nt = 0;
      for (let k = 0; k < order.length && nt < rows - 1; k++) {
        const e = order[k]!;
        const j = edges[e]!;
        const a = find(row1[j]!);
        const b = find(row2[j]!);
        if (a === b) continue;
        uf[a] = b;
        treeU[nt] = row1[j]!;
        treeV[nt] = row2[j]!;
        treeW[nt] = -val1[j]! * val2[j]! * w[j]!; // −M_uv contribution
        nt++;
      }
      // Root each tree, order nodes children-first, and factor (diag restricted to the forest stays the full diagonal).
      adjStart.fill(0);
      for (let t = 0; t < nt; t++) { adjStart[treeU[t]! + 1]++; adjStart[treeV[t]! + 1]++; }
      for (let i = 0; i < rows; i++) adjStart[i + 1] += adjStart[i]!;
      const fill = adjStart.slice(0, rows);
      for (let t = 0; t < nt; t++) {
        let s = fill[treeU[t]!]!++; adj[s] = treeV[t]!; adjW[s] = treeW[t]!;
        s = fill[treeV[t]!]!++; adj[s] = treeU[t]!; adjW[s] = treeW[t]!;
      }
      seen.fill(0);
      let head = 0;
      let tail = 0;
      const bfs = post; // BFS order, reversed below into children-first order
      for (let root = 0; root < rows; root++) {
        if (seen[root]) continue;
        seen[root] = 1;
        parent[root] = -1;
        parentW[root] = 0;
        bfs[tail++] = root;
        while (head < tail) {
          const v = bfs[head++]!;
          for (let s = adjStart[v]!; s < adjStart[v + 1]!; s++) {
            const u = adj[s]!;
            if (seen[u]) continue;
            seen[u] = 1;
            parent[u] = v;
            parentW[u] = adjW[s]!;
            bfs[tail++] = u;
          }
        }
      }
      // Elimination from the leaves: pivot_v = diag_v − Σ_children W²/pivot_child.
      pivot.set(diag);
      for (let k = rows - 1; k >= 0; k--) {
        const v = bfs[k]!;
        const par = parent[v]!;
        if (par >= 0) pivot[par] -= (parentW[v]! * parentW[v]!) / pivot[v]!;
      }
    },

    solve(b: Float64Array, x: Float64Array): void {
      x.fill(0);
      r.set(b);
      const bNorm = Math.sqrt(dot(b, b));
      if (bNorm === 0) return;
      precondition(r, z);
      p.set(z);
      let rz = dot(r, z);
      for (let k = 0; k < 5 * rows + 50; k++) {
        multiply(p, ap);
        const pap = dot(p, ap);
        if (!(pap > 0)) break;
        const alpha = rz / pap;
        for (let i = 0; i < rows; i++) { x[i] += alpha * p[i]!; r[i] -= alpha * ap[i]!; }
        if (Math.sqrt(dot(r, r)) <= 1e-13 * bNorm) break;
        precondition(r, z);
        const rzNew = dot(r, z);
        const beta = rzNew / rz;
        rz = rzNew;
        for (let i = 0; i < rows; i++) p[i] = z[i]! + beta * p[i]!;
      }
    },
  };

  function multiply(v: Float64Array, out: Float64Array): void {
    out.fill(0);
    for (let j = 0; j < cols; j++) {
      let t = val1[j]! * v[row1[j]!]!;
      if (row2[j]! >= 0) t += val2[j]! * v[row2[j]!]!;
      t *= w[j]!;
      out[row1[j]!] += val1[j]! * t;
      if (row2[j]! >= 0) out[row2[j]!] += val2[j]! * t;
    }
  }

  /** Solves (forest part of M)·out = v exactly: forward elimination children-first, then back substitution. */
  function precondition(v: Float64Array, out: Float64Array): void {
    out.set(v);
    const bfs = post;
    for (let k = rows - 1; k >= 0; k--) {
      const u = bfs[k]!;
      const par = parent[u]!;
      if (par >= 0) out[par] += (parentW[u]! / pivot[u]!) * out[u]!;
    }
    for (let k = 0; k < rows; k++) {
      const u = bfs[k]!;
      const par = parent[u]!;
      out[u] = (out[u]! + (par >= 0 ? parentW[u]! * out[par]! : 0)) / pivot[u]!;
    }
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
