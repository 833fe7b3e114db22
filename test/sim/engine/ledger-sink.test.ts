import { describe, expect, it } from 'vitest';
import { compareBalances } from '../../../ts/ledger/balances.js';
import { Ledger } from '../../../ts/ledger/ledger.js';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { LedgerSink } from '../../../ts/sim/engine/ledger-sink.js';
import { nodeLedgerCrypto } from '../../../ts/ledger/node-ledger-crypto.js';
import { nodeFiles, smallScenario } from '../sim-test-helpers.js';

const files = nodeFiles();
const scenario = () => smallScenario({ horizon: { start: '2024-06-03T08:00:00Z', steps: 12, dtHours: 0.25 }, engine: 'wasm' });

describe('simulation → signed ledger', () => {
  it.each([
    ['uniform', 'batch'],
    ['pay-as-bid', 'per-entry'],
    ['trade-reduction', 'batch'],
    ['sdr', 'batch'],
    ['none', 'batch'],
  ] as const)('%s (%s): verifies, and replay reproduces every prosumer balance', (mechanism, mode) => {
    const sc = scenario();
    const sink = new LedgerSink({ prosumers: sc.prosumers.map((p) => p.id), seed: sc.seed!, mode, signOrders: mode === 'batch' });
    const sim = createSimulation(sc, { deps: defaultSimulationDeps, files, mechanism, settlementSink: sink });
    sim.run();
    const report = sink.ledger.verify({ operator: 'operator' });
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    const mismatches = compareBalances(
      new Map([...sink.ledger.replay()].filter(([party]) => sink.expectedBalances().has(party))),
      sink.expectedBalances(),
    );
    expect(mismatches).toEqual([]);
    // Energy is conserved over all parties, grid and market pool included.
    let net = 0;
    for (const b of sink.ledger.replay().values()) net += b.netKwh;
    expect(Math.abs(net)).toBeLessThan(1e-9);
    sim.dispose();
  });

  it('exports JSON lines that import, verify and replay; a tampered settlement is found', () => {
    const sc = scenario();
    const sink = new LedgerSink({ prosumers: sc.prosumers.map((p) => p.id), seed: sc.seed!, signOrders: false });
    createSimulation(sc, { deps: defaultSimulationDeps, files, settlementSink: sink }).run();
    const text = sink.ledger.toJsonLines();
    const again = Ledger.fromJsonLines(text, { file: 'sim.jsonl', registry: sink.keyring.registry(), operator: 'operator' });
    expect(again.length).toBe(12);
    expect(compareBalances(new Map([...again.replay()].filter(([p]) => sink.expectedBalances().has(p))), sink.expectedBalances())).toEqual([]);
    const lines = text.trim().split('\n');
    const e = JSON.parse(lines[5]!);
    e.payload.trades[0].quantityKwh += 1;
    lines[5] = JSON.stringify(e);
    const tampered = Ledger.fromJsonLines(lines.join('\n'), { file: 'sim.jsonl', registry: sink.keyring.registry(), operator: 'operator', verify: false });
    const report = tampered.verify();
    expect(report.ok).toBe(false);
    expect(report.issues[0]!.index).toBe(5);
  });

  it('the Node crypto backend writes a byte-identical ledger (hashes and signatures) to the default noble one', () => {
    const run = (crypto?: typeof nodeLedgerCrypto) => {
      const sc = scenario();
      const sink = new LedgerSink({ prosumers: sc.prosumers.map((p) => p.id), seed: sc.seed!, crypto });
      createSimulation(sc, { deps: defaultSimulationDeps, files, mechanism: 'uniform', settlementSink: sink }).run();
      return sink;
    };
    const noble = run();
    const node = run(nodeLedgerCrypto);
    expect(node.ledger.crypto.name).toBe('node');
    expect(node.keyring.crypto.name).toBe('node');
    expect(noble.ledger.crypto.name).toBe('noble');
    expect(node.ledger.length).toBeGreaterThan(12); // orders are signed too
    expect(node.ledger.toJsonLines()).toBe(noble.ledger.toJsonLines());
    expect(node.ledger.verify({ operator: 'operator' }).ok).toBe(true);
  });

  it('is deterministic across engines: the wasm and ts runs write byte-identical ledgers', () => {
    const run = (engine: 'wasm' | 'ts') => {
      const sc = { ...scenario(), engine };
      const sink = new LedgerSink({ prosumers: sc.prosumers.map((p) => p.id), seed: sc.seed!, crypto: nodeLedgerCrypto });
      createSimulation(sc, { deps: defaultSimulationDeps, files, mechanism: 'sdr', settlementSink: sink }).run();
      return sink.ledger.toJsonLines();
    };
    const w = run('wasm');
    expect(w.split('\n').length).toBeGreaterThan(20);
    expect(run('ts')).toBe(w);
  });
});
