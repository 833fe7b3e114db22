/**
 * Auction clearing speed: every auction mechanism at 1e3, 1e4, 1e5 and 1e6 orders, WASM vs TS twin in one run,
 * kernel-only (typed columns in → typed fills out, including the two radix sorts and the copies into and out of
 * WASM memory) and end-to-end `clearMarket` (validation, lowering, kernel, Fill objects, retailer residuals).
 * At 1e5 and 1e6 orders also `clearMarketColumnar` end to end (typed-array columns in, per-order Float64Arrays out:
 * validation, lowering, kernel, scatter, retailer residuals), with string ids and with no ids (orders named by
 * index, prosumers as integers), and a paired TS/WASM kernel ratio (interleaved rounds, median of per-round ratios;
 * robust to the load drift that separate benchmark.js runs suffer on a shared machine).
 * Also: the radix-sort kernel vs Float64Array#sort at 1e6 keys, the small-book overhead (100 orders, the simulation's
 * 15-minute step) and Huang at 3,200 orders (pymarket's Huang takes about 0.9 s there).
 * Usage: node --import tsx bench/market-auctions.bench.ts [--quick]
 * (--quick: < 60 s; fewer samples, clearMarket and clearMarketColumnar end to end for uniform only, only uniform
 * at 1e6 orders)
 * Writes bench/results/market-auctions.json and bench/results/market-auctions.md.
 */
import Benchmark from 'benchmark';
import { loadavg } from 'node:os';
import { clearMarket } from '../ts/market/clear-market.js';
import { clearMarketColumnar } from '../ts/market/clear-market-columnar.js';
import { toOrderColumns, type OrderColumns } from '../ts/market/order-columns.js';
import { createRandomBook } from '../ts/market/random-book.js';
import { lowerBook, splitHalves } from '../ts/market/auction-book.js';
import { tsAuctionEngine, wasmAuctionEngine, type AuctionMechanism } from '../ts/market/auctions/auction-engine.js';
import { Rng } from '../ts/random.js';
import { median, cpuDescription, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const MECHS: AuctionMechanism[] = ['uniform', 'pay-as-bid', 'pay-as-offer', 'midpoint', 'trade-reduction', 'huang', 'muda'];
const ENGINES = [wasmAuctionEngine, tsAuctionEngine];
const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 };
const kernelOptions = { priceRule: 0, k: 0.5 };

/** Median seconds per call of fn, by benchmark.js. */
function measure(name: string, fn: () => unknown, n: number): number {
  const slow = n >= 1_000_000;
  const b = new Benchmark(name, fn, {
    minSamples: quick ? (slow ? 2 : 3) : slow ? 5 : 10,
    maxTime: quick ? (slow ? 0.3 : 0.15) : slow ? 4 : 2,
    initCount: 1,
  });
  b.run({ async: false });
  if (b.error) throw b.error;
  const t = median(b.stats.sample);
  console.log(`${name}: ${(t * 1000).toFixed(3)} ms (median of ${b.stats.sample.length})`);
  return t;
}

/**
 * TS/WASM time ratio from interleaved rounds (WASM then TS in each round; median of the per-round ratios), so both
 * engines see the same machine load.
 */
function pairedRatio(name: string, wasm: () => unknown, ts: () => unknown, n: number): number {
  const rounds = quick ? (n >= 1_000_000 ? 5 : 15) : n >= 1_000_000 ? 11 : 41;
  wasm();
  ts();
  const r: number[] = [];
  for (let k = 0; k < rounds; k++) {
    let t0 = performance.now();
    wasm();
    const a = performance.now() - t0;
    t0 = performance.now();
    ts();
    r.push((performance.now() - t0) / a);
  }
  const x = median(r);
  console.log(`${name}: paired TS/WASM ${x.toFixed(2)} (median of ${rounds} rounds)`);
  return x;
}

interface Row {
  mechanism: string; orders: number; kernelWasmMs: number; kernelTsMs: number; pairedRatio: number | null;
  e2eWasmMs: number | null; e2eTsMs: number | null;
  /** clearMarketColumnar with string ids and prosumers. */
  columnarWasmMs: number | null; columnarTsMs: number | null;
  /** clearMarketColumnar without ids (orders named by index), integer prosumers. */
  columnarIdxWasmMs: number | null; columnarIdxTsMs: number | null;
}
const rows: Row[] = [];
for (const n of SIZES) {
  const orders = createRandomBook(n, n);
  const lowered = lowerBook(orders);
  splitHalves(orders, lowered, 1);
  const cols = n >= 100_000 ? toOrderColumns(orders) : null;
  const idx: OrderColumns | null = cols && {
    side: cols.side, quantityKwh: cols.quantityKwh, pricePerKwh: cols.pricePerKwh,
    prosumer: Int32Array.from(orders, (o) => Number(o.prosumer.slice(1))),
  };
  for (const mechanism of MECHS) {
    // --quick: at 1e6 only the uniform auction (the target), to stay under a minute.
    if (quick && n >= 1_000_000 && mechanism !== 'uniform') continue;
    const kernel = ENGINES.map((e) => measure(`${mechanism} ${n} kernel ${e.name}`, () => e.clear(mechanism, lowered, kernelOptions), n) * 1000);
    const paired = n >= 100_000
      ? pairedRatio(`${mechanism} ${n} kernel`, () => wasmAuctionEngine.clear(mechanism, lowered, kernelOptions), () => tsAuctionEngine.clear(mechanism, lowered, kernelOptions), n)
      : null;
    const endToEnd = !quick || mechanism === 'uniform';
    const e2e = endToEnd
      ? (['wasm', 'ts'] as const).map((engine) => measure(`${mechanism} ${n} clearMarket ${engine}`, () => clearMarket(orders, { mechanism, engine, tariffs, seed: 1 }), n) * 1000)
      : [null, null];
    const columnar = (book: OrderColumns | null, label: string): Array<number | null> =>
      book && endToEnd
        ? (['wasm', 'ts'] as const).map((engine) => measure(`${mechanism} ${n} clearMarketColumnar ${label} ${engine}`, () => clearMarketColumnar(book, { mechanism, engine, tariffs, seed: 1 }), n) * 1000)
        : [null, null];
    const col = columnar(cols, 'string ids');
    const colIdx = columnar(idx, 'no ids');
    rows.push({
      mechanism, orders: n, kernelWasmMs: kernel[0], kernelTsMs: kernel[1], pairedRatio: paired, e2eWasmMs: e2e[0], e2eTsMs: e2e[1],
      columnarWasmMs: col[0], columnarTsMs: col[1], columnarIdxWasmMs: colIdx[0], columnarIdxTsMs: colIdx[1],
    });
  }
}

// Sorting 1e6 prices (0-100, two decimals) as in stack-notes §3.
const rng = new Rng(5);
const keys = Float64Array.from({ length: 1_000_000 }, () => Math.round(rng.uniform(0, 100) * 100) / 100);
const sort = {
  wasmMs: measure('argsort 1e6 wasm', () => wasmAuctionEngine.argsort(keys), 1e6) * 1000,
  tsMs: measure('argsort 1e6 ts', () => tsAuctionEngine.argsort(keys), 1e6) * 1000,
  builtinMs: measure('Float64Array#sort 1e6 (values only)', () => keys.slice().sort(), 1e6) * 1000,
};

// The simulation's step: ~100 orders, every 15 minutes.
const small = createRandomBook(100, 100);
const smallBook = {
  wasmUs: measure('clearMarket uniform 100 wasm', () => clearMarket(small, { mechanism: 'uniform', tariffs }), 100) * 1e6,
  tsUs: measure('clearMarket uniform 100 ts', () => clearMarket(small, { mechanism: 'uniform', tariffs, engine: 'ts' }), 100) * 1e6,
};
const huangBook = createRandomBook(3_200, 3);
const huang3200Ms = measure('clearMarket huang 3200 wasm', () => clearMarket(huangBook, { mechanism: 'huang' }), 3200) * 1000;

const u1e6 = rows.find((r) => r.mechanism === 'uniform' && r.orders === 1_000_000)!;
const large = rows.filter((r) => r.orders >= 100_000);
// The ratio targets use the paired ratio (see pairedRatio); the benchmark.js medians' ratio is in the table too.
const ratios = large.map((r) => r.pairedRatio!);
const ratios1e6 = rows.filter((r) => r.orders >= 1_000_000).map((r) => r.pairedRatio!);
const targets = {
  uniform1e6KernelUnder300ms: u1e6.kernelWasmMs < 300,
  uniform1e6EndToEndUnder300ms: (u1e6.e2eWasmMs ?? Infinity) < 300,
  uniform1e6ColumnarUnder300ms: (u1e6.columnarWasmMs ?? Infinity) < 300,
  uniform1e6ColumnarNoIdsUnder300ms: (u1e6.columnarIdxWasmMs ?? Infinity) < 300,
  wasmAtLeast1_5xTsOnLargeBooks: ratios.every((x) => x >= 1.5),
  wasmAtLeast1_5xTsAt1e6: ratios1e6.every((x) => x >= 1.5),
  smallBookUnder50us: smallBook.wasmUs < 50,
};
const env = { node: process.version, cpu: cpuDescription(), loadAverage: loadavg().map((x) => +x.toFixed(2)), quick, date: new Date().toISOString() };
writeResult('market-auctions.json', JSON.stringify({ env, rows, sort, smallBook, huang3200Ms, targets }, null, 2) + '\n');

const f = (x: number | null): string => (x === null ? '–' : x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));
const yes = (b: boolean): string => (b ? 'met' : '**missed**');
const md = [
  '## Market auctions (bench/market-auctions.bench.ts)',
  '',
  `Median times per clear, ms; kernel = sorts + mechanism kernel + copies (typed arrays in and out); clearMarket = end to end with validation and Fill objects; ` +
    `columnar = clearMarketColumnar end to end (typed-array columns in, per-order Float64Arrays out), with string ids and prosumers / without ids (integer prosumers); ` +
    `paired = TS/WASM kernel ratio from interleaved rounds (median of per-round ratios). ` +
    `Random books (createRandomBook), ${env.cpu}, Node ${env.node}, load average ${env.loadAverage.join(' ')}${quick ? ', --quick' : ''}.`,
  '',
  '| mechanism | orders | kernel WASM | kernel TS | TS/WASM | paired TS/WASM | clearMarket WASM | clearMarket TS | columnar WASM | columnar TS | columnar no ids WASM | columnar no ids TS |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.mechanism} | ${r.orders.toLocaleString('en')} | ${f(r.kernelWasmMs)} | ${f(r.kernelTsMs)} | ${(r.kernelTsMs / r.kernelWasmMs).toFixed(2)} | ` +
    `${r.pairedRatio === null ? '–' : r.pairedRatio.toFixed(2)} | ${f(r.e2eWasmMs)} | ${f(r.e2eTsMs)} | ` +
    `${f(r.columnarWasmMs)} | ${f(r.columnarTsMs)} | ${f(r.columnarIdxWasmMs)} | ${f(r.columnarIdxTsMs)} |`),
  '',
  `Argsort of 1e6 f64 keys: radix WASM ${f(sort.wasmMs)} ms, radix TS ${f(sort.tsMs)} ms, Float64Array#sort (values only) ${f(sort.builtinMs)} ms.`,
  `Small book (100 orders, uniform, clearMarket end to end): WASM ${smallBook.wasmUs.toFixed(1)} µs, TS ${smallBook.tsUs.toFixed(1)} µs. ` +
    `Huang at 3,200 orders (clearMarket, WASM): ${f(huang3200Ms)} ms (pymarket: about 900 ms).`,
  '',
  '| target | result |',
  '| --- | --- |',
  `| uniform clear of 1,000,000 orders < 0.3 s (kernel) | ${f(u1e6.kernelWasmMs)} ms: ${yes(targets.uniform1e6KernelUnder300ms)} |`,
  `| uniform clear of 1,000,000 orders < 0.3 s (clearMarket end to end, Fill objects) | ${f(u1e6.e2eWasmMs)} ms: ${yes(targets.uniform1e6EndToEndUnder300ms)} |`,
  `| uniform clear of 1,000,000 orders < 0.3 s (clearMarketColumnar end to end, string ids) | ${f(u1e6.columnarWasmMs)} ms: ${yes(targets.uniform1e6ColumnarUnder300ms)} |`,
  `| uniform clear of 1,000,000 orders < 0.3 s (clearMarketColumnar end to end, no ids) | ${f(u1e6.columnarIdxWasmMs)} ms: ${yes(targets.uniform1e6ColumnarNoIdsUnder300ms)} |`,
  `| WASM ≥ 1.5× TS on large books (kernel, paired ratio, every mechanism at ≥ 1e5 orders) | TS/WASM ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}: ${yes(targets.wasmAtLeast1_5xTsOnLargeBooks)} |`,
  `| WASM ≥ 1.5× TS at 1e6 orders (kernel, paired ratio${quick ? ', uniform only in --quick' : ''}) | TS/WASM ${Math.min(...ratios1e6).toFixed(2)}–${Math.max(...ratios1e6).toFixed(2)}: ${yes(targets.wasmAtLeast1_5xTsAt1e6)} |`,
  `| clearMarket of 100 orders < 50 µs (WASM) | ${smallBook.wasmUs.toFixed(1)} µs: ${yes(targets.smallBookUnder50us)} |`,
  '',
  'Why the WASM/TS ratio is smallest at 1e5 orders: the sorts are 2.2-2.4× faster in WASM, but after sorting every ' +
    'mechanism walks the book through the sort permutation (bid and ask of order bo[i], its quantity, its fill): ' +
    'random loads bound by memory latency, which both engines pay alike. Measured at 1e5 (uniform, WASM, loaded ' +
    'machine): the clearing kernel after the sorts took 1.8-4.5 ms on a random book but 0.9 ms on the same book ' +
    'pre-sorted (a sequential walk), about as long as the TS kernel (TS total minus TS sorts); copies into and out of ' +
    'WASM memory are < 0.5 ms (the bids are negated in WASM too, kernel negateKeys). Making the walk sequential would mean carrying prices ' +
    'and quantities through the radix passes and re-indexing every kernel: not a simple fix. Separate benchmark.js runs of the two engines ' +
    'under a shared machine\'s drifting load put this ratio anywhere in 1.3-2.0; the paired ratio is the steadier one, yet ' +
    'even it ranged 1.41-1.88 at 1e5 over our --quick runs at load averages 3.5-5 (uniform and muda lowest), so the 1.5× ' +
    'target holds at 1e5 only with a thin margin; at 1e6 the paired ratio was 1.71-2.39.',
  '',
].join('\n');
writeResult('market-auctions.md', md);
console.log(md);
