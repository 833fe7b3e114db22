/**
 * Settlement ledger throughput: appending (canonical JSON + SHA-256 + Ed25519 signatures) and verifying, per entry
 * kind and signing mode, on both crypto backends in the same run — pure-JS @noble (browsers, the default) and Node's
 * native OpenSSL (ts/ledger/node-ledger-crypto.ts) — and what a simulated year costs (35,040 15-minute intervals,
 * 100 prosumers each placing one order, 50 trades per interval). There is no WASM kernel here; the ratio reported
 * is noble / node.
 * Usage: node --import tsx bench/ledger.bench.ts [--quick]
 * Writes bench/results/ledger.json and bench/results/ledger.md.
 */
import Benchmark from 'benchmark';
import { loadavg } from 'node:os';
import { Rng } from '../ts/random.js';
import { Keyring } from '../ts/ledger/keys.js';
import { Ledger } from '../ts/ledger/ledger.js';
import { nobleLedgerCrypto, type LedgerCrypto } from '../ts/ledger/ledger-crypto.js';
import { verifyLedger } from '../ts/ledger/verify.js';
import { type EntryDraft, type TradePayload } from '../ts/ledger/entry.js';
import { nodeLedgerCrypto } from '../ts/ledger/node-ledger-crypto.js';
import { median, cpuDescription, writeResult } from './support/bench-support.js';

const quick = process.argv.includes('--quick');
const N_PROSUMERS = 100;
const TRADES_PER_INTERVAL = 50;
const YEAR_INTERVALS = 35_040;
const DAILY = 96; // operatorSignEvery of the checkpoint row: one operator signature per simulated day
const parties = [...Array.from({ length: N_PROSUMERS }, (_, i) => `p${i}`), 'grid', 'market', 'operator'];
const rng = new Rng(9);

function trade(): TradePayload {
  const b = rng.int(N_PROSUMERS);
  const s = (b + 1 + rng.int(N_PROSUMERS - 1)) % N_PROSUMERS;
  return { buyer: `p${b}`, seller: `p${s}`, quantityKwh: rng.uniform(0, 2), pricePerKwh: rng.uniform(0.05, 0.3), buyOrderId: `b${b}`, sellOrderId: `s${s}` };
}

const settlement = (): EntryDraft => ({
  kind: 'settlement', interval: 0, payload: { operator: 'operator', trades: Array.from({ length: TRADES_PER_INTERVAL }, trade), payments: [] },
});
const KINDS: { key: string; label: string; make: () => EntryDraft; signEvery: number }[] = [
  { key: 'order', label: 'order (1 signature)', signEvery: 1, make: () => ({ kind: 'order', interval: 0, payload: { orderId: 'o', prosumer: `p${rng.int(N_PROSUMERS)}`, side: 'buy', quantityKwh: 1.2, pricePerKwh: 0.21 } }) },
  { key: 'trade', label: 'trade, per-entry (2 signatures)', signEvery: 1, make: () => ({ kind: 'trade', interval: 0, payload: trade() }) },
  { key: 'batch', label: `settlement of ${TRADES_PER_INTERVAL} trades, batch (1 signature)`, signEvery: 1, make: settlement },
  { key: 'daily', label: `settlement of ${TRADES_PER_INTERVAL} trades, operator signs every ${DAILY}th`, signEvery: DAILY, make: settlement },
];
const BACKENDS: LedgerCrypto[] = [nobleLedgerCrypto, nodeLedgerCrypto];

interface Row { backend: string; key: string; label: string; appendMs: number; appendRme: number; samples: number; verifyMs: number; verifyNoSigMs: number }
const rows: Row[] = [];
for (const crypto of BACKENDS) {
  const keyring = Keyring.deterministic(1, parties, crypto);
  const registry = keyring.registry();
  for (const kind of KINDS) {
    const pool = Array.from({ length: 64 }, kind.make);
    const options = { registry, crypto, operatorSignEvery: kind.signEvery };
    const add = (l: Ledger, d: EntryDraft, k: number) =>
      d.kind === 'settlement' ? l.appendSettlement(k, { trades: d.payload.trades }, keyring) : l.append(d, keyring);
    let i = 0;
    const lean = new Ledger({ ...options, retainEntries: false });
    const suite = new Benchmark.Suite(kind.label);
    suite.add('append', () => {
      add(lean, pool[i & 63]!, i);
      i++;
    }, { minSamples: quick ? 5 : 20, maxTime: quick ? 0.7 : 4 });
    suite.on('cycle', (ev: Benchmark.Event) => console.log(`${crypto.name} ${kind.label}: ${String(ev.target)}`));
    suite.run({ async: false });
    const b = suite.map((x: Benchmark) => x)[0] as Benchmark;
    // Verification: whole small ledgers, with and without signature checks, per entry.
    const ledger = new Ledger(options);
    const n = kind.signEvery > 1 ? kind.signEvery * (quick ? 2 : 4) : quick ? 40 : 200;
    for (let k = 0; k < n; k++) add(ledger, pool[k & 63]!, k);
    ledger.seal(keyring);
    const v: number[] = [];
    const vn: number[] = [];
    for (let r = 0; r < (quick ? 3 : 5); r++) {
      let t = performance.now();
      if (!verifyLedger(ledger.entries, registry, { crypto }).ok) throw new Error('verify failed');
      v.push((performance.now() - t) / ledger.length);
      t = performance.now();
      verifyLedger(ledger.entries, registry, { crypto, checkSignatures: false });
      vn.push((performance.now() - t) / ledger.length);
    }
    rows.push({ backend: crypto.name, key: kind.key, label: kind.label, appendMs: median(b.stats.sample) * 1000, appendRme: b.stats.rme, samples: b.stats.sample.length, verifyMs: median(v), verifyNoSigMs: median(vn) });
  }
}

const row = (backend: string, key: string) => rows.find((r) => r.backend === backend && r.key === key)!;
const year = Object.fromEntries(BACKENDS.map(({ name }) => {
  const [o, t, b, d] = ['order', 'trade', 'batch', 'daily'].map((k) => row(name, k));
  const s = (ms: number) => (YEAR_INTERVALS * ms) / 1000;
  return [name, {
    batch: { appendS: s(b!.appendMs), verifyS: s(b!.verifyMs), verifyNoSigS: s(b!.verifyNoSigMs) },
    daily: { appendS: s(d!.appendMs), verifyS: s(d!.verifyMs) },
    batchPlusOrders: { appendS: s(b!.appendMs + N_PROSUMERS * o!.appendMs), verifyS: s(b!.verifyMs + N_PROSUMERS * o!.verifyMs) },
    perEntry: { appendS: s(N_PROSUMERS * o!.appendMs + TRADES_PER_INTERVAL * t!.appendMs), verifyS: s(N_PROSUMERS * o!.verifyMs + TRADES_PER_INTERVAL * t!.verifyMs) },
  }];
})) as Record<string, Record<string, { appendS: number; verifyS: number; verifyNoSigS?: number }>>;

const meta = { suite: 'ledger', date: new Date().toISOString(), quick, node: process.version, cpu: cpuDescription(), loadAverage: loadavg() };
writeResult('ledger.json', JSON.stringify({ ...meta, prosumers: N_PROSUMERS, tradesPerInterval: TRADES_PER_INTERVAL, yearIntervals: YEAR_INTERVALS, rows, year }, null, 2) + '\n');

const f = (x: number, d = 3) => x.toFixed(d);
const md = [
  '## Settlement ledger (bench/ledger.bench.ts)',
  '',
  `${quick ? 'Quick run (--quick). ' : ''}${meta.date}, Node ${meta.node}, ${meta.cpu}, load average ${meta.loadAverage.map((x) => x.toFixed(2)).join(' ')}.`,
  'Append = canonical JSON + SHA-256 + Ed25519 signature(s) (median of benchmark.js samples); verify = re-hash, re-link and check every',
  'signature (median over whole small ledgers, per entry). Backends: noble = pure JS (@noble/curves, @noble/hashes; browsers, the default),',
  'node = Node\'s native OpenSSL (ts/ledger/node-ledger-crypto.ts). Both give byte-identical ledgers. No WASM here; ratio = noble / node.',
  '',
  '| entry | append ms noble | append ms node | noble/node | entries/s appended (node) | verify ms noble | verify ms node | entries/s verified (node) | verify ms without signatures (node) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...KINDS.map(({ key, label }) => {
    const a = row('noble', key);
    const b = row('node', key);
    return `| ${label} | ${f(a.appendMs)} ±${a.appendRme.toFixed(0)}% | ${f(b.appendMs)} ±${b.appendRme.toFixed(0)}% | ${f(a.appendMs / b.appendMs, 1)}× | ${Math.round(1000 / b.appendMs)} | ${f(a.verifyMs)} | ${f(b.verifyMs)} | ${Math.round(1000 / b.verifyMs)} | ${f(b.verifyNoSigMs)} |`;
  }),
  '',
  `A simulated year (${YEAR_INTERVALS} intervals, ${N_PROSUMERS} prosumers each placing one order, ${TRADES_PER_INTERVAL} trades per interval), extrapolated, seconds:`,
  '',
  '| mode | append noble | append node | verify noble | verify node |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...([
    ['batch: one operator-signed settlement per interval', 'batch'],
    [`batch, operator signature once per day (operatorSignEvery ${DAILY})`, 'daily'],
    ['batch + every order signed by its prosumer', 'batchPlusOrders'],
    ['per-entry: every order and trade signed by the parties it binds', 'perEntry'],
  ] as const).map(([label, k]) => `| ${label} | ${f(year.noble![k]!.appendS, 1)} | ${f(year.node![k]!.appendS, 1)} | ${f(year.noble![k]!.verifyS, 1)} | ${f(year.node![k]!.verifyS, 1)} |`),
].join('\n');
writeResult('ledger.md', md + '\n');
console.log(md);
