/**
 * Network-constrained clearing (the LinDistFlow LP with DLMPs, HiGHS) vs uniform clearing (the auction kernel, no
 * grid) vs sensitivity-checked bilateral trades (midpoint matching + the LinDistFlow sensitivity check), at 100,
 * 1,000, 10,000 and 100,000 orders on radial feeders (IEEE 33 and MATPOWER's case141) carrying their own loads.
 * Books: createRandomBook's prices and sizes, sellers at random buses of the first half of the feeder (topological
 * order), buyers of the second, quantities scaled by 1600/n, so every book offers about 3,200 kWh per side in a
 * 15-minute interval (13 MW, 3.5 times IEEE 33's 3.7 MW of load) whatever n: more than the feeder can carry.
 * Tariffs 0.30 / 0.08 per kWh. Each round runs the three in turn (same machine load for all); medians.
 * For every cleared book also the LinDistFlow error: an AC power flow (the public createPowerFlow) of the background
 * plus the cleared injections, against the voltages the LP and the check computed; and the AC voltage range of the
 * uniform outcome, where every order is served (P2P or by the retailer) and the grid is not looked at.
 * Usage: node --import tsx bench/network-clearing.bench.ts [--quick]
 * Writes bench/results/network-clearing.json and bench/results/network-clearing.md.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { clearMarket } from '../ts/market/clear-market.js';
import type { Order, Tariffs } from '../ts/market/order.js';
import { createRandomBook } from '../ts/market/random-book.js';
import { linDistFlowFeeder, type LinDistFlowFeeder } from '../ts/market/network-constrained/lindistflow-feeder.js';
import { clearNetworkConstrained } from '../ts/market/network-constrained/network-constrained-clearing.js';
import { clearSensitivityChecked } from '../ts/market/network-constrained/sensitivity-checked-trades.js';
import { loadLpSolver } from '../ts/lp/load-lp-solver.js';
import { compileNetwork } from '../ts/network/compile-network.js';
import { compileMatpowerCase } from '../ts/network/compile-matpower-case.js';
import type { CompiledNetwork } from '../ts/network/compiled-network.js';
import { createIeee33 } from '../ts/network/ieee33.js';
import { parseMatpowerJson } from '../ts/network/matpower-json-parser.js';
import { createPowerFlow } from '../ts/powerflow/power-flow.js';
import { Rng } from '../ts/random.js';
import { matpowerJsonPath } from '../test/support/cases.js';
import { cpuDescription, loadAverageText, median, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [100, 1_000] : [100, 1_000, 10_000, 100_000];
const FEEDERS = quick ? ['ieee33'] : ['ieee33', 'case141'];
const roundsFor = (n: number): number => (quick ? 2 : n <= 1_000 ? 7 : n <= 10_000 ? 5 : 3);
const tariffs: Tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 };
const DT = 0.25;
/** Quantities × this / n: createRandomBook averages 4.05 kWh per order, so a book offers about 2 kWh × this per side. */
const BOOK_SCALE = 1600;

function feederNetwork(name: string): CompiledNetwork {
  if (name === 'ieee33') return compileNetwork(createIeee33({}));
  const file = matpowerJsonPath(name);
  return compileMatpowerCase(parseMatpowerJson(readFileSync(file, 'utf8'), file));
}

/** createRandomBook with sellers at random positions of the first half of the feeder's topological order, buyers of the second. */
function feederBook(net: CompiledNetwork, feeder: LinDistFlowFeeder, n: number, seed: number): Order[] {
  const rng = new Rng(seed ^ 0x5eed);
  const m = feeder.busOfPosition.length;
  const scale = BOOK_SCALE / n;
  const half = m >> 1;
  return createRandomBook(n, seed).map((o) => ({
    ...o,
    quantityKwh: o.quantityKwh * scale,
    // Sellers near the substation, buyers down the feeder: P2P flows run down the feeder, against its voltage drop.
    bus: net.busIds[feeder.busOfPosition[o.side === 'sell' ? 1 + rng.int(half - 1) : half + rng.int(m - half)]!]!,
  }));
}

/** Max |V_AC − V_LinDistFlow| and the AC voltage range for the background plus `buyKwh`/`sellKwh` per bus. */
function acCheck(net: CompiledNetwork, buyKwh: Float64Array, sellKwh: Float64Array, linVm: Float64Array | null) {
  const sBaseKw = net.baseMva * 1000;
  const load = new Float64Array(net.nBus);
  const qLoad = new Float64Array(net.nBus);
  const inj = new Float64Array(net.nBus);
  for (let b = 0; b < net.nBus; b++) {
    load[b] = net.pLoadPu[b]! * sBaseKw + buyKwh[b]! / DT;
    qLoad[b] = net.qLoadPu[b]! * sBaseKw;
    inj[b] = sellKwh[b]! / DT;
  }
  const ac = createPowerFlow(net, { warmStart: false }).solve({ pLoadKw: load, qLoadKvar: qLoad, pInjectionKw: inj });
  let err = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let b = 0; b < net.nBus; b++) {
    if (!Number.isFinite(ac.vmPu[b]!)) continue;
    lo = Math.min(lo, ac.vmPu[b]!);
    hi = Math.max(hi, ac.vmPu[b]!);
    if (linVm && Number.isFinite(linVm[b]!)) err = Math.max(err, Math.abs(ac.vmPu[b]! - linVm[b]!));
  }
  return { status: ac.status, maxErrPu: linVm ? err : null, acMinVmPu: lo, acMaxVmPu: hi };
}

/** Energy per bus of a list of fills (buy and sell apart), kWh. */
function perBus(net: CompiledNetwork, fills: Array<{ side: string; quantityKwh: number; bus?: string | number }>, busOf: (i: number) => string | number) {
  const buy = new Float64Array(net.nBus);
  const sell = new Float64Array(net.nBus);
  fills.forEach((f, i) => {
    const b = net.busIndex.get(f.bus ?? busOf(i))!;
    if (f.side === 'buy') buy[b] += f.quantityKwh;
    else sell[b] += f.quantityKwh;
  });
  return { buy, sell };
}

interface Row {
  feeder: string; buses: number; orders: number; rounds: number;
  uniformMs: number; lpMs: number; lpSolveMs: number; checkedMs: number; checkOnlyMs: number;
  lpOverUniform: number; checkedOverUniform: number; lpOverChecked: number;
  lpStatus: string; lpCols: number; bindingVoltage: number; bindingBranches: number;
  lpGain: number; checkedGain: number; checkedTradedKwh: number; checkedRequestedKwh: number; tradesCut: number; trades: number;
  lpAcErrPu: number | null; checkedAcErrPu: number | null; lpAcMinVm: number; checkedAcMinVm: number; uniformAcMinVm: number; vmMinLimit: number;
}

const highs = await loadLpSolver('highs');
const rows: Row[] = [];
for (const name of FEEDERS) {
  const net = feederNetwork(name);
  const feeder = linDistFlowFeeder(net);
  let bgKwh = 0;
  for (let b = 0; b < net.nBus; b++) bgKwh += net.pLoadPu[b]! * net.baseMva * 1000 * DT;
  for (const n of SIZES) {
    const orders = feederBook(net, feeder, n, n + 17);
    const rounds = roundsFor(n);
    const u: number[] = [], l: number[] = [], ls: number[] = [], c: number[] = [], co: number[] = [];
    // One warm-up of each (the first HiGHS solve in a process compiles its WASM).
    let uni = clearMarket(orders, { mechanism: 'uniform', tariffs });
    let lp = clearNetworkConstrained(orders, { feeder, solver: highs, tariffs, backgroundLoad: 'network', intervalHours: DT });
    let chk = clearSensitivityChecked(orders, { feeder, tariffs, backgroundLoad: 'network', intervalHours: DT });
    for (let r = 0; r < rounds; r++) {
      let t0 = performance.now();
      uni = clearMarket(orders, { mechanism: 'uniform', tariffs });
      u.push(performance.now() - t0);
      t0 = performance.now();
      lp = clearNetworkConstrained(orders, { feeder, solver: highs, tariffs, backgroundLoad: 'network', intervalHours: DT });
      l.push(performance.now() - t0);
      ls.push(lp.solveMs);
      t0 = performance.now();
      chk = clearSensitivityChecked(orders, { feeder, tariffs, backgroundLoad: 'network', intervalHours: DT });
      c.push(performance.now() - t0);
      co.push(chk.checkMs);
    }
    const busOf = (i: number): string | number => orders[i]!.bus!;
    const lpBus = perBus(net, lp.fills, busOf);
    const chkBus = perBus(net, chk.fills, busOf);
    // Uniform: every order is served in full, P2P or by the retailer.
    const uniBus = perBus(net, orders, busOf);
    const lpAc = acCheck(net, lpBus.buy, lpBus.sell, lp.vmPu);
    const chkAc = acCheck(net, chkBus.buy, chkBus.sell, chk.vmPu);
    const uniAc = acCheck(net, uniBus.buy, uniBus.sell, null);
    const row: Row = {
      feeder: name, buses: net.nBus, orders: n, rounds,
      uniformMs: median(u), lpMs: median(l), lpSolveMs: median(ls), checkedMs: median(c), checkOnlyMs: median(co),
      lpOverUniform: median(l) / median(u), checkedOverUniform: median(c) / median(u), lpOverChecked: median(l) / median(c),
      lpStatus: lp.status, lpCols: n + 3 + 3 * (feeder.busOfPosition.length - 1),
      bindingVoltage: lp.bindingVoltageBuses.length, bindingBranches: lp.bindingBranches.length,
      // Gains over serving the background from the grid: the LP's welfare + retail × background; the check's P2P gains.
      lpGain: lp.welfare + tariffs.retailPricePerKwh! * bgKwh, checkedGain: chk.welfare,
      checkedTradedKwh: chk.tradedKwh, checkedRequestedKwh: chk.requestedKwh,
      tradesCut: chk.trades.filter((t) => t.limit !== null).length, trades: chk.trades.length,
      lpAcErrPu: lpAc.maxErrPu, checkedAcErrPu: chkAc.maxErrPu, lpAcMinVm: lpAc.acMinVmPu, checkedAcMinVm: chkAc.acMinVmPu,
      uniformAcMinVm: uniAc.acMinVmPu, vmMinLimit: Math.min(...net.vmMinPu),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
}

const meta = { suite: 'network-clearing', date: new Date().toISOString(), node: process.version, cpu: cpuDescription(), loadAverage: loadavg(), quick };
writeResult('network-clearing.json', JSON.stringify({ ...meta, rows }, null, 2) + '\n');
const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(0));
const x = (v: number): string => `${v < 10 ? v.toFixed(1) : v.toFixed(0)}×`;
const pu = (v: number | null): string => (v === null ? '—' : v.toExponential(1));
writeResult('network-clearing.md', [
  '## Network-constrained clearing vs uniform clearing vs sensitivity-checked trades',
  '',
  `${meta.date}, ${meta.cpu}, load average ${loadAverageText()}${quick ? ', --quick' : ''}. Radial feeders with their own loads; ` +
    'books of n random orders (sellers in the first half of the feeder, buyers in the second), about 3,200 kWh per side per 15 minutes whatever n; retail 0.30, feed-in 0.08. ' +
    'Medians over interleaved rounds (after one warm-up each) of the whole call: uniform = clearMarket (WASM auction, no grid); ' +
    'LP = clearNetworkConstrained (LinDistFlow LP built and solved by HiGHS; its solve alone in brackets); ' +
    'checked = clearSensitivityChecked (midpoint matching + the sensitivity check; the check alone in brackets).',
  '',
  '| feeder | orders | rounds | uniform ms | LP ms (solve) | checked ms (check) | LP / uniform | checked / uniform | LP / checked |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.feeder} (${r.buses} buses) | ${r.orders.toLocaleString('en-US')} | ${r.rounds} | ${ms(r.uniformMs)} | ${ms(r.lpMs)} (${ms(r.lpSolveMs)}) | ` +
    `${ms(r.checkedMs)} (${ms(r.checkOnlyMs)}) | ${x(r.lpOverUniform)} | ${x(r.checkedOverUniform)} | ${x(r.lpOverChecked)} |`),
  '',
  'Outcomes and the LinDistFlow error: gains over serving the background from the grid (LP: its welfare + retail × background; ' +
    'checked: the accepted trades\' gains at declared prices — a feasible point of the same LP, so ≤ the LP\'s); the largest ' +
    '|V_AC − V_LinDistFlow| of an AC power flow of background + cleared injections; the AC minimum voltage of each outcome ' +
    '(uniform serves every order in full and never looks at the grid).',
  '',
  '| feeder | orders | LP status (binding V / branches) | LP gain | checked gain | checked kWh accepted / matched (trades cut) | LinDistFlow error LP / checked, p.u. | AC min V: LP / checked / uniform (limit) |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.feeder} | ${r.orders.toLocaleString('en-US')} | ${r.lpStatus} (${r.bindingVoltage} / ${r.bindingBranches}) | ${r.lpGain.toFixed(2)} | ` +
    `${r.checkedGain.toFixed(2)} | ${r.checkedTradedKwh.toFixed(1)} / ${r.checkedRequestedKwh.toFixed(1)} (${r.tradesCut} of ${r.trades}) | ${pu(r.lpAcErrPu)} / ${pu(r.checkedAcErrPu)} | ` +
    `${r.lpAcMinVm.toFixed(4)} / ${r.checkedAcMinVm.toFixed(4)} / ${r.uniformAcMinVm.toFixed(4)} (${r.vmMinLimit}) |`),
  '',
].join('\n'));
