// Public power-flow API.
export type { PowerFlowMethod, Engine, SolveControls, KernelSolveOutcome, TopologySolver } from './topology-solver.js';
export { solvePowerFlow, createPowerFlow, chooseMethod, isCompiledNetwork } from './power-flow.js';
export type { PowerFlow, PowerFlowOptions, PowerFlowInjections } from './power-flow.js';
export type { PowerFlowResult, PowerFlowStepResult, BusVoltageViolation, BranchLoadingViolation } from './power-flow-result.js';
export { createSweepSolver } from './sweep-solver.js';
export type { SweepSolver, SweepSolverOptions } from './sweep-solver.js';
export { analyzeRadialTopology, findUnsuppliedBuses } from './radial-topology.js';
export { validateZipLoadModel, zipFactor } from './zip-load.js';
export type { ZipLoadModel } from './zip-load.js';
export type { RadialTopology } from './radial-topology.js';
export * from './newton/index.js';
