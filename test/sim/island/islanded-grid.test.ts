// The islanded grid in the simulation: a day solved by hand (one battery drains, then load is shed), the energy
// balance of every step of a PV day (1e-9 kWh), money that balances, and the scenario checks.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { validateScenario } from '../../../ts/sim/scenario/validate-scenario.js';
import type { ScenarioInput } from '../../../ts/sim/scenario/scenario-schema.js';
import { nodeFiles, smallScenario } from '../sim-test-helpers.js';

const files = nodeFiles();
const VOLL = 4;

describe('islanded grid', () => {
  it('a day by hand: two 1 kW loads, one 10 kWh battery holding 4 kWh above its floor, no PV', () => {
    // Hourly steps, lossless battery (socMin 0.1 → 1 kWh floor, 5 kWh stored, 5 kW). h0's battery covers h0's own
    // 1 kWh (self-consumption) and the island asks it for h1's 1 kWh: 5 → 3 → 1 kWh after two hours. From hour 3 on
    // nothing is left: both loads are shed, 2 kWh per hour for 22 hours = 44 kWh at VOLL; served: 4 kWh of 48.
    const s: ScenarioInput = {
      name: 'hand', network: smallScenario().network, backgroundLoad: 'none',
      prosumers: [
        { id: 'h0', bus: '2', load: { kind: 'constant', pKw: 1 }, battery: { capacityKwh: 10, powerKw: 5, efficiency: 1, socMin: 0.1, socMax: 0.9, initialSoc: 0.5 } },
        { id: 'h1', bus: '3', load: { kind: 'constant', pKw: 1 } },
      ],
      tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 },
      grid: { mode: 'islanded', vollPerKwh: VOLL },
      horizon: { start: '2024-06-03T00:00:00Z', steps: 24, dtHours: 1 }, seed: 1, engine: 'ts',
    };
    const sim = createSimulation(s, { files });
    const r = sim.run();
    sim.dispose();
    const m = r.metrics.islanded!;
    expect(m.energyNotServedKwh).toBeCloseTo(44, 12);
    expect(m.sheddingHours).toBe(22);
    expect(m.lostLoadCost).toBeCloseTo(44 * VOLL, 12);
    expect(m.storageDischargeKwh).toBeCloseTo(2, 12);
    expect(m.servedShare!).toBeCloseTo(4 / 48, 12);
    expect(m.prosumers.map((p) => p.energyNotServedKwh)).toEqual([22, 22]);
    expect(Array.from(r.series.islandPricePerKwh!.slice(0, 3))).toEqual([0.3, 0.3, VOLL]);
    // h1 bought its first two hours from h0's battery at retail; nobody pays for shed load.
    const [h0, h1] = r.metrics.prosumers;
    expect(h1!.cost).toBeCloseTo(0.6, 12);
    expect(h0!.cost).toBeCloseTo(-0.6, 12);
    expect(m.maxBalanceErrorKwh).toBeLessThan(1e-12);
  });

  it.each(['uniform', 'sdr', 'none'] as const)('a PV day under %s: every step balances (1e-9 kWh), the pool pays out what it takes in', (mechanism) => {
    const s = smallScenario({ grid: { mode: 'islanded', vollPerKwh: VOLL }, market: { mechanism: mechanism === 'none' ? 'uniform' : mechanism } });
    const sim = createSimulation(s, { files, mechanism });
    let pool = 0;
    const net: number[] = [];
    sim.addReporter('islandNetKwh', (x) => x.netKw.reduce((a, b) => a + b, 0) * x.grid.dtHours);
    while (!sim.done) {
      sim.step();
      // Pool: residuals served at the step's price minus what the storage owners got; must be 0 each step.
      const c = sim.lastClearing!;
      const p = sim.island!.outcome.pricePerKwh;
      pool += c.gridPurchases.reduce((a, g) => a + g.quantityKwh * g.pricePerKwh, 0) - c.gridSales.reduce((a, g) => a + g.quantityKwh * g.pricePerKwh, 0);
      pool -= sim.island!.outcome.storageKwh.reduce((a, e) => a + e * p, 0);
      net.push(Math.abs(sim.series.islandNetKwh!.at(-1)!));
    }
    const r = sim.result();
    sim.dispose();
    expect(Math.max(...net)).toBeLessThan(1e-9);
    expect(Math.abs(pool)).toBeLessThan(1e-9);
    const m = r.metrics.islanded!;
    // 12 households of 40 MWh/yr with PV on six: the night is short of energy, the midday long.
    expect(m.energyNotServedKwh).toBeGreaterThan(0);
    expect(m.curtailedKwh).toBeGreaterThan(0);
    expect(r.metrics.community.curtailedByReason.islandKwh).toBe(m.curtailedKwh);
    const c = r.metrics.community.curtailedByReason;
    expect(Math.abs(c.exportLimitKwh + c.transformerKwh + c.networkKwh + c.islandKwh - r.metrics.community.curtailedKwh)).toBeLessThan(1e-9);
    expect(r.metrics.community.gridImportKwh + r.metrics.community.p2pVolumeKwh).toBeCloseTo(
      r.metrics.prosumers.reduce((a, p) => a + p.p2pBoughtKwh + p.gridImportKwh, 0), 9);
    expect(r.metrics.community.maxBalanceErrorKwh).toBeLessThan(1e-9);
  });

  it('an island of nested communities balances every step too (1e-9 kWh), and trades between its communities', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `h${i}`);
    const s = smallScenario({
      grid: { mode: 'islanded', vollPerKwh: VOLL },
      communities: [{ id: 'pv', prosumers: ids.filter((_, i) => i % 2 === 0) }, { id: 'no-pv', prosumers: ids.filter((_, i) => i % 2 === 1) }],
      interCommunity: { mechanism: 'uniform', residuals: 'aggregate' },
    });
    const sim = createSimulation(s, { files });
    sim.addReporter('islandNetKwh', (x) => Math.abs(x.netKw.reduce((a, b) => a + b, 0) * x.grid.dtHours));
    const r = sim.run();
    sim.dispose();
    expect(Math.max(...r.series.islandNetKwh!)).toBeLessThan(1e-9);
    expect(r.metrics.communities!.whole.interKwh).toBeGreaterThan(1);
    expect(r.metrics.islanded!.maxBalanceErrorKwh).toBeLessThan(1e-9);
  });

  it('rejects options that need an upstream grid, naming the path', () => {
    const isl = { grid: { mode: 'islanded' as const, vollPerKwh: VOLL } };
    const bad = (s: ScenarioInput) => () => validateScenario(s);
    expect(bad(smallScenario({ ...isl, limits: { transformerKw: 100 } }))).toThrow(/limits\.transformerKw/);
    expect(bad(smallScenario({ ...isl, market: { mechanism: 'uniform', gateClosure: { forecast: { kind: 'persistence' } } } }))).toThrow(/market\.gateClosure/);
    const p = smallScenario().prosumers;
    p[0] = { ...p[0]!, battery: { capacityKwh: 10, powerKw: 5, rule: 'price-threshold', chargeBelowPricePerKwh: 0.1, dischargeAbovePricePerKwh: 0.2 } };
    expect(bad(smallScenario({ ...isl, prosumers: p }))).toThrow(/prosumers\[0\]\.battery\.rule/);
    expect(bad(smallScenario({ grid: { mode: 'islanded', vollPerKwh: -1 } }))).toThrow(/grid\.vollPerKwh/);
    expect(bad(smallScenario({ ...isl, ledger: { enabled: true } }))).toThrow(/ledger\.enabled/);
    expect(bad(smallScenario({ ...isl, market: { mechanism: 'network-constrained' } }))).toThrow(/market\.mechanism/);
    // Connected scenarios validate as before: no grid field is filled in.
    expect(validateScenario(smallScenario()).grid).toBeUndefined();
  });
});
