import { createSyntheticFeeder } from './ts/network/synthetic-feeder.js';
import { linDistFlowFeeder } from './ts/market/network-constrained/lindistflow-feeder.js';
import { clearNetworkConstrained } from './ts/market/network-constrained/network-constrained-clearing.js';
import { loadLpSolver } from './ts/lp/load-lp-solver.js';
import { Rng } from './ts/random.js';
import type { Order } from './ts/market/order.js';
const highs = await loadLpSolver(); const glpk = await loadLpSolver('glpk');
const order = (id: string, side: 'buy' | 'sell', quantityKwh: number, pricePerKwh: number, bus: string | number): Order => ({ id, prosumer: id, side, quantityKwh, pricePerKwh, bus });
const net = createSyntheticFeeder({ buses: 40, seed: 3 }).compiled;
const feeder = linDistFlowFeeder(net);
const tariffs = { retailPricePerKwh: 0.4, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.15 };
const rng = new Rng(21);
for (let t = 0; t < 8; t++) {
  const book: Order[] = net.busIds.slice(3).map((b, k) => (rng.next() < 0.5 ? order(`s${k}`, 'sell', rng.uniform(0.1, 25), rng.uniform(0.05, 0.3), b) : order(`d${k}`, 'buy', rng.uniform(0.1, 1), rng.uniform(0.1, 0.3), b)));
  const fixedDemand = t % 2 === 0;
  const lazy = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand, shortcut: false });
  const full = clearNetworkConstrained(book, { feeder, solver: highs, tariffs, fixedDemand, lazyThermal: false });
  const fullG = clearNetworkConstrained(book, { feeder, solver: glpk, tariffs, fixedDemand, lazyThermal: false });
  console.log(t, lazy.status, lazy.welfare - full.welfare, lazy.bindingBranches.join(','), lazy.bindingVoltageBuses.join(','));
  lazy.dlmpPerKwh.forEach((d, b) => { if (Math.abs(d - full.dlmpPerKwh[b]!) > 1e-6) console.log('  bus', net.busIds[b], d, full.dlmpPerKwh[b], 'glpk', fullG.dlmpPerKwh[b]); });
}
