// Network-constrained P2P clearing with distribution locational marginal prices (DLMPs): one interval's bids and
// offers, each at a bus of a radial feeder, are cleared by maximising welfare (Σ bid·q_buy − Σ ask·q_sell, with the
// retailer as seller at the retail price and buyer at the feed-in tariff at the substation) subject to the feeder's
// LinDistFlow model (./lindistflow-feeder.ts): nodal active/reactive balances, squared-voltage limits and branch
// thermal limits as an inscribed 12-sided polygon of the P-Q circle (conservative by at most 1 − cos 15° = 3.4 %).
// Orders are flexible: what is not cleared is not consumed or produced (it is reported per order as not cleared).
// Each bus's price is the dual of its active balance; by dual feasibility on the branch flows it splits exactly into
//   DLMP_j = λ_substation (energy) + Σ_{branches on the path to j} thermal duals (congestion) + voltage duals (voltage)
// which the result reports and the tests check to 1e-9.
import { PeergridError, ValidationError } from '../../errors.js';
import type { ElementId } from '../../network/compiled-network.js';
import { LpModelBuilder } from '../../lp/lp-model-builder.js';
import type { LpSolver } from '../../lp/lp-solver.js';
import type { LpStatus } from '../../lp/lp-result.js';
import type { Order, Tariffs } from '../order.js';
import { validateOrders } from '../validate-orders.js';
import type { LinDistFlowFeeder } from './lindistflow-feeder.js';
import { placeBook } from './feeder-book.js';

/** Sides of the thermal polygon. */
export const POLYGON_SIDES = 12;

/** Options of network-constrained clearing. */
export interface NetworkClearingOptions {
  /** The feeder (from `linDistFlowFeeder(compiledNetwork)`). */
  feeder: LinDistFlowFeeder;
  /** A loaded LP solver (`await loadLpSolver()`). */
  solver: LpSolver;
  /** The retailer at the substation: sells at retail, buys at feed-in (absent side: no exchange on that side). */
  tariffs?: Tariffs;
  /** Length of the interval the orders' kWh are delivered over, hours (default 0.25). */
  intervalHours?: number;
  /** 'none' (default): only the orders load the feeder; 'network': the compiled network's loads and generators too. */
  backgroundLoad?: 'none' | 'network';
  /** Power factor of every order's power (default 1: active power only); lagging for both sides. */
  orderPowerFactor?: number;
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
  /** Which solver, and its wall time, ms. */
  solver: string;
  /** Solve time, ms. */
  solveMs: number;
}

/** Clears one interval's book with the feeder inside the problem. */
export function clearNetworkConstrained(orders: readonly Order[], options: NetworkClearingOptions): NetworkClearingResult {
  const { feeder, solver } = options;
  const net = feeder.network;
  validateOrders(orders as Order[], options.tariffs);
  const placed = placeBook(orders, feeder, options);
  const { intervalHours: dt, qPerP, orderPosition: orderPos } = placed;
  const m = feeder.busOfPosition.length;
  const sBaseKw = net.baseMva * 1000;
  // Background energy per position over the interval (kWh, kvarh; withdrawal positive).
  const bgP = placed.backgroundKw.map((kw) => kw * dt);
  const bgQ = placed.backgroundKvar.map((kvar) => kvar * dt);

  const lp = new LpModelBuilder();
  const orderCol = orders.map((o) => lp.addVariable(`q_${o.id}`, { lower: 0, upper: o.quantityKwh, cost: o.side === 'buy' ? -o.pricePerKwh : o.pricePerKwh }));
  const retail = options.tariffs?.retailPricePerKwh;
  const feedIn = options.tariffs?.feedInPricePerKwh;
  const gImp = lp.addVariable('substation_import', { lower: 0, upper: retail === undefined ? 0 : Infinity, cost: retail ?? 0 });
  const gExp = lp.addVariable('substation_export', { lower: 0, upper: feedIn === undefined ? 0 : Infinity, cost: -(feedIn ?? 0) });
  const qRoot = lp.addVariable('substation_q', { lower: -Infinity, upper: Infinity });
  const P = new Int32Array(m).fill(-1);
  const Q = new Int32Array(m).fill(-1);
  const V = new Int32Array(m).fill(-1);
  for (let p = 1; p < m; p++) {
    const b = feeder.busOfPosition[p]!;
    const id = net.busIds[b];
    P[p] = lp.addVariable(`P_${id}`, { lower: -Infinity, upper: Infinity });
    Q[p] = lp.addVariable(`Q_${id}`, { lower: -Infinity, upper: Infinity });
    V[p] = lp.addVariable(`v_${id}`, { lower: net.vmMinPu[b]! ** 2, upper: net.vmMaxPu[b]! ** 2 });
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
    if (rating > 0) {
      const limit = rating * dt * Math.cos(Math.PI / POLYGON_SIDES);
      for (let s = 0; s < POLYGON_SIDES; s++) {
        const th = (2 * Math.PI * s) / POLYGON_SIDES;
        thermalRows[p]!.push(lp.addConstraint(`thermal_${net.branchIds[k]}_${s}`, [P[p]!, Q[p]!], [Math.cos(th), Math.sin(th)], -Infinity, limit));
      }
    }
  }

  const r = solver.solve(lp.build());
  const nb = net.nBus;
  const nan = (): Float64Array => new Float64Array(nb).fill(NaN);
  const result: NetworkClearingResult = {
    mechanism: 'network-constrained',
    status: r.status,
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
    solver: r.solver,
    solveMs: r.solveMs,
  };
  if (r.status !== 'optimal') return result;

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
    if (p > 0 && Math.abs(r.reducedCosts[V[p]!]!) > vTol) result.bindingVoltageBuses.push(net.busIds[b]!);
    if (p > 0) {
      const k = feeder.branch[p]!;
      result.branchFlowKw[k] = x[P[p]!]! / dt;
      result.branchFlowKvar[k] = x[Q[p]!]! / dt;
      const rating = net.rateMva[k]! * 1000;
      if (rating > 0) result.loadingPercent[k] = (100 * Math.hypot(result.branchFlowKw[k]!, result.branchFlowKvar[k]!)) / rating;
      if (thermalRows[p]!.some((row) => Math.abs(y[row]!) > vTol)) result.bindingBranches.push(net.branchIds[k]!);
    }
  }
  let bought = 0;
  let sold = 0;
  let withdrawalValue = 0;
  result.fills = orders.map((o, k) => {
    const q = x[orderCol[k]!]!;
    const price = y[pRow[orderPos[k]!]!]!;
    if (o.side === 'sell') sold += q;
    else bought += q;
    withdrawalValue += (o.side === 'buy' ? 1 : -1) * q * price;
    return { orderId: o.id, prosumer: o.prosumer, side: o.side, bus: o.bus!, quantityKwh: q, notClearedKwh: o.quantityKwh - q, pricePerKwh: price };
  });
  for (let p = 0; p < m; p++) withdrawalValue += bgP[p]! * y[pRow[p]!]!;
  result.substationImportKwh = x[gImp]!;
  result.substationExportKwh = x[gExp]!;
  withdrawalValue -= (x[gImp]! - x[gExp]!) * energy;
  result.tradedKwh = Math.min(bought, sold);
  result.welfare = -r.objective;
  result.merchandisingSurplus = withdrawalValue;
  if (!Number.isFinite(result.welfare)) throw new PeergridError('network-constrained clearing: the LP returned a non-finite objective');
  return result;
}
