import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork } from '../../../ts/network/compile-network.js';
import { createIeee33 } from '../../../ts/network/ieee33.js';
import { loadLpSolver } from '../../../ts/lp/load-lp-solver.js';
import type { LpSolver } from '../../../ts/lp/lp-solver.js';
import { createPowerFlow } from '../../../ts/powerflow/power-flow.js';
import { Rng } from '../../../ts/random.js';
import type { Order } from '../../../ts/market/order.js';
import { linDistFlowFeeder } from '../../../ts/market/network-constrained/lindistflow-feeder.js';
import { clearNetworkConstrained, type NetworkClearingResult } from '../../../ts/market/network-constrained/network-constrained-clearing.js';
import { chain3, order } from './feeder-fixtures.js';

let highs: LpSolver;
let glpk: LpSolver;
beforeAll(async () => {
  highs = await loadLpSolver('highs');
  glpk = await loadLpSolver('glpk');
});

/** The welfare-maximising single-node market with the retailer (no network): greedy efficient cross. */
function unconstrainedWelfare(orders: Order[], retail: number, feedIn: number): number {
  const bids = orders.filter((o) => o.side === 'buy').map((o) => ({ p: o.pricePerKwh, q: o.quantityKwh }));
  const asks = orders.filter((o) => o.side === 'sell').map((o) => ({ p: o.pricePerKwh, q: o.quantityKwh }));
  bids.push({ p: feedIn, q: 1e12 });
  asks.push({ p: retail, q: 1e12 });
  bids.sort((a, b) => b.p - a.p);
  asks.sort((a, b) => a.p - b.p);
  let w = 0;
  let i = 0;
  let j = 0;
  while (i < bids.length && j < asks.length && bids[i]!.p > asks[j]!.p) {
    const q = Math.min(bids[i]!.q, asks[j]!.q);
    if (q > 1e11) break;
    w += q * (bids[i]!.p - asks[j]!.p);
    bids[i]!.q -= q;
    asks[j]!.q -= q;
    if (bids[i]!.q <= 0) i++;
    if (asks[j]!.q <= 0) j++;
  }
  return w;
}

function expectDecomposition(r: NetworkClearingResult): void {
  r.dlmpPerKwh.forEach((d, b) => {
    expect(r.dlmpEnergyPerKwh[b]! + r.dlmpCongestionPerKwh[b]! + r.dlmpVoltagePerKwh[b]!).toBeCloseTo(d, 9);
  });
}

describe('network-constrained clearing (LinDistFlow, DLMPs)', () => {
  it('3-bus chain, congested cable, by hand: the seller behind the cable sets its own price, the rest pay feed-in', () => {
    // c23 carries at most 30 kVA; the inscribed 12-gon allows 30·cos 15° kW at unity power factor.
    const ampacity = 30 / (Math.sqrt(3) * 0.4);
    const net = chain3(ampacity);
    const orders = [order('s3', 'sell', 50, 0.05, 'b3'), order('d2', 'buy', 20, 0.4, 'b2')];
    const r = clearNetworkConstrained(orders, { feeder: linDistFlowFeeder(net), solver: highs, tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.1 }, intervalHours: 1 });
    expect(r.status).toBe('optimal');
    const cap = 30 * Math.cos(Math.PI / 12);
    expect(r.fills[0]!.quantityKwh).toBeCloseTo(cap, 6);
    expect(r.fills[0]!.notClearedKwh).toBeCloseTo(50 - cap, 6);
    expect(r.fills[1]!.quantityKwh).toBeCloseTo(20, 9);
    expect(r.substationExportKwh).toBeCloseTo(cap - 20, 6);
    // Prices: exporting at the margin → λ = feed-in at b1 and b2; b3 is priced by its partly cleared seller.
    expect(r.dlmpPerKwh[0]).toBeCloseTo(0.1, 9);
    expect(r.dlmpPerKwh[1]).toBeCloseTo(0.1, 9);
    expect(r.dlmpPerKwh[2]).toBeCloseTo(0.05, 9);
    expect(r.dlmpCongestionPerKwh[2]).toBeCloseTo(-0.05, 9);
    expect(r.bindingBranches).toEqual(['c23']);
    expect(r.welfare).toBeCloseTo(20 * 0.4 - cap * 0.05 + (cap - 20) * 0.1, 9);
    // Congestion rent: the cable buys at 0.05 and sells at 0.10.
    expect(r.merchandisingSurplus).toBeCloseTo(cap * 0.05, 9);
    expectDecomposition(r);
  });

  it('no binding limit: welfare equals the unconstrained maximum exactly and every DLMP is one price (both solvers)', () => {
    const net = compileNetwork(createIeee33({}));
    const feeder = linDistFlowFeeder(net);
    const rng = new Rng(5);
    const buses = net.busIds.slice(1).map(String);
    const orders: Order[] = Array.from({ length: 40 }, (_, k) => order(`o${k}`, k % 2 ? 'buy' : 'sell', rng.uniform(0.5, 3), rng.uniform(0.08, 0.3), buses[rng.int(buses.length)]!));
    for (const solver of [highs, glpk]) {
      const r = clearNetworkConstrained(orders, { feeder, solver, tariffs: { retailPricePerKwh: 0.32, feedInPricePerKwh: 0.06 } });
      expect(r.status).toBe('optimal');
      expect(r.bindingBranches).toEqual([]);
      expect(r.bindingVoltageBuses).toEqual([]);
      expect(r.welfare).toBeCloseTo(unconstrainedWelfare(orders, 0.32, 0.06), 9);
      const first = r.dlmpPerKwh[0]!;
      r.dlmpPerKwh.forEach((d) => expect(d).toBeCloseTo(first, 9));
      expectDecomposition(r);
    }
  });

  it('voltage limit binding (long cable, large export): prices split into energy, congestion and voltage; highs = glpk', () => {
    const net = chain3(undefined, 0.6);
    const orders = [order('s3', 'sell', 200, 0.02, 'b3'), order('s2', 'sell', 10, 0.04, 'b2'), order('d2', 'buy', 5, 0.35, 'b2')];
    const feeder = linDistFlowFeeder(net);
    const a = clearNetworkConstrained(orders, { feeder, solver: highs, tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 }, intervalHours: 1 });
    const b = clearNetworkConstrained(orders, { feeder, solver: glpk, tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 }, intervalHours: 1 });
    expect(a.status).toBe('optimal');
    expect(a.bindingVoltageBuses).toContain('b3');
    expect(a.vmPu[2]).toBeCloseTo(1.1, 9);
    expect(Math.abs(a.dlmpVoltagePerKwh[2]!)).toBeGreaterThan(1e-3);
    expectDecomposition(a);
    expect(b.welfare).toBeCloseTo(a.welfare, 7);
    a.dlmpPerKwh.forEach((d, i) => expect(b.dlmpPerKwh[i]).toBeCloseTo(d, 6));
    // The seller at b3 is cut back for voltage: cleared less than offered though its ask is the lowest.
    expect(a.fills[0]!.notClearedKwh).toBeGreaterThan(1);
  });

  it('an AC power flow of the cleared injections stays within the voltage limits up to the LinDistFlow error (< 0.01 p.u.)', () => {
    const net = chain3(undefined, 0.6);
    const feeder = linDistFlowFeeder(net);
    // The upper voltage limit binds at b3 (export cut back to keep LinDistFlow's |V| at 1.1).
    const orders = [order('s3', 'sell', 200, 0.02, 'b3'), order('d2', 'buy', 5, 0.35, 'b2')];
    const r = clearNetworkConstrained(orders, { feeder, solver: highs, tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 }, intervalHours: 1 });
    const load = new Float64Array(net.nBus);
    const inj = new Float64Array(net.nBus);
    r.fills.forEach((f) => {
      const b = net.busIndex.get(f.bus)!;
      if (f.side === 'buy') load[b] += f.quantityKwh;
      else inj[b] += f.quantityKwh;
    });
    const ac = createPowerFlow(net).solveStep({ pLoadKw: load, pInjectionKw: inj });
    expect(ac.status).toBe('converged');
    let worst = 0;
    for (let b = 0; b < net.nBus; b++) worst = Math.max(worst, Math.abs(ac.vmPu[b]! - r.vmPu[b]!));
    expect(r.bindingVoltageBuses).toEqual(['b3']);
    console.log(`LinDistFlow vs AC power flow, 3-bus chain at the 1.1 p.u. limit: max |ΔV| = ${worst.toExponential(2)} p.u.`);
    expect(worst).toBeLessThan(0.01);
    for (let b = 0; b < net.nBus; b++) expect(ac.vmPu[b]).toBeLessThanOrEqual(net.vmMaxPu[b]! + worst);
  });

  it('refuses orders without a bus or at an unknown bus, and a meshed network, naming them', () => {
    const net = chain3(undefined);
    const feeder = linDistFlowFeeder(net);
    expect(() => clearNetworkConstrained([{ id: 'x', prosumer: 'p', side: 'buy', quantityKwh: 1, pricePerKwh: 0.2 }], { feeder, solver: highs })).toThrow(/order "x": bus/);
    expect(() => clearNetworkConstrained([order('y', 'buy', 1, 0.2, 'b9')], { feeder, solver: highs })).toThrow(/order "y": bus = "b9".*not a bus/);
    const mesh = createIeee33({});
    mesh.lines = (mesh.lines ?? []).map((l) => ({ ...l, inService: true }));
    expect(() => linDistFlowFeeder(compileNetwork(mesh))).toThrow(/radial/);
  });
});
