import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../ts/errors.js';
import { compileNetwork } from '../../ts/network/compile-network.js';
import type { NetworkModel } from '../../ts/network/network-model.js';
import { validateNetwork } from '../../ts/network/validate-network.js';
import { smallFeeder } from '../fixtures/network/small-feeder.js';

// Patches deliberately write wrong types into the model, hence `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Patch = (m: any) => void;

function failure(patch: Patch): [string, unknown, string, unknown, string | undefined] {
  const m: NetworkModel = smallFeeder().toModel();
  patch(m);
  let err: unknown;
  try {
    validateNetwork(m);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ValidationError);
  // compile runs the same checks
  expect(() => compileNetwork(m)).toThrow(ValidationError);
  const v = err as ValidationError;
  return [v.element, v.id, v.field, v.value, v.unit];
}

describe('validateNetwork', () => {
  it('accepts the good feeder', () => expect(validateNetwork(smallFeeder().toModel()).slackBus).toBe(0));

  const cases: Array<[string, Patch, [string, unknown, string, unknown, string | undefined]]> = [
    ['baseMva not positive', (m) => (m.baseMva = -1), ['network', 'small', 'baseMva', -1, 'MVA']],
    ['no buses', (m) => (m.buses = []), ['network', 'small', 'buses', 0, undefined]],
    ['bus without id', (m) => delete m.buses[1].id, ['bus', 1, 'id', undefined, undefined]],
    ['duplicate bus', (m) => (m.buses[1].id = 'mv'), ['bus', 'mv', 'id', 'mv', undefined]],
    ['bus kV NaN', (m) => (m.buses[2].vnKv = NaN), ['bus', 'lv', 'vnKv', NaN, 'kV']],
    ['bus kV zero', (m) => (m.buses[2].vnKv = 0), ['bus', 'lv', 'vnKv', 0, 'kV']],
    ['vmMin > vmMax', (m) => (m.buses[2].vmMinPu = 1.1), ['bus', 'lv', 'vmMinPu', 1.1, 'p.u.']],
    ['vmMax not finite', (m) => (m.buses[3].vmMaxPu = Infinity), ['bus', 'house', 'vmMaxPu', Infinity, 'p.u.']],
    ['duplicate element id', (m) => (m.loads[1].id = 'cable'), ['load', 'cable', 'id', 'cable', undefined]],
    ['line to unknown bus', (m) => (m.lines[1].to = 'nowhere'), ['line', 'cable', 'to', 'nowhere', undefined]],
    ['line from unknown bus', (m) => (m.lines[0].from = 7), ['line', 'mvline', 'from', 7, undefined]],
    ['line loop', (m) => (m.lines[1].to = 'lv'), ['line', 'cable', 'to', 'lv', undefined]],
    ['line across kV levels', (m) => (m.lines[1].to = 'mv'), ['line', 'cable', 'to', 'mv', undefined]],
    ['negative resistance', (m) => (m.lines[1].rOhm = -0.1), ['line', 'cable', 'rOhm', -0.1, 'Ω']],
    ['zero impedance', (m) => (m.lines[1].rOhm = m.lines[1].xOhm = 0), ['line', 'cable', 'xOhm', 0, 'Ω']],
    ['zero impedance per km', (m) => (m.lines[0].rOhmPerKm = m.lines[0].xOhmPerKm = 0), ['line', 'mvline', 'xOhmPerKm', 0, 'Ω/km']],
    ['mixed total and per-km', (m) => (m.lines[0].rOhm = 1), ['line', 'mvline', 'rOhm', 1, 'Ω']],
    ['missing length', (m) => delete m.lines[0].lengthKm, ['line', 'mvline', 'lengthKm', undefined, 'km']],
    ['negative length', (m) => (m.lines[0].lengthKm = -2), ['line', 'mvline', 'lengthKm', -2, 'km']],
    ['negative ampacity', (m) => (m.lines[1].ampacityA = -5), ['line', 'cable', 'ampacityA', -5, 'A']],
    ['charging NaN', (m) => (m.lines[1].bMicroS = NaN), ['line', 'cable', 'bMicroS', NaN, 'μS']],
    ['inService not boolean', (m) => (m.lines[1].inService = 'yes'), ['line', 'cable', 'inService', 'yes', undefined]],
    ['transformer rating', (m) => (m.transformers[0].ratingKva = 0), ['transformer', 't1', 'ratingKva', 0, 'kVA']],
    ['transformer uk missing', (m) => delete m.transformers[0].ukPercent, ['transformer', 't1', 'ukPercent', undefined, '%']],
    ['transformer ur > uk', (m) => (m.transformers[0].urPercent = 6), ['transformer', 't1', 'urPercent', 6, '%']],
    ['transformer both forms', (m) => (m.transformers[0].xPu = 0.1), ['transformer', 't1', 'rPu', 0.1, 'p.u.']],
    ['transformer tap', (m) => (m.transformers[0].tapRatio = 0), ['transformer', 't1', 'tapRatio', 0, 'p.u.']],
    ['transformer shift', (m) => (m.transformers[0].phaseShiftDeg = Infinity), ['transformer', 't1', 'phaseShiftDeg', Infinity, 'deg']],
    ['transformer unknown lv', (m) => (m.transformers[0].lv = 'x'), ['transformer', 't1', 'lv', 'x', undefined]],
    ['load NaN', (m) => (m.loads[0].pKw = NaN), ['load', 'h1', 'pKw', NaN, 'kW']],
    ['load string', (m) => (m.loads[0].qKvar = '1'), ['load', 'h1', 'qKvar', '1', 'kvar']],
    ['load unknown bus', (m) => (m.loads[0].bus = 'x'), ['load', 'h1', 'bus', 'x', undefined]],
    ['no slack', (m) => (m.slacks = []), ['network', 'small', 'slacks', 0, undefined]],
    ['two slacks', (m) => m.slacks.push({ id: 'g2', bus: 'lv' }), ['slack', 'g2', 'id', 'g2', undefined]],
    ['slack vm', (m) => (m.slacks[0].vmPu = 0), ['slack', 'grid', 'vmPu', 0, 'p.u.']],
    ['generator vSet', (m) => (m.generators[0].vSetPu = -1), ['generator', 'chp', 'vSetPu', -1, 'p.u.']],
    ['generator qMin > qMax', (m) => (m.generators[0].qMinKvar = 40), ['generator', 'chp', 'qMinKvar', 40, 'kvar']],
    ['generator conflicting set-point', (m) => m.generators.push({ id: 'g2', bus: 'lv', pKw: 0, vSetPu: 1.03 }), ['generator', 'g2', 'vSetPu', 1.03, 'p.u.']],
    ['generator vs slack set-point', (m) => (m.generators[0].bus = 'mv'), ['generator', 'chp', 'vSetPu', 1.01, 'p.u.']],
    ['shunt NaN', (m) => (m.shunts[0].bKvar = NaN), ['shunt', 'cap', 'bKvar', NaN, 'kvar']],
    ['pv NaN', (m) => (m.pvSystems[0].pKw = NaN), ['pv', 'pv1', 'pKw', NaN, 'kW']],
    ['storage unknown bus', (m) => (m.storages[0].bus = 'x'), ['storage', 'bat1', 'bus', 'x', undefined]],
    ['island', (m) => (m.lines[1].inService = false), ['bus', 'house', 'connectivity', 'island', undefined]],
    ['island behind an open transformer', (m) => (m.transformers[0].inService = false), ['bus', 'lv', 'connectivity', 'island', undefined]],
    ['bus kV missing', (m) => delete m.buses[0].vnKv, ['bus', 'mv', 'vnKv', undefined, 'kV']],
    ['line xOhmPerKm NaN', (m) => (m.lines[0].xOhmPerKm = NaN), ['line', 'mvline', 'xOhmPerKm', NaN, 'Ω/km']],
    ['line rOhmPerKm negative', (m) => (m.lines[0].rOhmPerKm = -1), ['line', 'mvline', 'rOhmPerKm', -1, 'Ω/km']],
    ['line bMicroSPerKm NaN', (m) => (m.lines[0].bMicroSPerKm = NaN), ['line', 'mvline', 'bMicroSPerKm', NaN, 'μS/km']],
    ['line xOhm infinite', (m) => (m.lines[1].xOhm = Infinity), ['line', 'cable', 'xOhm', Infinity, 'Ω']],
    ['line without id', (m) => (m.lines[1].id = ''), ['line', 1, 'id', '', undefined]],
    ['transformer unknown hv', (m) => (m.transformers[0].hv = 'x'), ['transformer', 't1', 'hv', 'x', undefined]],
    ['transformer loop', (m) => (m.transformers[0].lv = 'mv2'), ['transformer', 't1', 'lv', 'mv2', undefined]],
    ['transformer zero p.u. impedance', (m) => { delete m.transformers[0].ukPercent; delete m.transformers[0].urPercent; m.transformers[0].xPu = 0; }, ['transformer', 't1', 'xPu', 0, 'p.u.']],
    ['transformer negative rPu', (m) => { delete m.transformers[0].ukPercent; delete m.transformers[0].urPercent; m.transformers[0].rPu = -0.01; }, ['transformer', 't1', 'rPu', -0.01, 'p.u.']],
    ['transformer negative ur', (m) => (m.transformers[0].urPercent = -1), ['transformer', 't1', 'urPercent', -1, '%']],
    ['transformer inService', (m) => (m.transformers[0].inService = 1), ['transformer', 't1', 'inService', 1, undefined]],
    ['slack unknown bus', (m) => (m.slacks[0].bus = 'x'), ['slack', 'grid', 'bus', 'x', undefined]],
    ['slack angle NaN', (m) => (m.slacks[0].vaDeg = NaN), ['slack', 'grid', 'vaDeg', NaN, 'deg']],
    ['generator unknown bus', (m) => (m.generators[0].bus = 'x'), ['generator', 'chp', 'bus', 'x', undefined]],
    ['generator pKw NaN', (m) => (m.generators[0].pKw = NaN), ['generator', 'chp', 'pKw', NaN, 'kW']],
    ['generator qMax NaN', (m) => (m.generators[0].qMaxKvar = NaN), ['generator', 'chp', 'qMaxKvar', NaN, 'kvar']],
    ['generator qMin +Infinity', (m) => (m.generators[0].qMinKvar = Infinity), ['generator', 'chp', 'qMinKvar', Infinity, 'kvar']],
    ['generator inService', (m) => (m.generators[0].inService = 'no'), ['generator', 'chp', 'inService', 'no', undefined]],
    ['shunt unknown bus', (m) => (m.shunts[0].bus = 'x'), ['shunt', 'cap', 'bus', 'x', undefined]],
    ['shunt gKw infinite', (m) => (m.shunts[0].gKw = -Infinity), ['shunt', 'cap', 'gKw', -Infinity, 'kW']],
    ['storage qKvar NaN', (m) => (m.storages[0].qKvar = NaN), ['storage', 'bat1', 'qKvar', NaN, 'kvar']],
    ['ev charger NaN', (m) => (m.evChargers[0].pKw = NaN), ['ev', 'ev1', 'pKw', NaN, 'kW']],
    ['pv duplicate id', (m) => (m.pvSystems[0].id = 'h1'), ['pv', 'h1', 'id', 'h1', undefined]],
    ['lines not an array', (m) => (m.lines = {}), ['network', 'small', 'lines', {}, undefined]],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    const got = failure(patch);
    expect(got).toEqual(expected);
  });

  it('a non-object model', () => {
    expect(() => validateNetwork(null as unknown as NetworkModel)).toThrow(ValidationError);
  });

  it('an out-of-service generator does not conflict with a set-point', () => {
    const m = smallFeeder().toModel();
    m.generators!.push({ id: 'g2', bus: 'lv', pKw: 0, vSetPu: 1.03, inService: false });
    expect(() => validateNetwork(m)).not.toThrow();
  });

  it('messages name element, id, field, value and unit', () => {
    const m = smallFeeder().toModel();
    m.lines![1]!.rOhm = -0.1;
    expect(() => validateNetwork(m)).toThrow('line "cable": rOhm = -0.1 Ω: must be a finite number >= 0');
  });
});

describe('id lookups without Maps (IdTable) keep every check', () => {
  it('a duplicate element id names the element that holds it first', () => {
    const m = smallFeeder().toModel() as any;
    m.loads[1].id = 'cable';
    expect(() => validateNetwork(m)).toThrow(/duplicate element id .*also the line at position 1/);
  });
  it('a duplicate bus id names the first bus', () => {
    const m = smallFeeder().toModel() as any;
    m.buses[2].id = 'mv';
    expect(() => validateNetwork(m)).toThrow(/duplicate bus id \(also the bus at position 0\)/);
  });
  it('busIndex (built lazily) and busRow agree with the model order; an unknown id is -1', () => {
    const m = smallFeeder().toModel();
    const v = validateNetwork(m);
    m.buses.forEach((b, i) => {
      expect(v.busRow(b.id)).toBe(i);
      expect(v.busIndex.get(b.id)).toBe(i);
    });
    expect(v.busRow('nowhere')).toBe(-1);
    expect(Object.keys(v)).toContain('busIndex');
  });
  it('many ids with colliding hashes of a small table still resolve (10,000 buses)', () => {
    const buses = Array.from({ length: 10000 }, (_, i) => ({ id: `b${i}`, vnKv: 0.4 }));
    const lines = buses.slice(1).map((b, i) => ({ id: `l${i}`, from: buses[i]!.id, to: b.id, rOhm: 0.1, xOhm: 0.1 }));
    const v = validateNetwork({ baseMva: 1, buses, lines, slacks: [{ id: 's', bus: 'b0' }] });
    expect(v.lineTo[9998]).toBe(9999);
    expect(v.busIndex.size).toBe(10000);
    const dup = { baseMva: 1, buses, lines: [...lines, { ...lines[5]!, id: 'l7' }], slacks: [{ id: 's', bus: 'b0' }] };
    expect(() => validateNetwork(dup)).toThrow(/line "l7".*also the line at position 7/);
  });
});
