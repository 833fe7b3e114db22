// One place that turns a strategy name into a trader, for the CDA experiments and the continuous interval market.
import { ValidationError } from '../../../errors.js';
import type { Rng } from '../../../random.js';
import type { Side } from '../../order.js';
import { AaTrader, type TransactionHistory } from './aa-trader.js';
import type { AdaptiveTrader } from './trader.js';
import { ZeroIntelligenceTrader } from './zero-intelligence-trader.js';
import { ZipTrader } from './zip-trader.js';

/** The trading strategies: zero-intelligence (ZI-C), ZIP and AA. */
export type TraderStrategy = 'zi-c' | 'zip' | 'aa';

/** Checks a strategy name coming from user input (ValidationError naming the option otherwise). */
export function checkTraderStrategy(strategy: unknown): TraderStrategy {
  if (strategy !== 'zi-c' && strategy !== 'zip' && strategy !== 'aa') {
    throw new ValidationError({ element: 'option', id: 'strategy', field: 'strategy', value: strategy }, "must be 'zi-c', 'zip' or 'aa'");
  }
  return strategy;
}

/**
 * A trader of `strategy` with limit `limitPrice` (currency/kWh). `rng` draws its own parameters; AA traders share
 * `history`; `priceScale` (currency/kWh, e.g. maxPrice − minPrice) scales ZIP's and AA's absolute perturbations.
 */
export function createTrader(
  strategy: TraderStrategy, side: Side, limitPrice: number, rng: Rng, history: TransactionHistory, priceScale: number,
): AdaptiveTrader {
  if (strategy === 'zip') return new ZipTrader(side, limitPrice, rng, priceScale);
  if (strategy === 'aa') return new AaTrader(side, limitPrice, history, rng, priceScale);
  return new ZeroIntelligenceTrader(side, limitPrice);
}
