/**
 * Tariff-margin matching, the rule of the Power Ledger / SEDA Malaysia P2P pilot (2019–2020): every peer-to-peer kWh
 * of an interval is priced at the seller's export tariff plus a fixed margin (SEDA: 10 % above it, 35.5 → 39.05
 * sen/kWh; the buyer paid a 6.3 sen/kWh network charge on top and still saved against the 50.9 sen/kWh retail tariff),
 * and the retailer is buyer and seller of last resort for everything not matched. Matching is bilateral: a seller
 * delivers to at most `maxPartnersPerSeller` buyers per interval (one contract per pair) and picks them preferring
 * its historical partners, so that its energy goes to buyers whose demand absorbed it before rather than spilling
 * to the retailer.
 *
 * One interval, exactly:
 * 1. The price p = feed-in · (1 + marginPercent/100), clamped to the individually rational interval [feed-in +
 *    seller's P2P charges, retail − buyer's P2P charges] (tariffs/rationality-bounds.ts); `priceClamped` says when.
 * 2. Eligible: sell orders asking ≤ p and buy orders bidding ≥ p; the others trade with the retailer only.
 * 3. Sellers in order of decreasing quantity (book order on ties). Each ranks the buyers that still have demand —
 *    with `preferPartners`, by decreasing kWh traded with this seller in earlier intervals (PartnerHistory), ties
 *    and everyone without `preferPartners` in a seeded random order drawn per interval — and takes the first
 *    `maxPartnersPerSeller`, each buying min(seller's remainder, buyer's remainder).
 * 4. Residuals go to the retailer at retail / feed-in (grid-residuals.ts).
 * The history keeps the final clearing of each interval: clearing the same interval again (a corrective re-clear of
 * the simulation) replaces its trades instead of adding to them, and draws the same random order.
 */
import { ValidationError } from '../../errors.js';
import { Rng } from '../../random.js';
import { clearingFromFills } from '../clearing-from-fills.js';
import type { ClearingResult, Trade } from '../clearing-result.js';
import type { Order, Tariffs } from '../order.js';
import { rationalInterval } from '../tariffs/rationality-bounds.js';
import { validateOrders } from '../validate-orders.js';
import { PartnerHistory } from './partner-history.js';

/** Options of a tariff-margin market. */
export interface TariffMarginOptions {
  /** Margin of the P2P price over the feed-in tariff, percent (SEDA: 10). */
  marginPercent: number;
  /** Most buyers one seller delivers to in one interval (default Infinity: a pooled market). */
  maxPartnersPerSeller?: number;
  /** Rank buyers by the energy traded with the seller so far (default true); false: seeded random order only. */
  preferPartners?: boolean;
  /** Seed of the random order among buyers of equal preference. */
  seed: number;
}

/** A ClearingResult of tariff-margin matching. */
export interface TariffMarginClearingResult extends ClearingResult {
  /** Always 'tariff-margin'. */
  mechanism: 'tariff-margin';
  /** Whether feed-in · (1 + margin) lay outside the rational interval and was clamped to it. */
  priceClamped: boolean;
  /** P2P energy traded between pairs that had never traded before this interval (partner churn), kWh. */
  newPartnerKwh: number;
  /** Surplus of eligible sellers that found no buyer and went to the retailer, kWh. */
  unmatchedSurplusKwh: number;
}

/** A tariff-margin market that remembers who traded with whom across intervals. */
export interface TariffMarginMarket {
  /** Clears one interval's orders (all with the same `interval`); residuals go to the retailer at `tariffs`. */
  clear(orders: readonly Order[], tariffs: Tariffs): TariffMarginClearingResult;
  /** The partners of the intervals cleared before the last one (the last one is added when the next begins). */
  readonly history: PartnerHistory;
}

const TINY_KWH = 1e-12;

/** The margin of the SEDA pilot over the export tariff, percent: the default of the scenario's market.tariffMargin. */
export const DEFAULT_MARGIN_PERCENT = 10;

function optionError(field: string, value: unknown, problem: string): ValidationError {
  return new ValidationError({ element: 'option', id: 'tariff-margin', field, value }, problem);
}

/** Creates a tariff-margin market (see the module header for the rule). */
export function createTariffMarginMarket(options: TariffMarginOptions): TariffMarginMarket {
  const margin = options.marginPercent;
  if (typeof margin !== 'number' || !Number.isFinite(margin)) throw optionError('marginPercent', margin, 'must be a finite number (percent)');
  const maxPartners = options.maxPartnersPerSeller ?? Infinity;
  if (!(maxPartners === Infinity || (Number.isInteger(maxPartners) && maxPartners >= 1))) {
    throw optionError('maxPartnersPerSeller', maxPartners, 'must be a positive integer');
  }
  const prefer = options.preferPartners ?? true;
  const root = new Rng(options.seed);
  const history = new PartnerHistory();
  let pending: { interval: number | undefined; trades: Trade[] } | null = null;
  let unnumbered = 0;

  return {
    history,
    clear(orders, tariffs) {
      validateOrders(orders as Order[], tariffs);
      if (tariffs?.retailPricePerKwh === undefined || tariffs.feedInPricePerKwh === undefined) {
        throw new ValidationError({ element: 'tariffs', id: 'tariffs', field: 'feedInPricePerKwh', value: tariffs?.feedInPricePerKwh }, "mechanism 'tariff-margin' needs both retail and feed-in tariffs");
      }
      const interval = orders[0]?.interval;
      if (pending !== null && (interval === undefined || pending.interval !== interval)) {
        for (const t of pending.trades) history.record(t.seller, t.buyer, t.quantityKwh);
      }
      const { floor, ceiling } = rationalInterval(tariffs);
      const target = tariffs.feedInPricePerKwh * (1 + margin / 100);
      const price = Math.min(ceiling!, Math.max(floor!, target));
      const remaining = Float64Array.from(orders, (o) => o.quantityKwh);
      const sellers: number[] = [];
      const buyers: number[] = [];
      orders.forEach((o, i) => {
        if (o.side === 'sell' && o.pricePerKwh <= price) sellers.push(i);
        else if (o.side === 'buy' && o.pricePerKwh >= price) buyers.push(i);
      });
      // A random rank per buyer, the same for every seller of the interval and for a re-clear of it.
      const rank = new Float64Array(orders.length);
      const rng = root.fork(interval ?? `unnumbered ${unnumbered++}`);
      for (const b of rng.shuffle([...buyers]).entries()) rank[b[1]] = b[0];
      sellers.sort((a, b) => orders[b]!.quantityKwh - orders[a]!.quantityKwh || a - b);
      const trades: Trade[] = [];
      let newPartnerKwh = 0;
      let unmatchedSurplusKwh = 0;
      for (const s of sellers) {
        const seller = orders[s]!;
        const score = (b: number): number => (prefer ? history.tradedKwh(seller.prosumer, orders[b]!.prosumer) : 0);
        const ranked = buyers.filter((b) => remaining[b]! > TINY_KWH).sort((a, b) => score(b) - score(a) || rank[a]! - rank[b]!);
        for (let k = 0; k < ranked.length && k < maxPartners && remaining[s]! > TINY_KWH; k++) {
          const b = ranked[k]!;
          const buyer = orders[b]!;
          const q = Math.min(remaining[s]!, remaining[b]!);
          remaining[s] -= q;
          remaining[b] -= q;
          trades.push({ buyOrderId: buyer.id, sellOrderId: seller.id, buyer: buyer.prosumer, seller: seller.prosumer, quantityKwh: q, pricePerKwh: price, sellerPricePerKwh: price });
          if (!history.isPartner(seller.prosumer, buyer.prosumer)) newPartnerKwh += q;
        }
        if (remaining[s]! > TINY_KWH) unmatchedSurplusKwh += remaining[s]!;
      }
      pending = { interval, trades };
      const filled = Float64Array.from(orders, (o, i) => o.quantityKwh - remaining[i]!);
      return {
        ...clearingFromFills('tariff-margin', orders, trades, filled, () => price, tariffs, price),
        priceClamped: price !== target,
        newPartnerKwh,
        unmatchedSurplusKwh,
      };
    },
  };
}
