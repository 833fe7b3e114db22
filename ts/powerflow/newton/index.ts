// Newton-Raphson power flow: the public factory and its types (re-exported by ts/powerflow/index.ts).
export { createNewtonSolver, NEWTON_DEFAULT_CONTROLS } from './newton-solver.js';
export type { NewtonSolver, NewtonSolverOptions, NewtonSolverStats } from './newton-solver.js';
export { analyseNewtonTopology } from './newton-symbolic.js';
export type { NewtonPlan } from './newton-symbolic.js';
