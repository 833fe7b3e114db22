import type { Side } from './order.js';

/** What one order got from the market (peer-to-peer part only; grid residuals are in GridTransaction). */
export interface Fill {
  /** The order's id. */
  orderId: string;
  /** The order's prosumer. */
  prosumer: string;
  /** The order's side. */
  side: Side;
  /** Energy bought or sold peer-to-peer, kWh. */
  quantityKwh: number;
  /** Price paid (buy) or received (sell), currency per kWh. */
  pricePerKwh: number;
  /**
   * What the kWh costs a buyer including its share of the P2P network charge and levies, or brings a seller net of
   * its share, currency per kWh (= pricePerKwh without charges; see tariffs/rationality-bounds.ts).
   */
  allInPricePerKwh: number;
}

/** One bilateral trade between a buy and a sell order, for mechanisms that pair orders. */
export interface Trade {
  /** Buy order id. */
  buyOrderId: string;
  /** Sell order id. */
  sellOrderId: string;
  /** Buyer's prosumer id. */
  buyer: string;
  /** Seller's prosumer id. */
  seller: string;
  /** Energy, kWh. */
  quantityKwh: number;
  /** Price the buyer pays, currency per kWh. */
  pricePerKwh: number;
  /** Price the seller receives, currency per kWh (differs from pricePerKwh only in budget-surplus mechanisms). */
  sellerPricePerKwh: number;
}

/** Residual energy an order bought from or sold to the retailer at the tariff. */
export interface GridTransaction {
  /** The order's id. */
  orderId: string;
  /** The order's prosumer. */
  prosumer: string;
  /** 'buy': the prosumer bought from the grid at the retail price; 'sell': sold to the grid at the feed-in tariff. */
  side: Side;
  /** Energy, kWh. */
  quantityKwh: number;
  /** Tariff, currency per kWh. */
  pricePerKwh: number;
}

/** The outcome of clearing one order book with one mechanism. */
export interface ClearingResult {
  /** Mechanism name as given on the CLI ('uniform', 'pay-as-bid', …). */
  mechanism: string;
  /** Peer-to-peer fills, one per order that traded, in book order. */
  fills: Fill[];
  /** Bilateral trades, or null where the mechanism does not pair orders. */
  trades: Trade[] | null;
  /** Residual demand served by the retailer at the retail price. */
  gridPurchases: GridTransaction[];
  /** Residual supply bought by the retailer at the feed-in tariff. */
  gridSales: GridTransaction[];
  /** Energy traded peer-to-peer, kWh. */
  tradedKwh: number;
  /** Social welfare at the orders' own prices: Σ bid·q over buy fills − Σ ask·q over sell fills, currency. */
  welfare: number;
  /** Buyers' payments minus sellers' receipts in the P2P market, currency (0 when budget-balanced). */
  marketSurplus: number;
  /** The single clearing price, or null where prices are discriminatory, currency per kWh. */
  clearingPricePerKwh: number | null;
  /** [lowest, highest] market-clearing price of a uniform-price market, or null, currency per kWh. */
  priceIntervalPerKwh: [number, number] | null;
  /** Same as clearingPricePerKwh (the name of the `peergrid clear --json` contract), currency per kWh. */
  clearingPrice: number | null;
  /** Same as priceIntervalPerKwh (the name of the `peergrid clear --json` contract), currency per kWh. */
  priceInterval: [number, number] | null;
  /**
   * Optional: the prices of mechanisms with more than one (null or absent otherwise), currency per kWh:
   * [buyers' price, sellers' price] for trade-reduction and huang, [price in half 0, price in half 1] for muda
   * (null for a half that has no price because the other half has an empty side).
   */
  clearingPrices?: Array<number | null> | null;
  /** Maximum welfare any allocation of this book could reach, currency. */
  maxWelfare: number;
  /** Maximum tradable volume (all units with bid ≥ ask), kWh. */
  maxTradableKwh: number;
  /** welfare / maxWelfare · 100 (100 when maxWelfare is 0). */
  welfarePercent: number;
  /** tradedKwh / maxTradableKwh · 100 (100 when maxTradableKwh is 0). */
  volumePercent: number;
}
