// Sensitivity-checked bilateral trades: the lighter alternative to clearing with the grid inside the problem. The
// book is matched as usual (a discriminatory double auction pairs the highest remaining bid with the lowest remaining
// ask, ts/market/auctions), then the distribution operator checks the trades one by one in matching order with the
// feeder's linear sensitivities (voltage sensitivity coefficients and PTDFs) and keeps only what the cumulative
// accepted injections leave room for — the scheme of J. Guerrero, A. C. Chapman and G. Verbič, "Decentralized P2P
// energy trading under network constraints in a low-voltage network", IEEE Trans. Smart Grid 10(5), 2019, where each
// trade of a continuous double auction is approved only if the VSCs and PTDFs show no voltage or thermal violation.
//
// The rule, exactly: with x the power of the trades accepted so far and d the change of the feeder's state per kW of
// trade t (seller's bus → buyer's bus), trade t is accepted at the largest q ∈ [0, q_t] such that every limit holds at
// x + q·d ('reduce', the default: the trade is cut at the exact limit), or, under 'reject', at q_t if that holds and
// 0 otherwise. A cut or rejected trade is not re-matched: its buyer and seller keep the remainder uncleared (not
// consumed, not produced, as in network-constrained clearing), and the next trades are checked against what was
// accepted. The limits and the model are those of network-constrained clearing (./network-constrained-clearing.ts),
// so every accepted set is a feasible point of its LP: LinDistFlow squared voltages within [vmin², vmax²] and branch
// flows within the same inscribed 12-sided polygon of the thermal rating; its welfare is therefore at most the LP's.
// Limits already violated by the background load alone may not be worsened (trades that relieve them pass), and the
// result says so (status 'base-violation').
import { ValidationError } from '../../errors.js';
import type { Engine } from '../../engine.js';
import type { ElementId } from '../../network/compiled-network.js';
import { clearMarketColumnar } from '../clear-market-columnar.js';
import { toOrderColumns } from '../order-columns.js';
import { orderBookTrades } from '../continuous/order-book-trades.js';
import type { Trade } from '../clearing-result.js';
import type { Order, Tariffs } from '../order.js';
import { validateOrders } from '../validate-orders.js';
import { placeBook, type FeederBookOptions } from './feeder-book.js';
import type { LinDistFlowFeeder } from './lindistflow-feeder.js';
import { forEachTransferBranch, linDistFlowFlows, linDistFlowVoltages, treeDepth } from './lindistflow-sensitivities.js';
import { POLYGON_SIDES } from './lindistflow-flows.js';

/**
 * The matchings that produce bilateral trades: the discriminatory auctions pair the highest remaining bid with the
 * lowest remaining ask (merit order; each prices a pair differently), 'order-book' is the continuous double auction
 * fed the book in book order (trades in execution order at the resting order's price).
 */
export const TRADE_MATCHINGS = ['midpoint', 'pay-as-bid', 'pay-as-offer', 'order-book'] as const;

/** A matching that produces bilateral trades. */
export type TradeMatching = (typeof TRADE_MATCHINGS)[number];

/** What happens to a trade the feeder cannot take in full: cut to the largest feasible quantity, or rejected. */
export type ViolationRule = 'reduce' | 'reject';

/** Options of sensitivity-checked trades. */
export interface SensitivityCheckOptions extends FeederBookOptions {
  /** The feeder (from `linDistFlowFeeder(compiledNetwork)`). */
  feeder: LinDistFlowFeeder;
  /** The matching whose trades are checked (default 'midpoint': each pair trades at the mean of its bid and ask). */
  matching?: TradeMatching;
  /** 'reduce' (default): cut a violating trade to its largest feasible quantity; 'reject': drop it. */
  violationRule?: ViolationRule;
  /** Tariffs as for clearMarket: the matching caps bids at the buyers' ceiling and raises asks to the sellers' floor. */
  tariffs?: Tariffs;
  /** Seed of the matching's tie-break priority (default 0). */
  seed?: number;
  /** Kernel engine of the matching (default 'wasm'). */
  engine?: Engine;
}

/** The limit that cut or rejected a trade. */
export interface TradeLimit {
  /** 'voltage' (a bus's upper or lower limit) or 'thermal' (a branch's rating). */
  kind: 'voltage' | 'thermal';
  /** The bus (voltage) or branch (thermal) id. */
  id: ElementId;
}

/** One matched trade after the check. */
export interface CheckedTrade extends Trade {
  /** Energy the matching paired, kWh (quantityKwh is what the feeder accepted). */
  requestedKwh: number;
  /** The limit that cut or rejected it, or null when accepted in full. */
  limit: TradeLimit | null;
}

/** One order's outcome. */
export interface SensitivityFill {
  /** Order id. */
  orderId: string;
  /** Prosumer. */
  prosumer: string;
  /** Side. */
  side: 'buy' | 'sell';
  /** Bus of the order. */
  bus: ElementId;
  /** Energy accepted, kWh. */
  quantityKwh: number;
  /** Energy not accepted (not matched, cut or rejected: not consumed / not produced), kWh. */
  notClearedKwh: number;
  /** Mean price of its accepted trades (paid by a buyer, received by a seller), or null without any, currency/kWh. */
  pricePerKwh: number | null;
}

/** Result of sensitivity-checked trades. */
export interface SensitivityCheckedResult {
  /** Always 'sensitivity-checked'. */
  mechanism: 'sensitivity-checked';
  /** 'ok', or 'base-violation' when the background load alone already violates a limit (see the module header). */
  status: 'ok' | 'base-violation';
  /** The matching whose trades were checked. */
  matching: TradeMatching;
  /** The rule applied to violating trades. */
  violationRule: ViolationRule;
  /** One entry per order, in book order. */
  fills: SensitivityFill[];
  /** Every matched trade in matching order, with what the feeder accepted. */
  trades: CheckedTrade[];
  /** Energy accepted, kWh. */
  tradedKwh: number;
  /** Energy the matching paired, kWh. */
  requestedKwh: number;
  /** Welfare of the accepted trades at the orders' declared prices, Σ (bid − ask)·q, currency. */
  welfare: number;
  /** Welfare of all matched trades, before the check, currency. */
  matchedWelfare: number;
  /** Buyers' payments minus sellers' receipts on accepted trades, currency: 0, each pair trades at one price. */
  marketSurplus: number;
  /** Bus ids, in the network's row order (arrays below follow it; unsupplied buses get NaN). */
  busIds: ElementId[];
  /** Voltage magnitude after the accepted trades by LinDistFlow, p.u. */
  vmPu: Float64Array;
  /** Active flow of each branch from its parent to child side, kW (NaN for branches not in the tree). */
  branchFlowKw: Float64Array;
  /** Reactive flow, kvar. */
  branchFlowKvar: Float64Array;
  /** Branch loading √(P² + Q²)/rating · 100, % (null where unrated or not in the tree). */
  loadingPercent: Array<number | null>;
  /** Buses at a voltage limit after the accepted trades (within 1e-9 p.u.²). */
  bindingVoltageBuses: ElementId[];
  /** Branches at their thermal polygon after the accepted trades (within 1e-9 relative). */
  bindingBranches: ElementId[];
  /** Buses whose voltage limit the background alone violates. */
  baseViolationBuses: ElementId[];
  /** Branches whose thermal limit the background alone violates. */
  baseViolationBranches: ElementId[];
  /** Time of the check (matching excluded), ms. */
  checkMs: number;
}

/** Relative slack under which a limit counts as binding (and a trade as cut rather than accepted in full). */
const BINDING_TOLERANCE = 1e-9;

/** Matches the book, then accepts each trade in matching order only as far as the feeder's limits allow. */
export function clearSensitivityChecked(orders: readonly Order[], options: SensitivityCheckOptions): SensitivityCheckedResult {
  const { feeder } = options;
  const matching = options.matching ?? 'midpoint';
  if (!(TRADE_MATCHINGS as readonly string[]).includes(matching)) {
    throw new ValidationError({ element: 'option', id: 'matching', field: 'matching', value: matching }, `must be one of ${TRADE_MATCHINGS.join(', ')} (the matchings that pair bids with asks)`);
  }
  const rule = options.violationRule ?? 'reduce';
  if (rule !== 'reduce' && rule !== 'reject') {
    throw new ValidationError({ element: 'option', id: 'violationRule', field: 'violationRule', value: rule }, "must be 'reduce' or 'reject'");
  }
  validateOrders(orders, options.tariffs);
  const placed = placeBook(orders, feeder, options);
  for (const o of orders) {
    if (o.divisible === false) {
      throw new ValidationError({ element: 'order', id: o.id, field: 'divisible', value: false }, 'all-or-nothing orders are not supported by sensitivity-checked trades (a trade may be cut); use a divisible order');
    }
  }
  // The auctions through the columnar path of clearMarket (same kernels and numbers): trades as book positions.
  const pairs = matching === 'order-book'
    ? orderBookTrades(orders, { tariffs: options.tariffs, engine: options.engine })
    : clearMarketColumnar(toOrderColumns(orders), { mechanism: matching, tariffs: options.tariffs, seed: options.seed, engine: options.engine }).trades!;
  const t0 = performance.now();
  const net = feeder.network;
  const m = feeder.busOfPosition.length;
  const dt = placed.intervalHours;
  const qPerP = placed.qPerP;
  const depth = treeDepth(feeder);

  // The state: flows (kW, kvar) and squared voltages by position, from the background, then trade by trade.
  const flowKw = new Float64Array(m);
  const flowKvar = new Float64Array(m);
  const v2 = new Float64Array(m);
  linDistFlowFlows(feeder, placed.backgroundKw, placed.backgroundKvar, flowKw, flowKvar);
  linDistFlowVoltages(feeder, flowKw, flowKvar, feeder.slackVmPu ** 2, v2);

  // Limits by position; a limit the background already violates is moved to the background's value (not worsened).
  const vLo = new Float64Array(m);
  const vHi = new Float64Array(m);
  const thermal = new Float64Array(m); // the polygon's apothem, kW; 0 = unrated
  const cos = Array.from({ length: POLYGON_SIDES }, (_, s) => Math.cos((2 * Math.PI * s) / POLYGON_SIDES));
  const sin = Array.from({ length: POLYGON_SIDES }, (_, s) => Math.sin((2 * Math.PI * s) / POLYGON_SIDES));
  const facetLimit = new Float64Array(m * POLYGON_SIDES);
  const baseViolationBuses: ElementId[] = [];
  const baseViolationBranches: ElementId[] = [];
  for (let p = 1; p < m; p++) {
    const b = feeder.busOfPosition[p]!;
    vLo[p] = Math.min(net.vmMinPu[b]! ** 2, v2[p]!);
    vHi[p] = Math.max(net.vmMaxPu[b]! ** 2, v2[p]!);
    if (vLo[p]! < net.vmMinPu[b]! ** 2 || vHi[p]! > net.vmMaxPu[b]! ** 2) baseViolationBuses.push(net.busIds[b]!);
    const k = feeder.branch[p]!;
    thermal[p] = net.rateMva[k]! * 1000 * Math.cos(Math.PI / POLYGON_SIDES);
    let violated = false;
    for (let s = 0; s < POLYGON_SIDES && thermal[p]! > 0; s++) {
      const value = cos[s]! * flowKw[p]! + sin[s]! * flowKvar[p]!;
      facetLimit[p * POLYGON_SIDES + s] = Math.max(thermal[p]!, value);
      violated ||= value > thermal[p]!;
    }
    if (violated) baseViolationBranches.push(net.branchIds[k]!);
  }

  const acceptedKwh = new Float64Array(orders.length);
  const paid = new Float64Array(orders.length);
  const dP = new Float64Array(m);
  const dQ = new Float64Array(m);
  const dv = new Float64Array(m);
  const trades: CheckedTrade[] = [];
  let tradedKwh = 0;
  let requestedKwh = 0;
  let welfare = 0;
  let matchedWelfare = 0;
  for (let t = 0; t < pairs.buyIndex.length; t++) {
    const bi = pairs.buyIndex[t]!;
    const si = pairs.sellIndex[t]!;
    const requested = pairs.quantityKwh[t]!;
    const price = pairs.pricePerKwh[t]!;
    const gain = orders[bi]!.pricePerKwh - orders[si]!.pricePerKwh;
    requestedKwh += requested;
    matchedWelfare += gain * requested;
    // Per kW of trade: flows change on the path between the two buses only (PTDF), voltages below it (VSC).
    const path: number[] = [];
    forEachTransferBranch(feeder, depth, placed.orderPosition[si]!, placed.orderPosition[bi]!, (p, ptdf) => {
      dP[p] = ptdf;
      dQ[p] = ptdf * qPerP;
      path.push(p);
    });
    linDistFlowVoltages(feeder, dP, dQ, 0, dv);
    // The largest power (kW) every limit allows along d, and the first limit reaching it (position, 1 = voltage,
    // 2 = thermal; 0 = none).
    let maxKw = requested / dt;
    let limitKind = 0;
    let limitPos = -1;
    for (let p = 1; p < m; p++) {
      const d = dv[p]!;
      if (d === 0) continue;
      const x = Math.max(0, d > 0 ? vHi[p]! - v2[p]! : v2[p]! - vLo[p]!) / Math.abs(d);
      if (x < maxKw) {
        maxKw = x;
        limitKind = 1;
        limitPos = p;
      }
    }
    for (const p of path) {
      if (thermal[p]! <= 0) continue;
      for (let s = 0; s < POLYGON_SIDES; s++) {
        const a = cos[s]! * dP[p]! + sin[s]! * dQ[p]!;
        if (!(a > 0)) continue;
        const x = Math.max(0, facetLimit[p * POLYGON_SIDES + s]! - (cos[s]! * flowKw[p]! + sin[s]! * flowKvar[p]!)) / a;
        if (x < maxKw) {
          maxKw = x;
          limitKind = 2;
          limitPos = p;
        }
      }
    }
    let q = Math.min(requested, maxKw * dt);
    if (limitKind !== 0 && q >= requested * (1 - BINDING_TOLERANCE)) {
      q = requested;
      limitKind = 0;
    }
    let limit: TradeLimit | null = null;
    if (limitKind === 1) limit = { kind: 'voltage', id: net.busIds[feeder.busOfPosition[limitPos]!]! };
    else if (limitKind === 2) limit = { kind: 'thermal', id: net.branchIds[feeder.branch[limitPos]!]! };
    if (limit !== null && rule === 'reject') q = 0;
    const kw = q / dt;
    if (kw > 0) {
      for (const p of path) {
        flowKw[p] += kw * dP[p]!;
        flowKvar[p] += kw * dQ[p]!;
      }
      for (let p = 1; p < m; p++) v2[p] += kw * dv[p]!;
    }
    for (const p of path) {
      dP[p] = 0;
      dQ[p] = 0;
    }
    acceptedKwh[bi] += q;
    acceptedKwh[si] += q;
    paid[bi] += q * price;
    paid[si] += q * price;
    tradedKwh += q;
    welfare += gain * q;
    trades.push({
      buyOrderId: orders[bi]!.id, sellOrderId: orders[si]!.id, buyer: orders[bi]!.prosumer, seller: orders[si]!.prosumer,
      quantityKwh: q, pricePerKwh: price, sellerPricePerKwh: price, requestedKwh: requested, limit,
    });
  }

  const nb = net.nBus;
  const vmPu = new Float64Array(nb).fill(NaN);
  const branchFlowKw = new Float64Array(net.nBranch).fill(NaN);
  const branchFlowKvar = new Float64Array(net.nBranch).fill(NaN);
  const loadingPercent = new Array<number | null>(net.nBranch).fill(null);
  const bindingVoltageBuses: ElementId[] = [];
  const bindingBranches: ElementId[] = [];
  vmPu[feeder.busOfPosition[0]!] = feeder.slackVmPu;
  for (let p = 1; p < m; p++) {
    const b = feeder.busOfPosition[p]!;
    vmPu[b] = Math.sqrt(Math.max(0, v2[p]!));
    if (v2[p]! - vLo[p]! <= BINDING_TOLERANCE || vHi[p]! - v2[p]! <= BINDING_TOLERANCE) bindingVoltageBuses.push(net.busIds[b]!);
    const k = feeder.branch[p]!;
    branchFlowKw[k] = flowKw[p]!;
    branchFlowKvar[k] = flowKvar[p]!;
    if (thermal[p]! > 0) {
      loadingPercent[k] = (100 * Math.hypot(flowKw[p]!, flowKvar[p]!)) / (net.rateMva[k]! * 1000);
      const atLimit = cos.some((c, s) => facetLimit[p * POLYGON_SIDES + s]! - (c * flowKw[p]! + sin[s]! * flowKvar[p]!) <= BINDING_TOLERANCE * thermal[p]!);
      if (atLimit) bindingBranches.push(net.branchIds[k]!);
    }
  }
  const fills: SensitivityFill[] = orders.map((o, i) => ({
    orderId: o.id, prosumer: o.prosumer, side: o.side, bus: o.bus!, quantityKwh: acceptedKwh[i]!,
    notClearedKwh: o.quantityKwh - acceptedKwh[i]!, pricePerKwh: acceptedKwh[i]! > 0 ? paid[i]! / acceptedKwh[i]! : null,
  }));
  return {
    mechanism: 'sensitivity-checked',
    status: baseViolationBuses.length + baseViolationBranches.length > 0 ? 'base-violation' : 'ok',
    matching, violationRule: rule, fills, trades, tradedKwh, requestedKwh, welfare, matchedWelfare, marketSurplus: 0,
    busIds: net.busIds, vmPu, branchFlowKw, branchFlowKvar, loadingPercent, bindingVoltageBuses, bindingBranches,
    baseViolationBuses, baseViolationBranches, checkMs: performance.now() - t0,
  };
}
