/**
 * How much WebAssembly memory the large computations take, and so what fits under the wasm32 limit (4 GiB): the peak
 * byte length of every module memory (growth slack included, so the extrapolated capacities are conservative) for the
 * sweep and Newton-Raphson on a 1e6-bus synthetic feeder, Newton on case9241pegase, and uniform / pay-as-bid clears
 * of 1e6 orders (clearMarketColumnar). The README's capacity table quotes this suite.
 * Usage: node --import tsx bench/wasm-capacity.bench.ts [--quick]   (--quick: 1e5 buses and orders)
 * Writes bench/results/wasm-capacity.json and bench/results/wasm-capacity.md.
 */
import { readFileSync } from 'node:fs';
import { createSyntheticFeeder } from '../ts/network/synthetic-feeder.js';
import { createPowerFlow } from '../ts/powerflow/power-flow.js';
import { compileMatpowerCase } from '../ts/network/compile-matpower-case.js';
import { parseMatpowerJson } from '../ts/network/matpower-json-parser.js';
import { clearMarketColumnar } from '../ts/market/clear-market-columnar.js';
import { Rng } from '../ts/random.js';
import { matpowerJsonPath } from '../test/support/cases.js';
import { cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';

// Every module instance is created lazily, after this patch: it sees every grow of every memory.
const peaks = new Map<WebAssembly.Memory, number>();
const grow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function (this: WebAssembly.Memory, delta: number): number {
  const r = grow.call(this, delta);
  peaks.set(this, this.buffer.byteLength);
  return r;
};
function peak(): number {
  const m = Math.max(0, ...peaks.values());
  peaks.clear();
  return m;
}

const quick = process.argv.includes('--quick');
const LIMIT = 2 ** 32;
const n = quick ? 100_000 : 1_000_000;
const rows: { what: string; elements: number; unit: string; bytes: number; perElement: number; fits: number }[] = [];
const add = (what: string, elements: number, unit: string, bytes: number) =>
  rows.push({ what, elements, unit, bytes, perElement: bytes / elements, fits: LIMIT / (bytes / elements) });

const feeder = createSyntheticFeeder({ buses: n, seed: 42 }).compiled;
peak();
for (const method of ['bfs', 'nr'] as const) {
  const pf = createPowerFlow(feeder, { method, engine: 'wasm' });
  const r = pf.solve();
  pf.dispose();
  if (r.status !== 'converged') throw new Error(`${method}: ${r.status}`);
  add(`${method === 'bfs' ? 'sweep' : 'Newton-Raphson'}, synthetic radial feeder`, n, 'bus', peak());
}
const path = matpowerJsonPath('case9241pegase');
const pegase = compileMatpowerCase(parseMatpowerJson(readFileSync(path, 'utf8'), path));
const pf = createPowerFlow(pegase, { method: 'nr', engine: 'wasm' });
pf.solve();
pf.dispose();
add('Newton-Raphson, case9241pegase (meshed, LU fill)', pegase.nBus, 'bus', peak());
const rng = new Rng(1);
const book = {
  side: Int32Array.from({ length: n }, () => (rng.next() < 0.5 ? 0 : 1)),
  quantityKwh: Float64Array.from({ length: n }, () => 0.1 + 5 * rng.next()),
  pricePerKwh: Float64Array.from({ length: n }, () => 0.05 + 0.25 * rng.next()),
};
for (const mechanism of ['uniform', 'pay-as-bid'] as const) {
  clearMarketColumnar(book, { mechanism, tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 } });
  add(`${mechanism} auction (clearMarketColumnar)`, n, 'order', peak());
}
function plural(unit: string): string {
  return unit === 'bus' ? 'buses' : `${unit}s`;
}
writeResult('wasm-capacity.json', JSON.stringify({ suite: 'wasm-capacity', quick, date: new Date().toISOString(), node: process.version, limitBytes: LIMIT, rows }, null, 2));
const md = `## WebAssembly memory and capacity (wasm-capacity)

${quick ? '**Quick run** (1e5 elements). ' : ''}${new Date().toISOString()}, Node ${process.version}, ${cpuDescription()}, load average ${loadAverageText()}.
Peak byte length of the module memories (growth slack included), and the size that would fill the wasm32 limit of 4 GiB at that rate (beyond it: CapacityError).

| computation | size | WASM memory | per element | fits in 4 GiB (≈) |
| --- | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${r.what} | ${r.elements.toLocaleString('en-US')} ${plural(r.unit)} | ${(r.bytes / 2 ** 20).toFixed(1)} MiB | ${r.perElement.toFixed(0)} B/${r.unit} | ${(r.fits / 1e6).toFixed(1)} M ${plural(r.unit)} |`).join('\n')}
`;
writeResult('wasm-capacity.md', md);
console.log(md);
