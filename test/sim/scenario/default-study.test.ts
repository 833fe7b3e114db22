import { describe, expect, it } from 'vitest';
import { createDefaultStudy, HOUSEHOLD_SIZE_MIX } from '../../../ts/sim/scenario/default-study.js';
import { validateScenario } from '../../../ts/sim/scenario/validate-scenario.js';
import { loadScenarioNetwork } from '../../../ts/sim/engine/default-deps.js';
import { BRANCH_TRANSFORMER, type CompiledNetworkModel } from '../../../ts/network/compile-network.js';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';

describe('createDefaultStudy: a realistic LV community', () => {
  const s = validateScenario(createDefaultStudy());

  it('has 100 households of 2–6 MWh/yr, 40 % with 3–10 kWp PV, 15 % with 5–15 kWh batteries, 15 % with EVs', () => {
    expect(s.prosumers.length).toBe(100);
    expect(s.horizon.steps * s.horizon.dtHours).toBe(8760);
    for (const p of s.prosumers) {
      const annual = (p.load as { annualKwh: number }).annualKwh;
      expect(annual).toBeGreaterThanOrEqual(2000);
      expect(annual).toBeLessThanOrEqual(6000);
    }
    const mean = s.prosumers.reduce((a, p) => a + (p.load as { annualKwh: number }).annualKwh, 0) / 100;
    const mixMean = HOUSEHOLD_SIZE_MIX.reduce((a, h) => a + h.share * h.annualKwh, 0);
    expect(Math.abs(mean - mixMean) / mixMean).toBeLessThan(0.1); // the seeded mix is near its expectation
    const pv = s.prosumers.filter((p) => p.pvKwp > 0);
    expect(pv.length).toBe(40);
    for (const p of pv) expect(p.pvKwp >= 3 && p.pvKwp <= 10).toBe(true);
    const bat = s.prosumers.filter((p) => p.battery);
    expect(bat.length).toBe(15);
    for (const p of bat) {
      expect(p.pvKwp).toBeGreaterThan(0);
      expect(p.battery!.capacityKwh >= 5 && p.battery!.capacityKwh <= 15).toBe(true);
    }
    const ev = s.prosumers.filter((p) => p.ev);
    expect(ev.length).toBe(15);
    for (const p of ev) {
      expect([7.4, 11]).toContain(p.ev!.powerKw);
      const km = p.ev!.medianEnergyKwh / 0.18;
      expect(km >= 19.9 && km <= 45.1).toBe(true);
    }
    expect(s.backgroundLoad).toBe('none');
    expect(s.currency).toBe('EUR');
    expect(JSON.stringify(createDefaultStudy())).toBe(JSON.stringify(createDefaultStudy()));
  });

  it('puts one household on every house bus of a feeder with one 400 kVA transformer', () => {
    const net = loadScenarioNetwork(s.network, undefined) as CompiledNetworkModel;
    const trafos = [...net.branchKind].flatMap((k, i) => (k === BRANCH_TRANSFORMER ? [net.rateMva[i]! * 1000] : []));
    expect(trafos).toEqual([400]);
    const houses = net.busIds.filter((id) => /^h\d+$/.test(String(id)));
    expect(houses.length).toBe(100);
    expect(new Set(s.prosumers.map((p) => p.bus))).toEqual(new Set(houses));
  });

  it('runs a week with plausible physics: voltages within 0.94–1.08 p.u., losses 0.3–5 % of consumption', () => {
    const sim = createSimulation(createDefaultStudy({ steps: 672 }), { mechanism: 'none' });
    const r = sim.run();
    sim.dispose();
    const c = r.metrics.community;
    const vmin = Math.min(...r.series.vmMinPu!);
    const vmax = Math.max(...r.series.vmMaxPu!);
    expect(vmin).toBeGreaterThan(0.94);
    expect(vmax).toBeLessThan(1.08);
    expect(c.lossesKwh / c.consumptionKwh).toBeGreaterThan(0.003);
    expect(c.lossesKwh / c.consumptionKwh).toBeLessThan(0.05);
    // January week: each household's consumption annualised lies in a realistic band (winter is above the mean).
    for (const p of r.metrics.prosumers) {
      const annualised = ((p.loadKwh + p.evKwh) * 8760) / (672 * 0.25);
      expect(annualised).toBeGreaterThan(1500);
      expect(annualised).toBeLessThan(12000);
    }
  });
});
