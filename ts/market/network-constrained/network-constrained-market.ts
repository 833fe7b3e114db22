/**
 * `clearMarket(orders, { mechanism: 'network-constrained', network, solver })`: network-constrained clearing
 * (./network-constrained-clearing.ts: LinDistFlow LP, DLMPs) settled like every other mechanism, as a ClearingResult
 * with P2P fills, grid purchases and grid sales, plus the nodal detail under `network`.
 *
 * Settlement of one interval, given the cleared quantities q (orders may be cut back: not consumed / not produced,
 * listed in `notCleared`):
 * - P2P volume V = min(Σ cleared buys B, Σ cleared sells S); the rest of the long side is the retailer's, pro rata:
 *   each buyer takes q·V/B of its kWh from peers and the rest from the retailer at retail, each seller sells q·V/S to
 *   peers and the rest to the retailer at feed-in. (In a nodal market energy is not traced from seller to buyer;
 *   pro rata is the rule that treats every order of the long side alike.)
 * - A P2P kWh is priced at the DLMP of the order's bus, kept inside the individually rational interval [sellers'
 *   floor, buyers' ceiling] (tariffs/rationality-bounds.ts): no buyer pays more than retail all-in and no seller nets
 *   less than feed-in, as under every mechanism. The DLMP itself is the fill's `busPricePerKwh`. Without congestion
 *   every DLMP is the substation's price, which the retailer sets: the ceiling when the community imports (buyers pay
 *   what the grid costs them, sellers earn the ceiling), the floor when it exports.
 * - marketSurplus = what buyers pay for P2P kWh − what sellers receive: the congestion rent the market operator
 *   collects through locational prices (0 without congestion).
 * - welfare (ClearingResult's definition: at declared prices over P2P fills, bids capped at the ceiling and asks raised
 *   to the floor like the auctions) and maxWelfare (the book's efficient cross without the network), so welfarePercent
 *   shows what the grid's limits cost; `network.welfare` is the LP's own objective (the retailer's exchange included).
 */
import { ValidationError } from '../../errors.js';
import type { CompiledNetwork, ElementId } from '../../network/compiled-network.js';
import type { LpSolver } from '../../lp/lp-solver.js';
import type { LpStatus } from '../../lp/lp-result.js';
import type { ClearingResult, Fill, GridTransaction } from '../clearing-result.js';
import type { Order, Side, Tariffs } from '../order.js';
import type { FeederMechanism } from '../mechanisms.js';
import { efficientCross } from '../community/max-welfare.js';
import { p2pCharges, rationalInterval } from '../tariffs/rationality-bounds.js';
import { percentOf, reservationWelfare } from '../tariffs/reservation-welfare.js';
import { linDistFlowFeeder, type LinDistFlowFeeder } from './lindistflow-feeder.js';
import { clearNetworkConstrained, type NetworkClearingResult } from './network-constrained-clearing.js';
import type { BusLoadKw } from './feeder-book.js';
import type { ClearingWarmStart } from './clearing-warm-start.js';

/** The mechanism name of clearing with the feeder inside the problem (an entry of FEEDER_MECHANISMS). */
export const NETWORK_CONSTRAINED = 'network-constrained' satisfies FeederMechanism;

/** Options of `clearMarket` for mechanism 'network-constrained'. */
export interface NetworkConstrainedClearOptions {
  /** The mechanism. */
  mechanism: typeof NETWORK_CONSTRAINED;
  /** The radial feeder the orders' buses belong to (a compiled network, or its `linDistFlowFeeder`). */
  network: CompiledNetwork | LinDistFlowFeeder;
  /** A loaded LP solver: `await loadLpSolver()` (clearMarket is synchronous; loading is not). */
  solver: LpSolver;
  /** Retail price, feed-in tariff and P2P charges, currency per kWh. */
  tariffs?: Tariffs;
  /** Length of the interval the orders' kWh are delivered over, hours (default 0.25). */
  intervalHours?: number;
  /** Load on the feeder besides the orders: 'none' (default), 'network' (the case's loads), or per bus (kW, kvar). */
  backgroundLoad?: 'none' | 'network' | BusLoadKw;
  /** Buy orders are inflexible demand, served in full (default false: a buy order may be cut back). */
  fixedDemand?: boolean;
  /** Power factor of every order's power (default 1). */
  orderPowerFactor?: number;
  /** Soft limits at this penalty (see NetworkClearingOptions.limitPenaltyPerKwh); default hard limits. */
  limitPenaltyPerKwh?: number;
  /** An LP kept open across a series of clearings (`new ClearingWarmStart()`; dispose it after the series). */
  warmStart?: ClearingWarmStart;
}

/** A P2P fill of network-constrained clearing: the order's bus and the DLMP there. */
export interface BusFill extends Fill {
  /** Bus of the order. */
  bus: ElementId;
  /** DLMP at the bus, currency/kWh (pricePerKwh is this price kept inside [sellers' floor, buyers' ceiling]). */
  busPricePerKwh: number;
}

/** Energy of an order the clearing cut back: a buy not served, or PV not produced (curtailed). */
export interface NotCleared {
  /** The order's id. */
  orderId: string;
  /** The order's prosumer. */
  prosumer: string;
  /** The order's side. */
  side: Side;
  /** Bus of the order. */
  bus: ElementId;
  /** Energy not cleared, kWh. */
  quantityKwh: number;
}

/** The ClearingResult of network-constrained clearing (clearingPrice null: prices are locational). */
export interface NetworkConstrainedClearingResult extends ClearingResult {
  /** Always 'network-constrained'. */
  mechanism: typeof NETWORK_CONSTRAINED;
  /** LP status; anything but 'optimal' means no clearing (every list empty, every figure 0). */
  status: LpStatus;
  /** P2P fills with their bus and DLMP, in book order. */
  fills: BusFill[];
  /** Energy the clearing cut back, per order (kWh above 1e-9 of the order's quantity), in book order. */
  notCleared: NotCleared[];
  /** The nodal detail: DLMPs and their components, voltages, flows, binding limits, solver. */
  network: NetworkClearingResult;
}

const feederOf = new WeakMap<CompiledNetwork, LinDistFlowFeeder>();

function feederFor(network: CompiledNetwork | LinDistFlowFeeder): LinDistFlowFeeder {
  if ('busOfPosition' in network) return network;
  let f = feederOf.get(network);
  if (f === undefined) {
    f = linDistFlowFeeder(network);
    feederOf.set(network, f);
  }
  return f;
}

/** Clears with the feeder inside the problem and settles the result (see the file header). */
export function clearNetworkConstrainedMarket(orders: readonly Order[], options: NetworkConstrainedClearOptions): NetworkConstrainedClearingResult {
  if (options.solver === undefined || typeof options.solver?.solve !== 'function') {
    throw new ValidationError(
      { element: 'option', id: 'clearMarket', field: 'solver', value: options.solver },
      "mechanism 'network-constrained' solves an LP, and clearMarket is synchronous: load a solver first and pass it, " +
        "e.g. `clearMarket(orders, { mechanism: 'network-constrained', network, solver: await loadLpSolver() })`",
    );
  }
  if (options.network === undefined || options.network === null) {
    throw new ValidationError({ element: 'option', id: 'clearMarket', field: 'network', value: options.network },
      "mechanism 'network-constrained' needs the feeder: `network` (a compiled network, e.g. compileNetwork(createIeee33()))");
  }
  const nc = clearNetworkConstrained(orders, {
    feeder: feederFor(options.network),
    solver: options.solver,
    tariffs: options.tariffs,
    intervalHours: options.intervalHours,
    backgroundLoad: options.backgroundLoad,
    fixedDemand: options.fixedDemand,
    orderPowerFactor: options.orderPowerFactor,
    limitPenaltyPerKwh: options.limitPenaltyPerKwh,
    warmStart: options.warmStart,
  });
  return settleNetworkClearing(orders, nc, options.tariffs);
}

/** Settles a network-constrained clearing of `orders` as a ClearingResult (rules in the file header). */
export function settleNetworkClearing(orders: readonly Order[], nc: NetworkClearingResult, tariffs: Tariffs | undefined): NetworkConstrainedClearingResult {
  const { floor, ceiling } = rationalInterval(tariffs);
  // The book's efficient cross at the prices welfare is measured at (bids capped, asks raised, as the auctions do).
  const cross = efficientCross(orders.map((o) => ({ ...o, pricePerKwh: cappedPrice(o, floor, ceiling) })));
  const base: NetworkConstrainedClearingResult = {
    mechanism: NETWORK_CONSTRAINED, status: nc.status, fills: [], trades: null, gridPurchases: [], gridSales: [], notCleared: [],
    tradedKwh: 0, welfare: 0, marketSurplus: 0, welfareAtReservation: null, prosumerSavings: null, networkOperatorRevenue: 0,
    clearingPricePerKwh: null, priceIntervalPerKwh: null, clearingPrice: null, priceInterval: null,
    maxWelfare: cross.maxWelfare, maxTradableKwh: cross.maxTradableKwh, welfarePercent: null, volumePercent: null, network: nc,
  };
  if (nc.status !== 'optimal') return base;
  const charges = p2pCharges(tariffs);
  const retail = tariffs?.retailPricePerKwh;
  const feedIn = tariffs?.feedInPricePerKwh;
  let bought = 0;
  let sold = 0;
  for (const f of nc.fills) {
    if (f.side === 'buy') bought += f.quantityKwh;
    else sold += f.quantityKwh;
  }
  const v = Math.min(bought, sold);
  const buyShare = bought > 0 ? v / bought : 0;
  const sellShare = sold > 0 ? v / sold : 0;
  let welfare = 0;
  let surplus = 0;
  nc.fills.forEach((f, i) => {
    const o = orders[i]!;
    if (f.notClearedKwh > 1e-9 * o.quantityKwh) {
      base.notCleared.push({ orderId: f.orderId, prosumer: f.prosumer, side: f.side, bus: f.bus, quantityKwh: f.notClearedKwh });
    }
    const buy = f.side === 'buy';
    const p2p = f.quantityKwh * (buy ? buyShare : sellShare);
    const rest = f.quantityKwh - p2p;
    if (p2p > 0) {
      let price = f.pricePerKwh;
      if (ceiling !== null && price > ceiling) price = ceiling;
      if (floor !== null && price < floor) price = floor;
      const allIn = buy ? price + charges.buyerPerKwh : price - charges.sellerPerKwh;
      base.fills.push({ orderId: f.orderId, prosumer: f.prosumer, side: f.side, quantityKwh: p2p, pricePerKwh: price, allInPricePerKwh: allIn, bus: f.bus, busPricePerKwh: f.pricePerKwh });
      welfare += (buy ? 1 : -1) * cappedPrice(o, floor, ceiling) * p2p;
      surplus += (buy ? 1 : -1) * price * p2p;
    }
    if (rest > 1e-9 * o.quantityKwh) {
      const g: GridTransaction = { orderId: f.orderId, prosumer: f.prosumer, side: f.side, quantityKwh: rest, pricePerKwh: buy ? retail! : feedIn! };
      if (buy && retail !== undefined) base.gridPurchases.push(g);
      else if (!buy && feedIn !== undefined) base.gridSales.push(g);
    }
  });
  base.tradedKwh = v;
  base.welfare = welfare;
  base.marketSurplus = surplus;
  Object.assign(base, reservationWelfare(v, surplus, tariffs));
  base.welfarePercent = percentOf(welfare, cross.maxWelfare);
  base.volumePercent = cross.maxTradableKwh === 0 ? null : Math.min(100, (v / cross.maxTradableKwh) * 100);
  return base;
}

/** An order's price as welfare values it: a bid capped at the buyers' ceiling, an ask raised to the sellers' floor. */
function cappedPrice(o: Order, floor: number | null, ceiling: number | null): number {
  return o.side === 'buy' ? Math.min(o.pricePerKwh, ceiling ?? Infinity) : Math.max(o.pricePerKwh, floor ?? -Infinity);
}
