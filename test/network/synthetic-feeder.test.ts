import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../ts/errors.js';
import { BUS_PQ, BUS_SLACK } from '../../ts/network/compiled-network.js';
import { BRANCH_LINE, BRANCH_TRANSFORMER, compileNetwork } from '../../ts/network/compile-network.js';
import { createSyntheticFeeder, createSyntheticFeederModel } from '../../ts/network/synthetic-feeder.js';
import { solvePowerFlow } from '../../ts/powerflow/power-flow.js';

/** Checks the compiled tables form one tree rooted at the slack with every parent row before its child. */
function checkTree(c: ReturnType<typeof createSyntheticFeeder>['compiled']): void {
  expect(c.nBranch).toBe(c.nBus - 1);
  expect(c.branchStatus.every((s) => s === 1)).toBe(true);
  const parent = new Int32Array(c.nBus).fill(-2);
  parent[0] = -1;
  for (let k = 0; k < c.nBranch; k++) {
    const f = c.fromBus[k]!;
    const t = c.toBus[k]!;
    expect(f < t, `branch ${c.branchIds[k]} goes from row ${f} to row ${t}`).toBe(true);
    expect(parent[t], `bus ${c.busIds[t]} fed twice`).toBe(-2);
    parent[t] = f;
  }
  // Every bus has exactly one parent (n-1 branches, each bus but the root fed once) → a spanning tree.
  let orphans = 0;
  for (let i = 1; i < c.nBus; i++) if (parent[i] === -2) orphans++;
  expect(orphans).toBe(0);
  expect(c.busType[0]).toBe(BUS_SLACK);
  expect(c.busType.subarray(1).every((t) => t === BUS_PQ)).toBe(true);
}

describe('createSyntheticFeeder', () => {
  it.each([4, 5, 6, 10, 11, 37, 100, 999, 1000, 5003])('has exactly %i buses and is a tree', (n) => {
    const f = createSyntheticFeeder({ buses: n, seed: 7 });
    expect(f.compiled.nBus).toBe(n);
    expect(1 + 2 * f.transformers + f.householdBus.length).toBe(n);
    checkTree(f.compiled);
    expect(new Set(f.compiled.busIds).size).toBe(n);
    expect(new Set(f.compiled.branchIds).size).toBe(n - 1);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = createSyntheticFeeder({ buses: 3000, seed: 42 });
    const b = createSyntheticFeeder({ buses: 3000, seed: 42 });
    const c = createSyntheticFeeder({ buses: 3000, seed: 43 });
    expect(isDeepStrictEqual(a, b)).toBe(true);
    expect(isDeepStrictEqual(a.compiled.rPu, c.compiled.rPu)).toBe(false);
  });

  it('the NetworkModel form compiles to exactly the same tables', () => {
    const fast = createSyntheticFeeder({ buses: 2500, seed: 3 });
    const model = createSyntheticFeederModel({ buses: 2500, seed: 3 });
    expect(model.buses.length).toBe(2500);
    const viaModel = compileNetwork(JSON.parse(JSON.stringify(model)));
    expect(isDeepStrictEqual(viaModel, fast.compiled)).toBe(true);
  });

  it('has realistic parameters: 20/0.4 kV, 250–630 kVA transformers, 20–50 m LV cables, 0.5–3 kW at pf 0.95', () => {
    const model = createSyntheticFeederModel({ buses: 4000, seed: 11 });
    const f = createSyntheticFeeder({ buses: 4000, seed: 11 });
    const kv = new Set(model.buses.map((b) => b.vnKv));
    expect([...kv].sort()).toEqual([0.4, 20]);
    for (const t of model.transformers!) expect([250, 400, 630]).toContain(t.ratingKva);
    const lvLines = model.lines!.filter((l) => l.id.startsWith('lvl'));
    const mvLines = model.lines!.filter((l) => l.id.startsWith('mvl'));
    expect(lvLines.length).toBe(f.householdBus.length);
    expect(lvLines.length + mvLines.length + model.transformers!.length).toBe(3999);
    for (const l of lvLines) {
      expect(l.lengthKm!).toBeGreaterThanOrEqual(0.02);
      expect(l.lengthKm!).toBeLessThan(0.05);
      expect(l.rOhmPerKm!).toBeGreaterThanOrEqual(0.125);
      expect(l.rOhmPerKm!).toBeLessThanOrEqual(0.642);
    }
    for (const l of mvLines) expect(l.lengthKm!).toBeGreaterThanOrEqual(0.2);
    for (const ld of model.loads!) {
      expect(ld.pKw).toBeGreaterThanOrEqual(0.5);
      expect(ld.pKw).toBeLessThan(3);
      expect(ld.pKw / Math.hypot(ld.pKw, ld.qKvar!)).toBeCloseTo(0.95, 12);
    }
    // Households: the load buses, all at 0.4 kV; their ids are what the simulation attaches prosumers to.
    expect([...f.compiled.loadBus]).toEqual([...f.householdBus]);
    for (const b of f.householdBus) expect(f.compiled.baseKv[b]).toBe(0.4);
    expect(f.householdBusIds[0]).toBe('h1');
    expect(f.householdLoadIds[0]).toBe('load1');
    const kinds = f.compiled.branchKind;
    expect(kinds.filter((k) => k === BRANCH_TRANSFORMER).length).toBe(f.transformers);
    expect(kinds.filter((k) => k === BRANCH_LINE).length).toBe(3999 - f.transformers);
  });

  it.each([1000, 10000])('%i buses: the power flow converges with voltages in 0.9–1.05 p.u., no overloads, balanced', (n) => {
    const f = createSyntheticFeeder({ buses: n, seed: 2026 });
    for (const engine of ['ts', 'wasm'] as const) {
      const r = solvePowerFlow(f.compiled, { engine });
      expect(r.status).toBe('converged');
      let min = Infinity;
      let max = -Infinity;
      for (const v of r.vmPu) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      expect(min).toBeGreaterThan(0.9);
      expect(max).toBeLessThan(1.05);
      // The linearised sizing estimate is within 1 % of the solved minimum (it neglects losses).
      expect(Math.abs(min - f.estimatedMinVmPu)).toBeLessThan(0.01);
      // Cables and transformers sized for the load: nothing above its rating, no limit violations.
      expect(r.violations.buses.length + r.violations.branches.length).toBe(0);
      expect(Math.max(...r.loadingPercent.map((l) => l ?? 0))).toBeLessThan(100);
      // Power balance: slack generation = household load + losses (to 1e-9 of the load).
      const loadMw = f.totalLoadKw / 1000;
      expect(Math.abs(r.pGenMw[0]! - loadMw - r.lossesMw)).toBeLessThan(1e-9 * loadMw);
    }
  });

  it('rejects bad options with ValidationError', () => {
    const bad = (o: object, field: string) => {
      let err: unknown;
      try {
        createSyntheticFeeder({ buses: 100, seed: 1, ...o });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).field).toBe(field);
    };
    bad({ buses: 3 }, 'buses');
    bad({ buses: 10.5 }, 'buses');
    bad({ seed: NaN }, 'seed');
    bad({ baseMva: 0 }, 'baseMva');
    bad({ mvKv: -20 }, 'mvKv');
    bad({ slackVmPu: Infinity }, 'slackVmPu');
    bad({ householdKw: [3, 1] }, 'householdKw');
    bad({ powerFactor: 1.2 }, 'powerFactor');
  });
});
