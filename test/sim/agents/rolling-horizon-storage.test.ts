import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';
import type { ScenarioInput } from '../../../ts/sim/scenario/scenario-schema.js';
import { validateScenario } from '../../../ts/sim/scenario/validate-scenario.js';
import { loadLpSolver } from '../../../ts/lp/load-lp-solver.js';
import { solveBatteryScheduleWith } from '../../../ts/flex/battery-schedule.js';
import { ValidationError } from '../../../ts/errors.js';

/** A time-of-use retail price by local hour: cheap nights, an evening peak. */
const TOU = Array.from({ length: 24 }, (_, h) => (h < 6 ? 0.22 : h >= 17 && h < 21 ? 0.48 : 0.34));

/**
 * 20 households of the default study over `days` June days on a time-of-use tariff, without connection limits
 * (so nothing is curtailed and a household's bill is exactly its schedule's cost), every battery and car set by `set`.
 */
function study(days: number, set: (p: NonNullable<ScenarioInput['prosumers']>[number]) => void, startHour = '00'): ScenarioInput {
  const s = createDefaultStudy({ prosumers: 20, steps: 96 * days, start: `2023-06-12T${startHour}:00:00+01:00` });
  s.limits = {};
  s.tariffs = { retailPricePerKwh: TOU, feedInPricePerKwh: 0.08 };
  for (const p of s.prosumers!) set(p);
  return s;
}

/** Runs the no-P2P baseline and returns each household's bill and the per-step series of one household. */
function run(s: ScenarioInput, engine: 'wasm' | 'ts' = 'wasm') {
  const sim = createSimulation(validateScenario({ ...s, engine }), { mechanism: 'none' });
  const n = s.horizon!.steps!;
  const series = sim.agents.map(() => ({ load: new Float64Array(n), pv: new Float64Array(n), ev: new Float64Array(n), battery: new Float64Array(n) }));
  for (let t = 0; t < n; t++) {
    sim.step();
    sim.agents.forEach((a, i) => {
      series[i]!.load[t] = a.loadKw; series[i]!.pv[t] = a.pvKw; series[i]!.ev[t] = a.evKw; series[i]!.battery[t] = a.batteryKw;
    });
  }
  const r = sim.run();
  sim.dispose();
  return { prosumers: r.metrics.prosumers, community: r.metrics.community, series, retail: sim.tariffColumns.retailPricePerKwh };
}

describe("rolling-horizon optimal storage in the simulation (rule/policy 'optimal')", () => {
  it('one plan over the whole run: each battery household pays exactly the HiGHS optimum of its battery-schedule/1 LP (1e-9 rel.)', async () => {
    const days = 2;
    const s = study(days, (p) => {
      if (p.battery) p.battery = { ...p.battery, rule: 'optimal', planning: { horizonHours: 24 * days, resolveEveryHours: 24 * days } };
    });
    const r = run(s);
    const highs = await loadLpSolver('highs');
    let checked = 0;
    s.prosumers!.forEach((p, i) => {
      if (!p.battery) return;
      const x = r.series[i]!;
      const b = { efficiency: 0.9, socMin: 0.1, socMax: 0.9, initialSoc: 0.5, ...p.battery };
      const eta = Math.sqrt(b.efficiency);
      const lp = solveBatteryScheduleWith(highs, {
        format: 'battery-schedule/1', intervalMinutes: 15,
        importPricePerKwh: Array.from(r.retail), exportPricePerKwh: Array.from(r.retail, () => 0.08),
        loadKw: Array.from(x.load, (l, t) => l + x.ev[t]!), pvKw: Array.from(x.pv), importLimitKw: null, exportLimitKw: null,
        battery: {
          capacityKwh: b.capacityKwh, maxChargeKw: b.powerKw, maxDischargeKw: b.powerKw, chargeEfficiency: eta, dischargeEfficiency: eta,
          initialSocKwh: b.initialSoc * b.capacityKwh, minSocKwh: b.socMin * b.capacityKwh, maxSocKwh: b.socMax * b.capacityKwh, finalSocMinKwh: 0,
        },
      });
      expect(lp.status).toBe('optimal');
      expect(Math.abs(r.prosumers[i]!.cost - lp.objective)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(lp.objective)));
      checked++;
    });
    expect(checked).toBe(3);
  });

  it('re-planned hourly 24 h ahead on a time-of-use tariff: battery households pay less than with the rules; engines agree bit for bit', () => {
    const bill = (rule: 'self-consumption' | 'optimal', engine: 'wasm' | 'ts' = 'wasm') => {
      const s = study(3, (p) => { if (p.battery) p.battery = { ...p.battery, rule }; });
      const r = run(s, engine);
      return { total: s.prosumers!.reduce((sum, p, i) => sum + (p.battery ? r.prosumers[i]!.cost : 0), 0), r };
    };
    const rule = bill('self-consumption');
    const opt = bill('optimal');
    expect(opt.total).toBeLessThan(rule.total - 0.5);
    // Households without a battery are untouched by their neighbours' strategy.
    opt.r.prosumers.forEach((p, i) => { if (!opt.r.series[i]!.battery.some((v) => v !== 0)) expect(p.cost).toBe(rule.r.prosumers[i]!.cost); });
    expect(bill('optimal', 'ts').total).toBe(opt.total);
  });

  it("EV policy 'optimal' meets every deadline and pays less than charging on arrival", () => {
    const bill = (policy: 'immediate' | 'optimal') => {
      // From 14:00 to 14:00: no car is plugged in when the run starts or ends, so both deliver every session's energy.
      const r = run(study(3, (p) => { if (p.ev) p.ev = { ...p.ev, policy }; }, '14'));
      return { cost: r.community.cost, unmet: r.community.evUnmetKwh, ev: r.prosumers.reduce((s, p) => s + p.evKwh, 0) };
    };
    const now = bill('immediate');
    const opt = bill('optimal');
    expect(opt.unmet).toBe(0);
    expect(opt.ev).toBeCloseTo(now.ev, 6); // the same energy, at other times
    expect(opt.cost).toBeLessThan(now.cost - 0.5);
  });

  it('forecasts by persistence and with noise run deterministically and cost more than the perfect forecast', () => {
    const total = (forecast: { kind: 'perfect' } | { kind: 'persistence'; lagSteps: number } | { kind: 'noisy-truth'; relativeErrorSd: number }) => {
      const s = study(3, (p) => { if (p.battery) p.battery = { ...p.battery, rule: 'optimal', planning: { horizonHours: 24, resolveEveryHours: 1, forecast } }; });
      const r = run(s);
      return s.prosumers!.reduce((sum, p, i) => sum + (p.battery ? r.prosumers[i]!.cost : 0), 0);
    };
    const perfect = total({ kind: 'perfect' });
    const persistence = total({ kind: 'persistence', lagSteps: 96 });
    const noisy = total({ kind: 'noisy-truth', relativeErrorSd: 0.3 });
    expect(total({ kind: 'noisy-truth', relativeErrorSd: 0.3 })).toBe(noisy);
    expect(persistence).toBeGreaterThan(perfect);
    expect(noisy).toBeGreaterThan(perfect);
  });

  it('planning on a rule-based battery or EV is refused naming the field', () => {
    const s = study(1, () => {});
    const p = s.prosumers!.find((x) => x.battery)!;
    p.battery = { ...p.battery!, planning: { horizonHours: 24 } };
    expect(() => validateScenario(s)).toThrow(ValidationError);
    expect(() => validateScenario(s)).toThrow(/battery\.planning.*rule 'optimal' only/);
    p.battery = { ...p.battery!, rule: 'optimal', planning: { horizonHours: 4, resolveEveryHours: 6 } };
    expect(() => validateScenario(s)).toThrow(/resolveEveryHours.*must not exceed horizonHours/);
  });
});
