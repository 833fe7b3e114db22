import { beforeAll, describe, expect, it } from 'vitest';
import { loadLpSolver } from '../../../ts/lp/load-lp-solver.js';
import type { LpSolver } from '../../../ts/lp/lp-solver.js';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { SIM_MECHANISMS } from '../../../ts/sim/scenario/scenario-schema.js';
import { nodeFiles, referenceUniformClear, smallScenario } from '../sim-test-helpers.js';

const files = nodeFiles();
const sc = () => {
  const s = smallScenario({ horizon: { start: '2024-06-03T06:00:00Z', steps: 40, dtHours: 0.25 } });
  // Mixed strategies so discriminatory mechanisms see a spread of prices.
  s.prosumers = s.prosumers.map((p, i) => ({ ...p, strategy: i % 3 === 0 ? { kind: 'zero-intelligence' as const } : i % 3 === 1 ? { kind: 'markup' as const, markup: 0.2 } : { kind: 'truthful' as const } }));
  return s;
};

let lpSolver: LpSolver;
beforeAll(async () => {
  lpSolver = await loadLpSolver();
});

describe('Simulation with the market engine', () => {
  it.each(SIM_MECHANISMS.map((m) => [m]))('%s: energy balances every step, costs add up', (mechanism) => {
    const sim = createSimulation(sc(), { deps: defaultSimulationDeps, files, mechanism, lpSolver });
    while (!sim.done) {
      const r = sim.step();
      expect(r.balanceErrorKwh).toBeLessThan(1e-9);
      expect(Math.abs(r.p2pSoldKwh + r.gridExportKwh - (r.p2pBoughtKwh + r.gridImportKwh) - (r.surplusKwh - r.deficitKwh))).toBeLessThan(1e-9);
    }
    const m = sim.result().metrics;
    // Money: Σ prosumer costs = grid net bill + network charges + market surplus kept by the market.
    const c = m.community;
    const gridBill = sim.totals.gridImportKwh.reduce((a, b) => a + b, 0) * 0.3 - sim.totals.gridExportKwh.reduce((a, b) => a + b, 0) * 0.08;
    expect(c.cost).toBeCloseTo(gridBill + c.networkChargesPaid + c.marketSurplus, 9);
    if (mechanism === 'none') expect(c.p2pVolumeKwh).toBe(0);
    else expect(c.p2pVolumeKwh).toBeGreaterThan(0);
    sim.dispose();
  });

  it('the engine uniform auction (k = 0.5 on the marginal pair) agrees with an independent reference', () => {
    const s = smallScenario({ horizon: { start: '2024-06-03T06:00:00Z', steps: 40, dtHours: 0.25 }, market: { mechanism: 'uniform', k: 0.5 } });
    const a = createSimulation(s, { deps: defaultSimulationDeps, files }).run();
    const b = createSimulation(s, { deps: { ...defaultSimulationDeps, clearMarket: referenceUniformClear }, files }).run();
    expect(a.metrics.community.p2pVolumeKwh).toBeCloseTo(b.metrics.community.p2pVolumeKwh, 9);
    a.metrics.prosumers.forEach((p, i) => expect(p.cost).toBeCloseTo(b.metrics.prosumers[i]!.cost, 9));
  });

  it('wasm and ts engines give identical results', () => {
    for (const mechanism of ['uniform', 'pay-as-bid', 'sdr', 'mmr', 'bill-sharing', 'muda', 'continuous'] as const) {
      const w = createSimulation({ ...sc(), engine: 'wasm' }, { deps: defaultSimulationDeps, files, mechanism }).run();
      const t = createSimulation({ ...sc(), engine: 'ts' }, { deps: defaultSimulationDeps, files, mechanism }).run();
      expect(JSON.stringify({ ...w.metrics, engine: 0 })).toBe(JSON.stringify({ ...t.metrics, engine: 0 }));
      for (const k of Object.keys(w.series)) {
        const a = w.series[k]!;
        const b = t.series[k]!;
        for (let i = 0; i < a.length; i++) {
          if (Number.isNaN(a[i]!)) expect(Number.isNaN(b[i]!)).toBe(true);
          else expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a[i]!)));
        }
      }
    }
  });
});

describe("mechanism 'continuous' (order book with learning traders)", () => {
  it('runs every strategy, reproducibly; market.continuous is refused beside another mechanism', () => {
    for (const strategy of ['zi-c', 'zip', 'aa'] as const) {
      const s = { ...sc(), market: { mechanism: 'continuous' as const, continuous: { strategy, rounds: 3 } } };
      const a = createSimulation(s, { deps: defaultSimulationDeps, files }).run();
      const b = createSimulation(s, { deps: defaultSimulationDeps, files }).run();
      expect(a.metrics.community.p2pVolumeKwh).toBeGreaterThan(0);
      expect(JSON.stringify(a.metrics)).toBe(JSON.stringify(b.metrics));
    }
    expect(() => createSimulation({ ...sc(), market: { mechanism: 'uniform', continuous: { strategy: 'zip' } } }, { deps: defaultSimulationDeps, files })).toThrow(/market\.continuous.*'continuous' only/);
  });
});

describe('the default study (100 prosumers) on a short horizon', () => {
  it('wasm and ts engines agree exactly and energy balances every step', async () => {
    const { createDefaultStudy } = await import('../../../ts/sim/scenario/default-study.js');
    const run = (engine: 'wasm' | 'ts', mechanism: 'uniform' | 'sdr') => {
      const sim = createSimulation(createDefaultStudy({ steps: 96, engine }), { deps: defaultSimulationDeps, mechanism });
      let worst = 0;
      while (!sim.done) worst = Math.max(worst, sim.step().balanceErrorKwh);
      const r = sim.result();
      sim.dispose();
      return { r, worst };
    };
    for (const m of ['uniform', 'sdr'] as const) {
      const w = run('wasm', m);
      const t = run('ts', m);
      expect(w.worst).toBeLessThan(1e-9);
      expect(JSON.stringify(w.r.metrics)).toBe(JSON.stringify(t.r.metrics));
      expect(w.r.metrics.community.p2pVolumeKwh).toBeGreaterThan(0);
      expect(w.r.metrics.community.powerFlowFailures).toBe(0);
    }
  });
});
