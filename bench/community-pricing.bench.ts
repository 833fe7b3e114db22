/**
 * Community pricing (SDR, MMR, bill sharing): each rule at 1e3 … 1e6 orders, WASM vs TS twin in one process, at two
 * levels:
 *  - kernel: settleCommunityArrays over typed arrays (copy into WASM memory, the two O(n) passes, copy out);
 *  - API: clearCommunityPricing with Order objects (validation, Fill/GridTransaction objects and the exact
 *    efficient cross for maxWelfare, which sorts and is the same JavaScript for both engines).
 * Usage: node --import tsx bench/community-pricing.bench.ts [--quick]   (writes bench/results/community-pricing.{json,md})
 */
import Benchmark from 'benchmark';
import { loadavg } from 'node:os';
import { Rng } from '../ts/random.js';
import type { Order } from '../ts/market/order.js';
import { clearCommunityPricing, settleCommunityArrays, type CommunityRule } from '../ts/market/community/community-pricing.js';
import { COMMUNITY_RULE } from '../ts/market/community/community-pricing-baseline.js';
import { median, cpuDescription, loadAverageText, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [1_000, 10_000, 100_000, 1_000_000] : [1_000, 10_000, 100_000, 1_000_000];
const RULES: CommunityRule[] = ['sdr', 'mmr', 'bill-sharing'];
const RETAIL = 0.3;
const FEED_IN = 0.05;
const API_MAX = quick ? 100_000 : 1_000_000;

function book(n: number, seed: number): Order[] {
  const rng = new Rng(seed);
  const out: Order[] = [];
  for (let i = 0; i < n; i++) {
    const buy = rng.chance(0.55);
    out.push({
      id: `o${i}`, prosumer: `p${i}`, side: buy ? 'buy' : 'sell',
      quantityKwh: 0.01 + rng.next() * 5, pricePerKwh: Math.round(rng.uniform(0.03, 0.32) * 1000) / 1000,
    });
  }
  return out;
}

interface Row { rule: CommunityRule; level: 'kernel' | 'api'; engine: 'wasm' | 'ts'; n: number; medianMs: number; samples: number }
const rows: Row[] = [];

for (const n of SIZES) {
  const orders = book(n, 17 + n);
  const side = new Int32Array(n);
  const qty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    side[i] = orders[i]!.side === 'buy' ? 0 : 1;
    qty[i] = orders[i]!.quantityKwh;
  }
  const big = n >= 1_000_000;
  const opts = { minSamples: quick ? 3 : big ? 10 : 20, maxTime: quick ? 0.3 : big ? 8 : 3 };
  const suite = new Benchmark.Suite(`community ${n}`);
  const cases: Array<[CommunityRule, Row['level'], Row['engine']]> = [];
  for (const rule of RULES) {
    for (const engine of ['wasm', 'ts'] as const) {
      cases.push([rule, 'kernel', engine]);
      suite.add(`${rule} kernel ${engine} n=${n}`, () => {
        settleCommunityArrays(side, qty, COMMUNITY_RULE[rule], RETAIL, FEED_IN, engine);
      }, opts);
    }
    if (n <= API_MAX) {
      for (const engine of ['wasm', 'ts'] as const) {
        cases.push([rule, 'api', engine]);
        suite.add(`${rule} api ${engine} n=${n}`, () => {
          clearCommunityPricing(orders, { rule, tariffs: { retailPricePerKwh: RETAIL, feedInPricePerKwh: FEED_IN }, engine });
        }, { ...opts, minSamples: Math.min(opts.minSamples, n >= 100_000 ? 3 : 5) });
      }
    }
  }
  // Warm-up outside the measurement (WASM tier-up, TS JIT): one run of every case.
  suite.forEach((b: Benchmark) => (b.fn as () => void)());
  suite.on('cycle', (ev: Benchmark.Event) => console.log(String(ev.target)));
  suite.run({ async: false });
  suite.forEach((b: Benchmark, idx: number) => {
    const [rule, level, engine] = cases[idx]!;
    rows.push({ rule, level, engine, n, medianMs: median(b.stats.sample) * 1000, samples: b.stats.sample.length });
  });
}

const get = (rule: CommunityRule, level: Row['level'], engine: Row['engine'], n: number) =>
  rows.find((r) => r.rule === rule && r.level === level && r.engine === engine && r.n === n);
const fmt = (x: number | undefined) => (x === undefined ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const lines: string[] = [];
lines.push('## Community pricing (bench/community-pricing.bench.ts)', '');
lines.push(
  `Median ms per settlement of one interval; kernel = settleCommunityArrays on typed arrays (copies in and out ` +
    `included); API = clearCommunityPricing on Order objects (validation, result objects, exact efficient cross for ` +
    `maxWelfare). Random books, λb = ${RETAIL}, λs = ${FEED_IN}. ${cpuDescription()}, ` +
    `Node ${process.version}, load average ${loadAverageText()}${quick ? ', --quick' : ''}.`,
  '',
);
lines.push('| rule | orders | kernel WASM | kernel TS | TS/WASM | API WASM | API TS | WASM ≥ 1.5× TS (kernel) |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const n of SIZES) {
  for (const rule of RULES) {
    const kw = get(rule, 'kernel', 'wasm', n)!;
    const kt = get(rule, 'kernel', 'ts', n)!;
    const ratio = kt.medianMs / kw.medianMs;
    lines.push(
      `| ${rule} | ${n.toLocaleString('en-US')} | ${fmt(kw.medianMs)} | ${fmt(kt.medianMs)} | ${ratio.toFixed(2)} | ` +
        `${fmt(get(rule, 'api', 'wasm', n)?.medianMs)} | ${fmt(get(rule, 'api', 'ts', n)?.medianMs)} | ` +
        `${n >= 100_000 ? (ratio >= 1.5 ? 'met' : 'missed') : 'n/a (small)'} |`,
    );
  }
}
lines.push(
  '',
  '- The kernel is two streaming O(n) passes (a sum, then a pro-rata split), close to memory-bound, and the WASM ' +
    'engine also pays for copying the inputs into and the four result arrays out of its memory, which the TS twin ' +
    'does not; so the WASM gain is modest (about 1.3-2× in full runs, and noisy under load). The API time is ' +
    'dominated by building Fill/GridTransaction objects (and the garbage collection of them: about half the time at ' +
    '1e6 in a CPU profile), validation and the efficient cross for maxWelfare (a stable radix sort above 2,048 ' +
    'orders per side), all JavaScript in both engines; use clearMarketColumnar to avoid the objects.',
);
writeResult('community-pricing.md', lines.join('\n') + '\n');
writeResult(
  'community-pricing.json',
  JSON.stringify({ suite: 'community-pricing', quick, node: process.version, loadavg: loadavg(), retail: RETAIL, feedIn: FEED_IN, rows }, null, 2) + '\n',
);
console.log(lines.join('\n'));
