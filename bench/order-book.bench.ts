/**
 * Continuous double auction order book: sustained throughput (operations per second) on a seeded stream of mixed
 * operations (limit ≈ 47%, market ≈ 5%, cancel ≈ 48% of operations: every limit order is withdrawn after a random
 * lifetime of mean 1,000 operations if it is still resting, so the book reaches a steady depth), WASM vs TS twin in
 * one process, at two levels:
 *  - kernel: OrderBookKernel.submitBatch over typed arrays with integer handles (events drained to a no-op sink);
 *  - API: OrderBook.submit / cancel with string ids, validation, trade objects and the event log.
 * Each sample replays the whole stream into an empty book: for the kernel, one preallocated kernel per engine is
 * reset (not timed); for the API, a new book is created in the timed region (it starts at capacity 1024 and grows).
 * Usage: node --import tsx bench/order-book.bench.ts [--quick]   (writes bench/results/order-book.{json,md})
 */
import Benchmark from 'benchmark';
import { loadavg } from 'node:os';
import { createOrderBook, type BookOrder } from '../ts/market/continuous/order-book.js';
import { OrderBookKernel } from '../ts/market/continuous/order-book-kernel.js';
import { randomOrderStream, type OrderStream } from '../ts/market/continuous/random-order-stream.js';
import { median, cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const SIZES = [100_000, 1_000_000];
const TARGET_OPS = 1_000_000;
const TARGET_RATIO = 1.5;

function toOrders(s: OrderStream): Array<BookOrder | string> {
  const out: Array<BookOrder | string> = [];
  for (let i = 0; i < s.n; i++) {
    if (s.op[i] === 2) out.push(`o${s.target[i]}`);
    else {
      out.push({
        id: `o${i}`, prosumer: `p${i % 1000}`, side: s.side[i] === 0 ? 'buy' : 'sell',
        type: s.op[i] === 0 ? 'limit' : 'market', quantityKwh: s.quantityKwh[i]!,
        pricePerKwh: s.op[i] === 0 ? s.pricePerKwh[i]! : undefined, timestamp: i,
      });
    }
  }
  return out;
}

interface Row {
  level: 'kernel' | 'api';
  engine: 'wasm' | 'ts';
  n: number;
  medianMs: number;
  opsPerSecond: number;
  samples: number;
  rmePercent: number;
}
const rows: Row[] = [];
const streamInfo: Record<number, { limit: number; market: number; cancel: number; trades: number; restingAtEnd: number }> = {};

for (const n of SIZES) {
  const stream = randomOrderStream({ n, seed: 2024 });
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) counts[stream.op[i]!]!++;
  const orders = toOrders(stream);
  const big = n >= 1_000_000;
  // The kernel runs are short (tens of ms), so they get many samples even in --quick; the API runs get fewer.
  const kernelOpts = { minSamples: quick ? 10 : 30, maxTime: quick ? 1.5 : 8 };
  const opts = { minSamples: quick ? (big ? 2 : 4) : big ? 8 : 15, maxTime: quick ? (big ? 2 : 1.5) : big ? 20 : 8 };
  const suite = new Benchmark.Suite(`order book ${n}`);
  const cases: Array<[Row['level'], Row['engine'], () => void]> = [];
  for (const engine of ['wasm', 'ts'] as const) {
    // One kernel per engine, emptied before every sample: book creation is not timed. Handles are recycled by the
    // stream (stream.capacity distinct handles), as the id-level API recycles them.
    // The batch is filled once (not timed) in arrays the kernel reads in place (createBatch), as a caller that
    // streams operations into the book's own memory would; the TS twin reads its plain typed arrays in place too.
    const k = new OrderBookKernel(engine, stream.capacity, 1 << 16, 1 << 14);
    const batch = k.createBatch(n);
    batch.op.set(stream.op);
    batch.side.set(stream.side);
    batch.handle.set(stream.handle);
    batch.quantityKwh.set(stream.quantityKwh);
    batch.pricePerKwh.set(stream.pricePerKwh);
    cases.push(['kernel', engine, () => {
      k.reset();
      k.submitBatch(batch, () => {});
    }]);
  }
  for (const engine of ['wasm', 'ts'] as const) {
    cases.push(['api', engine, () => {
      const book = createOrderBook({ engine });
      for (let i = 0; i < orders.length; i++) {
        const o = orders[i]!;
        if (typeof o === 'string') book.cancel(o);
        else book.submit(o);
      }
    }]);
  }
  // Sanity and stream statistics (outside the timed runs).
  const probe = createOrderBook({ engine: 'ts', keepEventLog: false });
  let trades = 0;
  for (const o of orders) {
    if (typeof o === 'string') probe.cancel(o);
    else trades += probe.submit(o).trades.length;
  }
  const sz = probe.size();
  streamInfo[n] = { limit: counts[0]!, market: counts[1]!, cancel: counts[2]!, trades, restingAtEnd: sz.bids + sz.asks };
  // Warm-up outside the measurement: V8 first runs WASM in its baseline tier (Liftoff) and optimises it on a
  // background thread, which a loaded 2-core machine can starve for a while; the TS twin needs its JIT warm too.
  for (const [, , fn] of cases) for (let w = 0; w < 3; w++) fn();
  for (const [level, engine, fn] of cases) suite.add(`${level} ${engine} n=${n}`, fn, level === 'kernel' ? kernelOpts : opts);
  suite.on('cycle', (ev: Benchmark.Event) => console.log(String(ev.target)));
  suite.run({ async: false });
  suite.forEach((b: Benchmark, idx: number) => {
    const [level, engine] = cases[idx]!;
    const med = median(b.stats.sample) * 1000;
    rows.push({ level, engine, n, medianMs: med, opsPerSecond: n / (med / 1000), samples: b.stats.sample.length, rmePercent: b.stats.rme });
  });
}

const find = (level: Row['level'], engine: Row['engine'], n: number) => rows.find((r) => r.level === level && r.engine === engine && r.n === n)!;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mops = (x: number) => (x / 1e6).toFixed(2);
const lines: string[] = [];
lines.push('## Continuous order book (bench/order-book.bench.ts)', '');
lines.push(
  `Sustained throughput replaying a seeded stream (randomOrderStream, seed 2024) into an empty book, median of the ` +
    `samples; kernel = OrderBookKernel.submitBatch over a batch of typed arrays (integer handles) read in place; API = OrderBook.submit/cancel ` +
    `with string ids, validation, trade objects and the event log. ${cpuDescription()}, ` +
    `Node ${process.version}, load average ${loadAverageText()}${quick ? ', --quick' : ''}.`,
  '',
);
lines.push('| level | operations | WASM ms | TS ms | WASM M ops/s | TS M ops/s | TS/WASM | target ≥ 1 M ops/s (WASM) | target WASM ≥ 1.5× TS |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
for (const n of SIZES) {
  for (const level of ['kernel', 'api'] as const) {
    const w = find(level, 'wasm', n);
    const t = find(level, 'ts', n);
    const ratio = t.medianMs / w.medianMs;
    lines.push(
      `| ${level} | ${n.toLocaleString('en-US')} | ${fmt(w.medianMs)} | ${fmt(t.medianMs)} | ${mops(w.opsPerSecond)} | ` +
        `${mops(t.opsPerSecond)} | ${ratio.toFixed(2)} | ${w.opsPerSecond >= TARGET_OPS ? 'met' : 'missed'} | ` +
        `${ratio >= TARGET_RATIO ? 'met' : 'missed'} |`,
    );
  }
}
lines.push('');
for (const n of SIZES) {
  const s = streamInfo[n]!;
  lines.push(
    `- Stream of ${n.toLocaleString('en-US')}: ${s.limit.toLocaleString('en-US')} limit, ${s.market.toLocaleString('en-US')} market, ` +
      `${s.cancel.toLocaleString('en-US')} cancel operations; ${s.trades.toLocaleString('en-US')} trades; ${s.restingAtEnd} orders resting at the end.`,
  );
}
lines.push(
  '- The stream recycles handles as a live engine does (a handle is reused after its order left the book), so the ' +
    'kernel state is compact and cache-resident; the book holds a few hundred resting orders in steady state.',
  '- About the WASM/TS ratio: the matching kernel is branchy binary-heap code with data-dependent comparisons over ' +
    'a small cache-resident book and no arithmetic loops to vectorise; V8 compiles the TS twin (typed arrays, same ' +
    'algorithm) to good code, so WASM gains only from having no bounds checks and a branch-free choice of the better ' +
    'child (wasm select) in sift-down: about 1.4-1.5× in controlled runs, just under the 1.5× target. Variants we ' +
    'measured and dropped: a 4-ary heap (WASM unchanged, TS twin 25% slower) and bottom-up (Floyd) sift-down (both ' +
    '5% slower). --quick runs under load are noisy (WASM tier-up to optimised code happens on a background thread ' +
    'that a busy machine starves). The API level is dominated by id maps, validation, result objects and the event ' +
    'log, which are JavaScript in both engines; the WASM engine also pays one boundary call per operation.',
);
writeResult('order-book.md', lines.join('\n') + '\n');
writeResult(
  'order-book.json',
  JSON.stringify({ suite: 'order-book', quick, node: process.version, loadavg: loadavg(), targets: { opsPerSecond: TARGET_OPS, wasmOverTs: TARGET_RATIO }, stream: streamInfo, rows }, null, 2) + '\n',
);
console.log(lines.join('\n'));
