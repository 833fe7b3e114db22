import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../ts/sweep/sweep-file.js';
import { expandSweep, sweepAxes } from '../../ts/sweep/expand-sweep.js';
import { runKey } from '../../ts/sweep/run-key.js';
import { setPath } from '../../ts/sweep/dotted-path.js';
import { SWEEP_GENERATORS } from '../../ts/sweep/sweep-generators.js';
import { validateScenario } from '../../ts/sim/scenario/validate-scenario.js';
import { ValidationError } from '../../ts/errors.js';
import { tinyBase } from './sweep-fixtures.js';

const spec = (o: Record<string, unknown>) => parseSweepSpec({ format: 'peergrid-sweep/1', base: tinyBase(), ...o }, 'sweep.json');

function thrown(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('sweep file (peergrid-sweep/1)', () => {
  it('refuses a bad shape with a located error', () => {
    expect(thrown(() => parseSweepSpec({ format: 'peergrid-sweep/2', base: {} }, 's.json')).field).toBe('format');
    expect(thrown(() => spec({ vray: {} })).field).toBe('vray');
    expect(thrown(() => spec({ vary: { seed: [] } })).field).toBe('vary["seed"]');
    expect(thrown(() => spec({ vary: { 'market..k': [1] } })).field).toBe('vary["market..k"]');
    expect(thrown(() => spec({ vary: { 'generator.pvShar': [0.1] } })).message).toMatch(/unknown generator 'pvShar'/);
    expect(thrown(() => spec({ vary: { seed: [1] }, combinations: [{ seed: 2 }] })).field).toBe('combinations[0]["seed"]');
    expect(thrown(() => parseSweepSpec({ format: 'peergrid-sweep/1', base: 3 }, 's.json')).field).toBe('base');
  });

  it('expands the full grid, first axis slowest, and crosses listed combinations with it', () => {
    const s = spec({ vary: { 'market.mechanism': ['uniform', 'sdr'], seed: [1, 2, 3] } });
    const runs = expandSweep(s, tinyBase());
    expect(runs.map((r) => r.params)).toEqual(
      ['uniform', 'sdr'].flatMap((m) => [1, 2, 3].map((seed) => ({ 'market.mechanism': m, seed }))),
    );
    expect(runs.map((r) => [r.scenario.market.mechanism, r.scenario.seed])).toEqual(runs.map((r) => [r.params['market.mechanism'], r.params.seed]));
    const c = spec({ vary: { seed: [1, 2] }, combinations: [{ 'market.mechanism': 'uniform', 'market.k': 0.2 }, { 'market.mechanism': 'mmr' }] });
    const cr = expandSweep(c, tinyBase());
    expect(cr.map((r) => r.params)).toEqual([
      { 'market.mechanism': 'uniform', 'market.k': 0.2, seed: 1 },
      { 'market.mechanism': 'uniform', 'market.k': 0.2, seed: 2 },
      { 'market.mechanism': 'mmr', seed: 1 },
      { 'market.mechanism': 'mmr', seed: 2 },
    ]);
    expect(cr[0]!.scenario.market.k).toBe(0.2);
    expect(sweepAxes(c)).toEqual(['market.mechanism', 'market.k', 'seed']);
    // No axes at all: one run of the base.
    expect(expandSweep(spec({}), tinyBase()).length).toBe(1);
  });

  it('validates every run up front and names the sweep field a bad value came from', () => {
    const e = thrown(() => expandSweep(spec({ vary: { seed: [1], 'market.mechanism': ['uniform', 'auction'] } }), tinyBase()));
    expect(e.field).toBe('vary["market.mechanism"][1]');
    expect(e.value).toBe('auction');
    expect(e.message).toMatch(/expected one of/);
    const deep = thrown(() => expandSweep(spec({ vary: { 'prosumers.0.battery': [{ capacityKwh: -1, powerKw: 2 }] } }), tinyBase()));
    expect(deep.field).toBe('vary["prosumers.0.battery"][0]');
    expect(deep.message).toMatch(/prosumers\[0\]\.battery\.capacityKwh/);
    const idx = thrown(() => expandSweep(spec({ vary: { 'prosumers.9.pvKwp': [1] } }), tinyBase()));
    expect(idx.message).toMatch(/has 4 item\(s\): no index 9/);
    const base = tinyBase();
    base.horizon.dtHours = -1;
    expect(thrown(() => expandSweep(spec({ vary: { seed: [1, 2] } }), base)).field).toBe('base.horizon.dtHours');
    expect(thrown(() => expandSweep(spec({ vary: { 'generator.pvShare': [1.5] } }), tinyBase())).field).toBe('vary["generator.pvShare"][0]');
  });

  it('keys runs by the resolved scenario and the version: defaults written out or not give the same key', () => {
    const a = validateScenario(tinyBase());
    const explicit = tinyBase();
    explicit.engine = 'wasm';
    explicit.powerFlow = {};
    expect(runKey(validateScenario(explicit), {})).toBe(runKey(a, {}));
    expect(runKey(a, {})).toMatch(/^[0-9a-f]{64}$/);
    expect(runKey(a, {}, '0.0.0')).not.toBe(runKey(a, {}));
    expect(runKey(a, { 'x.csv': '1' })).not.toBe(runKey(a, {}));
    const b = tinyBase();
    b.prosumers[3].load.annualKwh = 3500.0000001;
    expect(runKey(validateScenario(b), {})).not.toBe(runKey(a, {}));
    // Equal runs of one sweep share a key (the runner computes them once).
    const runs = expandSweep(spec({ vary: { 'horizon.dtHours': [0.25, 0.25] } }), tinyBase());
    expect(runs[0]!.key).toBe(runs[1]!.key);
  });

  it('setPath creates missing objects and refuses indexing past a list', () => {
    const o: Record<string, unknown> = { a: [1, 2] };
    expect(setPath(o, 'b.c', 3)).toBeNull();
    expect(o.b).toEqual({ c: 3 });
    expect(setPath(o, 'a.1', 5)).toBeNull();
    expect(o.a).toEqual([1, 5]);
    expect(setPath(o, 'a.x', 5)).toMatch(/expected an index/);
    expect(setPath(o, 'b.c.d', 5)).toMatch(/'b.c' is not an object/);
  });
});

describe('generator pvShare', () => {
  const ten = (): Record<string, any> => {
    const b = tinyBase();
    b.prosumers = Array.from({ length: 10 }, (_, i) => ({
      id: `p${i}`,
      bus: '18',
      load: { kind: 'household', annualKwh: 2000 + 500 * i },
      ...(i % 3 === 0 ? { pvKwp: 2 + i, battery: { capacityKwh: 5, powerKw: 2 } } : {}),
    }));
    return b;
  };
  const owners = (s: Record<string, any>) => s.prosumers.filter((p: any) => (p.pvKwp ?? 0) > 0).map((p: any) => p.id).sort();

  it('gives PV to round(share·n) prosumers, nested as the share grows, reproducing the base at its own share', () => {
    const sets = [0, 0.2, 0.4, 0.6, 1].map((f) => {
      const s = ten();
      expect(SWEEP_GENERATORS.pvShare!(s, f)).toBeNull();
      return owners(s);
    });
    expect(sets.map((x) => x.length)).toEqual([0, 2, 4, 6, 10]);
    for (let i = 1; i < sets.length; i++) for (const id of sets[i - 1]!) expect(sets[i]).toContain(id);
    const base = ten();
    const same = ten();
    SWEEP_GENERATORS.pvShare!(same, 0.4); // the base has 4 owners of 10
    expect(same).toEqual(base);
  });

  it("sizes a new owner's PV at the base owners' median kWp per kWh of load, and drops batteries without PV", () => {
    const s = ten();
    SWEEP_GENERATORS.pvShare!(s, 1);
    // Base owners p0, p3, p6, p9: kWp/kWh = 2/2000, 5/3500, 8/5000, 11/6500 → median (5/3500 + 8/5000)/2.
    const ratio = (5 / 3500 + 8 / 5000) / 2;
    expect(s.prosumers[1].pvKwp).toBeCloseTo(Math.round(2500 * ratio * 10) / 10, 12);
    const none = ten();
    SWEEP_GENERATORS.pvShare!(none, 0);
    expect(none.prosumers.every((p: any) => p.battery === undefined && (p.pvKwp ?? 0) === 0)).toBe(true);
  });

  it('batteryShare and evShare give round(share·n) owners, existing owners first, nested as the share grows', () => {
    for (const [name, has] of [['batteryShare', (p: any) => p.battery !== undefined], ['evShare', (p: any) => p.ev !== undefined]] as const) {
      const sets = [0, 0.3, 0.5, 1].map((f) => {
        const s = ten();
        expect(SWEEP_GENERATORS[name]!(s, f)).toBeNull();
        return s.prosumers.filter(has).map((p: any) => p.id);
      });
      expect(sets.map((x) => x.length)).toEqual([0, 3, 5, 10]);
      for (let i = 1; i < sets.length; i++) for (const id of sets[i - 1]!) expect(sets[i]).toContain(id);
    }
    // The base's 4 battery owners are kept first; a new battery on a PV-less prosumer holds 5 kWh at 2.5 kW.
    const s = ten();
    SWEEP_GENERATORS.batteryShare!(s, 0.4);
    expect(s).toEqual(ten());
    SWEEP_GENERATORS.batteryShare!(s, 1);
    expect(s.prosumers[1].battery).toEqual({ capacityKwh: 5, powerKw: 2.5 });
    expect(SWEEP_GENERATORS.evShare!(s, -0.1)).toMatch(/between 0 and 1/);
  });
});
