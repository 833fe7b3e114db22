import { describe, expect, it } from 'vitest';
import { assertOk, StatusError, ValidationError } from '../../ts/errors.js';
import { createPowerFlow, solvePowerFlow } from '../../ts/powerflow/power-flow.js';
import { compileMatpowerCase } from '../../ts/network/compile-matpower-case.js';
import { createIeee33 } from '../../ts/network/ieee33.js';
import { compileNetwork } from '../../ts/network/compile-network.js';
import { parseMatpowerJson } from '../../ts/network/matpower-json-parser.js';
import { createSyntheticFeeder } from '../../ts/network/synthetic-feeder.js';
import type { CompiledNetwork } from '../../ts/network/compiled-network.js';
import { fromMatrices, loadMatpowerCase, RADIAL_CASES } from './matpower-fixture.js';
import { matpowerJsonCaseNames, matpowerJsonPath } from '../support/cases.js';
import { expectInvariants } from './invariants.js';
import { readFileSync } from 'node:fs';

const ENGINES = ['wasm', 'ts'] as const;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe('solvePowerFlow on IEEE 33-bus (Baran & Wu 1989)', () => {
  const net = loadMatpowerCase('case33bw');
  for (const engine of ENGINES) {
    it(`sweep on ${engine} reproduces the published losses and minimum voltage`, () => {
      const r = solvePowerFlow(net, { method: 'bfs', engine });
      expect(r.status).toBe('converged');
      expect(r.method).toBe('bfs');
      expect(r.engine).toBe(engine);
      // Published: 202.68 kW total losses, minimum voltage 0.91309 p.u. at bus 18.
      expect(Math.abs(r.lossesMw * 1000 - 202.68)).toBeLessThanOrEqual(0.05);
      let m = 0;
      for (let i = 1; i < r.vmPu.length; i++) if (r.vmPu[i] < r.vmPu[m]) m = i;
      expect(r.busIds[m]).toBe(18);
      expect(Math.abs(r.vmPu[m] - 0.91309)).toBeLessThanOrEqual(1e-5);
      // The 5 open tie switches carry nothing; 21 buses are below 0.95? no: the limits in the case are 0.9.
      expect(r.pFromMw.slice(32)).toEqual(new Float64Array(5));
      expect(r.violations.buses).toEqual([]);
      expect(r.slackPMw).toBe(r.pGenMw[0]);
      expect(r.notes).toEqual([]);
      expectInvariants(net, r);
    });
  }

  it('accepts the engineering-unit model from createIeee33 and gives the same answer', () => {
    const r = solvePowerFlow(createIeee33());
    expect(r.method).toBe('bfs');
    expect(Math.abs(r.lossesMw * 1000 - 202.68)).toBeLessThanOrEqual(0.05);
    const m = r.busIds.indexOf('18');
    expect(Math.abs(r.vmPu[m] - 0.91309)).toBeLessThanOrEqual(1e-5);
    expect(Math.min(...r.vmPu)).toBe(r.vmPu[m]);
  });

  it("'auto' picks the sweep for it", () => {
    expect(solvePowerFlow(net).method).toBe('bfs');
  });
});

describe('sweep vs Newton-Raphson on the 9 radial MATPOWER feeders', () => {
  for (const name of RADIAL_CASES) {
    it(`${name}: agree within 1e-6 p.u. / 1e-4°, engines agree within 1e-12`, () => {
      const net = loadMatpowerCase(name);
      const results = [];
      for (const method of ['bfs', 'nr'] as const) {
        for (const engine of ENGINES) {
          const r = solvePowerFlow(net, { method, engine });
          expect(r.status, `${name} ${method} ${engine}`).toBe('converged');
          expectInvariants(net, r);
          results.push(r);
        }
      }
      const [bw, bt, nw, nt] = results;
      expect(maxAbsDiff(bw.vmPu, bt.vmPu)).toBeLessThanOrEqual(1e-12);
      expect(maxAbsDiff(bw.vaDeg, bt.vaDeg)).toBeLessThanOrEqual(1e-12);
      expect(maxAbsDiff(nw.vmPu, nt.vmPu)).toBeLessThanOrEqual(1e-12);
      expect(maxAbsDiff(bw.vmPu, nw.vmPu)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsDiff(bw.vaDeg, nw.vaDeg)).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(bw.lossesMw - nw.lossesMw)).toBeLessThanOrEqual(1e-6 * net.baseMva);
      expect(maxAbsDiff(bw.pFromMw, nw.pFromMw)).toBeLessThanOrEqual(1e-6 * net.baseMva);
    });
  }
});

describe('every shared MATPOWER case solves through the API (Newton, via the ts/network importer)', () => {
  for (const name of matpowerJsonCaseNames()) {
    it(`${name}`, () => {
      const net = compileMatpowerCase(parseMatpowerJson(readFileSync(matpowerJsonPath(name), 'utf8'), name));
      const r = solvePowerFlow(net, { method: name.includes('pegase') || name.includes('wp') ? 'nr' : 'auto' });
      expect(r.status).toBe('converged');
      expectInvariants(net, r);
      // The independent test reader gives the same answer.
      if (net.nBus < 1000) {
        const r2 = solvePowerFlow(loadMatpowerCase(name), { method: r.method });
        expect(maxAbsDiff(r.vmPu, r2.vmPu)).toBeLessThanOrEqual(1e-10);
      }
    });
  }
});

/** A radial feeder with a tapped transformer each way round, a phase shifter, line charging and bus shunts. */
function transformerFeeder(): CompiledNetwork {
  const bus = (id: number, type: number, pd: number, qd: number, gs = 0, bs = 0): number[] => [id, type, pd, qd, gs, bs, 1, 1, 0, 20, 1, 1.1, 0.9];
  const br = (f: number, t: number, r: number, x: number, b: number, tap: number, shiftDeg: number, rate = 0): number[] => [f, t, r, x, b, rate, 0, 0, tap, shiftDeg, 1, -360, 360];
  return fromMatrices(
    10,
    [bus(1, 3, 0, 0), bus(2, 1, 1.2, 0.5), bus(3, 1, 0.8, 0.3, 0.05, 0.4), bus(4, 1, 0.5, 0.2), bus(5, 1, 0.7, 0.1, 0, -0.2), bus(6, 1, 0.3, 0.1)],
    [[1, 0, 0, 99, -99, 1.02, 100, 1, 99, 0]],
    [
      br(1, 2, 0.01, 0.03, 0.002, 0, 0, 5),
      br(2, 3, 0.005, 0.06, 0, 1.025, 0), // tap on the parent side
      br(4, 2, 0.004, 0.05, 0, 0.975, 0), // tap on the child side
      br(3, 5, 0.02, 0.04, 0.01, 0, 0, 1),
      br(5, 6, 0.003, 0.04, 0, 1.01, 3), // phase shifter
    ],
  );
}

describe('transformers, phase shift, charging and shunts on radial branches', () => {
  it('sweep and Newton agree to 1e-9, and the flows follow MATPOWER formulas', () => {
    const net = transformerFeeder();
    const b = solvePowerFlow(net, { method: 'bfs', engine: 'wasm' });
    const n = solvePowerFlow(net, { method: 'nr', engine: 'ts' });
    expect(b.status).toBe('converged');
    expect(n.status).toBe('converged');
    expectInvariants(net, b);
    expectInvariants(net, n);
    expect(maxAbsDiff(b.vmPu, n.vmPu)).toBeLessThanOrEqual(1e-9);
    expect(maxAbsDiff(b.vaDeg, n.vaDeg)).toBeLessThanOrEqual(1e-7);
    // Independent complex-arithmetic evaluation of Sf for the phase shifter (branch 5: 5 → 6).
    const V = (i: number): [number, number] => [b.vmPu[i] * Math.cos((b.vaDeg[i] * Math.PI) / 180), b.vmPu[i] * Math.sin((b.vaDeg[i] * Math.PI) / 180)];
    const mul = (a: [number, number], c: [number, number]): [number, number] => [a[0] * c[0] - a[1] * c[1], a[0] * c[1] + a[1] * c[0]];
    const div = (a: [number, number], c: [number, number]): [number, number] => {
      const d = c[0] * c[0] + c[1] * c[1];
      return [(a[0] * c[0] + a[1] * c[1]) / d, (a[1] * c[0] - a[0] * c[1]) / d];
    };
    const ys = div([1, 0], [0.003, 0.04]);
    const sh = (3 * Math.PI) / 180;
    const t: [number, number] = [1.01 * Math.cos(sh), 1.01 * Math.sin(sh)];
    const [vf, vt] = [V(4), V(5)];
    // If = ys/|t|² · Vf − ys/conj(t) · Vt
    const iF0 = mul(div(ys, [1.01 * 1.01, 0]), vf);
    const iF1 = mul(div(ys, [t[0], -t[1]]), vt);
    const iF: [number, number] = [iF0[0] - iF1[0], iF0[1] - iF1[1]];
    const sf = mul(vf, [iF[0], -iF[1]]);
    expect(b.pFromMw[4]).toBeCloseTo(sf[0] * 10, 9);
    expect(b.qFromMvar[4]).toBeCloseTo(sf[1] * 10, 9);
    // Rated branches: loading from the larger end's MVA; unrated branches report null.
    const s1 = Math.max(Math.hypot(b.pFromMw[0], b.qFromMvar[0]), Math.hypot(b.pToMw[0], b.qToMvar[0]));
    expect(b.loadingPercent[0]).toBeCloseTo((s1 / 5) * 100, 10);
    expect(b.loadingPercent[1]).toBeNull();
    expect(b.violations.branches.map((v) => v.branchId)).toEqual([4]); // branch 4 rated 1 MVA carries more
    // Current at the from end in kA: |S|/|V| · I_base with I_base = baseMVA/(√3·kV).
    expect(b.currentFromKa[0]).toBeCloseTo((Math.hypot(b.pFromMw[0], b.qFromMvar[0]) / b.vmPu[0]) / (Math.sqrt(3) * 20), 12);
  });

  it('holds a slack at 1.03 p.u. and 30° (angles shift, magnitudes follow the slack), like Newton', () => {
    const base = loadMatpowerCase('case33bw');
    const vmPu = base.vmPu.slice();
    const vaRad = base.vaRad.slice();
    vmPu[0] = 1.03;
    vaRad[0] = Math.PI / 6;
    const net = { ...base, vmPu, vaRad };
    const b = solvePowerFlow(net, { method: 'bfs' });
    const n = solvePowerFlow(net, { method: 'nr' });
    expect(b.vmPu[0]).toBe(1.03);
    expect(b.vaDeg[0]).toBeCloseTo(30, 12);
    expect(maxAbsDiff(b.vmPu, n.vmPu)).toBeLessThanOrEqual(1e-8);
    expect(maxAbsDiff(b.vaDeg, n.vaDeg)).toBeLessThanOrEqual(1e-6);
    expectInvariants(net, b);
  });

  it('handles a PV bus in the sweep (PV-node compensation) like Newton', () => {
    const net = loadMatpowerCase('case4_dist');
    const b = solvePowerFlow(net, { method: 'bfs' });
    const n = solvePowerFlow(net, { method: 'nr' });
    expect(solvePowerFlow(net).method).toBe('nr');
    expect(b.status).toBe('converged');
    expect(Math.abs(b.vmPu[3] - 1.05)).toBeLessThanOrEqual(1e-8);
    expect(maxAbsDiff(b.qGenMvar, n.qGenMvar)).toBeLessThanOrEqual(1e-6);
  });
});

describe('synthetic feeder with 20/0.4 kV tapped transformers and MV cable charging', () => {
  it('sweep (both engines) and Newton agree, and the invariants hold', () => {
    const { compiled: net } = createSyntheticFeeder({ buses: 3000, seed: 11 });
    const bw = solvePowerFlow(net, { method: 'bfs', engine: 'wasm' });
    const bt = solvePowerFlow(net, { method: 'bfs', engine: 'ts' });
    const nw = solvePowerFlow(net, { method: 'nr', engine: 'wasm' });
    for (const r of [bw, bt, nw]) {
      expect(r.status).toBe('converged');
      expectInvariants(net, r);
    }
    expect(maxAbsDiff(bw.vmPu, bt.vmPu)).toBe(0);
    expect(maxAbsDiff(bw.vaDeg, bt.vaDeg)).toBe(0);
    expect(maxAbsDiff(bw.vmPu, nw.vmPu)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(bw.vaDeg, nw.vaDeg)).toBeLessThanOrEqual(1e-4);
  });
});

describe('ZIP loads (sweep only)', () => {
  const net = loadMatpowerCase('case33bw');

  it('constant-impedance loads equal the same loads written as shunts and solved by Newton', () => {
    const zip = { p: [1, 0, 0], q: [1, 0, 0] } as const;
    const r = solvePowerFlow(net, { method: 'bfs', zip });
    expect(r.status).toBe('converged');
    expectInvariants(net, r, 1e-8, zip);
    // A constant-impedance load S0 at 1 p.u. is a shunt y = conj(S0): Gs = P0, Bs = −Q0.
    const asShunts = { ...net, gsPu: net.pLoadPu.slice(), bsPu: net.qLoadPu.map((q) => -q), pLoadPu: new Float64Array(33), qLoadPu: new Float64Array(33) };
    const n = solvePowerFlow(asShunts, { method: 'nr' });
    expect(maxAbsDiff(r.vmPu, n.vmPu)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(r.lossesMw - n.lossesMw)).toBeLessThanOrEqual(1e-7);
    // Below 1 p.u. an impedance load draws less than nominal, so losses drop below the constant-power 202.68 kW.
    expect(r.lossesMw * 1000).toBeLessThan(202);
  });

  for (const engine of ENGINES) {
    it(`${engine}: constant-current and mixed shares converge with the invariants and engines agree`, () => {
      for (const zip of [{ p: [0, 1, 0], q: [0, 1, 0] }, { p: [0.3, 0.3, 0.4], q: [0.5, 0.2, 0.3] }] as const) {
        const r = solvePowerFlow(net, { method: 'bfs', engine, zip });
        expect(r.status).toBe('converged');
        expectInvariants(net, r, 1e-8, zip);
        const other = solvePowerFlow(net, { method: 'bfs', engine: engine === 'wasm' ? 'ts' : 'wasm', zip });
        expect(maxAbsDiff(r.vmPu, other.vmPu)).toBeLessThanOrEqual(1e-12);
      }
    });
  }

  it('time steps re-split the new loads; ZIP with Newton or bad shares is a ValidationError', () => {
    const zip = { p: [0.5, 0, 0.5], q: [0.5, 0, 0.5] } as const;
    const pf = createPowerFlow(net, { zip });
    const load = Array.from(net.pLoadPu, (p) => p * 10_000 * 0.5);
    const step = pf.solveStep({ pLoadKw: load });
    const half = { ...net, pLoadPu: net.pLoadPu.map((p) => p * 0.5) };
    const fresh = solvePowerFlow(half, { zip });
    expect(maxAbsDiff(step.vmPu, fresh.vmPu)).toBeLessThanOrEqual(1e-8);
    expectInvariants(half, pf.solve({ pLoadKw: load }), 1e-8, zip);
    pf.dispose();
    expect(() => solvePowerFlow(net, { method: 'nr', zip })).toThrow(/ZIP.*need the sweep/);
    expect(() => solvePowerFlow(loadMatpowerCase('case9'), { zip })).toThrow(ValidationError);
    expect(() => solvePowerFlow(net, { zip: { p: [0.5, 0.5, 0.5], q: [0, 0, 1] } })).toThrow(/zip\.p = \[0.5,0.5,0.5\].*sum to 1/);
  });
});

describe('statuses as data', () => {
  it("a meshed case forced to 'bfs' is 'not-radial', finite, and assertOk throws", () => {
    const net = loadMatpowerCase('case9');
    for (const engine of ENGINES) {
      const r = solvePowerFlow(net, { method: 'bfs', engine });
      expect(r.status).toBe('not-radial');
      expect(r.converged).toBe(false);
      expect(r.notes.join(' ')).toMatch(/not radial: loop closed by branch/);
      expectInvariants(net, r);
      expect(() => assertOk(r, 'power flow')).toThrow(StatusError);
    }
    expect(solvePowerFlow(net).method).toBe('nr');
  });

  it("maxIterations = 1 gives 'max-iterations' for both methods", () => {
    const net = loadMatpowerCase('case33bw');
    for (const method of ['bfs', 'nr'] as const) {
      const r = solvePowerFlow(net, { method, maxIterations: 1, flatStart: true });
      expect(r.status).toBe('max-iterations');
      expect(r.iterations).toBe(1);
      expectInvariants(net, r);
    }
  });

  it("'auto' falls back to Newton when the sweep does not converge, and says so", () => {
    const net = loadMatpowerCase('case33bw');
    const r = solvePowerFlow(net, { maxIterations: 4 }); // the sweep needs 8, Newton 3
    expect(r.status).toBe('converged');
    expect(r.method).toBe('nr');
    expect(r.notes.join(' ')).toMatch(/sweep ended with 'max-iterations'.*Newton-Raphson instead/);
    expectInvariants(net, r);
    const forced = solvePowerFlow(net, { method: 'bfs', maxIterations: 4 });
    expect(forced.status).toBe('max-iterations');
    expect(forced.method).toBe('bfs');
  });

  it("'auto' gives its Newton fallback Newton's own limit (10), not the sweep's 100", () => {
    const net = loadMatpowerCase('case33bw');
    for (let i = 0; i < net.nBus; i++) {
      net.pLoadPu[i] *= 50; // far beyond the feeder's loadability: neither method converges
      net.qLoadPu[i] *= 50;
    }
    const r = solvePowerFlow(net);
    expect(r.method).toBe('nr');
    expect(r.converged).toBe(false);
    expect(r.iterations).toBeLessThanOrEqual(10);
    expectInvariants(net, r);
  });

  it('buses cut off from the slack are de-energized, reported, and left out of the balance', () => {
    const bus = (id: number, type: number): number[] => [id, type, 0.3, 0.1, 0, 0, 1, 1, 0, 11, 1, 1.1, 0.9];
    const br = (f: number, t: number, status: number): number[] => [f, t, 0.01, 0.02, 0, 0, 0, 0, 0, 0, status, -360, 360];
    const net = fromMatrices(1, [bus(1, 3), bus(2, 1), bus(3, 1), bus(4, 1)], [[1, 0, 0, 9, -9, 1, 100, 1, 9, 0]], [br(1, 2, 1), br(2, 3, 0), br(3, 4, 1)]);
    for (const method of ['bfs', 'nr'] as const) {
      const r = solvePowerFlow(net, { method });
      expect(r.status).toBe('converged');
      expect(r.unsuppliedBusIds).toEqual([3, 4]);
      expect(r.notes.join(' ')).toMatch(/2 bus\(es\) have no in-service path/);
      expect(r.vmPu[2]).toBe(0);
      expect(r.vmPu[3]).toBe(0);
      expect(r.pFromMw[2]).toBe(0);
      expectInvariants(net, r);
    }
  });

  it('rejects a network without a slack bus', () => {
    const bus = (id: number): number[] => [id, 1, 0.1, 0.05, 0, 0, 1, 1, 0, 12.66, 1, 1.1, 0.9];
    const net = fromMatrices(1, [bus(1), bus(2)], [], [[1, 2, 0.01, 0.02, 0, 0, 0, 0, 0, 0, 1, -360, 360]]);
    for (const method of ['auto', 'bfs', 'nr'] as const) expect(() => solvePowerFlow(net, { method })).toThrow(/needs a slack/);
  });

  it('rejects bad options with ValidationErrors naming the option', () => {
    const net = loadMatpowerCase('case22');
    expect(() => solvePowerFlow(net, { method: 'gauss' as never })).toThrow(/method/);
    expect(() => solvePowerFlow(net, { engine: 'gpu' as never })).toThrow(ValidationError);
    expect(() => solvePowerFlow(net, { tolerancePu: -1 })).toThrow(/tolerancePu/);
    expect(() => solvePowerFlow(net, { maxIterations: 0 })).toThrow(/maxIterations/);
  });
});

describe('createPowerFlow: repeated solves with new injections', () => {
  const net = loadMatpowerCase('case33bw');
  const baseLoadKw = Array.from(net.pLoadPu, (p) => p * net.baseMva * 1000);
  const baseLoadKvar = Array.from(net.qLoadPu, (q) => q * net.baseMva * 1000);

  for (const engine of ENGINES) {
    it(`${engine}: a scaled-load step equals a fresh solve of the scaled case, warm-started`, () => {
      const pf = createPowerFlow(net, { engine });
      expect(pf.method).toBe('bfs');
      const first = pf.solveStep();
      for (const scale of [0.3, 1.4, 0.8]) {
        const pLoadKw = baseLoadKw.map((p) => p * scale);
        const qLoadKvar = baseLoadKvar.map((q) => q * scale);
        const step = pf.solveStep({ pLoadKw, qLoadKvar });
        const full = pf.solve({ pLoadKw, qLoadKvar }); // warm start from the step: converges immediately
        const scaled = { ...net, pLoadPu: net.pLoadPu.map((p) => p * scale), qLoadPu: net.qLoadPu.map((q) => q * scale) };
        const fresh = solvePowerFlow(scaled, { engine });
        expect(step.converged).toBe(true);
        expect(maxAbsDiff(step.vmPu, fresh.vmPu)).toBeLessThanOrEqual(1e-8);
        expect(Math.abs(step.lossesMw - fresh.lossesMw)).toBeLessThanOrEqual(1e-8 * net.baseMva);
        expect(full.iterations).toBeLessThanOrEqual(2);
        expectInvariants(scaled, full);
        // Both within the 1e-8 p.u. mismatch tolerance: slack power agrees to tolerance · baseMVA.
        expect(Math.abs(step.slackPMw - fresh.pGenMw[0])).toBeLessThanOrEqual(1e-8 * net.baseMva);
        const minV = Math.min(...Array.from(fresh.vmPu));
        expect(step.minVmPu).toBeCloseTo(minV, 8);
      }
      expect(first.iterations).toBeGreaterThan(2);
      pf.dispose();
    });
  }

  it('an injection at a bus equals the same amount less load', () => {
    const pf = createPowerFlow(net);
    const inj = new Array(net.nBus).fill(0);
    inj[17] = 50; // 50 kW PV at bus 18
    const a = pf.solveStep({ pInjectionKw: inj });
    const lossesA = a.lossesMw;
    const load = baseLoadKw.slice();
    load[17] -= 50;
    const b = pf.solveStep({ pLoadKw: load });
    expect(Math.abs(lossesA - b.lossesMw)).toBeLessThanOrEqual(1e-8);
    const full = pf.solve({ pInjectionKw: inj });
    // Extra injections are not generators: the slack's output is what the network needs.
    expect(full.pGenMw[0]).toBeCloseTo((net.pLoadPu.reduce((s, p) => s + p, 0) * net.baseMva) - 0.05 + full.lossesMw, 7);
    pf.dispose();
  });

  it('rejects injections of the wrong length or with non-finite values', () => {
    const pf = createPowerFlow(net);
    expect(() => pf.solveStep({ pLoadKw: [1, 2, 3] })).toThrow(/pLoadKw.length/);
    const bad = baseLoadKw.slice();
    bad[4] = NaN;
    expect(() => pf.solveStep({ pLoadKw: bad })).toThrow(/bus 5: pLoadKw = NaN kW/);
    pf.dispose();
  });
});

describe('one PowerFlow shared by two asynchronous flows', () => {
  const net33 = compileNetwork(createIeee33());
  const loadKw = Float64Array.from(net33.pLoadPu, (p) => p * net33.baseMva * 1000);
  const scaled = (s: number) => ({ pLoadKw: Float64Array.from(loadKw, (p) => p * s) });
  const scalesA = [0.5, 0.6, 0.7, 0.8, 0.9];
  const scalesB = [1.4, 1.3, 1.2, 1.1, 1.0];
  async function interleaved(pf: ReturnType<typeof createPowerFlow>) {
    const outA: ReturnType<typeof pf.solve>[] = [];
    const outB: ReturnType<typeof pf.solve>[] = [];
    const flow = async (scales: number[], out: typeof outA) => {
      for (const s of scales) {
        await Promise.resolve(); // yield: the other flow solves in between
        out.push(pf.solve(scaled(s)));
      }
    };
    await Promise.all([flow(scalesA, outA), flow(scalesB, outB)]);
    return { outA, outB };
  }

  it.each(['wasm', 'ts'] as const)('warmStart: false isolates them: each result equals its solve alone, bit for bit (%s)', async (engine) => {
    const alone = (scales: number[]) => {
      const pf = createPowerFlow(net33, { engine, warmStart: false });
      return scales.map((s) => pf.solve(scaled(s)));
    };
    const { outA, outB } = await interleaved(createPowerFlow(net33, { engine, warmStart: false }));
    for (const [got, want] of [[outA, alone(scalesA)], [outB, alone(scalesB)]] as const) {
      for (let i = 0; i < got.length; i++) {
        expect(got[i]!.iterations).toBe(want[i]!.iterations);
        expect(Array.from(got[i]!.vmPu)).toEqual(Array.from(want[i]!.vmPu));
      }
    }
  });

  it.each(['wasm', 'ts'] as const)('with the default warm start, results still agree within the tolerance (%s)', async (engine) => {
    const { outA } = await interleaved(createPowerFlow(net33, { engine }));
    const cold = createPowerFlow(net33, { engine, warmStart: false });
    for (let i = 0; i < scalesA.length; i++) {
      expect(outA[i]!.converged).toBe(true);
      const ref = cold.solve(scaled(scalesA[i]!)).vmPu;
      // mismatch ≤ 1e-8 p.u. on a 33-bus feeder keeps voltages within ~1e-7 p.u. of each other
      for (let b = 0; b < ref.length; b++) expect(Math.abs(outA[i]!.vmPu[b]! - ref[b]!)).toBeLessThan(1e-6);
    }
  });
});
