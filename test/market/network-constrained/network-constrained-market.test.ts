// clearMarket(orders, { mechanism: 'network-constrained', network, solver }): the settlement as a ClearingResult, the
// shortcut of fixed-demand clearing against the LP, soft limits.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSyntheticFeeder } from '../../../ts/network/synthetic-feeder.js';
import { loadLpSolver } from '../../../ts/lp/load-lp-solver.js';
import type { LpSolver } from '../../../ts/lp/lp-solver.js';
import { Rng } from '../../../ts/random.js';
import { ValidationError } from '../../../ts/errors.js';
import type { Order, Tariffs } from '../../../ts/market/order.js';
import { clearMarket } from '../../../ts/market/clear-market.js';
import { linDistFlowFeeder } from '../../../ts/market/network-constrained/lindistflow-feeder.js';
import { clearNetworkConstrained, DELIVERY_PREFERENCE_PER_KWH } from '../../../ts/market/network-constrained/network-constrained-clearing.js';
import { ClearingWarmStart } from '../../../ts/market/network-constrained/clearing-warm-start.js';
import { chain3, order } from './feeder-fixtures.js';

let highs: LpSolver;
let glpk: LpSolver;
beforeAll(async () => {
  highs = await loadLpSolver('highs');
  glpk = await loadLpSolver('glpk');
});

describe("clearMarket with mechanism 'network-constrained'", () => {
  it('needs a loaded solver and the network, with an error that says how to load one', () => {
    const network = chain3(undefined);
    const book = [order('d', 'buy', 1, 0.3, 'b2')];
    expect(() => clearMarket(book, { mechanism: 'network-constrained', network } as never)).toThrow(ValidationError);
    expect(() => clearMarket(book, { mechanism: 'network-constrained', network } as never)).toThrow(/await loadLpSolver\(\)/);
    expect(() => clearMarket(book, { mechanism: 'network-constrained', solver: highs } as never)).toThrow(/network/);
  });

  it('3-bus chain with a congested cable, by hand: fills at the bus price kept inside [floor, ceiling], the rest with the retailer', () => {
    // c23 carries 30 kVA at most: the inscribed 12-gon lets 30·cos 15° = 28.98 kW through at unity power factor.
    const network = chain3(30 / (Math.sqrt(3) * 0.4));
    const tariffs: Tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.1 };
    const r = clearMarket([order('s3', 'sell', 50, 0.05, 'b3'), order('d2', 'buy', 20, 0.4, 'b2')], { mechanism: 'network-constrained', network, solver: highs, tariffs, intervalHours: 1 });
    const cap = 30 * Math.cos(Math.PI / 12);
    expect(r.status).toBe('optimal');
    expect(r.clearingPrice).toBeNull();
    // The seller is cut back to what the cable carries; 20 kWh go to the buyer, the rest (cap − 20) to the retailer.
    expect(r.notCleared).toHaveLength(1);
    expect(r.notCleared[0]!.quantityKwh).toBeCloseTo(50 - cap, 6);
    expect(r.tradedKwh).toBeCloseTo(20, 9);
    const [sell, buy] = [r.fills.find((f) => f.side === 'sell')!, r.fills.find((f) => f.side === 'buy')!];
    expect(sell.quantityKwh).toBeCloseTo(20, 9);
    expect(buy.quantityKwh).toBeCloseTo(20, 9);
    expect(r.gridSales[0]!.quantityKwh).toBeCloseTo(cap - 20, 6);
    expect(r.gridSales[0]!.pricePerKwh).toBe(0.1);
    expect(r.gridPurchases).toEqual([]);
    // DLMPs: b2 is priced by the retailer's bid (feed-in 0.1), b3 by its own partly cleared seller (0.05); the
    // seller's P2P price is raised to the floor (feed-in) so it does no worse than the grid.
    expect(buy.busPricePerKwh).toBeCloseTo(0.1, 9);
    expect(sell.busPricePerKwh).toBeCloseTo(0.05, 9);
    expect(buy.pricePerKwh).toBeCloseTo(0.1, 9);
    expect(sell.pricePerKwh).toBeCloseTo(0.1, 9);
    expect(buy.bus).toBe('b2');
    expect(r.marketSurplus).toBeCloseTo(0, 9);
    // Welfare at capped prices: bid min(0.4, 0.3), ask max(0.05, 0.1) over 20 kWh; the book's cross is the same.
    expect(r.welfare).toBeCloseTo(20 * (0.3 - 0.1), 9);
    expect(r.maxWelfare).toBeCloseTo(20 * (0.3 - 0.1), 9);
    expect(r.network.bindingBranches).toEqual(['c23']);
  });

  it('random books on a synthetic feeder: individually rational, energy adds up per order, savings + surplus = welfare at reservation (both solvers)', () => {
    const network = createSyntheticFeeder({ buses: 40, seed: 3 }).compiled;
    const buses = network.busIds.slice(3);
    const tariffs: Tariffs = { retailPricePerKwh: 0.4, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.12, leviesPerKwh: 0.03, sellerChargeShare: 0.2 };
    const rng = new Rng(11);
    let congested = 0;
    for (let t = 0; t < 12; t++) {
      const book: Order[] = buses.map((b, k) => order(`o${k}`, rng.next() < 0.4 ? 'sell' : 'buy', rng.uniform(0.1, t % 2 ? 12 : 2), rng.uniform(0.05, 0.45), b));
      for (const solver of [highs, glpk]) {
        const r = clearMarket(book, { mechanism: 'network-constrained', network, solver, tariffs, fixedDemand: t % 4 === 0 });
        expect(r.status).toBe('optimal');
        if (solver === highs && (r.network.bindingBranches.length > 0 || r.network.bindingVoltageBuses.length > 0)) congested++;
        for (const f of r.fills) {
          if (f.side === 'buy') expect(f.allInPricePerKwh).toBeLessThanOrEqual(0.4 + 1e-12);
          else expect(f.allInPricePerKwh).toBeGreaterThanOrEqual(0.08 - 1e-12);
        }
        const sum = (xs: Array<{ quantityKwh: number; side: string }>, side: string) => xs.filter((x) => x.side === side).reduce((a, x) => a + x.quantityKwh, 0);
        expect(sum(r.fills, 'buy')).toBeCloseTo(r.tradedKwh, 9);
        expect(sum(r.fills, 'sell')).toBeCloseTo(r.tradedKwh, 9);
        for (const o of book) {
          const part = (xs: Array<{ orderId: string; quantityKwh: number }>) => xs.filter((x) => x.orderId === o.id).reduce((a, x) => a + x.quantityKwh, 0);
          expect(part(r.fills) + part(o.side === 'buy' ? r.gridPurchases : r.gridSales) + part(r.notCleared)).toBeCloseTo(o.quantityKwh, 7);
        }
        expect(r.welfareAtReservation!).toBeCloseTo(r.prosumerSavings! + r.marketSurplus, 9);
      }
    }
    expect(congested).toBeGreaterThanOrEqual(2);
  });
});

describe('thermal polygons added as needed', () => {
  it('give the optimum and prices of the LP with every polygon, on congested random books (flexible and fixed demand)', () => {
    // The feeder's cables at 30 % of their ratings, so that thermal limits bind before voltage.
    const rated = createSyntheticFeeder({ buses: 40, seed: 3 }).compiled;
    const net = { ...rated, rateMva: rated.rateMva.map((r) => r * 0.3) };
    const feeder = linDistFlowFeeder(net);
    const tariffs: Tariffs = { retailPricePerKwh: 0.4, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.15 };
    const rng = new Rng(21);
    let binding = 0;
    for (let t = 0; t < 8; t++) {
      // Sellers up to 25 kWh a quarter hour (100 kW): reverse flows beyond the cables' ratings; buyers up to 1 kWh.
      const book: Order[] = net.busIds.slice(3).map((b, k) => (rng.next() < 0.5
        ? order(`s${k}`, 'sell', rng.uniform(0.1, 25), rng.uniform(0.05, 0.3), b)
        : order(`d${k}`, 'buy', rng.uniform(0.1, 1), rng.uniform(0.1, 0.3), b)));
      const fixedDemand = t % 2 === 0;
      const lazy = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand, shortcut: false });
      const full = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand, lazyThermal: false });
      expect(lazy.status).toBe(full.status);
      if (full.status !== 'optimal') continue;
      binding += full.bindingBranches.length > 0 ? 1 : 0;
      // The branches whose polygon binds in one run are at their (inscribed) rating in the other.
      for (const id of lazy.bindingBranches) expect(full.loadingPercent[net.branchIds.indexOf(id)]!).toBeGreaterThan(100 * Math.cos(Math.PI / 12) - 1e-4);
      expect(lazy.welfare).toBeCloseTo(full.welfare, 7);
      lazy.fills.forEach((f, i) => expect(f.quantityKwh).toBeCloseTo(full.fills[i]!.quantityKwh, 5));
      // Where an order is cleared in part its bus price is its own price in both (elsewhere degenerate LPs may have
      // several dual solutions: highs and glpk then pick different ones too).
      lazy.fills.forEach((f, i) => {
        if (f.quantityKwh > 1e-6 && f.notClearedKwh > 1e-6) expect(f.pricePerKwh).toBeCloseTo(full.fills[i]!.pricePerKwh, 6);
      });
    }
    expect(binding).toBeGreaterThanOrEqual(4);
  });
});

describe('a series of clearings on one open LP (warm starts)', () => {
  it('gives the answers of one-off solves, step after step, and reuses the open model when the structure repeats', () => {
    const rated = createSyntheticFeeder({ buses: 40, seed: 3 }).compiled;
    const net = { ...rated, rateMva: rated.rateMva.map((r) => r * 0.3) };
    const feeder = linDistFlowFeeder(net);
    const tariffs: Tariffs = { retailPricePerKwh: 0.4, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.15 };
    const rng = new Rng(5);
    const sellers = new Set(net.busIds.slice(3).filter(() => rng.next() < 0.5));
    const warmStart = new ClearingWarmStart();
    for (let t = 0; t < 10; t++) {
      // The same households sell every step (midday), with PV and loads that change from step to step; distinct asks
      // make the optimum unique (with equal asks, which seller behind a limit is cut back is a tie).
      const book: Order[] = net.busIds.slice(3).map((b, k) => (sellers.has(b)
        ? order(`s${k}`, 'sell', rng.uniform(5, 25), rng.uniform(0.03, 0.08), b)
        : order(`d${k}`, 'buy', rng.uniform(0.1, 1), 0.2, b)));
      const warm = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand: true, warmStart });
      const cold = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand: true });
      expect(warm.status).toBe(cold.status);
      expect(warm.lpSolved).toBe(true);
      expect(warm.welfare).toBeCloseTo(cold.welfare, 7);
      warm.fills.forEach((f, i) => expect(f.quantityKwh).toBeCloseTo(cold.fills[i]!.quantityKwh, 5));
      warm.fills.forEach((f, i) => {
        if (f.quantityKwh > 1e-6 && f.notClearedKwh > 1e-6) expect(f.pricePerKwh).toBeCloseTo(cold.fills[i]!.pricePerKwh, 6);
      });
    }
    expect(warmStart.warmSolves).toBeGreaterThan(5);
    warmStart.dispose();
  });
});

describe('fixed demand (the simulation’s households): the single-node shortcut is the LP’s optimum', () => {
  it('on random steps of a synthetic feeder, the shortcut (when it applies) gives the LP’s quantities and prices; otherwise the LP runs', () => {
    const net = createSyntheticFeeder({ buses: 60, seed: 2 }).compiled;
    const feeder = linDistFlowFeeder(net);
    const tariffs: Tariffs = { retailPricePerKwh: 0.4, feedInPricePerKwh: 0.081, networkChargePerKwh: 0.2 };
    const rng = new Rng(7);
    let shortcuts = 0;
    let lps = 0;
    for (let t = 0; t < 30; t++) {
      // From evening load to midday PV far beyond the cables' ratings.
      const pv = rng.uniform(0, 30);
      const book: Order[] = net.busIds.slice(3).map((b, k) => (rng.next() < 0.5
        ? order(`s${k}`, 'sell', rng.uniform(0, pv) * 0.25 + 1e-3, t % 2 ? 0.081 : rng.uniform(0.05, 0.3), b)
        : order(`d${k}`, 'buy', rng.uniform(0.05, 1.5) * 0.25, 0.2, b)));
      const quick = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand: true });
      const full = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand: true, shortcut: false });
      expect(full.lpSolved).toBe(true);
      expect(full.status).toBe('optimal');
      if (quick.lpSolved) {
        lps++;
        continue;
      }
      shortcuts++;
      expect(full.bindingBranches).toEqual([]);
      expect(full.bindingVoltageBuses).toEqual([]);
      expect(quick.welfare).toBeCloseTo(full.welfare, 7);
      quick.fills.forEach((f, i) => expect(f.quantityKwh).toBeCloseTo(full.fills[i]!.quantityKwh, 6));
      quick.dlmpPerKwh.forEach((d, b) => expect(d).toBeCloseTo(full.dlmpPerKwh[b]!, 5));
      quick.vmPu.forEach((v, b) => expect(v).toBeCloseTo(full.vmPu[b]!, 9));
    }
    expect(shortcuts).toBeGreaterThan(3);
    expect(lps).toBeGreaterThan(3);
  });

  it('a seller at the export price is delivered, not curtailed (the 1e-6 delivery preference), and buyers are served in full', () => {
    const network = chain3(undefined);
    const tariffs: Tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.1 };
    const book = [order('s3', 'sell', 5, 0.1, 'b3'), order('d2', 'buy', 2, 0.05, 'b2')];
    for (const shortcut of [true, false]) {
      const r = clearNetworkConstrained(book, { feeder: linDistFlowFeeder(network), solver: highs, tariffs, fixedDemand: true, shortcut });
      expect(r.fills.map((f) => f.quantityKwh)).toEqual([5, 2].map((x) => expect.closeTo(x, 9)));
      expect(r.substationExportKwh).toBeCloseTo(3, 9);
      expect(r.dlmpPerKwh[2]).toBeCloseTo(0.1, 9);
    }
    expect(DELIVERY_PREFERENCE_PER_KWH).toBe(1e-6);
  });

  it('load alone beyond a limit: infeasible with hard limits, soft limits clear it and say so', () => {
    const network = chain3(10 / (Math.sqrt(3) * 0.4));
    const feeder = linDistFlowFeeder(network);
    const book = [order('d3', 'buy', 20, 0.3, 'b3')];
    const tariffs: Tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.1 };
    const hard = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand: true, intervalHours: 1 });
    expect(hard.status).toBe('infeasible');
    const soft = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand: true, intervalHours: 1, limitPenaltyPerKwh: 100 });
    expect(soft.status).toBe('optimal');
    expect(soft.limitsRelaxed).toBe(true);
    expect(soft.fills[0]!.quantityKwh).toBeCloseTo(20, 9);
    expect(soft.bindingBranches).toEqual(['c23']);
    // Settled, the buyer still pays at most retail: the bus price is far above it, the P2P price is capped.
    const settled = clearMarket(book, { mechanism: 'network-constrained', network, solver: highs, tariffs, fixedDemand: true, intervalHours: 1, limitPenaltyPerKwh: 100 });
    expect(settled.gridPurchases[0]!.quantityKwh).toBeCloseTo(20, 9);
    expect(settled.gridPurchases[0]!.pricePerKwh).toBe(0.3);
  });
});
