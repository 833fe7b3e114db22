/** Slots of the f64 summary array every auction kernel writes (the same numbers as assembly/market/efficient-cross.ts). */
export const Summary = {
  /** Traded volume, kWh (sum of buy fills in book order). */
  TRADED: 0,
  /** Welfare at the orders' prices, currency. */
  WELFARE: 1,
  /** Buyers' payments − sellers' receipts, currency. */
  SURPLUS: 2,
  /** Welfare of the efficient allocation, currency. */
  MAX_WELFARE: 3,
  /** Volume of the efficient allocation, kWh. */
  MAX_TRADABLE: 4,
  /** Single clearing price, currency/kWh (NaN: none). */
  PRICE: 5,
  /** Lower end of the clearing-price interval (NaN: none). */
  LO: 6,
  /** Upper end of the clearing-price interval (NaN: none). */
  HI: 7,
  /** Number of pairs written. */
  PAIRS: 8,
  /** Price every trading buyer pays, currency/kWh (NaN: not one price). */
  BUYER_PRICE: 9,
  /** Price every trading seller receives, currency/kWh (NaN: not one price). */
  SELLER_PRICE: 10,
  /** MUDA: price in half 0 (the competitive price of half 1), currency/kWh. */
  HALF0_PRICE: 11,
  /** MUDA: price in half 1, currency/kWh. */
  HALF1_PRICE: 12,
  /** Crossing info block of the whole book (7 slots: volume, last buy pos, last sell pos, bLast, aLast, bNext, aNext). */
  INFO: 16,
  /** Crossing info block of MUDA's half 0. */
  HALF0_INFO: 24,
  /** Crossing info block of MUDA's half 1. */
  HALF1_INFO: 32,
  /** Length of the summary array. */
  LENGTH: 40,
} as const;
