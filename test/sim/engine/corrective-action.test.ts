// The corrective action of the step loop (simulation.ts, step 6): curtail PV export at the violating buses (and
// downstream on a radial feeder), rebuild the orders, re-clear and re-solve, at most maxRounds times per step.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../ts/market/order.js';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import type { SimulationDeps } from '../../../ts/sim/engine/simulation-deps.js';
import { CASE33_PATH, nodeFiles, referenceUniformClear, smallScenario } from '../sim-test-helpers.js';

const files = nodeFiles();

/** A market that records every book it clears (copies: the simulation reuses its order objects). */
function recordingDeps(books: { step: number; orders: Order[] }[]): SimulationDeps {
  return {
    ...defaultSimulationDeps,
    clearMarket: (orders, opts) => {
      books.push({ step: orders[0]?.interval ?? -1, orders: orders.map((o) => ({ ...o })) });
      return referenceUniformClear(orders, opts);
    },
  };
}

/**
 * Midday, clear sky: 6 PV prosumers next to the substation (bus 2) and one 800 kWp PV prosumer on each of buses
 * 13 … 18 at the end of the main feeder. Uncorrected, buses 15 … 18 rise to 1.10–1.13 p.u. (limit 1.1) every step.
 */
function midday(overrides: Record<string, unknown> = {}) {
  const sc = smallScenario({ horizon: { start: '2024-06-03T10:00:00Z', steps: 6, dtHours: 0.25 }, clouds: false, ...overrides });
  sc.prosumers = sc.prosumers.map((p, i) => ({ ...p, bus: i < 6 ? '2' : String(7 + i), pvKwp: i < 6 ? 600 : 800, battery: undefined, ev: undefined }));
  return sc;
}

describe('corrective action', () => {
  it('curtails only downstream of the overvoltage, re-clears the curtailed quantities and re-solves', () => {
    const books: { step: number; orders: Order[] }[] = [];
    const sim = createSimulation(midday(), { deps: recordingDeps(books), files });
    const off = createSimulation(midday({ correction: { enabled: false } }), { deps: recordingDeps([]), files });
    const vOff: number[] = [];
    const rounds: number[] = [];
    while (!sim.done) {
      const r = sim.step();
      off.step();
      vOff.push(off.feeder.violations.overVoltage);
      rounds.push(r.correctionRounds);
      // The last book cleared in this step holds the curtailed quantities, not the first ones.
      const last = books.filter((b) => b.step === r.step).at(-1)!;
      for (let i = 0; i < sim.agents.length; i++) {
        const o = last.orders.find((x) => x.prosumer === sim.agents[i]!.id)!;
        expect(o.quantityKwh).toBeCloseTo(Math.abs(sim.netKw[i]!) * sim.grid.dtHours, 12);
        // Curtailment takes PV only, never more than the step's output.
        const cut = sim.netBeforeCurtailmentKw[i]! - sim.netKw[i]!;
        expect(cut).toBeGreaterThanOrEqual(0);
        expect(cut).toBeLessThanOrEqual(sim.agents[i]!.pvKw + 1e-12);
      }
      // Either the violation is gone or the rounds ran out.
      expect(sim.feeder.violations.overVoltage === 0 || r.correctionRounds === sim.scenario.correction.maxRounds).toBe(true);
      expect(r.balanceErrorKwh).toBeLessThan(1e-9);
    }
    expect(vOff.every((v) => v > 0)).toBe(true); // every step needs correcting
    expect(rounds.every((k) => k > 0)).toBe(true);
    // One clearing per step plus one per corrective round.
    expect(books.length).toBe(rounds.length + rounds.reduce((a, b) => a + b, 0));
    const m = sim.result().metrics;
    expect(m.community.correctionRounds).toBe(rounds.reduce((a, b) => a + b, 0));
    // Only the violating buses 15 … 18 (and what is downstream of them) are curtailed; 2, 13 and 14 never are.
    for (const p of m.prosumers) {
      if (['15', '16', '17', '18'].includes(String(p.bus))) expect(p.curtailedKwh, `bus ${p.bus}`).toBeGreaterThan(0);
      else expect(p.curtailedKwh, `bus ${p.bus}`).toBe(0);
    }
    expect(m.community.voltageViolations.overVoltage).toBeLessThan(vOff.reduce((a, b) => a + b, 0));
    sim.dispose();
    off.dispose();
  });

  it('relieves a reverse-flow overload by curtailing only behind the overloaded branch', () => {
    const net = defaultSimulationDeps.loadNetwork(CASE33_PATH, files);
    const ends = (i: number) => [net.busIds[net.fromBus[i]!], net.busIds[net.toBus[i]!]].map(String).sort().join('-');
    const k = net.branchIds.findIndex((_, i) => ends(i) === '26-6');
    expect(k).toBeGreaterThanOrEqual(0);
    // 1 MVA on 6→26: the lateral 26 … 33 exporting 1.8 MW overloads it in reverse.
    const rated = { ...net, rateMva: Float64Array.from(net.rateMva, (r, i) => (i === k ? 1 : r)) };
    const scenario = () => {
      const sc = smallScenario({ horizon: { start: '2024-06-03T11:00:00Z', steps: 4, dtHours: 0.25 }, clouds: false });
      sc.prosumers = sc.prosumers.map((p, i) => ({ ...p, bus: i < 6 ? '3' : '30', pvKwp: i < 6 ? 100 : 400, battery: undefined, ev: undefined }));
      return sc;
    };
    const on = createSimulation(scenario(), { deps: recordingDeps([]), files, network: rated }).run();
    const off = createSimulation({ ...scenario(), correction: { enabled: false } }, { deps: recordingDeps([]), files, network: rated }).run();
    expect(off.metrics.community.thermalViolations.count).toBe(4);
    expect(on.metrics.community.thermalViolations.count).toBe(0);
    expect(on.metrics.community.curtailedKwh).toBeGreaterThan(0);
    for (const p of on.metrics.prosumers) {
      if (String(p.bus) === '3') expect(p.curtailedKwh).toBe(0);
      else expect(p.curtailedKwh).toBeGreaterThan(0);
    }
    expect(on.metrics.community.maxBalanceErrorKwh).toBeLessThan(1e-9);
  });
});
