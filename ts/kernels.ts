// 'peergrid/kernels': the engines behind the public API and their pure-TypeScript twins, for advanced users who
// work on flat typed arrays (benchmarks, custom solvers, cross-checking the WASM artifacts). Everything here takes
// indices and typed arrays, never ids; statuses are KernelStatus codes.

export { KernelStatus, type KernelStatusCode } from './status.js';
export type { Engine } from './engine.js';

// Power flow: topology solvers (symbolic work once, numeric solves many times) and the kernels' TS twins
export type { TopologySolver, KernelSolveOutcome, SolveControls } from './powerflow/topology-solver.js';
export { createSweepSolver, type SweepSolver, type SweepSolverOptions } from './powerflow/sweep-solver.js';
export { analyzeRadialTopology, type RadialTopology } from './powerflow/radial-topology.js';
export {
  createNewtonSolver, NEWTON_DEFAULT_CONTROLS, type NewtonSolver, type NewtonSolverOptions, type NewtonSolverStats,
} from './powerflow/newton/newton-solver.js';
export { analyzeNewtonTopology, type NewtonPlan } from './powerflow/newton/newton-symbolic.js';
export { backwardForwardSweep } from './powerflow/baseline/backward-forward-sweep.js';
export { buildYbus } from './powerflow/newton/baseline/ybus.js';
export { powerMismatch, fillJacobian } from './powerflow/newton/baseline/jacobian.js';
export { newtonSolve } from './powerflow/newton/baseline/newton-raphson.js';
export { minimumDegreeOrder } from './powerflow/newton/baseline/minimum-degree-ordering.js';
export { luFactor, luRefactor, luSolve } from './powerflow/newton/baseline/sparse-lu.js';
export { validateZipLoadModel, zipFactor } from './powerflow/zip-load.js';

// Double auctions: engines (WASM / TS twin) over lowered books, each mechanism's TS kernel, the shared radix sort
export {
  auctionEngine, tsAuctionEngine, wasmAuctionEngine,
  type AuctionEngine, type AuctionBook, type AuctionOutcome, type AuctionKernelOptions,
} from './market/auctions/auction-engine.js';
export { UniformPriceRule, clearUniform } from './market/auctions/uniform-price.js';
export { DiscriminatoryRule, clearDiscriminatory } from './market/auctions/discriminatory.js';
export { clearTradeReduction } from './market/auctions/trade-reduction.js';
export { clearHuang } from './market/auctions/huang.js';
export { clearMuda } from './market/auctions/muda.js';
export { sortAscendingF64, sortWorkspaceBytes, negateKeys } from './market/auctions/radix-sort.js';
export { Summary as AuctionSummarySlots } from './market/auctions/summary-slots.js';
export { lowerBook, splitHalves, assignHalves, type LoweredBook } from './market/auction-book.js';
export { indexStrings, indexIntegers, type StringIndex } from './market/string-index.js';

// Community pricing kernel (SDR, MMR, bill sharing) and its array-level settlement
export {
  clearCommunity, COMMUNITY_RULE, COMMUNITY_SUMMARY, COMMUNITY_SUMMARY_LENGTH,
} from './market/community/community-pricing-baseline.js';
export { settleCommunityArrays, communityVolume, type CommunitySettlementArrays } from './market/community/community-pricing.js';

// Continuous double auction: the batch kernel, its TS twin and a seeded order stream
export { OrderBookKernel, type BookBatch, type BookEventSink, type BookStateViews } from './market/continuous/order-book-kernel.js';
export {
  bookSubmitBatch, BOOK_EVENT, BOOK_EVENT_STRIDE, BOOK_META, BOOK_OP, BOOK_REJECT_REASON,
} from './market/continuous/order-book-baseline.js';
export { randomOrderStream, type OrderStream, type OrderStreamOptions } from './market/continuous/random-order-stream.js';

// Bilateral market: the consensus-ADMM local and price updates (TS twins of the market-bilateral WASM kernel)
export { admmLocalUpdate, admmPriceUpdate } from './market/bilateral/admm-baseline.js';

// Exact single-battery schedule (battery-schedule/1 by merging convex costs): the TS twin and a reusable scheduler
export {
  scheduleStorage, storageScheduleWorkspaceF64, storageScheduleWorkspaceI32, STORAGE_PARAM, STORAGE_SUMMARY,
} from './flex/storage-schedule-baseline.js';
export { createStorageScheduler, type StorageScheduler, type StorageScheduleInput } from './flex/storage-scheduler.js';
