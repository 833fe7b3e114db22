/**
 * Newton-Raphson power flow (re-exported by ts/powerflow/index.ts).
 *
 * Polar Newton-Raphson exactly as MATPOWER's newtonpf: Ybus as makeYbus, mismatch F = [ΔP(pv,pq); ΔQ(pq)] of
 * V·conj(Ybus·V) − Sbus, convergence on ‖F‖∞ ≤ tolerancePu, Va updated on PV+PQ buses and Vm on PQ buses.
 *
 * createNewtonSolver does the symbolic work once per topology (newton-symbolic.ts): Ybus and Jacobian patterns,
 * a minimum-degree order of the bus graph (kernel: assembly/powerflow/fill-reducing-ordering.ts) expanded to each
 * bus's Va and Vm columns, and the LU workspace size. Each solve() is one kernel call (newtonSolve) doing numeric
 * work only: mismatch, Jacobian values by a planned gather, sparse LU and the update. The LU
 * (assembly/powerflow/sparse-lu.ts) is left-looking Gilbert–Peierls with threshold partial pivoting that prefers
 * the planned diagonal (tolerance 0.01), so negative reactances (PEGASE) cannot break it; once a factorization has
 * fixed the pivot order and L/U pattern, later iterations and later solves refactor numerically on it while every
 * pivot passes the same threshold test, and fall back to the pivoting factorization when one does not.
 *
 * Every kernel has a pure-TypeScript twin in ./baseline with the same arguments and statuses; `engine: 'ts'` runs
 * them, `engine: 'wasm'` (default) runs the powerflow-newton WebAssembly artifact.
 */
export { createNewtonSolver, NEWTON_DEFAULT_CONTROLS } from './newton-solver.js';
export type { NewtonSolver, NewtonSolverOptions, NewtonSolverStats } from './newton-solver.js';
export { analyzeNewtonTopology } from './newton-symbolic.js';
export type { NewtonPlan } from './newton-symbolic.js';
