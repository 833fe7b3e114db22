/**
 * Settlement ledger throughput: appending (hash + Ed25519 signatures) and verifying, per entry kind and signing mode,
 * and what a simulated year costs (35,040 15-minute intervals, 100 prosumers, ~50 trades per interval).
 * Ed25519 is @noble/curves (pure JS); there is no WASM twin here, so no WASM/TS ratio.
 * Usage: node --import tsx bench/ledger.bench.ts [--quick]
 * Writes bench/results/ledger.json and bench/results/ledger.md.
 */
import Benchmark from 'benchmark';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../ts/random.js';
import { Keyring, Ledger, verifyLedger, type EntryDraft, type TradePayload } from '../ts/ledger/index.js';

const quick = process.argv.includes('--quick');
const here = dirname(fileURLToPath(import.meta.url));
const N_PROSUMERS = 100;
const TRADES_PER_INTERVAL = 50;
const YEAR_INTERVALS = 35_040;
const DAILY = 96; // operatorSignEvery for the checkpoint row: one signature per simulated day of 15-minute steps
const parties = [...Array.from({ length: N_PROSUMERS }, (_, i) => `p${i}`), 'grid', 'market', 'operator'];
const keyring = Keyring.deterministic(1, parties);
const registry = keyring.registry();
const rng = new Rng(9);

function trade(): TradePayload {
  const b = rng.int(N_PROSUMERS);
  const s = (b + 1 + rng.int(N_PROSUMERS - 1)) % N_PROSUMERS;
  return { buyer: `p${b}`, seller: `p${s}`, quantityKwh: rng.uniform(0, 2), pricePerKwh: rng.uniform(0.05, 0.3), buyOrderId: `b${b}`, sellOrderId: `s${s}` };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const drafts: Record<string, () => EntryDraft> = {
  'order (1 signature)': () => ({ kind: 'order', interval: 0, payload: { orderId: 'o', prosumer: `p${rng.int(N_PROSUMERS)}`, side: 'buy', quantityKwh: 1.2, pricePerKwh: 0.21 } }),
  'trade, per-entry (2 signatures)': () => ({ kind: 'trade', interval: 0, payload: trade() }),
  [`settlement batch of ${TRADES_PER_INTERVAL} trades (1 signature)`]: () => ({
    kind: 'settlement', interval: 0, payload: { operator: 'operator', trades: Array.from({ length: TRADES_PER_INTERVAL }, trade), payments: [] },
  }),
  [`settlement, operator signs every ${DAILY}th (daily checkpoint)`]: () => ({
    kind: 'settlement', interval: 0, payload: { operator: 'operator', trades: Array.from({ length: TRADES_PER_INTERVAL }, trade), payments: [] },
  }),
};

interface Row { name: string; appendMs: number; verifyMs: number; verifyNoSigMs: number; appendRme: number; samples: number }
const rows: Row[] = [];
for (const [name, make] of Object.entries(drafts)) {
  const pool = Array.from({ length: 64 }, make);
  let i = 0;
  const checkpoint = name.startsWith('settlement, operator signs');
  const options = { registry, operatorSignEvery: checkpoint ? DAILY : 1 };
  let ledger = new Ledger({ ...options, retainEntries: false });
  const add = (l: Ledger, d: EntryDraft, k: number) =>
    d.kind === 'settlement' ? l.appendSettlement(k, { trades: d.payload.trades }, keyring) : l.append(d, keyring);
  const suite = new Benchmark.Suite(name);
  suite.add('append', () => {
    add(ledger, pool[i & 63]!, i);
    i++;
  }, { minSamples: quick ? 5 : 20, maxTime: quick ? 1 : 5 });
  suite.on('cycle', (ev: Benchmark.Event) => console.log(`${name}: ${String(ev.target)}`));
  suite.run({ async: false });
  const b = suite.map((x: Benchmark) => x)[0] as Benchmark;
  // Verification: time a whole small ledger with and without signature checks.
  ledger = new Ledger(options);
  const n = checkpoint ? DAILY * (quick ? 2 : 4) : quick ? 40 : 200;
  for (let k = 0; k < n; k++) add(ledger, pool[k & 63]!, k);
  ledger.seal(keyring);
  const v: number[] = [];
  const vn: number[] = [];
  for (let r = 0; r < (quick ? 3 : 5); r++) {
    let t = performance.now();
    if (!verifyLedger(ledger.entries, registry).ok) throw new Error('verify failed');
    v.push((performance.now() - t) / n);
    t = performance.now();
    verifyLedger(ledger.entries, registry, { checkSignatures: false });
    vn.push((performance.now() - t) / n);
  }
  rows.push({ name, appendMs: median(b.stats.sample) * 1000, appendRme: b.stats.rme, samples: b.stats.sample.length, verifyMs: median(v), verifyNoSigMs: median(vn) });
}

const byName = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))!;
const order = byName('order');
const tradeRow = byName('trade');
const batch = byName('settlement batch');
const daily = byName('settlement, operator');
const year = {
  batchOnlySeconds: (YEAR_INTERVALS * batch.appendMs) / 1000,
  dailyCheckpointSeconds: (YEAR_INTERVALS * daily.appendMs) / 1000,
  verifyDailyCheckpointSeconds: (YEAR_INTERVALS * daily.verifyMs) / 1000,
  batchPlusSignedOrdersSeconds: (YEAR_INTERVALS * (batch.appendMs + N_PROSUMERS * order.appendMs)) / 1000,
  perEntrySeconds: (YEAR_INTERVALS * (N_PROSUMERS * order.appendMs + TRADES_PER_INTERVAL * tradeRow.appendMs)) / 1000,
  verifyBatchOnlySeconds: (YEAR_INTERVALS * batch.verifyMs) / 1000,
  verifyBatchNoSignaturesSeconds: (YEAR_INTERVALS * batch.verifyNoSigMs) / 1000,
  verifyPerEntrySeconds: (YEAR_INTERVALS * (N_PROSUMERS * order.verifyMs + TRADES_PER_INTERVAL * tradeRow.verifyMs)) / 1000,
};

const meta = { suite: 'ledger', date: new Date().toISOString(), quick, node: process.version, cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, loadAverage: loadavg() };
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'ledger.json'), JSON.stringify({ ...meta, prosumers: N_PROSUMERS, tradesPerInterval: TRADES_PER_INTERVAL, yearIntervals: YEAR_INTERVALS, rows, year }, null, 2) + '\n');

const f = (x: number, d = 3) => x.toFixed(d);
const md = [
  '## Settlement ledger (bench/ledger.bench.ts)',
  '',
  `${quick ? 'Quick run (--quick). ' : ''}${meta.date}, Node ${meta.node}, ${meta.cpu}, load average ${meta.loadAverage.map((x) => x.toFixed(2)).join(' ')}.`,
  'Append = canonical JSON + SHA-256 + Ed25519 signature(s) by @noble/curves (median of benchmark.js samples); verify = re-hash,',
  're-link and check every signature (median of whole-ledger runs / entries). Pure JS, so no WASM ratio.',
  '',
  '| entry | append ms | entries/s appended | verify ms | entries/s verified | verify ms without signatures |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.name} | ${f(r.appendMs)} ±${r.appendRme.toFixed(1)}% | ${Math.round(1000 / r.appendMs)} | ${f(r.verifyMs)} | ${Math.round(1000 / r.verifyMs)} | ${f(r.verifyNoSigMs)} |`),
  '',
  `A simulated year (${YEAR_INTERVALS} intervals, ${N_PROSUMERS} prosumers each placing one order, ${TRADES_PER_INTERVAL} trades per interval), extrapolated:`,
  '',
  '| mode | signing (append) s | verifying s |',
  '| --- | ---: | ---: |',
  `| batch: one operator-signed settlement per interval | ${f(year.batchOnlySeconds, 1)} | ${f(year.verifyBatchOnlySeconds, 1)} (${f(year.verifyBatchNoSignaturesSeconds, 1)} without signature checks) |`,
  `| batch, operator signature once per day (operatorSignEvery ${DAILY}) | ${f(year.dailyCheckpointSeconds, 1)} | ${f(year.verifyDailyCheckpointSeconds, 1)} |`,
  `| batch + every order signed by its prosumer | ${f(year.batchPlusSignedOrdersSeconds, 1)} | — |`,
  `| per-entry: orders + trades each signed by the bound parties | ${f(year.perEntrySeconds, 1)} | ${f(year.verifyPerEntrySeconds, 1)} |`,
].join('\n');
writeFileSync(join(here, 'results', 'ledger.md'), md + '\n');
console.log(md);
