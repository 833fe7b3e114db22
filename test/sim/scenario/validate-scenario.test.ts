import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import { ScenarioValidationError, validateScenario } from '../../../ts/sim/scenario/validate-scenario.js';
import { createDefaultStudy } from '../../../ts/sim/scenario/default-study.js';

function errorOf(input: unknown): ScenarioValidationError {
  try {
    validateScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioValidationError);
    expect(e).toBeInstanceOf(ValidationError);
    return e as ScenarioValidationError;
  }
  throw new Error('expected a validation error');
}

function study(): any {
  return JSON.parse(JSON.stringify(createDefaultStudy()));
}

describe('validateScenario', () => {
  it('accepts the default study and fills defaults', () => {
    const s = validateScenario(createDefaultStudy());
    expect(s.prosumers.length).toBe(100);
    expect(s.powerFlow.method).toBe('auto');
    expect(s.correction.maxRounds).toBe(5);
    expect(s.ledger.enabled).toBe(false);
  });

  it('names the path, value and unit of a bad battery capacity, in one line', () => {
    const sc = study();
    const i = sc.prosumers.findIndex((p: any) => p.battery);
    sc.prosumers[i].battery.capacityKwh = -5;
    const e = errorOf(sc);
    expect(e.field).toBe(`prosumers[${i}].battery.capacityKwh`);
    expect(e.value).toBe(-5);
    expect(e.unit).toBe('kWh');
    expect(e.message).toContain(`prosumers[${i}].battery.capacityKwh = -5 kWh: must be > 0`);
    expect(e.message.split('\n').length).toBe(1);
  });

  it('reports every problem, the first in the message', () => {
    const sc = study();
    sc.prosumers[3].pvKwp = 'lots';
    sc.horizon.dtHours = 0;
    sc.tariffs = { retailPricePerKwh: [0.3, 0.2], feedInPricePerKwh: 0.08 };
    const e = errorOf(sc);
    const fields = e.errors.map((x) => x.field);
    expect(fields).toContain('prosumers[3].pvKwp');
    expect(fields).toContain('horizon.dtHours');
    expect(fields).toContain('tariffs.retailPricePerKwh');
    expect(e.message).toMatch(/and 2 more problems/);
  });

  it.each([
    [(s: any) => delete s.seed, 'seed', /required/],
    [(s: any) => (s.market.mechanism = 'vickrey'), 'market.mechanism', /expected one of 'none', 'uniform'/],
    [(s: any) => (s.prosumers[0].load = { kind: 'magic' }), 'prosumers[0].load.kind', /expected kind to be one of/],
    [(s: any) => (s.prosumers[1].colour = 'red'), 'prosumers[1].colour', /unknown field 'colour'/],
    [(s: any) => (s.prosumers[2].id = s.prosumers[1].id), 'prosumers[2].id', /duplicates prosumers\[1\]\.id/],
    [(s: any) => (s.horizon.start = 'yesterday'), 'horizon.start', /ISO 8601/],
    [(s: any) => (s.prosumers = []), 'prosumers', /at least 1/],
    [(s: any) => (s.prosumers[4].ev = { powerKw: 11, policy: 'asap' }), 'prosumers[4].ev.policy', /'immediate', 'price-aware'/],
    [(s: any) => (s.market.strategy = { kind: 'markup', markup: 2 }), 'market.strategy.markup', /≤ 1/],
    [(s: any) => (s.tariffs.feedInPricePerKwh = Number.NaN), 'tariffs.feedInPricePerKwh', /expected a number or an array of 24 numbers/],
    [(s: any) => (s.prosumers[0].bus = true), 'prosumers[0].bus', /= true: expected a bus id \(a non-empty string or an integer\)$/],
    [(s: any) => (s.market = { mechanism: 'sdr', k: 0.3 }), 'market.k', /= 0\.3: applies to mechanism 'uniform' only, not 'sdr'/],
    [(s: any) => (s.market = { mechanism: 'pay-as-bid', priceRule: 'buyer' }), 'market.priceRule', /applies to mechanism 'uniform' only/],
    [(s: any) => (s.market = { mechanism: 'uniform', k: 0.3, priceRule: 'midpoint' }), 'market.k', /conflicts with priceRule 'midpoint'/],
    [(s: any) => (s.clouds = true), 'clouds', /= true: expected false or an object of cloud parameters$/],
    // Date.parse would take this; the time grid would then fail with a path the user never wrote.
    [(s: any) => (s.horizon.start = 'June 3, 2024 10:00'), 'horizon.start', /ISO 8601/],
    [(s: any) => (s.horizon.steps = 1e12), 'horizon.steps', /must be ≤ 5256000/],
    [(s: any) => (s.seed = 2 ** 60), 'seed', /seed = 1152921504606847000: must be ≤ 9007199254740991/],
    [(s: any) => (s.prosumers[0].reactiveKvarPerKw = 'x'), 'prosumers[0].reactiveKvarPerKw', /reactiveKvarPerKw = "x" kvar\/kW: expected number, got string/],
  ])('bad input %#: %s', (mutate, field, problem) => {
    const sc = study();
    mutate(sc);
    const e = errorOf(sc);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(problem);
  });

  it('checks battery SoC bounds and price-threshold parameters with paths', () => {
    const sc = study();
    const i = sc.prosumers.findIndex((p: any) => p.battery);
    sc.prosumers[i].battery.initialSoc = 0.95;
    expect(errorOf(sc).field).toBe(`prosumers[${i}].battery.initialSoc`);
    sc.prosumers[i].battery.initialSoc = 0.5;
    sc.prosumers[i].battery.rule = 'price-threshold';
    expect(errorOf(sc).field).toBe(`prosumers[${i}].battery.chargeBelowPricePerKwh`);
    // Overlapping thresholds are contradictory (charge and discharge both apply between them).
    Object.assign(sc.prosumers[i].battery, { chargeBelowPricePerKwh: 0.25, dischargeAbovePricePerKwh: 0.2 });
    const e = errorOf(sc);
    expect(e.field).toBe(`prosumers[${i}].battery.chargeBelowPricePerKwh`);
    expect(e.message).toMatch(/= 0\.25 currency\/kWh: must be below dischargeAbovePricePerKwh \(0\.2\)/);
    sc.prosumers[i].battery.chargeBelowPricePerKwh = 0.1;
    expect(validateScenario(sc).prosumers[i]!.battery!.rule).toBe('price-threshold');
  });
});
