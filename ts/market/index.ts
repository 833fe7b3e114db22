// The market API: orders, validation, every clearing mechanism behind clearMarket, and the kernels' engines.
export type { Order, Side, Tariffs } from './order.js';
export type { ClearingResult, Fill, Trade, GridTransaction } from './clearing-result.js';
export { validateOrders, validateTariffs } from './validate-orders.js';
export { settleResiduals } from './grid-residuals.js';
export { clearMarket, MECHANISMS } from './clear-market.js';
export type { ClearMarketOptions, MechanismName, UniformPriceRuleName } from './clear-market.js';
export { clearMarketColumnar, type ColumnarClearingResult } from './clear-market-columnar.js';
export { validateOrderColumns, toOrderColumns, SideCode, type OrderColumns } from './order-columns.js';
export type { TradeColumns, ClearingScalars } from './clearing-columns.js';
export { auctionEngine, tsAuctionEngine, wasmAuctionEngine } from './auctions/auction-engine.js';
export type { AuctionEngine, AuctionBook, AuctionOutcome, AuctionMechanism, AuctionKernelOptions } from './auctions/auction-engine.js';
export { UniformPriceRule, clearUniform } from './auctions/uniform-price.js';
export { DiscriminatoryRule, clearDiscriminatory } from './auctions/discriminatory.js';
export { clearTradeReduction } from './auctions/trade-reduction.js';
export { clearHuang } from './auctions/huang.js';
export { clearMuda } from './auctions/muda.js';
export { sortAscendingF64, sortWorkspaceBytes, negateKeys } from './auctions/radix-sort.js';
export { Summary as AuctionSummarySlots } from './auctions/summary-slots.js';
export { lowerBook, splitHalves, assignHalves, type LoweredBook } from './auction-book.js';
export { indexStrings, indexIntegers, type StringIndex } from './string-index.js';
export { createRandomBook } from './random-book.js';
export * from './community/index.js';
export * from './continuous/index.js';
export { validatePriceSchedule, priceAt } from './tariffs/price-schedule.js';
export type { PriceSchedule, TimeOfUsePrice, TimeOfUseBand, PriceSeries } from './tariffs/price-schedule.js';
export { validateRetailTariff, retailPriceParts, tariffsAt } from './tariffs/retail-tariff.js';
export type { RetailTariff, RetailPriceParts } from './tariffs/retail-tariff.js';
export {
  p2pCharges, buyerCeilingPerKwh, sellerFloorPerKwh, allInPricePerKwh,
  assertRationalityPossible, rationalInterval, RATIONALITY_TOLERANCE, type P2pCharges,
} from './tariffs/rationality-bounds.js';
