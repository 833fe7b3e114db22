// The π model of one branch in MATPOWER's makeYbus form, shared by the result's branch flows (branch-flows.ts) and
// the Newton Ybus twin (newton/baseline/ybus.ts). The AssemblyScript Ybus kernel (assembly/powerflow/ybus.ts) keeps
// its own copy of these lines — it is compiled into a separate WASM artifact — and this helper performs the same
// floating-point operations in the same order, so the twin still matches the kernel.

/**
 * Writes the branch's admittances, p.u., into out[0..7] = Yff re, im; Yft re, im; Ytf re, im; Ytt re, im, with
 * ys = 1/(r + jx), charging b/2 at each end and tap τ·e^{jθ} on the from side: Yff = (ys + jb/2)/τ²,
 * Yft = −ys·e^{jθ}/τ, Ytf = −ys·e^{−jθ}/τ, Ytt = ys + jb/2. r, x, b in p.u., shiftRad in rad.
 * Returns false (out untouched) when r = x = 0 or τ = 0, where the model is undefined.
 */
export function branchAdmittance(r: number, x: number, b: number, tap: number, shiftRad: number, out: Float64Array): boolean {
  const d = r * r + x * x;
  if (d === 0 || tap === 0) return false;
  const gs = r / d;
  const bs = -x / d;
  const bc = b * 0.5;
  const c = Math.cos(shiftRad);
  const s = Math.sin(shiftRad);
  const t2 = tap * tap;
  out[0] = gs / t2;
  out[1] = (bs + bc) / t2;
  out[2] = -(gs * c - bs * s) / tap;
  out[3] = -(gs * s + bs * c) / tap;
  out[4] = -(gs * c + bs * s) / tap;
  out[5] = -(bs * c - gs * s) / tap;
  out[6] = gs;
  out[7] = bs + bc;
  return true;
}
