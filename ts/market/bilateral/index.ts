// The bilateral (multi-bilateral, product-differentiated) peer-to-peer market: format, solvers, network charges.
export { BILATERAL_MARKET_FORMAT } from './bilateral-market.js';
export type { BilateralMarket, BilateralAgent, BilateralLink } from './bilateral-market.js';
export { validateBilateralMarket } from './validate-bilateral-market.js';
export { compileBilateralMarket, type CompiledBilateralMarket } from './compile-bilateral-market.js';
export { solveBilateralMarket, solveBilateralMarketSync, type BilateralSolveOptions } from './solve-bilateral-market.js';
export type { BilateralMarketResult, BilateralAgentResult, BilateralTrade, BilateralMethod, BilateralStatus } from './bilateral-result.js';
export { createRandomBilateralMarket, type RandomBilateralMarketOptions } from './random-bilateral-market.js';
