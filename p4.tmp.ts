import { loadScenarioNetwork } from './ts/sim/engine/default-deps.js';
import { linDistFlowFeeder } from './ts/market/network-constrained/lindistflow-feeder.js';
import { clearNetworkConstrained } from './ts/market/network-constrained/network-constrained-clearing.js';
import { loadLpSolver } from './ts/lp/load-lp-solver.js';
import type { Order } from './ts/market/order.js';
const net = loadScenarioNetwork('synthetic-103-seed2', undefined);
const feeder = linDistFlowFeeder(net);
const solver = await loadLpSolver('highs');
const orders: Order[] = [];
for (let k = 1; k <= 100; k++) orders.push({ id: 'o'+k, prosumer: 'p'+k, side: k % 4 === 0 ? 'buy' : 'sell', quantityKwh: k % 4 === 0 ? 0.1 : 2.5, pricePerKwh: 0.081, bus: 'h'+k });
const tariffs = { retailPricePerKwh: 0.4034, feedInPricePerKwh: 0.081, networkChargePerKwh: 0.2011 };
let r = clearNetworkConstrained(orders, { feeder, solver, tariffs, fixedDemand: true });
console.log(r.status, r.lpSolved, r.bindingBranches, r.bindingVoltageBuses.length, r.solveMs);
let t0 = performance.now(); let sm = 0;
for (let i = 0; i < 30; i++) { r = clearNetworkConstrained(orders, { feeder, solver, tariffs, fixedDemand: true }); sm += r.solveMs; }
console.log('ms/clear', (performance.now() - t0) / 30, 'solve ms', sm / 30);
