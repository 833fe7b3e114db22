// The public API of peergrid: what `import … from 'peergrid'` gives. An explicit, curated list (test/package
// checks it name by name): browser-safe, one name per concept. Kernel engines and pure-TS twins are in
// ./kernels.ts ('peergrid/kernels'), Node-only helpers in ./node.ts ('peergrid/node').

// Errors, randomness, statuses, units
export { PeergridError, ValidationError, ParseError, StatusError, FileError, CapacityError, assertOk, type ValidationIssue } from './errors.js';
export { ScenarioValidationError } from './sim/scenario/validate-scenario.js';
export { Rng, createRng } from './random.js';
export { statusName, type SolveStatus } from './status.js';
export { kwToMw, mwToKw, baseImpedanceOhm, baseCurrentA } from './units.js';
export type { Engine } from './engine.js';

// Network: the engineering-unit model and its builder, MATPOWER import, reference feeders, the compiled contract
export type {
  NetworkModel, BusSpec, LineSpec, TransformerSpec, LoadSpec, GeneratorSpec, SlackSpec, ShuntSpec, InjectionSpec,
} from './network/network-model.js';
export { createNetwork, NetworkBuilder, type NetworkOptions } from './network/network-builder.js';
export { validateNetwork, type ValidatedNetwork } from './network/validate-network.js';
export {
  compileNetwork, BRANCH_LINE, BRANCH_TRANSFORMER, INJECTION_PV, INJECTION_STORAGE, INJECTION_EV, type CompiledNetworkModel,
} from './network/compile-network.js';
export {
  BUS_PQ, BUS_PV, BUS_SLACK, BUS_ISOLATED, type CompiledNetwork, type ElementId,
} from './network/compiled-network.js';
export { parseNetworkJson, networkToJson } from './network/network-json.js';
export { validateMatpowerCase, type MatpowerCase } from './network/matpower-case.js';
export { parseMatpowerM } from './network/matpower-m-parser.js';
export { parseMatpowerJson } from './network/matpower-json-parser.js';
export { compileMatpowerCase } from './network/compile-matpower-case.js';
export { createIeee33, IEEE33_KV, type Ieee33Options } from './network/ieee33.js';
export {
  createSyntheticFeeder, createSyntheticFeederModel, type SyntheticFeeder, type SyntheticFeederOptions,
} from './network/synthetic-feeder.js';

// Power flow
export {
  solvePowerFlow, createPowerFlow, chooseMethod, isCompiledNetwork,
  type PowerFlow, type PowerFlowOptions, type PowerFlowInjections,
} from './powerflow/power-flow.js';
export type { PowerFlowMethod, SolveControls } from './powerflow/topology-solver.js';
export type {
  PowerFlowResult, PowerFlowStepResult, BusVoltageViolation, BranchLoadingViolation,
} from './powerflow/power-flow-result.js';
export { analyzeRadialTopology, findUnsuppliedBuses, type RadialTopology } from './powerflow/radial-topology.js';
export type { ZipLoadModel } from './powerflow/zip-load.js';

// Markets: orders, one-shot clearing (auctions and community rules), columnar books, the continuous order book
export type { Order, Side, Tariffs } from './market/order.js';
export type { ClearingResult, Fill, Trade, GridTransaction } from './market/clearing-result.js';
export { validateOrders, validateTariffs } from './market/validate-orders.js';
export {
  tariffsAt, retailPriceParts, validateRetailTariff, type RetailTariff, type RetailPriceParts,
} from './market/tariffs/retail-tariff.js';
export {
  priceAt, type PriceSchedule, type TimeOfUsePrice, type TimeOfUseBand, type PriceSeries,
} from './market/tariffs/price-schedule.js';
export {
  p2pCharges, buyerCeilingPerKwh, sellerFloorPerKwh, rationalInterval, allInPricePerKwh, assertRationalityPossible,
  type P2pCharges,
} from './market/tariffs/rationality-bounds.js';
export { settleResiduals } from './market/grid-residuals.js';
export { clearMarket, type ClearMarketOptions, type UniformPriceRuleName } from './market/clear-market.js';
export {
  MECHANISMS, AUCTION_MECHANISMS, COMMUNITY_RULES, SIM_FEEDER_MECHANISMS, type MechanismName, type AuctionMechanism, type CommunityRule,
  type FeederMechanism,
} from './market/mechanisms.js';
export { clearMarketColumnar, type ColumnarClearingResult } from './market/clear-market-columnar.js';
export { validateOrderColumns, toOrderColumns, SideCode, type OrderColumns } from './market/order-columns.js';
export type { TradeColumns, ClearingScalars } from './market/clearing-columns.js';
export { createRandomBook } from './market/random-book.js';
export {
  clearCommunityPricing,
  type CommunityPricingOptions, type CommunityPricingResult, type CommunityFill,
} from './market/community/community-pricing.js';
export {
  clearNestedCommunities,
  type NestedClearOptions, type NestedClearingResult, type CommunityClearing, type CommunityFlows, type InterCommunitySpec,
} from './market/communities/clear-nested-communities.js';
export type { CommunitySpec, NestedMechanism } from './market/communities/community-partition.js';
export type { ResidualForm } from './market/communities/residual-book.js';
export {
  createOrderBook, OrderBook,
  type BookOrder, type BookTrade, type BookEvent, type SubmitReport, type RestingOrder, type DepthLevel,
  type BookDepth, type BookSnapshot, type OrderBookOptions,
} from './market/continuous/order-book.js';
export {
  runCdaExperiment, competitiveEquilibrium,
  type SupplyDemandSchedule, type CompetitiveEquilibrium, type CdaExperimentOptions, type CdaExperimentResult,
  type CdaDay, type CdaTransaction, type TraderStrategy,
} from './market/continuous/cda-experiment.js';
export type { AdaptiveTrader, MarketView, Shout } from './market/continuous/traders/trader.js';
export { ZeroIntelligenceTrader } from './market/continuous/traders/zero-intelligence-trader.js';
export { ZipTrader } from './market/continuous/traders/zip-trader.js';
export { AaTrader, TransactionHistory } from './market/continuous/traders/aa-trader.js';
export {
  createContinuousMarket, type ContinuousMarket, type ContinuousMarketOptions, type ContinuousClearingResult,
} from './market/continuous/continuous-interval-market.js';
export {
  createTariffMarginMarket, type TariffMarginMarket, type TariffMarginOptions, type TariffMarginClearingResult,
} from './market/community/tariff-margin-matching.js';

// Games: coalitional cost/surplus sharing, Stackelberg community pricing, Cournot competition among sellers
export {
  createCoalitionGame, parseCoalitionGame, coalitionKey, MAX_TABULATED_PLAYERS,
  type CoalitionGame, type CoalitionGameKind, type CoalitionGameDocument,
} from './market/games/coalition-game.js';
export {
  shapleyValue, sampledShapleyValue, type SampledShapleyOptions, type SampledShapleyResult, type IncrementalCoalition,
} from './market/games/shapley-value.js';
export { checkCore, coreTolerance, type CoreCheck } from './market/games/core-check.js';
export { nucleolus, MAX_NUCLEOLUS_PLAYERS, type NucleolusResult } from './market/games/nucleolus.js';
export {
  solveStackelbergPricing, followerBestResponse, followerUtility,
  type StackelbergFollower, type StackelbergLeader, type StackelbergEquilibrium,
} from './market/games/stackelberg-pricing.js';
export {
  solveCournotEquilibrium, cournotBestResponse, cournotProfit,
  type CournotSeller, type CournotMarket, type CournotOptions, type CournotEquilibrium,
} from './market/games/cournot-sellers.js';
export {
  communitySavingsGame, communitySavingsShapley, communitySavingsOf, canTabulateCommunity, mechanismAllocation,
  type MemberNetSeries, type PoolingTariffs,
} from './market/games/community-savings-game.js';
export { communityNetSeries, type CommunityNetSeries, type CommunityNetSeriesOptions } from './sim/games/community-net-series.js';

// The multi-bilateral P2P market with product differentiation: central and consensus-ADMM solutions
export {
  BILATERAL_MARKET_FORMAT, type BilateralMarket, type BilateralAgent, type BilateralLink,
} from './market/bilateral/bilateral-market.js';
export { validateBilateralMarket } from './market/bilateral/validate-bilateral-market.js';
export {
  solveBilateralMarket, solveBilateralMarketSync, type BilateralSolveOptions,
} from './market/bilateral/solve-bilateral-market.js';
export type {
  BilateralMarketResult, BilateralAgentResult, BilateralTrade, BilateralMethod, BilateralStatus,
} from './market/bilateral/bilateral-result.js';
export { createRandomBilateralMarket, type RandomBilateralMarketOptions } from './market/bilateral/random-bilateral-market.js';
export {
  applyNetworkCharges, electricalDistances, type NetworkChargeMethod, type NetworkChargeOptions,
} from './market/bilateral/network-charges.js';

// Network-constrained clearing: LinDistFlow feeder inside the market, DLMPs
export { linDistFlowFeeder, type LinDistFlowFeeder } from './market/network-constrained/lindistflow-feeder.js';
export {
  clearNetworkConstrained, type NetworkClearingOptions, type NetworkClearingResult, type NetworkFill,
} from './market/network-constrained/network-constrained-clearing.js';
export type { BusLoadKw, FeederBookOptions } from './market/network-constrained/feeder-book.js';
export {
  settleNetworkClearing, type NetworkConstrainedClearOptions, type NetworkConstrainedClearingResult, type BusFill, type NotCleared,
} from './market/network-constrained/network-constrained-market.js';
export {
  clearSensitivityChecked, TRADE_MATCHINGS, type SensitivityCheckOptions, type SensitivityCheckedResult, type CheckedTrade,
  type SensitivityFill, type TradeLimit, type TradeMatching, type ViolationRule,
} from './market/network-constrained/sensitivity-checked-trades.js';
export { FEEDER_MECHANISMS } from './market/mechanisms.js';

// Flexibility
export { Battery, type BatteryParams } from './flex/battery.js';
export { EvCharger, type EvChargerParams, type EvChargingSession } from './flex/ev.js';

// Profiles
export { TimeGrid, createTimeGrid, kwToKwhPerStep, kwhPerStepToKw, energyKwh, type TimeGridOptions } from './sim/profiles/time-grid.js';
export { householdLoadKw, type HouseholdLoadOptions } from './sim/profiles/household-load.js';
export { pvOutputKw, type PvOptions, type CloudinessOptions } from './sim/profiles/pv.js';
export { evSessions, immediateChargingKw, type EvSession, type EvSessionOptions } from './sim/profiles/ev-sessions.js';
export {
  parseMeterCsv, meterSeriesOnGrid, type MeterCsvOptions, type MeterSeries, type MeterGap, type MeterValueUnit,
} from './sim/profiles/meter-csv.js';

// Simulation: scenario, step loop, comparison, metrics, reports
export {
  SIM_MECHANISMS, type SimMechanism, type ScenarioInput, type Scenario, type ProsumerSpec, type BatterySpec,
  type EvSpec, type StrategySpec, type GateClosureSpec, type LimitsSpec,
} from './sim/scenario/scenario-schema.js';
export { validateScenario } from './sim/scenario/validate-scenario.js';
export type { CommunityScenarioSpec, InterCommunityScenarioSpec } from './sim/scenario/community-schema.js';
export type { GridModeSpec } from './sim/scenario/grid-mode-schema.js';
export { createDefaultStudy, type DefaultStudyOptions } from './sim/scenario/default-study.js';
export { createCongestedCommunity } from './sim/scenario/congested-community.js';
export { SCENARIO_PRESETS, scenarioPreset, type ScenarioPreset } from './sim/scenario/presets/index.js';
export { localBalanceOf, type LocalBalance } from './sim/metrics/local-balance.js';
export {
  truthfulStrategy, zeroIntelligenceStrategy, markupStrategy, type BiddingStrategy, type BidContext,
} from './sim/agents/bidding-strategy.js';
export type { ProsumerAgent } from './sim/agents/prosumer-agent.js';
export {
  createSimulation, Simulation,
  type SimulationOptions, type StepRecord, type SimulationResult, type ProsumerTotals, type CommunityTotals,
} from './sim/engine/simulation.js';
export type { ReporterFn } from './sim/engine/reporters.js';
export type { ScenarioFiles, SimulationDeps, ClearOptions } from './sim/engine/simulation-deps.js';
export type { SettlementSink } from './sim/engine/settlement-sink.js';
export { LedgerSink, LEDGER_PARTIES, type LedgerSinkOptions } from './sim/engine/ledger-sink.js';
export { BlockLedgerSink, type BlockLedgerSinkOptions } from './sim/engine/block-ledger-sink.js';
export { runComparison, DEFAULT_COMPARISON, type ComparisonOptions } from './sim/engine/run-comparison.js';
export { loadScenarioNetwork } from './sim/engine/default-deps.js';
export {
  computeMetrics, type SimulationMetrics, type ProsumerMetrics, type CommunityMetrics,
} from './sim/metrics/simulation-metrics.js';
export { giniCoefficient, jainIndex } from './sim/metrics/fairness.js';
export {
  comparisonRows, formatComparisonTable, formatPhysicsSummary, physicsIdentical, type ComparisonRow, type ComparisonFormat,
} from './sim/report/comparison.js';
export { describeStudy, householdRecords, type HouseholdRecord } from './sim/report/study-description.js';
export { comparisonCsv, prosumersCsv, timeSeriesCsv } from './sim/report/csv.js';
export { renderHtmlReport, type ReportOptions } from './sim/report/html-report.js';
export { communityRows, islandRows, formatCommunityReport, renderCommunitySections } from './sim/report/community-report.js';
export type { CommunityMarket } from './sim/communities/community-market.js';
export type { CommunitiesMetrics, CommunityRunMetrics } from './sim/communities/community-metrics.js';
export { dispatchIsland, createIslandOutcome, type IslandStepInput, type IslandStepOutcome } from './sim/island/island-dispatch.js';
export type { IslandedGrid, IslandMetrics } from './sim/island/islanded-grid.js';

// Settlement ledger
export { canonicalJson } from './ledger/canonical-json.js';
export { nobleLedgerCrypto, type LedgerCrypto } from './ledger/ledger-crypto.js';
export { KeyRegistry, Keyring, deriveSecretKey, verifySignature } from './ledger/keys.js';
export {
  GENESIS_HASH,
  type LedgerEntry, type LedgerEntryKind, type EntryDraft, type EntrySignature, type OrderPayload,
  type TradePayload, type PaymentPayload, type SettlementPayload,
} from './ledger/entry.js';
export { BalanceBook, replayBalances, compareBalances, type PartyBalance, type BalanceMismatch } from './ledger/balances.js';
export {
  verifyLedger, LedgerVerifier, entryHash,
  type LedgerIssue, type LedgerIssueCode, type LedgerHead, type VerifyOptions, type VerifyReport,
} from './ledger/verify.js';
export { tradesFromClearing, type ClearingParties } from './ledger/from-clearing.js';
export { Ledger, type LedgerOptions, type SigningMode } from './ledger/ledger.js';
export { BLOCK_FORMAT, type Block, type CompactEntry } from './ledger/block.js';
export { BlockWriter, type BlockWriterOptions, type BlockHead } from './ledger/block-writer.js';
export { BlockVerifier, verifyBlockLines, type BlockIssue, type BlockVerifyReport } from './ledger/block-verifier.js';

// Linear and quadratic programming: a solver-neutral model, HiGHS (default) and glpk.js (optional) adapters
export { LpModelBuilder, type VariableSpec } from './lp/lp-model-builder.js';
export { validateLpModel, isQuadratic, type LpModel, type CscMatrix } from './lp/lp-model.js';
export type { LpResult, LpStatus, LpSolverName } from './lp/lp-result.js';
export type { LpSolver, LpSolveOptions } from './lp/lp-solver.js';
export { createHighsSolver } from './lp/highs-solver.js';
export { createGlpkSolver } from './lp/glpk-solver.js';
export { loadLpSolver, solveLp, type LoadLpSolverOptions, type SolveLpOptions } from './lp/load-lp-solver.js';

// DC optimal power flow in MATPOWER's DC model, over the LP layer
export { buildDcOpfModel, type DcOpfModel } from './opf/dc-opf-model.js';
export { solveDcOpf, solveDcOpfWith, type DcOpfOptions, type DcOpfResult, type DcOpfSolveOptions, type DcOpfFormulation } from './opf/solve-dc-opf.js';

// Optimal battery and EV schedules against prices, over the LP layer
export {
  validateBatterySchedule, buildBatteryScheduleLp, solveBatterySchedule, solveBatteryScheduleWith,
  type BatteryScheduleProblem, type ScheduleBattery, type CompiledBatterySchedule, type BatteryScheduleResult,
} from './flex/battery-schedule.js';
export {
  validateEvSchedule, buildEvScheduleLp, solveEvSchedule, solveEvScheduleWith,
  type EvScheduleProblem, type EvScheduleSession, type CompiledEvSchedule, type EvScheduleResult,
} from './flex/ev-schedule.js';
// The exact battery schedule without an LP (the flex-storage kernel, WASM or its TS twin)
export { solveBatteryScheduleExact, type ExactBatteryScheduleResult } from './flex/exact-battery-schedule.js';
// Worker pool (Node worker_threads and Web Workers, one API; Node's spawner is in 'peergrid/node')
export {
  createWorkerPool, WorkerCrashError,
  type WorkerPool, type WorkerPoolOptions, type RunOptions, type PoolStats, type JobInput, type JobValue,
} from './parallel/worker-pool.js';
export type { WorkerHandle, SpawnWorker } from './parallel/worker-handle.js';
export { webWorkerSpawner } from './parallel/web-worker-spawner.js';
export { exposeJobs, type WorkerApi } from './parallel/expose-jobs.js';
export {
  BUILT_IN_JOBS,
  type BuiltInJobs, type Job, type JobTable, type JobProgress, type JobOutput, type SimulateJobInput, type SeriesChunk,
  type PowerFlowBatchInput, type PowerFlowBatchOutput, type ClearMarketJobInput,
} from './parallel/worker-jobs.js';

// Parameter sweeps (peergrid-sweep/1; files, result store and the Redis queue are in 'peergrid/node')
export { PEERGRID_VERSION } from './version.js';
export { SWEEP_FORMAT, parseSweepSpec, type SweepSpec } from './sweep/sweep-file.js';
export { expandSweep, sweepAxes, type SweepRun } from './sweep/expand-sweep.js';
export { runKey } from './sweep/run-key.js';
export { headlineMetrics, type RunMetrics } from './sweep/run-metrics.js';
export { runSweep, type SweepExecutor, type RunStore, type SweepOutcome, type RunSweepOptions } from './sweep/run-sweep.js';
export { poolExecutor } from './sweep/pool-executor.js';
export { sweepRunsJson, sweepRunsCsv, type SweepRunsJson, type SweepRunRecord } from './sweep/sweep-outputs.js';
export { renderSweepReport } from './sweep/sweep-report.js';
