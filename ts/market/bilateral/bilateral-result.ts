/**
 * The result of a bilateral market solve, and its construction from exactly feasible trades: net positions are
 * recomputed as Σ_m P_nm and the objective Σ f_n(p_n) + Σ c_nm·|P_nm| is recomputed from the returned trades, never
 * taken from the solver's internal state.
 */
import type { CompiledBilateralMarket } from './compile-bilateral-market.js';
import type { PairTrades } from './feasible-trades.js';

/** One agent's outcome. */
export interface BilateralAgentResult {
  /** Agent id. */
  id: string;
  /** Net position Σ_m P_nm, kW (> 0 sells); null when the market is infeasible. */
  netKw: number | null;
}

/** One trade seen from `from`'s side. */
export interface BilateralTrade {
  /** Agent whose side this is. */
  from: string;
  /** Partner. */
  to: string;
  /** P_from,to, kW; > 0 means `from` sells to `to`. */
  kw: number;
  /** Price the buyer pays the seller, currency/kWh (preference costs are paid on top by each side). */
  pricePerKwh: number;
}

/** Solution method. */
export type BilateralMethod = 'central' | 'admm';

/** Outcome of a solve, as data. */
export type BilateralStatus = 'optimal' | 'converged' | 'max-iterations' | 'infeasible';

/** Result of solveBilateralMarket; the first nine fields are the `peergrid p2p --json` contract. */
export interface BilateralMarketResult {
  /** 'optimal' (central), 'converged' or 'max-iterations' (admm), 'infeasible'. */
  status: BilateralStatus;
  /** Method used. */
  method: BilateralMethod;
  /** Interior-point iterations (central) or ADMM iterations. */
  iterations: number;
  /** Σ f_n(p_n) + Σ c_nm·|P_nm| of the returned trades, currency (per hour); null when infeasible. */
  objective: number | null;
  /** Net position per agent, in input order. */
  agents: BilateralAgentResult[];
  /** Every non-zero trade once per pair direction: (n, m, P_nm) and (m, n, −P_nm). */
  trades: BilateralTrade[];
  /** Central: max |balance residual| of the interior point, kW. ADMM: max |P_nm + P_mn| of the last iterate, kW. */
  primalResidual: number;
  /** Central: max |stationarity residual|, currency/kWh. ADMM: ρ·max |P_nm(k) − P_nm(k−1)|, currency/kWh. */
  dualResidual: number;
  /** Wall time of the solve, ms. */
  solveMs: number;
  /** Net positions as a typed array (kW), in input order (empty when infeasible). */
  netKw: Float64Array;
  /** Marginal price of each agent at the solution, currency/kWh (central: balance dual; ADMM: its multiplier). */
  agentPricePerKwh: Float64Array;
  /** ADMM only: final penalty ρ, currency/kW²; null for central. */
  rho: number | null;
  /** ADMM only: number of worker threads used (1 = in this thread). */
  workers: number;
  /** Largest |p_n − Σ_m P_nm| of the returned trades (rounding only), kW. */
  balanceErrorKw: number;
}

/** Cost f_n(p) = ½·a·p² + b·p of agent n, currency. */
export function agentCost(m: CompiledBilateralMarket, n: number, p: number): number {
  return 0.5 * m.costQuad[n]! * p * p + m.costLin[n]! * p;
}

/** Assembles the result from exactly feasible trades (see the module header). */
export function buildBilateralResult(
  m: CompiledBilateralMarket, trades: PairTrades, pricePerTrade: Float64Array,
  fields: Pick<BilateralMarketResult, 'status' | 'method' | 'iterations' | 'primalResidual' | 'dualResidual' | 'solveMs' | 'rho' | 'workers'>,
  targetKw: Float64Array, agentPricePerKwh: Float64Array,
): BilateralMarketResult {
  const netKw = new Float64Array(m.n);
  let objective = 0;
  const list: BilateralTrade[] = [];
  for (let t = 0; t < trades.kw.length; t++) {
    const i = trades.i[t]!;
    const j = trades.j[t]!;
    const kw = trades.kw[t]!;
    netKw[i] += kw;
    netKw[j] -= kw;
    objective += (trades.costI[t]! + trades.costJ[t]!) * Math.abs(kw);
    const price = pricePerTrade[t]!;
    list.push({ from: m.ids[i]!, to: m.ids[j]!, kw, pricePerKwh: price }, { from: m.ids[j]!, to: m.ids[i]!, kw: -kw, pricePerKwh: price });
  }
  let balanceErrorKw = 0;
  for (let n = 0; n < m.n; n++) {
    objective += agentCost(m, n, netKw[n]!);
    balanceErrorKw = Math.max(balanceErrorKw, Math.abs(netKw[n]! - targetKw[n]!));
  }
  return {
    status: fields.status, method: fields.method, iterations: fields.iterations, objective,
    agents: m.ids.map((id, n) => ({ id, netKw: netKw[n]! })), trades: list,
    primalResidual: fields.primalResidual, dualResidual: fields.dualResidual, solveMs: fields.solveMs,
    netKw, agentPricePerKwh, rho: fields.rho, workers: fields.workers, balanceErrorKw,
  };
}

/** The result of an infeasible market: no trades, null objective and net positions. */
export function infeasibleResult(m: CompiledBilateralMarket, method: BilateralMethod, solveMs: number, workers: number): BilateralMarketResult {
  return {
    status: 'infeasible', method, iterations: 0, objective: null, agents: m.ids.map((id) => ({ id, netKw: null })), trades: [],
    primalResidual: 0, dualResidual: 0, solveMs, netKw: new Float64Array(0), agentPricePerKwh: new Float64Array(0),
    rho: null, workers, balanceErrorKw: 0,
  };
}
