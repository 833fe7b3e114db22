// A signed settlement ledger for one day of a 4-household community: seeded load and PV profiles, a uniform-price
// auction every 15 minutes, every order signed by its household and every interval settled in one entry signed by
// the market operator. Then: verify, export as JSON lines, detect a tampered line, and replay the balances.
// Run: node --import tsx examples/05-signed-ledger.ts
import {
  clearMarket, compareBalances, householdLoadKw, Keyring, Ledger, pvOutputKw, Rng, TimeGrid, type Order,
} from 'peergrid';

const grid = new TimeGrid({ startIso: '2024-06-21T00:00:00+01:00', steps: 96, dtHours: 0.25 });
const rng = new Rng(2024);
const houses = ['h1', 'h2', 'h3', 'h4'].map((id, i) => ({
  id,
  loadKw: householdLoadKw(grid, rng.fork(`load/${id}`), { annualKwh: 2500 + 1000 * i }),
  pvKw: pvOutputKw(grid, rng.fork(`pv/${id}`), { kwp: i % 2 === 0 ? 5 : 0, latitudeDeg: 48.1, longitudeDeg: 11.6 }),
}));
const tariffs = { retailPricePerKwh: 0.32, feedInPricePerKwh: 0.08 };

// Keys derived from the seed: reproducible, for simulation only. The default crypto is pure JS (runs in browsers);
// in Node, pass `nodeLedgerCrypto` from ts/ledger/node-ledger-crypto.ts to both for 3-10x speed, same bytes.
const keyring = Keyring.deterministic(2024, [...houses.map((h) => h.id), 'grid', 'market', 'operator']);
const ledger = new Ledger({ registry: keyring.registry(), operator: 'operator' });
const anchoredHeads: { interval: number; head: ReturnType<Ledger['head']> }[] = [];
const costs = new Map<string, number>();

for (let t = 0; t < grid.steps; t++) {
  const orders: Order[] = [];
  for (const h of houses) {
    const netKwh = (h.pvKw[t]! - h.loadKw[t]!) * grid.dtHours; // > 0: surplus to sell
    if (Math.abs(netKwh) < 1e-6) continue;
    orders.push(netKwh > 0
      ? { id: `${h.id}-s${t}`, prosumer: h.id, side: 'sell', quantityKwh: netKwh, pricePerKwh: 0.1 }
      : { id: `${h.id}-b${t}`, prosumer: h.id, side: 'buy', quantityKwh: -netKwh, pricePerKwh: 0.3 });
  }
  const result = clearMarket(orders, { mechanism: 'uniform', tariffs });
  ledger.appendOrders(t, orders, keyring);
  ledger.appendClearing(t, result, keyring); // one operator-signed settlement entry
  // What the simulation itself says each household paid (positive) or earned (negative).
  for (const f of result.fills) costs.set(f.prosumer, (costs.get(f.prosumer) ?? 0) + (f.side === 'buy' ? 1 : -1) * f.quantityKwh * f.pricePerKwh);
  for (const g of [...result.gridPurchases, ...result.gridSales]) costs.set(g.prosumer, (costs.get(g.prosumer) ?? 0) + (g.side === 'buy' ? 1 : -1) * g.quantityKwh * g.pricePerKwh);
  if (t % 24 === 23) anchoredHeads.push({ interval: t, head: ledger.head() }); // e.g. published every 6 h
}

const report = ledger.verify();
console.log(`${ledger.length} entries, ${report.signaturesChecked} signatures verified: ${report.ok ? 'intact' : 'BROKEN'}`);

// Export, then tamper with one line: a household's 0.3 limit price becomes 0.03.
const lines = ledger.toJsonLines().split('\n');
const victim = lines.findIndex((l) => l.includes('"kind":"order"') && l.includes('"pricePerKwh":0.3'));
lines[victim] = lines[victim]!.replace('"pricePerKwh":0.3', '"pricePerKwh":0.03');
try {
  Ledger.fromJsonLines(lines.join('\n'), { file: 'day.jsonl', registry: keyring.registry(), operator: 'operator' });
} catch (e) {
  console.log(`tampered export rejected: ${(e as Error).message}`);
}

// Truncation is caught against a head anyone kept.
const truncated = Ledger.fromJsonLines(ledger.toJsonLines().split('\n').slice(0, 200).join('\n'), { file: 'day.jsonl', registry: keyring.registry() });
console.log(`truncated copy vs the 18:00 anchor: ${truncated.verify({ expectedHead: anchoredHeads[2]!.head }).issues[0]?.message}`);

// Replay reproduces the costs the simulation computed.
const expected = new Map([...costs].map(([p, c]) => [p, { netMoney: -c, netKwh: ledger.balances().get(p)?.netKwh ?? 0 }]));
const replayed = ledger.replay();
console.log('household  bought kWh  sold kWh  net cost');
for (const h of houses) {
  const b = replayed.get(h.id)!;
  console.log(`${h.id.padEnd(9)} ${b.boughtKwh.toFixed(3).padStart(11)} ${b.soldKwh.toFixed(3).padStart(9)} ${(-b.netMoney).toFixed(4).padStart(9)}`);
}
const mismatches = compareBalances(new Map(houses.map((h) => [h.id, replayed.get(h.id)!])), expected, 1e-9);
console.log(mismatches.length === 0 ? 'replayed balances match the simulation (within 1e-9)' : `MISMATCH: ${JSON.stringify(mismatches)}`);
