/**
 * Turns a market clearing result (ts/market/clearing-result.ts) into ledger trades, so a simulation records an
 * interval with one call. Pairing mechanisms (trades ≠ null) give one trade per bilateral trade; pool mechanisms
 * give one trade per fill with the market pool as counterparty (the pool's net money is then the market surplus);
 * grid purchases and sales become trades with the grid party at the tariff. Zero-quantity items are kept (they
 * move nothing but are part of the record).
 */
import type { ClearingResult } from '../market/clearing-result.js';
import type { TradePayload } from './entry.js';

/** Party ids used for the non-prosumer sides of a clearing. */
export interface ClearingParties {
  /** Market operator: keeps the price difference of budget-surplus trades. */
  operator: string;
  /** The retailer (grid) party (default 'grid'). */
  gridParty?: string;
  /** The pool counterparty of fills in mechanisms without bilateral trades (default 'market'). */
  marketParty?: string;
}

/** Ledger trades that settle one clearing result, in order: P2P trades (or fills), grid purchases, grid sales. */
export function tradesFromClearing(result: ClearingResult, parties: ClearingParties): TradePayload[] {
  const grid = parties.gridParty ?? 'grid';
  const market = parties.marketParty ?? 'market';
  const out: TradePayload[] = [];
  if (result.trades) {
    for (const t of result.trades) {
      const tp: TradePayload = {
        buyer: t.buyer, seller: t.seller, quantityKwh: t.quantityKwh, pricePerKwh: t.pricePerKwh,
        buyOrderId: t.buyOrderId, sellOrderId: t.sellOrderId,
      };
      if (t.sellerPricePerKwh !== t.pricePerKwh) {
        tp.sellerPricePerKwh = t.sellerPricePerKwh;
        tp.surplusTo = parties.operator;
      }
      out.push(tp);
    }
  } else {
    for (const f of result.fills) {
      out.push(
        f.side === 'buy'
          ? { buyer: f.prosumer, seller: market, quantityKwh: f.quantityKwh, pricePerKwh: f.pricePerKwh, buyOrderId: f.orderId }
          : { buyer: market, seller: f.prosumer, quantityKwh: f.quantityKwh, pricePerKwh: f.pricePerKwh, sellOrderId: f.orderId },
      );
    }
  }
  for (const g of result.gridPurchases) {
    out.push({ buyer: g.prosumer, seller: grid, quantityKwh: g.quantityKwh, pricePerKwh: g.pricePerKwh, buyOrderId: g.orderId });
  }
  for (const g of result.gridSales) {
    out.push({ buyer: grid, seller: g.prosumer, quantityKwh: g.quantityKwh, pricePerKwh: g.pricePerKwh, sellOrderId: g.orderId });
  }
  return out;
}
