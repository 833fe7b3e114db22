// The market API: orders, validation, every clearing mechanism behind clearMarket, and the kernels' engines.
export type { Order, Side, Tariffs } from './order.js';
export type { ClearingResult, Fill, Trade, GridTransaction } from './clearing-result.js';
export { validateOrders, validateTariffs } from './validate-orders.js';
export { settleResiduals } from './grid-residuals.js';
export { clearMarket, MECHANISMS } from './clear-market.js';
export type { ClearMarketOptions, MechanismName, UniformPriceRuleName } from './clear-market.js';
export { auctionEngine, tsAuctionEngine, wasmAuctionEngine } from './auctions/auction-engine.js';
export type { AuctionEngine, AuctionBook, AuctionOutcome, AuctionMechanism, AuctionKernelOptions } from './auctions/auction-engine.js';
export * from './community/index.js';
export * from './continuous/index.js';
export { createRandomBook } from './random-book.js';
