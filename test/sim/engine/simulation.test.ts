import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import type { SimulationDeps } from '../../../ts/sim/engine/simulation-deps.js';
import { nodeFiles, referenceUniformClear, smallScenario } from '../sim-test-helpers.js';

const deps: SimulationDeps = { ...defaultSimulationDeps, clearMarket: referenceUniformClear };
const files = nodeFiles();

describe('Simulation step loop (reference market)', () => {
  it('conserves energy in every step within 1e-9 kWh', () => {
    const sim = createSimulation(smallScenario(), { deps, files });
    let traded = 0;
    while (!sim.done) {
      const r = sim.step();
      // Per prosumer: surplus = P2P sold + grid export, deficit = P2P bought + grid import.
      for (let i = 0; i < sim.agents.length; i++) {
        const e = sim.netKw[i]! * sim.grid.dtHours;
        expect(Math.abs(Math.max(e, 0) - sim.stepSoldKwh[i]! - sim.stepExportKwh[i]!)).toBeLessThan(1e-9);
        expect(Math.abs(Math.max(-e, 0) - sim.stepBoughtKwh[i]! - sim.stepImportKwh[i]!)).toBeLessThan(1e-9);
        // Physical: PV − curtailed − load − EV + battery = net.
        const a = sim.agents[i]!;
        const cut = sim.netBeforeCurtailmentKw[i]! - sim.netKw[i]!;
        expect(Math.abs(a.pvKw - cut - a.loadKw - a.evKw + a.batteryKw - sim.netKw[i]!)).toBeLessThan(1e-9);
      }
      expect(Math.abs(r.p2pSoldKwh - r.p2pBoughtKwh)).toBeLessThan(1e-9);
      expect(Math.abs(r.p2pSoldKwh + r.gridExportKwh - (r.p2pBoughtKwh + r.gridImportKwh) - (r.surplusKwh - r.deficitKwh))).toBeLessThan(1e-9);
      expect(r.balanceErrorKwh).toBeLessThan(1e-9);
      expect(r.powerFlowStatus).toBe('converged');
      traded += r.p2pSoldKwh;
    }
    expect(traded).toBeGreaterThan(1); // the day has PV surplus traded P2P
    const res = sim.result();
    expect(res.steps).toBe(96);
    expect(res.metrics.community.maxBalanceErrorKwh).toBeLessThan(1e-9);
    sim.dispose();
  });

  it('is deterministic for the same scenario and seed, and changes with the seed', () => {
    const run = (seed: number) => {
      const sim = createSimulation(smallScenario({ seed }), { deps, files });
      const r = sim.run();
      sim.dispose();
      return r;
    };
    const a = run(7);
    const b = run(7);
    expect(JSON.stringify(a.metrics)).toBe(JSON.stringify(b.metrics));
    expect(Array.from(a.series.vmMinPu!)).toEqual(Array.from(b.series.vmMinPu!));
    const c = run(8);
    expect(c.metrics.community.consumptionKwh).not.toBe(a.metrics.community.consumptionKwh);
  });

  it("'none' (no-P2P baseline) costs what every P2P run reports as its baseline", () => {
    const p2p = createSimulation(smallScenario(), { deps, files }).run();
    const base = createSimulation(smallScenario(), { deps, files, mechanism: 'none' }).run();
    expect(base.metrics.community.p2pVolumeKwh).toBe(0);
    expect(base.metrics.community.savings).toBeCloseTo(0, 12);
    expect(base.metrics.community.cost).toBeCloseTo(p2p.metrics.community.baselineCost, 9);
    p2p.metrics.prosumers.forEach((p, i) => expect(base.metrics.prosumers[i]!.cost).toBeCloseTo(p.baselineCost, 9));
    // Truthful bids with a uniform price between feed-in and retail − charge: nobody loses.
    for (const p of p2p.metrics.prosumers) expect(p.savings).toBeGreaterThanOrEqual(-1e-9);
    expect(p2p.metrics.community.savings).toBeGreaterThan(0);
  });

  it('supports now, step(), run({until}) and named reporters', () => {
    const sim = createSimulation(smallScenario(), { deps, files });
    sim.addReporter('firstAgentNetKw', (s) => s.netKw[0]!);
    expect(sim.now).toBe(0);
    sim.step();
    expect(sim.now).toBe(0.25);
    const r = sim.run({ until: 6 });
    expect(sim.now).toBe(6);
    expect(r.steps).toBe(24);
    expect(r.series.firstAgentNetKw!.length).toBe(24);
    expect(r.series.firstAgentNetKw![23]).toBe(sim.netKw[0]);
    sim.run();
    expect(sim.done).toBe(true);
    expect(() => sim.step()).toThrow(/exhausted/);
  });

  it('curtails PV export downstream of an overvoltage and re-clears', () => {
    // Tight upper voltage limit is emulated by massive PV at the feeder's end: export pushes voltages above 1.05.
    const sc = smallScenario();
    sc.prosumers = sc.prosumers.map((p, i) => ({ ...p, bus: String(14 + (i % 5)), pvKwp: 600 }));
    sc.horizon = { start: '2024-06-03T10:00:00Z', steps: 8, dtHours: 0.25 };
    sc.clouds = false;
    const sim = createSimulation(sc, { deps, files });
    const noCorr = createSimulation({ ...sc, correction: { enabled: false } }, { deps, files });
    const r = sim.run();
    const r0 = noCorr.run();
    expect(r0.metrics.community.voltageViolations.overVoltage).toBeGreaterThan(0);
    expect(r.metrics.community.curtailedKwh).toBeGreaterThan(0);
    expect(r.metrics.community.voltageViolations.overVoltage).toBeLessThan(r0.metrics.community.voltageViolations.overVoltage);
    expect(r0.metrics.community.curtailedKwh).toBe(0);
    expect(r.metrics.community.maxBalanceErrorKwh).toBeLessThan(1e-9);
  });

  it('takes a custom (pluggable) bidding strategy', () => {
    const seen: string[] = [];
    const greedy = {
      name: 'greedy-seller',
      price: (side: 'buy' | 'sell', ctx: { retailPricePerKwh: number; networkChargePerKwh: number; feedInPricePerKwh: number }) => {
        seen.push(side);
        return side === 'sell' ? 1 : ctx.retailPricePerKwh - ctx.networkChargePerKwh;
      },
    };
    // Every seller asks 1.00/kWh, above every bid: nothing trades P2P.
    const sim = createSimulation(smallScenario(), { deps, files, strategyFor: () => greedy });
    const r = sim.run();
    expect(seen).toContain('sell');
    expect(r.metrics.community.p2pVolumeKwh).toBe(0);
    expect(sim.agents[0]!.strategy.name).toBe('greedy-seller');
  });

  it('self-sufficiency and self-consumption are physical (same under every mechanism); the settled ones are not', () => {
    // Independent recomputation from the per-step net injections: community boundary flow = Σᵢ netᵢ each step.
    const run = (mechanism: 'none' | 'uniform') => {
      const sim = createSimulation(smallScenario(), { deps, files, mechanism });
      let imp = 0;
      let exp = 0;
      let meterImp = 0;
      while (!sim.done) {
        sim.step();
        let sum = 0;
        for (let i = 0; i < sim.agents.length; i++) {
          const e = sim.netKw[i]! * sim.grid.dtHours;
          sum += e;
          if (e < 0) meterImp -= e;
        }
        if (sum < 0) imp -= sum;
        else exp += sum;
      }
      const c = sim.result().metrics.community;
      sim.dispose();
      return { c, imp, exp, meterImp };
    };
    const base = run('none');
    const p2p = run('uniform');
    for (const r of [base, p2p]) {
      const { c } = r;
      expect(c.netImportKwh).toBeCloseTo(r.imp, 9);
      expect(c.netExportKwh).toBeCloseTo(r.exp, 9);
      expect(c.selfSufficiency!).toBeCloseTo(1 - r.imp / c.consumptionKwh, 12);
      expect(c.selfConsumption!).toBeCloseTo(1 - r.exp / (c.pvKwh - c.curtailedKwh), 12);
      // The retailer settles at least the physical boundary flow.
      expect(c.gridImportKwh).toBeGreaterThanOrEqual(c.netImportKwh - 1e-9);
      expect(c.settledSelfSufficiency!).toBeLessThanOrEqual(c.selfSufficiency! + 1e-12);
      expect(c.settledSelfConsumption!).toBeLessThanOrEqual(c.selfConsumption! + 1e-12);
    }
    expect(p2p.c.selfSufficiency).toBe(base.c.selfSufficiency);
    expect(p2p.c.selfConsumption).toBe(base.c.selfConsumption);
    // Without P2P the retailer settles every meter's import; P2P moves part of it inside the community.
    expect(base.c.settledSelfSufficiency!).toBeCloseTo(1 - base.meterImp / base.c.consumptionKwh, 12);
    expect(p2p.c.settledSelfSufficiency!).toBeGreaterThan(base.c.settledSelfSufficiency! + 0.01);
    expect(p2p.c.settledSelfConsumption!).toBeGreaterThan(base.c.settledSelfConsumption! + 0.01);
    // There was something to net out: a day with PV surplus on some meters and deficits on others.
    expect(base.c.selfSufficiency!).toBeGreaterThan(base.c.settledSelfSufficiency! + 0.01);
  });

  it('gives the market a clearing seed that depends on all of the scenario seed, not only its low 32 bits', () => {
    const seedsOf = (seed: number) => {
      const seen: number[] = [];
      const spy: SimulationDeps = { ...deps, clearMarket: (o, opts) => (seen.push(opts.seed!), referenceUniformClear(o, opts)) };
      createSimulation(smallScenario({ seed, horizon: { start: '2024-06-03T10:00:00Z', steps: 3, dtHours: 0.25 } }), { deps: spy, files }).run();
      return seen;
    };
    const a = seedsOf(1);
    expect(a.length).toBe(3);
    expect(new Set(a).size).toBe(3); // one per step
    expect(seedsOf(1 + 2 ** 32)).not.toEqual(a);
    expect(seedsOf(1)).toEqual(a);
  });

  it('feeder power balance every step: substation import = losses + loads − prosumer net injections (within 0.01 kW)', () => {
    // Independent of the settlement: from the network's own loads, the prosumers' net kW and the solved losses.
    const sim = createSimulation(smallScenario({ horizon: { start: '2024-06-03T00:00:00Z', steps: 48, dtHours: 0.5 } }), { deps, files });
    const net = sim.feeder.net;
    const hosts = new Set(sim.agents.map((a) => a.busIndex));
    let otherLoadKw = 0;
    for (let b = 0; b < net.nBus; b++) if (!hosts.has(b)) otherLoadKw += net.pLoadPu[b]! * net.baseMva * 1000;
    expect(net.nGen).toBe(1); // only the substation generates
    let losses = 0;
    while (!sim.done) {
      sim.step();
      const prosumersKw = sim.netKw.reduce((a, b) => a + b, 0);
      expect(Math.abs(sim.feeder.substationKw - (sim.feeder.lossesKw + otherLoadKw - prosumersKw))).toBeLessThan(0.01);
      expect(sim.feeder.lossesKw).toBeGreaterThan(0);
      losses += sim.feeder.lossesKw * 0.5;
    }
    expect(sim.result().metrics.community.lossesKwh).toBeCloseTo(losses, 9);
  });

  it('throws, naming the step and prosumer, when the market loses energy instead of reporting a wrong balance', () => {
    const lossy: SimulationDeps = {
      ...deps,
      clearMarket: (o, opts) => {
        const r = referenceUniformClear(o, opts);
        return { ...r, gridPurchases: r.gridPurchases.slice(1) }; // one buyer's residual dropped
      },
    };
    const sim = createSimulation(smallScenario(), { deps: lossy, files });
    expect(() => sim.run()).toThrow(/simulation step 0 \(uniform\): energy does not balance for prosumer 'h\d+': off by [\d.e-]+ kWh/);
  });
});
