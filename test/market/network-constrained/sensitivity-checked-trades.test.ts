import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork } from '../../../ts/network/compile-network.js';
import type { CompiledNetwork } from '../../../ts/network/compiled-network.js';
import { createIeee33 } from '../../../ts/network/ieee33.js';
import { loadLpSolver } from '../../../ts/lp/load-lp-solver.js';
import type { LpSolver } from '../../../ts/lp/lp-solver.js';
import { createPowerFlow } from '../../../ts/powerflow/power-flow.js';
import { Rng } from '../../../ts/random.js';
import type { Order } from '../../../ts/market/order.js';
import { linDistFlowFeeder } from '../../../ts/market/network-constrained/lindistflow-feeder.js';
import { clearNetworkConstrained } from '../../../ts/market/network-constrained/network-constrained-clearing.js';
import { clearSensitivityChecked, TRADE_MATCHINGS, type SensitivityCheckedResult } from '../../../ts/market/network-constrained/sensitivity-checked-trades.js';
import { ValidationError } from '../../../ts/errors.js';
import { chain3, order } from './feeder-fixtures.js';

let highs: LpSolver;
beforeAll(async () => {
  highs = await loadLpSolver('highs');
});

/** IEEE 33 with tight limits: every bus within [vmin, vmax], every branch rated `rateMva`. */
function tightIeee33(vmin: number, vmax: number, rateMva: number): CompiledNetwork {
  const net = compileNetwork(createIeee33({}));
  for (let b = 0; b < net.nBus; b++) {
    net.vmMinPu[b] = vmin;
    net.vmMaxPu[b] = vmax;
  }
  net.rateMva.fill(rateMva);
  return net;
}

/** n orders at random buses (not the slack), quantities up to `maxKwh`. */
function randomFeederBook(net: CompiledNetwork, n: number, seed: number, maxKwh: number): Order[] {
  const rng = new Rng(seed);
  const buses = net.busIds.slice(1).map(String);
  return Array.from({ length: n }, (_, k) => {
    const buy = rng.chance(0.5);
    return order(`o${k}`, buy ? 'buy' : 'sell', rng.uniform(0.05, 1) * maxKwh, buy ? rng.uniform(0.1, 0.35) : rng.uniform(0.02, 0.3), buses[rng.int(buses.length)]!);
  });
}

/** Net accepted power per bus (kW): loads and injections for an AC power flow. */
function acceptedPower(net: CompiledNetwork, r: SensitivityCheckedResult, dt: number): { load: Float64Array; inj: Float64Array } {
  const load = new Float64Array(net.nBus);
  const inj = new Float64Array(net.nBus);
  for (const f of r.fills) {
    const b = net.busIndex.get(f.bus)!;
    if (f.side === 'buy') load[b] += f.quantityKwh / dt;
    else inj[b] += f.quantityKwh / dt;
  }
  return { load, inj };
}

describe('sensitivity-checked bilateral trades', () => {
  it('3-bus chain, by hand: trades checked in matching order, the second cut exactly at the cable polygon (30·cos 15° kW)', () => {
    const net = chain3(30 / (Math.sqrt(3) * 0.4)); // c23: 30 kVA
    const orders = [order('s3a', 'sell', 20, 0.03, 'b3'), order('s3b', 'sell', 20, 0.06, 'b3'), order('d2', 'buy', 40, 0.4, 'b2')];
    const r = clearSensitivityChecked(orders, { feeder: linDistFlowFeeder(net), intervalHours: 1 });
    const cap = 30 * Math.cos(Math.PI / 12);
    expect(r.status).toBe('ok');
    expect(r.trades.map((t) => [t.sellOrderId, t.requestedKwh])).toEqual([['s3a', 20], ['s3b', 20]]);
    expect(r.trades[0]!.quantityKwh).toBe(20);
    expect(r.trades[0]!.limit).toBeNull();
    expect(r.trades[1]!.quantityKwh).toBeCloseTo(cap - 20, 12);
    expect(r.trades[1]!.limit).toEqual({ kind: 'thermal', id: 'c23' });
    expect(r.trades[1]!.pricePerKwh).toBeCloseTo((0.4 + 0.06) / 2, 12); // midpoint of the pair
    expect(r.fills[2]!.quantityKwh).toBeCloseTo(cap, 12);
    expect(r.fills[2]!.notClearedKwh).toBeCloseTo(40 - cap, 12);
    expect(r.fills[1]!.notClearedKwh).toBeCloseTo(40 - cap, 12);
    expect(r.branchFlowKw[1]).toBeCloseTo(-cap, 12);
    expect(r.bindingBranches).toEqual(['c23']);
    expect(r.welfare).toBeCloseTo(20 * 0.37 + (cap - 20) * 0.34, 12);
    expect(r.matchedWelfare).toBeCloseTo(20 * 0.37 + 20 * 0.34, 12);
    // The LP without a retailer reaches the same welfare: the cheaper seller first, the cable full.
    const lp = clearNetworkConstrained(orders, { feeder: linDistFlowFeeder(net), solver: highs, intervalHours: 1 });
    expect(lp.welfare).toBeCloseTo(r.welfare, 9);
    // 'reject': the second trade does not fit in full, so nothing of it is accepted.
    const rej = clearSensitivityChecked(orders, { feeder: linDistFlowFeeder(net), intervalHours: 1, violationRule: 'reject' });
    expect(rej.trades.map((t) => t.quantityKwh)).toEqual([20, 0]);
    expect(rej.trades[1]!.limit).toEqual({ kind: 'thermal', id: 'c23' });
  });

  it('order-book matching: the trades of the continuous double auction in book order are checked as they executed', () => {
    const net = chain3(30 / (Math.sqrt(3) * 0.4)); // c23: 30 kVA
    // s3a rests; d2 takes its 20 kWh at 0.03 and rests 20 kWh at 0.40; s3b (arriving last) takes those at 0.40, but
    // the cable has room for 30·cos 15° − 20 kWh only.
    const orders = [order('s3a', 'sell', 20, 0.03, 'b3'), order('d2', 'buy', 40, 0.4, 'b2'), order('s3b', 'sell', 20, 0.06, 'b3')];
    const r = clearSensitivityChecked(orders, { feeder: linDistFlowFeeder(net), intervalHours: 1, matching: 'order-book' });
    const cap = 30 * Math.cos(Math.PI / 12);
    expect(r.trades.map((t) => [t.sellOrderId, t.pricePerKwh, t.requestedKwh])).toEqual([['s3a', 0.03, 20], ['s3b', 0.4, 20]]);
    expect(r.trades[1]!.quantityKwh).toBeCloseTo(cap - 20, 12);
    expect(r.trades[1]!.limit).toEqual({ kind: 'thermal', id: 'c23' });
    expect(r.fills[1]!.pricePerKwh).toBeCloseTo((20 * 0.03 + (cap - 20) * 0.4) / cap, 12);
  });

  it('3-bus chain, by hand: the upper voltage limit at b3 cuts the trade at v3 = 1 + 2·r23·P = 1.1² (r23 = 0.375 p.u.: 280 kW)', () => {
    const net = chain3(undefined, 0.6); // c23: 0.06 Ω = 0.375 p.u. on 0.4 kV, 1 MVA
    const orders = [order('s3', 'sell', 400, 0.02, 'b3'), order('d2', 'buy', 400, 0.35, 'b2')];
    const r = clearSensitivityChecked(orders, { feeder: linDistFlowFeeder(net), intervalHours: 1, matching: 'pay-as-bid' });
    expect(r.trades[0]!.quantityKwh).toBeCloseTo(280, 9);
    expect(r.trades[0]!.limit).toEqual({ kind: 'voltage', id: 'b3' });
    expect(r.trades[0]!.pricePerKwh).toBe(0.35); // pay-as-bid
    expect(r.vmPu[2]).toBeCloseTo(1.1, 12);
    expect(r.vmPu[1]).toBe(1); // no flow on c12
    expect(r.bindingVoltageBuses).toEqual(['b3']);
    const ac = createPowerFlow(net).solveStep({ pLoadKw: [0, 280, 0], pInjectionKw: [0, 0, 280] });
    console.log(`3-bus chain at the 1.1 p.u. limit: AC |V3| = ${ac.vmPu[2]!.toFixed(5)} p.u. (LinDistFlow 1.1)`);
  });

  it('after acceptance, an AC power flow of the accepted injections stays within the limits up to the measured LinDistFlow error', () => {
    // IEEE 33 with voltages held to [0.97, 1.03] and every branch rated 1.2 MVA; orders up to 300 kWh per 15 min.
    const net = tightIeee33(0.97, 1.03, 1.2);
    const feeder = linDistFlowFeeder(net);
    const pf = createPowerFlow(net);
    let worstV = 0;
    let worstLoading = 0;
    let acOverV = 0;
    let acOverLoading = 0;
    let cut = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const r = clearSensitivityChecked(randomFeederBook(net, 60, seed, 300), { feeder, seed });
      cut += r.trades.filter((t) => t.limit !== null).length;
      const { load, inj } = acceptedPower(net, r, 0.25);
      const ac = pf.solveStep({ pLoadKw: load, qLoadKvar: new Float64Array(net.nBus), pInjectionKw: inj });
      expect(ac.status).toBe('converged');
      for (let b = 0; b < net.nBus; b++) {
        expect(r.vmPu[b]).toBeGreaterThanOrEqual(0.97 - 1e-12);
        expect(r.vmPu[b]).toBeLessThanOrEqual(1.03 + 1e-12);
        worstV = Math.max(worstV, Math.abs(ac.vmPu[b]! - r.vmPu[b]!));
        acOverV = Math.max(acOverV, ac.vmPu[b]! - 1.03, 0.97 - ac.vmPu[b]!);
      }
      for (let k = 0; k < net.nBranch; k++) {
        if (!net.branchStatus[k]) continue;
        const sFrom = Math.hypot(ac.pFromPu[k]!, ac.qFromPu[k]!);
        const sTo = Math.hypot(ac.pToPu[k]!, ac.qToPu[k]!);
        const acLoading = (100 * Math.max(sFrom, sTo) * net.baseMva) / net.rateMva[k]!;
        expect(r.loadingPercent[k]).toBeLessThanOrEqual(100 * Math.cos(Math.PI / 12) + 1e-9); // inside the 12-gon
        worstLoading = Math.max(worstLoading, Math.abs(acLoading - r.loadingPercent[k]!));
        acOverLoading = Math.max(acOverLoading, acLoading - 100);
      }
    }
    console.log(`IEEE 33 (limits 0.97–1.03 p.u., 1.2 MVA), 6 books, ${cut} trades cut: LinDistFlow vs AC max |ΔV| = ${worstV.toExponential(2)} p.u., ` +
      `max |Δloading| = ${worstLoading.toFixed(2)} % points (losses); AC beyond a limit by at most ${Math.max(0, acOverV).toExponential(2)} p.u. and ${Math.max(0, acOverLoading).toFixed(2)} % points`);
    expect(cut).toBeGreaterThan(3);
    // Tolerances: the linearisation error measured here (2.5e-3 p.u., 5.6 % points) with margin.
    expect(worstV).toBeLessThan(5e-3);
    expect(worstLoading).toBeLessThan(8);
    expect(acOverV).toBeLessThanOrEqual(worstV);
    expect(acOverLoading).toBeLessThanOrEqual(worstLoading);
  });

  it('random books: every accepted set is feasible in the LP (which then reproduces its voltages), and welfare ≤ the LP optimum', async () => {
    const glpk = await loadLpSolver('glpk');
    const net = tightIeee33(0.97, 1.03, 1.2);
    const feeder = linDistFlowFeeder(net);
    let strict = 0;
    for (let seed = 11; seed <= 20; seed++) {
      const orders = randomFeederBook(net, 40, seed, 300);
      const r = clearSensitivityChecked(orders, { feeder, seed, matching: TRADE_MATCHINGS[seed % TRADE_MATCHINGS.length] });
      const lp = clearNetworkConstrained(orders, { feeder, solver: seed % 3 ? highs : glpk });
      expect(lp.status).toBe('optimal');
      expect(r.welfare).toBeLessThanOrEqual(lp.welfare + 1e-9 * Math.max(1, lp.welfare));
      if (r.welfare < lp.welfare - 1e-6) strict++;
      // With a retailer the LP can only do better still.
      const withRetail = clearNetworkConstrained(orders, { feeder, solver: highs, tariffs: { retailPricePerKwh: 0.32, feedInPricePerKwh: 0.06 } });
      expect(r.welfare).toBeLessThanOrEqual(withRetail.welfare + 1e-9 * Math.max(1, withRetail.welfare));
      // Independent check of the sensitivities: the accepted quantities as must-clear orders (buyers bid 1, sellers
      // ask 0) are all cleared by the LP's own LinDistFlow constraints, with the same voltages.
      const forced = r.fills.filter((f) => f.quantityKwh > 1e-9).map((f) => order(f.orderId, f.side, f.quantityKwh, f.side === 'buy' ? 1 : 0, String(f.bus)));
      const check = clearNetworkConstrained(forced, { feeder, solver: highs });
      expect(check.status).toBe('optimal');
      check.fills.forEach((f) => expect(f.notClearedKwh).toBeLessThan(1e-6 * Math.max(1, f.quantityKwh)));
      for (let b = 0; b < net.nBus; b++) expect(check.vmPu[b]).toBeCloseTo(r.vmPu[b]!, 7);
    }
    console.log(`random IEEE 33 books: sensitivity-checked welfare below the LP optimum in ${strict} of 10`);
    expect(strict).toBeGreaterThan(0);
  });

  it('with no binding limit every matched trade is accepted and the welfare equals the LP optimum without a retailer', () => {
    const net = compileNetwork(createIeee33({}));
    const feeder = linDistFlowFeeder(net);
    for (let seed = 1; seed <= 3; seed++) {
      const orders = randomFeederBook(net, 50, seed, 5);
      const r = clearSensitivityChecked(orders, { feeder, seed });
      expect(r.trades.every((t) => t.limit === null && t.quantityKwh === t.requestedKwh)).toBe(true);
      expect(r.welfare).toBeCloseTo(r.matchedWelfare, 12);
      const lp = clearNetworkConstrained(orders, { feeder, solver: highs });
      expect(r.welfare).toBeCloseTo(lp.welfare, 8);
    }
  });

  it('limits the background already violates are not worsened (status base-violation); trades that relieve them pass', () => {
    // IEEE 33's own loads put the far end of the main feeder near 0.91 p.u. by LinDistFlow: below a 0.95 floor.
    const net = tightIeee33(0.95, 1.05, 0);
    const feeder = linDistFlowFeeder(net);
    const orders = [order('pv18', 'sell', 50, 0.05, '18'), order('h17', 'buy', 50, 0.3, '17'), order('pv2', 'sell', 50, 0.06, '2'), order('h33', 'buy', 50, 0.29, '33')];
    const base = clearSensitivityChecked([], { feeder, backgroundLoad: 'network' });
    const r = clearSensitivityChecked(orders, { feeder, backgroundLoad: 'network' });
    expect(r.status).toBe('base-violation');
    expect(r.baseViolationBuses).toContain('18');
    // pv18 → h17 moves power up the feeder at its violated end: it raises bus 18, so it passes in full.
    expect(r.trades[0]).toMatchObject({ sellOrderId: 'pv18', buyOrderId: 'h17', quantityKwh: 50, limit: null });
    // pv2 → h33 would pull the violated end of the lateral at 33 lower still: rejected.
    expect(r.trades[1]).toMatchObject({ sellOrderId: 'pv2', buyOrderId: 'h33', quantityKwh: 0 });
    expect(r.trades[1]!.limit?.kind).toBe('voltage');
    for (let b = 0; b < net.nBus; b++) {
      if (base.vmPu[b]! < 0.95) expect(r.vmPu[b]).toBeGreaterThanOrEqual(base.vmPu[b]! - 1e-12);
    }
  });

  it('refuses a matching without trades, an unknown rule and orders without a bus, naming them', () => {
    const feeder = linDistFlowFeeder(chain3(undefined));
    const book = [order('s', 'sell', 1, 0.1, 'b3'), order('d', 'buy', 1, 0.3, 'b2')];
    expect(() => clearSensitivityChecked(book, { feeder, matching: 'uniform' as never })).toThrow(ValidationError);
    expect(() => clearSensitivityChecked(book, { feeder, matching: 'uniform' as never })).toThrow(/matching.*midpoint, pay-as-bid, pay-as-offer/);
    expect(() => clearSensitivityChecked(book, { feeder, violationRule: 'drop' as never })).toThrow(/violationRule/);
    expect(() => clearSensitivityChecked([{ id: 'x', prosumer: 'p', side: 'buy', quantityKwh: 1, pricePerKwh: 0.2 }], { feeder })).toThrow(/order "x": bus/);
    expect(() => clearSensitivityChecked(book, { feeder, intervalHours: 0 })).toThrow(/intervalHours/);
  });
});
