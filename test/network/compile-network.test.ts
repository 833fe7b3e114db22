import { describe, expect, it } from 'vitest';
import { BUS_PQ, BUS_PV, BUS_SLACK } from '../../ts/network/compiled-network.js';
import { BRANCH_LINE, BRANCH_TRANSFORMER, INJECTION_EV, INJECTION_PV, INJECTION_STORAGE, compileNetwork } from '../../ts/network/compile-network.js';
import { smallFeeder } from '../fixtures/network/small-feeder.js';
import { createSyntheticFeeder } from '../../ts/network/synthetic-feeder.js';

describe('compileNetwork', () => {
  const c = smallFeeder().compile();

  it('buses, types, bases, start point', () => {
    expect(c.busIds).toEqual(['mv', 'mv2', 'lv', 'house']);
    expect([...c.busType]).toEqual([BUS_SLACK, BUS_PQ, BUS_PV, BUS_PQ]);
    expect([...c.baseKv]).toEqual([20, 20, 0.4, 0.4]);
    expect([...c.vmPu]).toEqual([1.02, 1, 1.01, 1]);
    expect(c.vaRad[3]).toBeCloseTo((10 * Math.PI) / 180, 15);
    expect([...c.vmMinPu]).toEqual([0.9, 0.9, 0.95, 0.9]);
    expect(c.busIndex.get('house')).toBe(3);
  });

  it('lines: Ω / (kV²/MVA), μS · Zbase, ampacity → √3·kV·A/1000', () => {
    expect(c.branchIds).toEqual(['mvline', 'cable', 'spare', 't1']);
    expect([...c.branchKind]).toEqual([BRANCH_LINE, BRANCH_LINE, BRANCH_LINE, BRANCH_TRANSFORMER]);
    // Zbase(20 kV, 1 MVA) = 400 Ω: 0.4 Ω → 0.001, 0.2 Ω → 0.0005; B = 100e-6 S · 400 Ω = 0.04.
    expect(c.rPu[0]).toBeCloseTo(0.001, 15);
    expect(c.xPu[0]).toBeCloseTo(0.0005, 15);
    expect(c.bPu[0]).toBeCloseTo(0.04, 15);
    expect(c.rateMva[0]).toBeCloseTo((Math.sqrt(3) * 20 * 300) / 1000, 12);
    // Zbase(0.4 kV, 1 MVA) = 0.16 Ω.
    expect(c.rPu[1]).toBeCloseTo(0.1, 15);
    expect(c.xPu[1]).toBeCloseTo(0.015, 15);
    expect(c.rateMva[1]).toBeCloseTo((Math.sqrt(3) * 0.4 * 100) / 1000, 12);
    expect([...c.branchStatus]).toEqual([1, 1, 0, 1]);
    expect(c.rateMva[2]).toBe(0);
  });

  it('transformer: uk/ur on its rating → system base, tap and shift at HV', () => {
    // z = 0.05, r = 0.03, x = 0.04 on 0.4 MVA → ×(1/0.4) on 1 MVA.
    expect(c.rPu[3]).toBeCloseTo(0.075, 14);
    expect(c.xPu[3]).toBeCloseTo(0.1, 14);
    expect(c.tap[3]).toBe(1.025);
    expect(c.shiftRad[3]).toBeCloseTo((-30 * Math.PI) / 180, 15);
    expect(c.rateMva[3]).toBe(0.4);
    expect([c.busIds[c.fromBus[3]!], c.busIds[c.toBus[3]!]]).toEqual(['mv2', 'lv']);
  });

  it('loads net of PV/storage injections, per-element tables kept', () => {
    // house: loads 5 kW + 1 kvar; PV injects 4 kW; battery charges 1 kW and injects 0.5 kvar; EV charges 7 kW
    // → 9 kW, 0.5 kvar.
    expect(c.pLoadPu[3]).toBeCloseTo(0.009, 15);
    expect(c.qLoadPu[3]).toBeCloseTo(0.0005, 15);
    expect(c.loadIds).toEqual(['h1', 'h2']);
    expect([...c.loadBus]).toEqual([3, 3]);
    expect(c.loadPPu[0]).toBeCloseTo(0.003, 15);
    expect(c.injectionIds).toEqual(['pv1', 'bat1', 'ev1']);
    expect([...c.injectionKind]).toEqual([INJECTION_PV, INJECTION_STORAGE, INJECTION_EV]);
    expect([...c.injectionBus]).toEqual([3, 3, 3]);
    expect(c.injectionPPu[1]).toBeCloseTo(-0.001, 15);
  });

  it('gens: slack first with unlimited Q, then generators in kW → p.u.', () => {
    expect(c.genIds).toEqual(['grid', 'chp']);
    expect([...c.genBus]).toEqual([0, 2]);
    expect([c.qMinPu[0], c.qMaxPu[0], c.vSetPu[0]]).toEqual([-Infinity, Infinity, 1.02]);
    expect(c.pGenPu[1]).toBeCloseTo(0.05, 15);
    expect(c.qMinPu[1]).toBeCloseTo(-0.02, 15);
    expect(c.qMaxPu[1]).toBeCloseTo(0.03, 15);
  });

  it('shunts: kW consumed and kvar injected at 1 p.u. → p.u.', () => {
    expect(c.gsPu[1]).toBeCloseTo(0.001, 15);
    expect(c.bsPu[1]).toBeCloseTo(0.1, 15);
  });

  it('the model is plain JSON: a round trip compiles identically', () => {
    const model = smallFeeder().toModel();
    const again = compileNetwork(JSON.parse(JSON.stringify(model)));
    expect(again).toEqual(c);
  });

  it('an out-of-service generator leaves its bus PQ', () => {
    const m = smallFeeder().toModel();
    m.generators![0]!.inService = false;
    const c2 = compileNetwork(m);
    expect(c2.busType[2]).toBe(BUS_PQ);
    expect(c2.genStatus[1]).toBe(0);
    expect(c2.vmPu[2]).toBe(1);
  });

  it('transformer given as r/x p.u. on its own base', () => {
    const m = smallFeeder().toModel();
    const t = m.transformers![0]!;
    delete t.ukPercent;
    delete t.urPercent;
    t.rPu = 0.03;
    t.xPu = 0.04;
    const c2 = compileNetwork(m);
    expect(c2.rPu[3]).toBeCloseTo(0.075, 14);
    expect(c2.xPu[3]).toBeCloseTo(0.1, 14);
  });
});

describe('compileNetwork busIndex (built on first read)', () => {
  it.each([
    ['compileNetwork', () => compileNetwork(smallFeeder().toModel())],
    ['createSyntheticFeeder', () => createSyntheticFeeder({ buses: 50, seed: 3 }).compiled],
  ])('%s: a Map from id to row, enumerable, survives a spread, can be replaced', (_, make) => {
    const c = make();
    expect(c.busIndex).toBeInstanceOf(Map);
    c.busIds.forEach((id, i) => expect(c.busIndex.get(id)).toBe(i));
    const copy = { ...c };
    expect(copy.busIndex.get(c.busIds[2]!)).toBe(2);
    c.busIndex = new Map();
    expect(c.busIndex.size).toBe(0);
  });
});
