// Network-constrained P2P clearing with distribution locational marginal prices (DLMPs): one interval's bids and
// offers, each at a bus of a radial feeder, are cleared by maximising welfare (Σ bid·q_buy − Σ ask·q_sell, with the
// retailer at the substation as seller at the buyers' ceiling and buyer at the sellers' floor: retail and feed-in net
// of the P2P charges, tariffs/rationality-bounds.ts, so a grid kWh costs a buyer retail all-in) subject to the feeder's
// LinDistFlow model (./lindistflow-feeder.ts): nodal active/reactive balances, squared-voltage limits and branch
// thermal limits as an inscribed 12-sided polygon of the P-Q circle (conservative by at most 1 − cos 15° = 3.4 %).
// Orders are flexible: what is not cleared is not consumed or produced (it is reported per order as not cleared).
// With `fixedDemand` (the simulation's households) buy orders are inflexible load served in full, from peers or the
// retailer, and only sell orders (PV) can be cut back: then, when the single-node optimum (merit order against the
// retailer) already meets every LinDistFlow limit (./lindistflow-flows.ts), it is the LP's optimum and is returned
// without solving the LP (one price everywhere); otherwise the LP runs. When even that is infeasible (load alone
// breaks a limit) `limitPenaltyPerKwh` makes the limits soft: slack at that price per kWh (thermal) or per 0.001 p.u.²
// (voltage), reported in `limitsRelaxed`.
// Each bus's price is the dual of its active balance; by dual feasibility on the branch flows it splits exactly into
//   DLMP_j = λ_substation (energy) + Σ_{branches on the path to j} thermal duals (congestion) + voltage duals (voltage)
// which the result reports and the tests check to 1e-9.
import { PeergridError, ValidationError } from '../../errors.js';
import type { ElementId } from '../../network/compiled-network.js';
import { LpModelBuilder } from '../../lp/lp-model-builder.js';
import type { LpSolver } from '../../lp/lp-solver.js';
import type { LpModel } from '../../lp/lp-model.js';
import type { LpStatus } from '../../lp/lp-result.js';
import type { Order, Tariffs } from '../order.js';
import { validateOrders } from '../validate-orders.js';
import type { LinDistFlowFeeder } from './lindistflow-feeder.js';
import { rationalInterval } from '../tariffs/rationality-bounds.js';
import { createLinDistFlowState, POLYGON_SIDES, solveLinDistFlow, withinPolygon, type LinDistFlowState } from './lindistflow-flows.js';
import { placeBook, type FeederBookOptions } from './feeder-book.js';
import type { ClearingWarmStart } from './clearing-warm-start.js';

export { POLYGON_SIDES };

/**
 * With fixed demand, sell orders enter the LP this much below their ask, currency/kWh: between exporting a kWh at a
 * price equal to the ask and curtailing it, the LP then exports (otherwise it is indifferent and may curtail PV for
 * nothing). A partly cleared seller's bus price is therefore its ask − 1e-6.
 */
export const DELIVERY_PREFERENCE_PER_KWH = 1e-6;

/**
 * The LP starts with the thermal polygons of the branches the single-node dispatch loads beyond this share of their
 * inscribed rating; any other polygon the LP's flows break is added and the LP solved again (MAX_LAZY_ROUNDS times,
 * then every polygon). A polygon left out is met by the optimum, so the optimum and its duals are the full LP's.
 */
const NEAR_RATING = 0.5;
const MAX_LAZY_ROUNDS = 3;

/** Options of network-constrained clearing (with the book's placement: interval, background load, power factor). */
export interface NetworkClearingOptions extends FeederBookOptions {
  /** The feeder (from `linDistFlowFeeder(compiledNetwork)`). */
  feeder: LinDistFlowFeeder;
  /** A loaded LP solver (`await loadLpSolver()`). */
  solver: LpSolver;
  /**
   * The retailer at the substation: sells at the buyers' ceiling (retail − buyer's P2P charges), buys at the sellers'
   * floor (feed-in + seller's charges); an absent price: no exchange on that side.
   */
  tariffs?: Tariffs;
  /** Buy orders are inflexible demand, served in full from peers or the retailer (default false: flexible). */
  fixedDemand?: boolean;
  /** With fixedDemand: skip the LP when the single-node optimum meets every limit (default true). */
  shortcut?: boolean;
  /** Soft limits: slack priced at this, currency per kWh (thermal) or per 0.001 p.u.² (voltage); default hard limits. */
  limitPenaltyPerKwh?: number;
  /** Add thermal polygons to the LP only as needed (default true; false: every polygon from the start). */
  lazyThermal?: boolean;
  /** An LP kept open across a series of clearings (warm starts; ./clearing-warm-start.ts); default: one-off solves. */
  warmStart?: ClearingWarmStart;
}

/** One order's outcome. */
export interface NetworkFill {
  /** Order id. */
  orderId: string;
  /** Prosumer. */
  prosumer: string;
  /** Side. */
  side: 'buy' | 'sell';
  /** Bus of the order. */
  bus: ElementId;
  /** Cleared energy, kWh. */
  quantityKwh: number;
  /** Energy not cleared (not consumed / not produced), kWh. */
  notClearedKwh: number;
  /** The bus's DLMP, paid by buyers and received by sellers, currency/kWh. */
  pricePerKwh: number;
}

/** Result of network-constrained clearing. */
export interface NetworkClearingResult {
  /** Always 'network-constrained'. */
  mechanism: 'network-constrained';
  /** LP status: 'optimal', or why there is no clearing (e.g. 'infeasible' when background load alone violates limits). */
  status: LpStatus;
  /** One entry per order, in book order. */
  fills: NetworkFill[];
  /** Energy matched among peers, kWh: min(Σ cleared buys, Σ cleared sells) (the rest goes through the substation). */
  tradedKwh: number;
  /** Welfare at the orders' prices, the retailer's exchange included, currency. */
  welfare: number;
  /** Energy imported from / exported to the upstream grid at the substation, kWh. */
  substationImportKwh: number;
  /** Energy exported upstream at the substation, kWh. */
  substationExportKwh: number;
  /** Bus ids, in the network's row order (arrays below follow it; unsupplied buses get NaN). */
  busIds: ElementId[];
  /** DLMP per bus, currency/kWh. */
  dlmpPerKwh: Float64Array;
  /** Energy component (the substation's price), currency/kWh. */
  dlmpEnergyPerKwh: Float64Array;
  /** Congestion component (thermal limits on the path), currency/kWh. */
  dlmpCongestionPerKwh: Float64Array;
  /** Voltage component (voltage limits), currency/kWh. */
  dlmpVoltagePerKwh: Float64Array;
  /** Voltage magnitude by LinDistFlow, p.u. */
  vmPu: Float64Array;
  /** Active flow of each branch from its parent to child side, kW (NaN for branches not in the tree). */
  branchFlowKw: Float64Array;
  /** Reactive flow, kvar. */
  branchFlowKvar: Float64Array;
  /** Branch loading √(P² + Q²)/rating · 100, % (null entries where unrated). */
  loadingPercent: Array<number | null>;
  /** Buses whose voltage limit binds (non-zero dual). */
  bindingVoltageBuses: ElementId[];
  /** Branches whose thermal limit binds. */
  bindingBranches: ElementId[];
  /** Σ DLMP × net withdrawal over all buses (orders, background, substation): the congestion rent, currency. */
  merchandisingSurplus: number;
  /** Whether an LP was solved (false: the single-node optimum met every limit, see fixedDemand). */
  lpSolved: boolean;
  /** Whether soft limits were in force and some slack is non-zero (a limit the orders cannot meet). */
  limitsRelaxed: boolean;
  /** Which solver, and its wall time, ms. */
  solver: string;
  /** Solve time, ms. */
  solveMs: number;
}

// The LinDistFlow scratch state of each feeder, reused by the shortcut (one feeder clears thousands of intervals).
const stateOf = new WeakMap<LinDistFlowFeeder, LinDistFlowState>();

/** Clears one interval's book with the feeder inside the problem. */
export function clearNetworkConstrained(orders: readonly Order[], options: NetworkClearingOptions): NetworkClearingResult {
  const { feeder, solver } = options;
  const net = feeder.network;
  const penalty = options.limitPenaltyPerKwh;
  if (penalty !== undefined && !(Number.isFinite(penalty) && penalty > 0)) {
    throw new ValidationError({ element: 'option', id: 'limitPenaltyPerKwh', field: 'limitPenaltyPerKwh', value: penalty, unit: 'currency/kWh' }, 'must be a finite number > 0');
  }
  validateOrders(orders as Order[], options.tariffs);
  const fixedDemand = options.fixedDemand ?? false;
  const placed = placeBook(orders, feeder, options);
  const { intervalHours: dt, qPerP } = placed;
  const orderPos = placed.orderPosition;
  const m = feeder.busOfPosition.length;
  const sBaseKw = net.baseMva * 1000;
  // Background energy per position over the interval (kWh, kvarh; withdrawal positive).
  const bgP = placed.backgroundKw.map((kw) => kw * dt);
  const bgQ = placed.backgroundKvar.map((kvar) => kvar * dt);
  const { floor, ceiling } = rationalInterval(options.tariffs);
  const sellCost = (o: Order): number => (fixedDemand ? o.pricePerKwh - DELIVERY_PREFERENCE_PER_KWH : o.pricePerKwh);

  // With fixed demand, the single-node optimum either is the answer (no LinDistFlow limit broken) or shows which
  // branches come near their ratings: the LP starts with those polygons and adds any other it finds violated.
  const thermalOn = new Uint8Array(m);
  if (options.lazyThermal === false) thermalOn.fill(1);
  else if (fixedDemand) {
    const single = singleNodeDispatch(orders, orderPos, feeder, bgP, bgQ, qPerP, floor, ceiling, sellCost, dt);
    if (single !== null) {
      if (single.feasible && (options.shortcut ?? true)) return single.result();
      const st = stateOf.get(feeder)!;
      for (let p = 1; p < m; p++) {
        const rating = net.rateMva[feeder.branch[p]!]! * 1000;
        if (rating > 0 && !withinPolygon(st.pKwh[p]!, st.qKvarh[p]!, NEAR_RATING * rating * dt)) thermalOn[p] = 1;
      }
    }
  }

  // A series keeps every polygon it needed before, so that consecutive LPs keep one structure (warm starts).
  const sticky = options.warmStart?.polygonsFor(m);
  if (sticky !== undefined) for (let p = 0; p < m; p++) thermalOn[p] ||= sticky[p]!;
  let solveMs = 0;
  const solve = (model: LpModel) => (options.warmStart === undefined ? solver.solve(model) : options.warmStart.solve(solver, model));
  let lp = buildClearingLp(thermalOn);
  let r = solve(lp.model);
  solveMs += r.solveMs;
  for (let round = 1; r.status === 'optimal'; round++) {
    let added = 0;
    for (let p = 1; p < m; p++) {
      const rating = net.rateMva[feeder.branch[p]!]! * 1000;
      if (rating > 0 && !thermalOn[p] && (round > MAX_LAZY_ROUNDS || !withinPolygon(r.x[lp.P[p]!]!, r.x[lp.Q[p]!]!, rating * dt))) {
        thermalOn[p] = 1;
        added++;
      }
    }
    if (added === 0) break;
    lp = buildClearingLp(thermalOn);
    r = solve(lp.model);
    solveMs += r.solveMs;
  }
  sticky?.set(thermalOn);
  const result = emptyResult(net, r.solver, solveMs, r.status, true);
  if (r.status !== 'optimal') return result;
  const { orderCol, gImp, gExp, V, P, Q, pRow, vRow, thermalRows, slackCols, vLimitRows, dropCoef } = lp;

  /** The clearing LP with the thermal polygons of the branches flagged in `withThermal` (the others are checked after). */
  function buildClearingLp(withThermal: Uint8Array) {
    const lp = new LpModelBuilder();
    const orderCol = orders.map((o) => {
      if (o.side === 'buy') return lp.addVariable(`q_${o.id}`, { lower: fixedDemand ? o.quantityKwh : 0, upper: o.quantityKwh, cost: fixedDemand ? 0 : -o.pricePerKwh });
      return lp.addVariable(`q_${o.id}`, { lower: 0, upper: o.quantityKwh, cost: sellCost(o) });
    });
    const gImp = lp.addVariable('substation_import', { lower: 0, upper: ceiling === null ? 0 : Infinity, cost: ceiling ?? 0 });
    const gExp = lp.addVariable('substation_export', { lower: 0, upper: floor === null ? 0 : Infinity, cost: -(floor ?? 0) });
    const qRoot = lp.addVariable('substation_q', { lower: -Infinity, upper: Infinity });
    const P = new Int32Array(m).fill(-1);
    const Q = new Int32Array(m).fill(-1);
    const V = new Int32Array(m).fill(-1);
    // Soft limits: slack per bus below/above the voltage band (p.u.², priced per 0.001 p.u.²) and per rated branch (kWh).
    const vPenalty = penalty === undefined ? 0 : penalty * 1000;
    for (let p = 1; p < m; p++) {
      const b = feeder.busOfPosition[p]!;
      const id = net.busIds[b];
      P[p] = lp.addVariable(`P_${id}`, { lower: -Infinity, upper: Infinity });
      Q[p] = lp.addVariable(`Q_${id}`, { lower: -Infinity, upper: Infinity });
      V[p] = penalty === undefined
        ? lp.addVariable(`v_${id}`, { lower: net.vmMinPu[b]! ** 2, upper: net.vmMaxPu[b]! ** 2 })
        : lp.addVariable(`v_${id}`, { lower: 0, upper: Infinity });
    }
    const slackCols: number[] = [];
    const vLimitRows: number[][] = Array.from({ length: m }, () => []);
    if (penalty !== undefined) {
      for (let p = 1; p < m; p++) {
        const b = feeder.busOfPosition[p]!;
        const id = net.busIds[b];
        const under = lp.addVariable(`undervoltage_${id}`, { cost: vPenalty });
        const over = lp.addVariable(`overvoltage_${id}`, { cost: vPenalty });
        slackCols.push(under, over);
        vLimitRows[p]!.push(
          lp.addConstraint(`vmin_${id}`, [V[p]!, under], [1, 1], net.vmMinPu[b]! ** 2, Infinity),
          lp.addConstraint(`vmax_${id}`, [V[p]!, over], [1, -1], -Infinity, net.vmMaxPu[b]! ** 2),
        );
      }
    }
    const children: number[][] = Array.from({ length: m }, () => []);
    for (let p = 1; p < m; p++) children[feeder.parent[p]!]!.push(p);
    const ordersAt: number[][] = Array.from({ length: m }, () => []);
    orderPos.forEach((p, k) => ordersAt[p]!.push(k));

    const pRow = new Int32Array(m);
    const vRow = new Int32Array(m).fill(-1);
    const thermalRows: number[][] = Array.from({ length: m }, () => []);
    for (let p = 0; p < m; p++) {
      const cols: number[] = [];
      const coefs: number[] = [];
      const qCols: number[] = [];
      const qCoefs: number[] = [];
      if (p === 0) {
        cols.push(gImp, gExp);
        coefs.push(1, -1);
        qCols.push(qRoot);
        qCoefs.push(1);
      } else {
        cols.push(P[p]!);
        coefs.push(1);
        qCols.push(Q[p]!);
        qCoefs.push(1);
      }
      for (const c of children[p]!) {
        cols.push(P[c]!);
        coefs.push(-1);
        qCols.push(Q[c]!);
        qCoefs.push(-1);
      }
      for (const k of ordersAt[p]!) {
        const sign = orders[k]!.side === 'buy' ? -1 : 1;
        cols.push(orderCol[k]!);
        coefs.push(sign);
        if (qPerP > 0) {
          qCols.push(orderCol[k]!);
          qCoefs.push(sign * qPerP);
        }
      }
      const id = net.busIds[feeder.busOfPosition[p]!];
      pRow[p] = lp.addConstraint(`P_balance_${id}`, cols, coefs, bgP[p]!, bgP[p]!);
      lp.addConstraint(`Q_balance_${id}`, qCols, qCoefs, bgQ[p]!, bgQ[p]!);
    }
    const v0 = feeder.slackVmPu ** 2;
    const dropCoef = new Float64Array(m);
    for (let p = 1; p < m; p++) {
      const k = feeder.branch[p]!;
      const parent = feeder.parent[p]!;
      const id = net.busIds[feeder.busOfPosition[p]!];
      dropCoef[p] = (2 * feeder.dropScale[p]!) / (sBaseKw * dt);
      const cols = [V[p]!, P[p]!, Q[p]!];
      const coefs = [1, dropCoef[p]! * net.rPu[k]!, dropCoef[p]! * net.xPu[k]!];
      let rhs = 0;
      if (parent === 0) rhs = feeder.voltageRatio[p]! * v0;
      else {
        cols.push(V[parent]!);
        coefs.push(-feeder.voltageRatio[p]!);
      }
      vRow[p] = lp.addConstraint(`voltage_${id}`, cols, coefs, rhs, rhs);
      const rating = net.rateMva[k]! * 1000;
      if (rating > 0 && withThermal[p]) {
        const limit = rating * dt * Math.cos(Math.PI / POLYGON_SIDES);
        const slack = penalty === undefined ? -1 : lp.addVariable(`overload_${net.branchIds[k]}`, { cost: penalty });
        if (slack >= 0) slackCols.push(slack);
        for (let s = 0; s < POLYGON_SIDES; s++) {
          const th = (2 * Math.PI * s) / POLYGON_SIDES;
          const cs = [P[p]!, Q[p]!];
          const vs = [Math.cos(th), Math.sin(th)];
          if (slack >= 0) {
            cs.push(slack);
            vs.push(-1);
          }
          thermalRows[p]!.push(lp.addConstraint(`thermal_${net.branchIds[k]}_${s}`, cs, vs, -Infinity, limit));
        }
      }
    }
    return { model: lp.build(), orderCol, gImp, gExp, V, P, Q, pRow, vRow, thermalRows, slackCols, vLimitRows, dropCoef };
  }

  const x = r.x;
  const y = r.rowDuals;
  // Walk the tree from the substation: the duals of each branch's flow column give the split of the price.
  const energy = y[pRow[0]!]!;
  const cong = new Float64Array(m);
  const volt = new Float64Array(m);
  for (let p = 1; p < m; p++) {
    const k = feeder.branch[p]!;
    const parent = feeder.parent[p]!;
    let c = 0;
    thermalRows[p]!.forEach((row, s) => {
      c -= Math.cos((2 * Math.PI * s) / POLYGON_SIDES) * y[row]!;
    });
    cong[p] = cong[parent]! + c;
    volt[p] = volt[parent]! - dropCoef[p]! * net.rPu[k]! * y[vRow[p]!]!;
  }
  const vTol = 1e-9;
  for (let p = 0; p < m; p++) {
    const b = feeder.busOfPosition[p]!;
    result.dlmpPerKwh[b] = y[pRow[p]!]!;
    result.dlmpEnergyPerKwh[b] = energy;
    result.dlmpCongestionPerKwh[b] = cong[p]!;
    result.dlmpVoltagePerKwh[b] = volt[p]!;
    result.vmPu[b] = p === 0 ? feeder.slackVmPu : Math.sqrt(Math.max(0, x[V[p]!]!));
    const vBinds = penalty === undefined ? Math.abs(r.reducedCosts[V[p]!] ?? 0) > vTol : vLimitRows[p]!.some((row) => Math.abs(y[row]!) > vTol);
    if (p > 0 && vBinds) result.bindingVoltageBuses.push(net.busIds[b]!);
    if (p > 0) {
      const k = feeder.branch[p]!;
      result.branchFlowKw[k] = x[P[p]!]! / dt;
      result.branchFlowKvar[k] = x[Q[p]!]! / dt;
      const rating = net.rateMva[k]! * 1000;
      if (rating > 0) result.loadingPercent[k] = (100 * Math.hypot(result.branchFlowKw[k]!, result.branchFlowKvar[k]!)) / rating;
      if (thermalRows[p]!.some((row) => Math.abs(y[row]!) > vTol)) result.bindingBranches.push(net.branchIds[k]!);
    }
  }
  result.limitsRelaxed = slackCols.some((c) => x[c]! > 1e-9);
  const q = orders.map((_, k) => x[orderCol[k]!]!);
  const price = orders.map((_, k) => y[pRow[orderPos[k]!]!]!);
  finishResult(result, orders, q, price, x[gImp]!, x[gExp]!, energy, floor, ceiling);
  let bgValue = 0;
  for (let p = 0; p < m; p++) bgValue += bgP[p]! * y[pRow[p]!]!;
  result.merchandisingSurplus += bgValue;
  return result;
}

/** A result with every price and flow NaN (filled by the caller when the clearing succeeds). */
function emptyResult(net: LinDistFlowFeeder['network'], solver: string, solveMs: number, status: LpStatus, lpSolved: boolean): NetworkClearingResult {
  const nb = net.nBus;
  const nan = (): Float64Array => new Float64Array(nb).fill(NaN);
  return {
    mechanism: 'network-constrained',
    status,
    fills: [],
    tradedKwh: 0,
    welfare: NaN,
    substationImportKwh: NaN,
    substationExportKwh: NaN,
    busIds: net.busIds,
    dlmpPerKwh: nan(),
    dlmpEnergyPerKwh: nan(),
    dlmpCongestionPerKwh: nan(),
    dlmpVoltagePerKwh: nan(),
    vmPu: nan(),
    branchFlowKw: new Float64Array(net.nBranch).fill(NaN),
    branchFlowKvar: new Float64Array(net.nBranch).fill(NaN),
    loadingPercent: new Array<number | null>(net.nBranch).fill(null),
    bindingVoltageBuses: [],
    bindingBranches: [],
    merchandisingSurplus: NaN,
    lpSolved,
    limitsRelaxed: false,
    solver,
    solveMs,
  };
}

/**
 * Fills, traded volume, welfare and the orders' part of the congestion rent from the cleared quantities and bus
 * prices (the caller adds the background's part).
 */
function finishResult(
  result: NetworkClearingResult, orders: readonly Order[], q: number[], price: number[],
  imp: number, exp: number, energy: number, floor: number | null, ceiling: number | null,
): void {
  let bought = 0;
  let sold = 0;
  let withdrawalValue = 0;
  // Welfare at the orders' prices with the retailer's exchange (the LP's objective without the delivery preference).
  let welfare = -(imp * (ceiling ?? 0)) + exp * (floor ?? 0);
  result.fills = orders.map((o, k) => {
    if (o.side === 'sell') sold += q[k]!;
    else bought += q[k]!;
    welfare += (o.side === 'buy' ? 1 : -1) * q[k]! * o.pricePerKwh;
    withdrawalValue += (o.side === 'buy' ? 1 : -1) * q[k]! * price[k]!;
    return { orderId: o.id, prosumer: o.prosumer, side: o.side, bus: o.bus!, quantityKwh: q[k]!, notClearedKwh: o.quantityKwh - q[k]!, pricePerKwh: price[k]! };
  });
  result.substationImportKwh = imp;
  result.substationExportKwh = exp;
  result.tradedKwh = Math.min(bought, sold);
  result.welfare = welfare;
  result.merchandisingSurplus = withdrawalValue - (imp - exp) * energy;
  if (!Number.isFinite(result.welfare)) throw new PeergridError('network-constrained clearing: the LP returned a non-finite objective');
}

/**
 * Fixed demand: the optimum without the network (a merit order of the sell orders against the retailer) and whether
 * its LinDistFlow state (left in the feeder's scratch state) meets every limit: then no network constraint can
 * improve on it and `result()` is the clearing. Null when the retailer cannot balance it (a missing tariff side).
 */
function singleNodeDispatch(
  orders: readonly Order[], orderPos: Int32Array, feeder: LinDistFlowFeeder, bgP: Float64Array, bgQ: Float64Array, qPerP: number,
  floor: number | null, ceiling: number | null, sellCost: (o: Order) => number, dt: number,
): { feasible: boolean; result: () => NetworkClearingResult } | null {
  const t0 = performance.now();
  const m = feeder.busOfPosition.length;
  let demand = 0;
  for (let p = 0; p < m; p++) demand += bgP[p]!;
  const sells: number[] = [];
  orders.forEach((o, k) => {
    if (o.side === 'buy') demand += o.quantityKwh;
    else sells.push(k);
  });
  sells.sort((a, b) => sellCost(orders[a]!) - sellCost(orders[b]!));
  const q = orders.map((o) => (o.side === 'buy' ? o.quantityKwh : 0));
  // Sellers below the export price run in full; the others cover the remaining demand in merit order, up to the
  // import price. The marginal unit sets the one price λ.
  let supplied = 0;
  let lambda = NaN;
  for (const k of sells) {
    const c = sellCost(orders[k]!);
    const qk = orders[k]!.quantityKwh;
    if (floor !== null && c < floor) {
      q[k] = qk;
    } else if (demand - supplied > 1e-12 * Math.max(1, demand) && (ceiling === null || c < ceiling)) {
      q[k] = Math.min(qk, demand - supplied);
      if (q[k]! < qk) lambda = c;
    }
    supplied += q[k]!;
  }
  // Rounding dust of the sums is no exchange.
  const dust = 1e-12 * Math.max(1, demand);
  const imp = demand - supplied > dust ? demand - supplied : 0;
  const exp = supplied - demand > dust ? supplied - demand : 0;
  if (imp > 0 && ceiling === null) return null;
  if (exp > 0 && floor === null) return null;
  if (Number.isNaN(lambda)) lambda = imp > 0 ? ceiling! : exp > 0 ? floor! : (ceiling ?? floor ?? 0);

  const wP = Float64Array.from(bgP);
  const wQ = Float64Array.from(bgQ);
  orders.forEach((o, k) => {
    const sign = o.side === 'buy' ? 1 : -1;
    wP[orderPos[k]!] += sign * q[k]!;
    wQ[orderPos[k]!] += sign * q[k]! * qPerP;
  });
  let state = stateOf.get(feeder);
  if (state === undefined) {
    state = createLinDistFlowState(feeder);
    stateOf.set(feeder, state);
  }
  const st = state;
  const feasible = solveLinDistFlow(feeder, wP, wQ, dt, st);
  const result = (): NetworkClearingResult => {
    const net = feeder.network;
    const r = emptyResult(net, 'none', 0, 'optimal', false);
    for (let p = 0; p < m; p++) {
      const b = feeder.busOfPosition[p]!;
      r.dlmpPerKwh[b] = lambda;
      r.dlmpEnergyPerKwh[b] = lambda;
      r.dlmpCongestionPerKwh[b] = 0;
      r.dlmpVoltagePerKwh[b] = 0;
      r.vmPu[b] = Math.sqrt(st.v[p]!);
      if (p > 0) {
        const k = feeder.branch[p]!;
        r.branchFlowKw[k] = st.pKwh[p]! / dt;
        r.branchFlowKvar[k] = st.qKvarh[p]! / dt;
        const rating = net.rateMva[k]! * 1000;
        if (rating > 0) r.loadingPercent[k] = (100 * Math.hypot(r.branchFlowKw[k]!, r.branchFlowKvar[k]!)) / rating;
      }
    }
    finishResult(r, orders, q, orders.map(() => lambda), imp, exp, lambda, floor, ceiling);
    r.merchandisingSurplus += demandValue(bgP, lambda);
    r.solveMs = performance.now() - t0;
    return r;
  };
  return { feasible, result };
}

function demandValue(bgP: Float64Array, lambda: number): number {
  let s = 0;
  for (let p = 0; p < bgP.length; p++) s += bgP[p]! * lambda;
  return s;
}
