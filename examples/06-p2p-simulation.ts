// A P2P trading simulation in a low-voltage community of 100 households: one day of the built-in study, step by step
// with a custom reporter, then the no-P2P baseline against three mechanisms, and a signed ledger of one run.
// Run: node --import tsx examples/06-p2p-simulation.ts
import {
  compareBalances,
  createDefaultStudy,
  createSimulation,
  formatComparisonTable,
  comparisonRows,
  LedgerSink,
  runComparison,
} from 'peergrid';
// Node-only (not in the browser-safe index): Node's native Ed25519/SHA-256, byte-identical to the default backend.
import { nodeLedgerCrypto } from 'peergrid/node';

// 1. The scenario is one object (validated with path-named errors); here: the built-in study cut to one day.
const scenario = createDefaultStudy({ steps: 96, seed: 42 });

// 2. A Simulation exposes now, step(), run({ until }), seed and named reporters (Float64Array columns).
const sim = createSimulation(scenario, { mechanism: 'uniform' });
sim.addReporter('batteriesKw', (s) => s.agents.reduce((sum, a) => sum + a.batteryKw, 0));
const noon = sim.run({ until: 12 }); // the first 12 hours
console.log(`after ${sim.now} h: P2P traded ${noon.metrics.community.p2pVolumeKwh.toFixed(1)} kWh`);
const last = sim.step(); // one more 15-minute step
console.log(`step ${last.step}: P2P price ${last.p2pPricePerKwh.toFixed(3)} EUR/kWh, vmin ${sim.series.vmMinPu!.at(-1)!.toFixed(4)} p.u.`);
const day = sim.run();
console.log(`battery power at 18:00: ${day.series.batteriesKw![72]!.toFixed(1)} kW; losses ${day.metrics.community.lossesKwh.toFixed(0)} kWh`);
sim.dispose();

// 3. Compare mechanisms against the no-P2P baseline (retail and feed-in only) on the same scenario.
const results = runComparison(scenario, { mechanisms: ['none', 'uniform', 'sdr', 'bill-sharing'] });
console.log('\n' + formatComparisonTable(comparisonRows(results), { currency: 'EUR' }) + '\n');

// 4. Settlement in a signed, hash-chained ledger: verify it and replay it against the simulation's balances.
const sink = new LedgerSink({ prosumers: scenario.prosumers!.map((p) => p.id), seed: 42, signOrders: false, crypto: nodeLedgerCrypto });
createSimulation(scenario, { mechanism: 'sdr', settlementSink: sink, steps: 24 }).run();
const report = sink.ledger.verify({ operator: 'operator' });
const replayed = new Map([...sink.ledger.replay()].filter(([party]) => sink.expectedBalances().has(party)));
console.log(`ledger: ${report.entries} entries, verified ${report.ok}, balances reproduced ${compareBalances(replayed, sink.expectedBalances()).length === 0}`);
