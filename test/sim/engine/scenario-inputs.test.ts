import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError, ValidationError } from '../../../ts/errors.js';
import { createSimulation } from '../../../ts/sim/engine/simulation.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { nodeScenarioFiles } from '../../../ts/sim/node/scenario-file.js';
import type { ScenarioInput } from '../../../ts/sim/scenario/scenario-schema.js';
import { matpowerJsonPath, matpowerMPath } from '../../support/cases.js';

const dir = mkdtempSync(join(tmpdir(), 'peergrid-inputs-'));
const files = nodeScenarioFiles(dir);
const deps = defaultSimulationDeps;

function meterCsv(name: string, rows: number, from = Date.UTC(2024, 5, 3)): string {
  const lines = ['timestamp,consumption_kwh'];
  for (let i = 0; i < rows; i++) lines.push(`${new Date(from + i * 900_000).toISOString()},${(0.2 + 0.1 * (i % 4)).toFixed(3)}`);
  writeFileSync(join(dir, name), lines.join('\n') + '\n');
  return name;
}

function base(over: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    network: 'ieee33',
    prosumers: [{ id: 'm', bus: '5', load: { kind: 'csv', path: meterCsv('m.csv', 8) } }, { id: 'h', bus: 5, load: { kind: 'constant', pKw: 2 } }],
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 },
    horizon: { start: '2024-06-03T00:00:00Z', steps: 8, dtHours: 0.25 },
    seed: 3,
    ...over,
  };
}

describe('scenario inputs', () => {
  it('reads a meter CSV (kWh per 15 min → kW) relative to the scenario directory; numeric bus ids resolve', () => {
    const sim = createSimulation(base(), { deps, files });
    sim.step();
    expect(sim.agents[0]!.loadKw).toBeCloseTo(0.2 / 0.25, 12);
    sim.step();
    expect(sim.agents[0]!.loadKw).toBeCloseTo(0.3 / 0.25, 12);
    expect(sim.agents[1]!.busIndex).toBe(sim.agents[0]!.busIndex);
  });

  it('a meter CSV that does not cover the horizon names the prosumer path', () => {
    const sc = base({ horizon: { start: '2024-06-03T00:00:00Z', steps: 20, dtHours: 0.25 } });
    try {
      createSimulation(sc, { deps, files });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).field).toBe('prosumers[0].load.path');
    }
  });

  it('a missing meter CSV or network file names the scenario path', () => {
    const sc = base();
    sc.prosumers[0] = { id: 'm', bus: '5', load: { kind: 'csv', path: 'nope.csv' } };
    expect(() => createSimulation(sc, { deps, files })).toThrow(/prosumers\[0\]\.load\.path = "nope\.csv": cannot read .*nope\.csv: .*ENOENT/);
    expect(() => createSimulation(base({ network: 'missing-case.m' }), { deps, files })).toThrow(/network = "missing-case\.m": cannot read .*missing-case\.m: .*ENOENT/);
  });

  it('a malformed meter CSV is a ParseError with its line', () => {
    writeFileSync(join(dir, 'bad.csv'), 'timestamp,consumption_kwh\n2024-06-03T00:00:00Z,0.2\n2024-06-03T00:15:00Z,abc\n');
    const sc = base();
    sc.prosumers[0] = { id: 'm', bus: '5', load: { kind: 'csv', path: 'bad.csv' } };
    try {
      createSimulation(sc, { deps, files });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).line).toBe(3);
    }
  });

  it('loads a MATPOWER case by path and rejects an unknown feeder name', () => {
    const sc = base({ network: matpowerJsonPath('case33bw') });
    expect(createSimulation(sc, { deps, files }).feeder.net.nBus).toBe(33);
    expect(() => createSimulation(base({ network: 'ieee999' }), { deps, files })).toThrow(/built-in feeder/);
  });

  it('time-of-use prices drive the price-threshold battery and the price-aware EV', () => {
    const night = Array.from({ length: 24 }, (_, h) => (h < 6 ? 0.1 : 0.4));
    const sc: ScenarioInput = {
      network: 'ieee33',
      utcOffsetHours: 0,
      prosumers: [
        { id: 'b', bus: '10', load: { kind: 'constant', pKw: 1 }, battery: { capacityKwh: 10, powerKw: 2, rule: 'price-threshold', chargeBelowPricePerKwh: 0.15, dischargeAbovePricePerKwh: 0.35, initialSoc: 0.5 } },
      ],
      tariffs: { retailPricePerKwh: night, feedInPricePerKwh: 0.05 },
      horizon: { start: '2024-06-03T00:00:00Z', steps: 48, dtHours: 0.25 },
      seed: 1,
    };
    const sim = createSimulation(sc, { deps, files });
    const power: number[] = [];
    while (!sim.done) {
      sim.step();
      power.push(sim.agents[0]!.batteryKw);
    }
    expect(power[0]).toBe(-2); // charging at the night price
    expect(sim.series.retailPricePerKwh![0]).toBe(0.1);
    expect(sim.series.retailPricePerKwh![24]).toBe(0.4); // 06:00
    expect(power[24]).toBe(2); // discharging at the day price
  });
});

describe('meshed MATPOWER networks', () => {
  const meshed = (method?: 'nr' | 'bfs'): ScenarioInput => ({
    network: matpowerMPath('case14'),
    prosumers: [
      { id: 'a', bus: 9, load: { kind: 'household', annualKwh: 4000 }, pvKwp: 6 },
      { id: 'b', bus: '14', load: { kind: 'household', annualKwh: 3000 } },
    ],
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 },
    horizon: { start: '2024-06-03T10:00:00Z', steps: 8, dtHours: 0.25 },
    powerFlow: method === undefined ? {} : { method },
    seed: 5,
  });
  it("solves a meshed case by default ('auto' picks Newton-Raphson): no failed step", () => {
    const sim = createSimulation(meshed(), { deps, files });
    const r = sim.run();
    expect(sim.feeder.flow.method).toBe('nr');
    expect(r.metrics.community.powerFlowFailures).toBe(0);
    expect(r.metrics.community.firstPowerFlowFailure).toBeNull();
    expect(r.metrics.community.lossesKwh).toBeGreaterThan(0);
  });
  it('runs on a .m case with Newton-Raphson', () => {
    const sim = createSimulation(meshed('nr'), { deps, files });
    const r = sim.run();
    expect(sim.feeder.radial).toBe(false);
    expect(r.metrics.community.powerFlowFailures).toBe(0);
    expect(r.metrics.community.lossesKwh).toBeGreaterThan(0);
    expect(r.metrics.community.maxBalanceErrorKwh).toBeLessThan(1e-9);
  });
  it('the sweep on a meshed case reports failures as data, never NaN', () => {
    const r = createSimulation(meshed('bfs'), { deps, files }).run();
    expect(r.metrics.community.powerFlowFailures).toBe(8);
    expect(r.metrics.community.firstPowerFlowFailure).toEqual({ step: 0, time: '2024-06-03T10:00:00.000Z', status: 'not-radial' });
    expect(r.metrics.community.peakImportKw).toBeNull();
    expect(Number.isNaN(r.series.vmMinPu![0]!)).toBe(true); // no value: the step did not solve
    const nan: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'number' && Number.isNaN(v)) nan.push(path);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(r.metrics, 'metrics');
    expect(nan).toEqual([]);
  });
});
