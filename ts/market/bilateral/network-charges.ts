/**
 * Exogenous network charges on bilateral trades, the three allocations compared by T. Baroche, P. Pinson,
 * R. Le Goff Latimier and H. Ben Ahmed, "Exogenous cost allocation in peer-to-peer electricity markets", IEEE
 * Trans. Power Systems 34(4), 2019, turned into link costs c_nm of a `p2p-bilateral-market/1` document:
 * - 'uniform': every trade pays the same fee per kWh;
 * - 'zonal': trades inside a zone are free, trades across zones pay the fee;
 * - 'electrical-distance': the fee scales with the electrical distance of the two agents' buses,
 *   d_nm = Σ_e |PTDF_e,n − PTDF_e,m|·r_e / r̄ — the flow a 1 kW trade induces on each branch of the feeder,
 *   weighted by the branch resistance (its share in the LinDistFlow voltage and loss sensitivities) relative to
 *   the mean branch resistance r̄. On a radial feeder with the slack as reference, PTDF_e,n = 1 when branch e lies
 *   on the path from the slack to n, so the sum runs over the branches of the path between n and m. The PTDFs
 *   come from the LinDistFlow model of the feeder (linDistFlowFeeder, the network API the DLMP clearing uses).
 * The fee is scaled so that its mean over the market's pairs equals `feePerKwh` for 'electrical-distance'; each
 * side of a pair pays half of the pair's charge, on top of its own preference cost.
 * Zones (zonal): given per agent, or by default `zones` contiguous blocks of the feeder's depth-first order
 * (electrically compact groups of laterals).
 */
import { ValidationError } from '../../errors.js';
import type { CompiledNetwork } from '../../network/compiled-network.js';
import { linDistFlowFeeder } from '../network-constrained/lindistflow-feeder.js';
import { lowestCommonAncestor, treeDepth } from '../network-constrained/lindistflow-sensitivities.js';
import { BILATERAL_MARKET_FORMAT, type BilateralLink, type BilateralMarket } from './bilateral-market.js';
import { validateBilateralMarket } from './validate-bilateral-market.js';

/** A network-charge allocation of Baroche et al. 2019. */
export type NetworkChargeMethod = 'uniform' | 'zonal' | 'electrical-distance';

/** Options of applyNetworkCharges. */
export interface NetworkChargeOptions {
  /** Allocation method. */
  method: NetworkChargeMethod;
  /** Network fee, currency/kWh: per trade (uniform), across zones (zonal), mean over pairs (electrical distance). */
  feePerKwh: number;
  /** The bus of each agent (agent id → bus id of `network`). */
  agentBus: Record<string, string | number>;
  /** Zonal: the zone of each agent; default: `zones` blocks of the depth-first bus order. */
  agentZone?: Record<string, string>;
  /** Zonal: number of default zones (default 3). */
  zones?: number;
}

/** Electrical distance between every two buses of a radial feeder (see the module header); dense, nBus × nBus. */
export function electricalDistances(network: CompiledNetwork): Float64Array {
  const f = linDistFlowFeeder(network);
  const n = network.nBus;
  const m = f.busOfPosition.length;
  let rMean = 0;
  for (let p = 1; p < m; p++) rMean += network.rPu[f.branch[p]!]! / (m - 1);
  // dist(slack, position) along the tree, then d(a, b) = D(a) + D(b) − 2·D(lowest common ancestor).
  const depthR = new Float64Array(m);
  for (let p = 1; p < m; p++) depthR[p] = depthR[f.parent[p]!]! + network.rPu[f.branch[p]!]! / (rMean > 0 ? rMean : 1);
  const depth = treeDepth(f);
  const out = new Float64Array(n * n).fill(NaN);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const d = depthR[a]! + depthR[b]! - 2 * depthR[lowestCommonAncestor(f, depth, a, b)]!;
      const ba = f.busOfPosition[a]!;
      const bb = f.busOfPosition[b]!;
      out[ba * n + bb] = d;
      out[bb * n + ba] = d;
    }
  }
  return out;
}

/** A copy of `market` whose link costs include the network charge; a market without links gets every pair. */
export function applyNetworkCharges(market: BilateralMarket, network: CompiledNetwork, options: NetworkChargeOptions): BilateralMarket {
  validateBilateralMarket(market);
  const { method, feePerKwh } = options;
  const opt = (field: string, value: unknown, problem: string): never => {
    throw new ValidationError({ element: 'options', id: 'applyNetworkCharges', field, value }, problem);
  };
  if (method !== 'uniform' && method !== 'zonal' && method !== 'electrical-distance') opt('method', method, "must be 'uniform', 'zonal' or 'electrical-distance'");
  if (!(Number.isFinite(feePerKwh) && feePerKwh >= 0)) opt('feePerKwh', feePerKwh, 'must be a finite number ≥ 0');
  const busOf = market.agents.map((a) => {
    const id = options.agentBus[a.id];
    const bus = id === undefined ? undefined : network.busIndex.get(id);
    if (bus === undefined) throw new ValidationError({ element: 'agent', id: a.id, field: 'bus', value: id }, 'must name a bus of the network');
    return bus;
  });
  const index = new Map(market.agents.map((a, i) => [a.id, i]));
  // Pairs with their preference costs (every pair when the market has no links).
  const pairs = new Map<string, { i: number; j: number; cij: number; cji: number }>();
  const key = (i: number, j: number): string => (i < j ? `${i},${j}` : `${j},${i}`);
  if (market.links === undefined) {
    for (let i = 0; i < market.agents.length; i++) for (let j = i + 1; j < market.agents.length; j++) pairs.set(key(i, j), { i, j, cij: 0, cji: 0 });
  } else {
    for (const l of market.links) {
      const f = index.get(l.from)!;
      const t = index.get(l.to)!;
      const p = pairs.get(key(f, t)) ?? { i: Math.min(f, t), j: Math.max(f, t), cij: 0, cji: 0 };
      if (f === p.i) p.cij = l.costPerKwh;
      else p.cji = l.costPerKwh;
      pairs.set(key(f, t), p);
    }
  }
  const charge = pairCharge(method, feePerKwh, [...pairs.values()], busOf, network, options, market);
  const links: BilateralLink[] = [];
  let k = 0;
  for (const p of pairs.values()) {
    const half = 0.5 * charge[k++]!;
    links.push({ from: market.agents[p.i]!.id, to: market.agents[p.j]!.id, costPerKwh: p.cij + half });
    links.push({ from: market.agents[p.j]!.id, to: market.agents[p.i]!.id, costPerKwh: p.cji + half });
  }
  return { format: BILATERAL_MARKET_FORMAT, agents: market.agents.map((a) => ({ ...a })), links };
}

function pairCharge(
  method: NetworkChargeMethod, fee: number, pairs: Array<{ i: number; j: number }>, busOf: number[], network: CompiledNetwork,
  options: NetworkChargeOptions, market: BilateralMarket,
): Float64Array {
  const out = new Float64Array(pairs.length);
  if (method === 'uniform') return out.fill(fee);
  if (method === 'zonal') {
    const zone = agentZones(market, busOf, network, options);
    pairs.forEach((p, k) => { out[k] = zone[p.i] === zone[p.j] ? 0 : fee; });
    return out;
  }
  const d = electricalDistances(network);
  const n = network.nBus;
  let mean = 0;
  pairs.forEach((p, k) => {
    const v = d[busOf[p.i]! * n + busOf[p.j]!]!;
    if (Number.isNaN(v)) {
      throw new ValidationError({ element: 'agent', id: market.agents[p.i]!.id, field: 'bus', value: network.busIds[busOf[p.i]!] }, 'is not supplied from the slack (electrical distance undefined)');
    }
    out[k] = v;
    mean += v / pairs.length;
  });
  for (let k = 0; k < out.length; k++) out[k] = mean > 0 ? (fee * out[k]!) / mean : 0;
  return out;
}

function agentZones(market: BilateralMarket, busOf: number[], network: CompiledNetwork, options: NetworkChargeOptions): string[] {
  if (options.agentZone) {
    return market.agents.map((a) => {
      const z = options.agentZone![a.id];
      if (typeof z !== 'string') throw new ValidationError({ element: 'agent', id: a.id, field: 'zone', value: z }, 'must be a zone name');
      return z;
    });
  }
  const zones = options.zones ?? 3;
  if (!(Number.isInteger(zones) && zones >= 1)) {
    throw new ValidationError({ element: 'options', id: 'applyNetworkCharges', field: 'zones', value: zones }, 'must be a positive integer');
  }
  // Depth-first order of the feeder from the slack: contiguous blocks are electrically compact.
  const f = linDistFlowFeeder(network);
  const m = f.busOfPosition.length;
  const childStart = new Int32Array(m + 1);
  for (let p = 1; p < m; p++) childStart[f.parent[p]! + 1]++;
  for (let p = 0; p < m; p++) childStart[p + 1] += childStart[p]!;
  const children = new Int32Array(Math.max(0, m - 1));
  const fill = childStart.slice(0, m);
  for (let p = 1; p < m; p++) children[fill[f.parent[p]!]!++] = p;
  const rank = new Int32Array(network.nBus).fill(-1);
  const stack = [0];
  let r = 0;
  while (stack.length) {
    const p = stack.pop()!;
    rank[f.busOfPosition[p]!] = r++;
    for (let c = childStart[p + 1]! - 1; c >= childStart[p]!; c--) stack.push(children[c]!);
  }
  return busOf.map((b) => `zone-${Math.min(zones - 1, Math.floor((rank[b]! * zones) / m))}`);
}
