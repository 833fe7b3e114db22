/**
 * The book of the inter-community market: what each community's internal market left unmatched, in one of two
 * forms (InterCommunitySpec.residuals):
 * - 'orders': every residual goes up as the member's own order for its unmatched quantity, at its own limit price
 *   (same order id, prosumer and bus): the inter market sees the households, and prices them by its own rule.
 * - 'aggregate': each community's manager submits at most one buy and one sell order, for the sum of its members'
 *   residuals on that side, priced at their quantity-weighted mean limit price (the manager bids what its residual
 *   members would pay on average; ids `<community>/buy` and `<community>/sell`, prosumer = the community id). What
 *   the manager's order gets is passed on to its members pro rata to their residuals, at the manager's price, so the
 *   members' order books stay private to their community. A community's own two aggregates can cross only when its
 *   internal mechanism left crossing orders unmatched (trade reduction, Huang, MUDA); that volume is inter volume.
 * In both forms residuals of at most 1e-9 of their order's quantity (floating-point dust of the internal fill) stay
 * out of the inter market, as in the retailer's rule (../grid-residuals.ts).
 */
import type { Fill } from '../clearing-result.js';
import type { Order } from '../order.js';
import type { CommunitySpec } from './community-partition.js';

/** How residuals reach the inter-community market. */
export type ResidualForm = 'orders' | 'aggregate';

/** The inter-community book and the way back from its fills to the members' orders. */
export interface ResidualBook {
  /** Orders of the inter-community market. */
  book: Order[];
  /** Maps the inter market's fills (on `book`) to fills of the original orders. */
  toMemberFills(fills: readonly Fill[]): Fill[];
}

/** Whether an order's residual is large enough to trade (more than 1e-9 of its quantity). */
export function tradableResidual(order: Order, residualKwh: number): boolean {
  return residualKwh > 1e-9 * order.quantityKwh;
}

/** Builds the inter-community book from the residual of every order (kWh, book order). */
export function residualBook(
  orders: readonly Order[],
  residualKwh: Float64Array,
  communityOfOrder: Int32Array,
  communities: readonly CommunitySpec[],
  form: ResidualForm,
): ResidualBook {
  if (form === 'orders') {
    const book: Order[] = [];
    for (let i = 0; i < orders.length; i++) {
      if (tradableResidual(orders[i]!, residualKwh[i]!)) book.push({ ...orders[i]!, quantityKwh: residualKwh[i]! });
    }
    return { book, toMemberFills: (fills) => fills.slice() };
  }
  // Per community and side (slot 2k: buy, 2k + 1: sell): total residual and Σ q·price.
  const qty = new Float64Array(2 * communities.length);
  const value = new Float64Array(2 * communities.length);
  const memberIndices: number[][] = Array.from({ length: 2 * communities.length }, () => []);
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i]!;
    const r = residualKwh[i]!;
    if (!tradableResidual(o, r)) continue;
    const slot = 2 * communityOfOrder[i]! + (o.side === 'buy' ? 0 : 1);
    qty[slot] += r;
    value[slot] += r * o.pricePerKwh;
    memberIndices[slot]!.push(i);
  }
  const book: Order[] = [];
  const slotOfId = new Map<string, number>();
  for (let slot = 0; slot < qty.length; slot++) {
    if (memberIndices[slot]!.length === 0) continue;
    const c = communities[slot >> 1]!;
    const side = slot % 2 === 0 ? 'buy' : 'sell';
    const id = `${c.id}/${side}`;
    slotOfId.set(id, slot);
    const interval = orders[memberIndices[slot]![0]!]!.interval;
    book.push({ id, prosumer: c.id, side, quantityKwh: qty[slot]!, pricePerKwh: value[slot]! / qty[slot]!, ...(interval === undefined ? {} : { interval }) });
  }
  return {
    book,
    toMemberFills(fills) {
      const out: Fill[] = [];
      for (const f of fills) {
        const slot = slotOfId.get(f.orderId)!;
        const share = f.quantityKwh / qty[slot]!;
        for (const i of memberIndices[slot]!) {
          const o = orders[i]!;
          out.push({ orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: residualKwh[i]! * share, pricePerKwh: f.pricePerKwh, allInPricePerKwh: f.allInPricePerKwh });
        }
      }
      return out;
    },
  };
}
