// The simulation area: scenario, agents, step loop, metrics, reports. Profiles are re-exported from ./profiles.
export * from './profiles/index.js';
export * from './scenario/scenario-schema.js';
export * from './scenario/validate-scenario.js';
export * from './scenario/default-study.js';
export * from './agents/bidding-strategy.js';
export * from './agents/prosumer-agent.js';
export * from './grid/feeder-state.js';
export * from './engine/simulation-deps.js';
export * from './engine/default-deps.js';
export * from './engine/reporters.js';
export * from './engine/settlement-sink.js';
export * from './engine/prepare-agents.js';
export * from './engine/simulation.js';
export * from './metrics/fairness.js';
export * from './metrics/simulation-metrics.js';
export * from './engine/run-comparison.js';
export * from './report/comparison.js';
export * from './report/csv.js';
export * from './report/svg-chart.js';
export * from './report/html-report.js';
// Node-only helpers (scenario files) live in ./node/ and are not exported here.
export * from './engine/ledger-sink.js';
