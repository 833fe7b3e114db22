// A scenario can reach every meter-CSV option its error hints name (fillGaps, netMeter, valueColumn, …), and hourly
// meter data runs on 15-minute steps only through the explicit `resample: 'hold'`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { nodeScenarioFiles } from '../../../ts/sim/node/scenario-file.js';
import type { ScenarioInput } from '../../../ts/sim/scenario/scenario-schema.js';
import { validateScenario } from '../../../ts/sim/scenario/validate-scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'peergrid-meter-opts-'));
const files = nodeScenarioFiles(dir);
const deps = defaultSimulationDeps;

function csv(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

function scenario(load: Record<string, unknown>, steps = 4): ScenarioInput {
  return {
    network: 'ieee33',
    prosumers: [{ id: 'm', bus: '5', load: { kind: 'csv', ...load } as never }],
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 },
    horizon: { start: '2024-06-03T00:00:00Z', steps, dtHours: 0.25 },
    seed: 1,
  };
}

const loads = (sc: ScenarioInput): number[] => {
  const sim = createSimulation(sc, { deps, files });
  const out: number[] = [];
  for (let s = 0; s < sc.horizon.steps; s++) {
    sim.step();
    out.push(sim.agents[0]!.loadKw);
  }
  return out;
};

const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('meter CSV options in a scenario', () => {
  const hourly = csv('hourly.csv', 'timestamp,consumption_kwh\n2024-06-03T00:00:00Z,1.2\n2024-06-03T01:00:00Z,2.0\n');

  it("hourly data on 15-minute steps: refused with a hint to load.resample, held with resample: 'hold'", () => {
    const msg = errorOf(() => createSimulation(scenario({ path: hourly }), { deps, files }));
    expect(msg).toMatch(/prosumers\[0\]\.load\.resample to 'hold'/);
    // 1.2 kWh in the first hour = 1.2 kW held over its four quarter-hours, then 2.0 kW.
    expect(loads(scenario({ path: hourly, resample: 'hold' }, 8))).toEqual([1.2, 1.2, 1.2, 1.2, 2, 2, 2, 2]);
  });

  it('every hint names a scenario field the schema accepts, and setting it works', () => {
    const gap = csv('gap.csv', 'timestamp,consumption_kwh\n2024-06-03T00:00:00Z,0.1\n2024-06-03T00:30:00Z,0.3\n2024-06-03T00:45:00Z,0.3\n');
    expect(errorOf(() => createSimulation(scenario({ path: gap }), { deps, files }))).toMatch(/prosumers\[0\]\.load\.fillGaps 'zero' \/ 'interpolate'/);
    expect(loads(scenario({ path: gap, fillGaps: 'interpolate' }))).toEqual([0.4, 0.8, 1.2, 1.2]);

    const neg = csv('neg.csv', 'timestamp,consumption_kwh\n2024-06-03T00:00:00Z,0.1\n2024-06-03T00:15:00Z,-0.1\n2024-06-03T00:30:00Z,0.1\n2024-06-03T00:45:00Z,0.1\n');
    expect(errorOf(() => createSimulation(scenario({ path: neg }), { deps, files }))).toMatch(/set prosumers\[0\]\.load\.netMeter to true/);
    expect(loads(scenario({ path: neg, netMeter: true }))[1]).toBeCloseTo(-0.4, 12);

    const cols = csv('cols.csv', 'time;a;b\n2024-06-03T00:00:00Z;7;0.25\n2024-06-03T00:15:00Z;7;0.25\n2024-06-03T00:30:00Z;7;0.25\n2024-06-03T00:45:00Z;7;0.25\n');
    expect(errorOf(() => createSimulation(scenario({ path: cols }), { deps, files }))).toMatch(/prosumers\[0\]\.load\.valueColumn/);
    expect(loads(scenario({ path: cols, valueColumn: 'b', unit: 'kWh' }))).toEqual([1, 1, 1, 1]);

    // The fields are in the schema (a field it rejected would fail validation here).
    for (const extra of [{ fillGaps: 'zero' }, { netMeter: true }, { valueColumn: 1 }, { timestampColumn: 'time' }, { expectedDtHours: 0.25 }, { resample: 'hold' }]) {
      expect(() => validateScenario(scenario({ path: 'x.csv', ...extra }))).not.toThrow();
    }
    expect(() => validateScenario(scenario({ path: 'x.csv', resample: 'linear' }))).toThrow();
  });
});
