// market.mechanism 'network-constrained' in the simulation: the clearing keeps the feeder's limits, so the violations
// the uniform auction leaves (or corrects after the fact) do not occur, up to the LinDistFlow error.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLpSolver } from '../../../ts/lp/load-lp-solver.js';
import type { LpSolver } from '../../../ts/lp/lp-solver.js';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import type { ScenarioInput } from '../../../ts/sim/scenario/scenario-schema.js';
import { ValidationError } from '../../../ts/errors.js';

let lpSolver: LpSolver;
beforeAll(async () => {
  lpSolver = await loadLpSolver();
});

/** The LinDistFlow error this test allows, p.u. (lossless linearisation of the branch flows). */
const LINDISTFLOW_TOLERANCE_PU = 0.01;

/** IEEE 33-bus feeder, PV parks at the ends of both laterals exporting at noon in June: over-voltage without control. */
function binding(correction: boolean): ScenarioInput {
  const buses = ['14', '15', '16', '17', '18', '30', '31', '32', '33', '2', '3'];
  return {
    name: 'ieee33-pv-noon',
    network: 'ieee33',
    backgroundLoad: 'none',
    prosumers: buses.map((bus, i) => ({ id: `p${bus}`, bus, load: { kind: 'constant' as const, pKw: 20 + 5 * i }, pvKwp: i < 9 ? 1600 : 0 })),
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.05 },
    market: { mechanism: 'uniform', strategy: { kind: 'truthful' } },
    correction: { enabled: correction },
    horizon: { start: '2024-06-21T09:00:00Z', steps: 12, dtHours: 0.25 },
    seed: 3,
  };
}

describe("simulation with market.mechanism 'network-constrained'", () => {
  it('uniform leaves over-voltages (or curtails after the fact); network-constrained curtails in the clearing and none remain', () => {
    const [uniform, nc] = runComparison(binding(false), { mechanisms: ['uniform', 'network-constrained'], lpSolver });
    const [corrected] = runComparison(binding(true), { mechanisms: ['uniform'] });
    const u = uniform!.metrics.community;
    const n = nc!.metrics.community;
    const k = corrected!.metrics.community;
    expect(u.voltageViolations.overVoltage).toBeGreaterThan(10);
    expect(u.voltageViolations.worstExcessPu).toBeGreaterThan(0.01);
    expect(k.curtailedByReason.networkKwh).toBeGreaterThan(10);
    // Network-constrained: nothing after the fact, PV curtailed by the clearing, the AC flow within the limits up to
    // the LinDistFlow error (measured here and bounded).
    expect(n.curtailedByReason.networkKwh).toBeCloseTo(0, 9);
    expect(n.curtailedByReason.clearingKwh).toBeGreaterThan(10);
    expect(n.gridClearing!.lpSteps).toBeGreaterThan(0);
    expect(n.gridClearing!.maxLinDistFlowErrorPu).toBeLessThan(LINDISTFLOW_TOLERANCE_PU);
    expect(n.voltageViolations.worstExcessPu).toBeLessThanOrEqual(n.gridClearing!.maxLinDistFlowErrorPu);
    expect(n.thermalViolations.count).toBe(0);
    console.log(`IEEE 33 PV noon: uniform ${u.voltageViolations.count} V violations (worst +${u.voltageViolations.worstExcessPu.toFixed(4)} p.u.); ` +
      `corrected ${k.curtailedByReason.networkKwh.toFixed(0)} kWh after the fact; network-constrained ${n.voltageViolations.count} ` +
      `(worst ${n.voltageViolations.worstExcessPu.toExponential(2)} p.u.), ${n.curtailedByReason.clearingKwh.toFixed(0)} kWh in clearing, ` +
      `LinDistFlow error ${n.gridClearing!.maxLinDistFlowErrorPu.toExponential(2)} p.u.`);
    // Per-prosumer curtailment adds up to the community's; buyers never pay more than retail for a P2P kWh.
    expect(nc!.metrics.prosumers.reduce((a, p) => a + p.curtailedKwh, 0)).toBeCloseTo(n.curtailedKwh, 9);
    expect(n.p2pBuyerPricePerKwh!).toBeLessThanOrEqual(0.3 + 1e-12);
    for (const p of nc!.metrics.prosumers) expect(p.savings).toBeGreaterThanOrEqual(-1e-9);
  });

  it('needs a loaded LP solver before the run, and refuses gate closure, with errors that say so', () => {
    const s = { ...binding(true), market: { mechanism: 'network-constrained' as const } };
    expect(() => createSimulation(s)).toThrow(ValidationError);
    expect(() => createSimulation(s)).toThrow(/await loadLpSolver\(\)/);
    const gate = { ...s, market: { ...s.market, gateClosure: { forecast: { kind: 'persistence' as const } } } };
    expect(() => createSimulation(gate, { lpSolver })).toThrow(/gateClosure/);
  });
});
