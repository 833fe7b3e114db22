/**
 * createNewtonSolver on every MATPOWER case in ../shared/cases/matpower (both engines), against independent
 * references: branch-by-branch π-model flows (final mismatch, power balance), a dense textbook Newton-Raphson
 * (small cases), published solutions (WSCC 9-bus, IEEE 14-bus, IEEE 33-bus) and the other engine.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import { BUS_PQ, type CompiledNetwork } from '../../../ts/network/compiled-network.js';
import { Rng } from '../../../ts/random.js';
import { createNewtonSolver } from '../../../ts/powerflow/newton/index.js';
import type { SolveControls } from '../../../ts/powerflow/topology-solver.js';
import { loadCase, netInjections } from './newton-case-helpers.js';
import { matpowerJsonCaseNames } from '../../support/cases.js';
import { checkWithBranchFlows, denseNewton } from './power-flow-reference.js';
import { randomNetwork, withRandomInjections } from './random-network.js';

const MATPOWER: SolveControls = { tolerancePu: 1e-8, maxIterations: 10 };
const DEG = 180 / Math.PI;
const CASES = matpowerJsonCaseNames();

function solveCase(net: CompiledNetwork, engine: 'wasm' | 'ts', controls = MATPOWER) {
  const { pNetPu, qNetPu } = netInjections(net);
  const solver = createNewtonSolver(net, { engine });
  const vm = net.vmPu.slice();
  const va = net.vaRad.slice();
  const outcome = solver.solve(pNetPu, qNetPu, vm, va, controls);
  solver.dispose();
  return { outcome, vm, va, pNetPu, qNetPu };
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('Newton-Raphson on every MATPOWER case', () => {
  it('finds the 19 shared cases', () => expect(CASES.length).toBe(19));

  for (const name of CASES) {
    it(`${name}: converges from the case's voltages, both engines agree, π-model flows confirm`, () => {
      const net = loadCase(name);
      const w = solveCase(net, 'wasm');
      const t = solveCase(net, 'ts');
      for (const r of [w, t]) {
        expect(r.outcome.status).toBe('converged');
        expect(r.outcome.maxMismatchPu).toBeLessThanOrEqual(1e-8);
        expect(r.outcome.iterations).toBeLessThanOrEqual(10);
      }
      // Engines: same algorithm, differing only in the last bits of sin/cos (V8 vs AssemblyScript's Math).
      expect(maxDiff(w.vm, t.vm)).toBeLessThanOrEqual(1e-10);
      expect(maxDiff(w.va, t.va)).toBeLessThanOrEqual(1e-10);
      expect(w.outcome.iterations).toBe(t.outcome.iterations);

      // Independent recomputation from branch data (no Ybus): mismatch within the tolerance (+ rounding).
      const chk = checkWithBranchFlows(net, w.vm, w.va, w.pNetPu, w.qNetPu);
      expect(chk.maxMismatchPu).toBeLessThanOrEqual(1.001e-8);

      // PV and slack magnitudes, and slack angles, are held at their start values.
      for (let i = 0; i < net.nBus; i++) {
        if (net.busType[i] !== BUS_PQ) expect(w.vm[i]).toBe(net.vmPu[i]);
        if (net.busType[i] === 3) expect(w.va[i]).toBe(net.vaRad[i]);
        expect(Number.isFinite(w.vm[i]) && Number.isFinite(w.va[i])).toBe(true);
      }

      // Power balance: generation = load + branch losses + shunt consumption. Slack (P, Q) and PV (Q) generation
      // come from the flows; everything else is specified. Error bound: n · 1e-8 from the per-bus mismatch.
      let gen = [0, 0];
      let load = [0, 0];
      for (let i = 0; i < net.nBus; i++) {
        load = [load[0] + net.pLoadPu[i], load[1] + net.qLoadPu[i]];
        const ty = net.busType[i];
        const pg = ty === 3 ? chk.injection[i][0] + net.pLoadPu[i] : w.pNetPu[i] + net.pLoadPu[i];
        const qg = ty === BUS_PQ ? w.qNetPu[i] + net.qLoadPu[i] : chk.injection[i][1] + net.qLoadPu[i];
        gen = [gen[0] + pg, gen[1] + qg];
      }
      const bound = net.nBus * 1e-8;
      expect(Math.abs(gen[0] - load[0] - chk.lossesPu[0] - chk.shuntPu[0])).toBeLessThanOrEqual(bound);
      expect(Math.abs(gen[1] - load[1] - chk.lossesPu[1] - chk.shuntPu[1])).toBeLessThanOrEqual(bound);
    });
  }
});

describe('Newton-Raphson against independent references', () => {
  const withShifters = (): CompiledNetwork => {
    // case9 with a 5° phase shifter on 8-9 (row 8), a 0.95 tap with −3° on 4-5 (row 2) and a negative-x branch 7-8.
    const net = loadCase('case9');
    net.shiftRad[7] = (5 * Math.PI) / 180;
    net.tap[1] = 0.95;
    net.shiftRad[1] = (-3 * Math.PI) / 180;
    net.xPu[5] = -0.02;
    return net;
  };
  const denseCases: [string, () => CompiledNetwork][] = [
    ['case9', () => loadCase('case9')],
    ['case9 with phase shifters, an off-nominal tap and a negative reactance', withShifters],
    ['case14', () => loadCase('case14')],
    ['case30', () => loadCase('case30')],
    ['case57', () => loadCase('case57')],
  ];
  for (const [name, load] of denseCases) {
    it(`${name}: matches a dense textbook Newton-Raphson (G/B form, dense Gaussian elimination) to 1e-10`, () => {
      const net = load();
      const tight: SolveControls = { tolerancePu: 1e-12, maxIterations: 20 };
      const dense = denseNewton(net, netInjections(net).pNetPu, netInjections(net).qNetPu, 1e-12);
      for (const engine of ['wasm', 'ts'] as const) {
        const r = solveCase(net, engine, tight);
        expect(r.outcome.status).toBe('converged');
        expect(maxDiff(r.vm, dense.vm)).toBeLessThanOrEqual(1e-10);
        expect(maxDiff(r.va, dense.va)).toBeLessThanOrEqual(1e-10);
      }
    });
  }

  it('seeded random meshed networks (taps, shifts, negative x, parallel branches): both engines match dense NR', () => {
    const rng = new Rng(31337);
    let solved = 0;
    for (let trial = 0; trial < 8; trial++) {
      const r = rng.fork(trial);
      const net = randomNetwork(r, 12 + trial * 3, 20 + trial * 6);
      // Keep series impedances well away from zero so the random case is a reasonable power system.
      for (let l = 0; l < net.nBranch; l++) if (Math.abs(net.xPu[l]) < 0.02) net.xPu[l] = 0.05;
      const { pNetPu, qNetPu } = withRandomInjections(r, net);
      let dense: ReturnType<typeof denseNewton>;
      try {
        dense = denseNewton(net, pNetPu, qNetPu, 1e-12);
      } catch {
        continue; // a random case without a solution near the start: nothing to compare
      }
      solved++;
      for (const engine of ['wasm', 'ts'] as const) {
        const vm = net.vmPu.slice();
        const va = net.vaRad.slice();
        const out = createNewtonSolver(net, { engine }).solve(pNetPu, qNetPu, vm, va, { tolerancePu: 1e-12, maxIterations: 30 });
        expect(out.status).toBe('converged');
        expect(maxDiff(vm, dense.vm)).toBeLessThanOrEqual(1e-9);
        expect(maxDiff(va, dense.va)).toBeLessThanOrEqual(1e-9);
      }
    }
    expect(solved).toBeGreaterThanOrEqual(6);
  });

  it('case9 (WSCC 9-bus) matches the published load flow (Anderson & Fouad, Fig. 2.18) and its 4.641 MW losses', () => {
    // Published to 3 decimals in p.u. and 1 decimal in degrees, mapped to MATPOWER's case9 bus numbers.
    const published: Record<number, [number, number]> = {
      2: [1.025, 9.3], 3: [1.025, 4.7], 4: [1.026, -2.2], 5: [1.013, -3.7], 6: [1.032, 2.0], 7: [1.016, 0.7],
      8: [1.026, 3.7], 9: [0.996, -4.0],
    };
    const net = loadCase('case9');
    const r = solveCase(net, 'wasm');
    for (const [bus, [vm, vaDeg]] of Object.entries(published)) {
      const i = net.busIndex.get(Number(bus))!;
      expect(Math.abs(r.vm[i] - vm)).toBeLessThanOrEqual(0.0005 + 1e-9);
      expect(Math.abs(r.va[i] * DEG - vaDeg)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    const chk = checkWithBranchFlows(net, r.vm, r.va, r.pNetPu, r.qNetPu);
    const mva = net.baseMva;
    expect(Math.abs(chk.injection[0][0] * mva - 71.6)).toBeLessThanOrEqual(0.05); // slack P, MW
    expect(Math.abs(chk.injection[0][1] * mva - 27.0)).toBeLessThanOrEqual(0.05); // slack Q, Mvar
    expect(Math.abs(chk.injection[1][1] * mva - 6.7)).toBeLessThanOrEqual(0.05); // gen 2 Q
    expect(Math.abs(chk.injection[2][1] * mva - -10.9)).toBeLessThanOrEqual(0.05); // gen 3 Q
    expect(Math.abs(chk.lossesPu[0] * mva - 4.641)).toBeLessThanOrEqual(0.0005); // MATPOWER runpf: 4.641 MW
  });

  it('case14 (IEEE 14-bus) matches the published solution: 13.393 MW losses, 232.39 MW slack, CDF voltages', () => {
    const net = loadCase('case14');
    const r = solveCase(net, 'wasm');
    const chk = checkWithBranchFlows(net, r.vm, r.va, r.pNetPu, r.qNetPu);
    expect(Math.abs(chk.lossesPu[0] * 100 - 13.393)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs((chk.injection[0][0] + net.pLoadPu[0]) * 100 - 232.39)).toBeLessThanOrEqual(0.005);
    // The IEEE Common Data Format solution stored as the case's VM/VA (3 decimals, 2 decimals in degrees; the
    // 1962 solution differs from an exact one by up to ~0.0013 p.u. at bus 4, hence the loose bound).
    const start = loadCase('case14');
    for (let i = 0; i < net.nBus; i++) {
      expect(Math.abs(r.vm[i] - start.vmPu[i])).toBeLessThanOrEqual(0.002);
      expect(Math.abs((r.va[i] - start.vaRad[i]) * DEG)).toBeLessThanOrEqual(0.02);
    }
  });

  it('case33bw (Baran & Wu 1989) gives 202.68 kW losses and 0.91309 p.u. minimum voltage at bus 18', () => {
    const net = loadCase('case33bw');
    const r = solveCase(net, 'ts');
    const chk = checkWithBranchFlows(net, r.vm, r.va, r.pNetPu, r.qNetPu);
    expect(Math.abs(chk.lossesPu[0] * net.baseMva * 1000 - 202.68)).toBeLessThanOrEqual(0.005);
    let imin = 0;
    for (let i = 0; i < net.nBus; i++) if (r.vm[i] < r.vm[imin]) imin = i;
    expect(net.busIds[imin]).toBe(18);
    expect(Math.abs(r.vm[imin] - 0.91309)).toBeLessThanOrEqual(0.000005);
  });
});

describe('Newton-Raphson solver behaviour', () => {
  it('re-solves a seeded random time series warm-started on one topology: engines agree, cold solves agree', () => {
    const net = loadCase('case118');
    const base = netInjections(net);
    const tight: SolveControls = { tolerancePu: 1e-11, maxIterations: 20 };
    const rng = new Rng(118);
    const solvers = { wasm: createNewtonSolver(net, { engine: 'wasm' }), ts: createNewtonSolver(net, { engine: 'ts' }) };
    const state = {
      wasm: { vm: net.vmPu.slice(), va: net.vaRad.slice() },
      ts: { vm: net.vmPu.slice(), va: net.vaRad.slice() },
    };
    for (let step = 0; step < 12; step++) {
      // Each load scaled by its own random factor; generators other than the slack scaled by one common factor.
      const g = rng.uniform(0.85, 1.1);
      const p = new Float64Array(net.nBus);
      const q = new Float64Array(net.nBus);
      for (let i = 0; i < net.nBus; i++) {
        const s = rng.uniform(0.7, 1.2);
        const pGen = base.pNetPu[i] + net.pLoadPu[i];
        p[i] = pGen * g - net.pLoadPu[i] * s;
        q[i] = base.qNetPu[i] + net.qLoadPu[i] - net.qLoadPu[i] * s;
      }
      for (const engine of ['wasm', 'ts'] as const) {
        const warm = solvers[engine].solve(p, q, state[engine].vm, state[engine].va, tight);
        expect(warm.status).toBe('converged');
        expect(checkWithBranchFlows(net, state[engine].vm, state[engine].va, p, q).maxMismatchPu).toBeLessThanOrEqual(1.001e-11);
      }
      expect(maxDiff(state.wasm.vm, state.ts.vm)).toBeLessThanOrEqual(1e-10);
      expect(maxDiff(state.wasm.va, state.ts.va)).toBeLessThanOrEqual(1e-10);
      const vm0 = net.vmPu.slice();
      const va0 = net.vaRad.slice();
      expect(createNewtonSolver(net, { engine: 'wasm' }).solve(p, q, vm0, va0, tight).status).toBe('converged');
      // Both at mismatch ≤ 1e-11: the warm and the cold solution agree to ~cond(J)·1e-11.
      expect(maxDiff(state.wasm.vm, vm0)).toBeLessThanOrEqual(1e-8);
      expect(maxDiff(state.wasm.va, va0)).toBeLessThanOrEqual(1e-8);
    }
    solvers.wasm.dispose();
    solvers.ts.dispose();
  });

  for (const name of ['case118', 'case300', 'case2383wp']) {
    it(`${name}: converges from a flat start (1 p.u., 0 rad at PQ buses), both engines alike`, () => {
      const net = loadCase(name);
      const { pNetPu, qNetPu } = netInjections(net);
      const out: Float64Array[] = [];
      for (const engine of ['wasm', 'ts'] as const) {
        const vm = net.vmPu.map((v, i) => (net.busType[i] === BUS_PQ ? 1 : v));
        const va = net.vaRad.map((v, i) => (net.busType[i] === 3 ? v : 0));
        const r = createNewtonSolver(net, { engine }).solve(pNetPu, qNetPu, vm, va, MATPOWER);
        expect(r.status).toBe('converged');
        expect(checkWithBranchFlows(net, vm, va, pNetPu, qNetPu).maxMismatchPu).toBeLessThanOrEqual(1.001e-8);
        out.push(vm, va);
      }
      expect(maxDiff(out[0], out[2])).toBeLessThanOrEqual(1e-10);
      expect(maxDiff(out[1], out[3])).toBeLessThanOrEqual(1e-10);
    });
  }

  it('grows its LU workspace when the fill outgrows it, with the same answer', () => {
    const net = loadCase('case300');
    const { pNetPu, qNetPu } = netInjections(net);
    for (const engine of ['wasm', 'ts'] as const) {
      const small = createNewtonSolver(net, { engine, initialLuCapacity: 1 });
      const vm = net.vmPu.slice();
      const va = net.vaRad.slice();
      expect(small.solve(pNetPu, qNetPu, vm, va, MATPOWER).status).toBe('converged');
      const ref = solveCase(net, engine);
      expect(maxDiff(vm, ref.vm)).toBe(0);
      expect(maxDiff(va, ref.va)).toBe(0);
    }
  });

  it('reports max-iterations with the last iterate, and converged with 0 iterations at a solution', () => {
    const net = loadCase('case30');
    const { pNetPu, qNetPu } = netInjections(net);
    const solver = createNewtonSolver(net, { engine: 'wasm' });
    const vm = net.vmPu.slice();
    const va = net.vaRad.slice();
    const one = solver.solve(pNetPu, qNetPu, vm, va, { tolerancePu: 1e-8, maxIterations: 1 });
    expect(one.status).toBe('max-iterations');
    expect(one.iterations).toBe(1);
    expect(maxDiff(vm, net.vmPu)).toBeGreaterThan(0);
    expect(solver.solve(pNetPu, qNetPu, vm, va, MATPOWER).status).toBe('converged');
    const again = solver.solve(pNetPu, qNetPu, vm, va, MATPOWER);
    expect(again).toMatchObject({ status: 'converged', iterations: 0 });
  });

  it('reports diverged for an infeasible load, leaving the start voltages (never NaN)', () => {
    const net = loadCase('case9');
    const { pNetPu, qNetPu } = netInjections(net);
    for (const engine of ['wasm', 'ts'] as const) {
      const solver = createNewtonSolver(net, { engine });
      const vm = net.vmPu.slice();
      const va = net.vaRad.slice();
      const r = solver.solve(pNetPu.map((v) => v * 30), qNetPu.map((v) => v * 30), vm, va, { tolerancePu: 1e-8, maxIterations: 50 });
      expect(['diverged', 'singular', 'max-iterations']).toContain(r.status);
      expect(Number.isNaN(r.maxMismatchPu)).toBe(false);
      for (let i = 0; i < net.nBus; i++) expect(Number.isFinite(vm[i]) && Number.isFinite(va[i])).toBe(true);
      if (r.status !== 'max-iterations') {
        expect(Array.from(vm)).toEqual(Array.from(net.vmPu));
        expect(Array.from(va)).toEqual(Array.from(net.vaRad));
      }
    }
  });

  it('reports singular for an island without a slack bus', () => {
    // case9 with branches 4-5, 3-6 and 6-7 out: buses 5 and 6 form an island with no angle reference.
    const net = loadCase('case9');
    for (const l of [1, 3, 4]) net.branchStatus[l] = 0;
    const { pNetPu, qNetPu } = netInjections(net);
    for (const engine of ['wasm', 'ts'] as const) {
      const vm = net.vmPu.slice();
      const va = net.vaRad.slice();
      const r = createNewtonSolver(net, { engine }).solve(pNetPu, qNetPu, vm, va, MATPOWER);
      expect(r.status).toBe('singular');
      expect(Array.from(vm)).toEqual(Array.from(net.vmPu));
    }
  });

  it('leaves out isolated buses and buses with no in-service branch', () => {
    const net = loadCase('case9');
    net.busType[8] = 4; // bus 9 isolated
    net.branchStatus[7] = 0; // 8-9
    net.branchStatus[8] = 0; // 9-4
    const { pNetPu, qNetPu } = netInjections(net);
    const vm = net.vmPu.slice();
    const va = net.vaRad.slice();
    vm[8] = 0.5;
    const solver = createNewtonSolver(net, { engine: 'wasm' });
    expect(solver.stats.activeBuses).toBe(8);
    expect(solver.solve(pNetPu, qNetPu, vm, va, MATPOWER).status).toBe('converged');
    expect(vm[8]).toBe(0.5);
    expect(checkWithBranchFlows(net, vm, va, pNetPu, qNetPu).maxMismatchPu).toBeLessThanOrEqual(1.001e-8);
  });

  it('reports invalid-input for a non-finite injection and throws ValidationError for bad arguments', () => {
    const net = loadCase('case9');
    const { pNetPu, qNetPu } = netInjections(net);
    const solver = createNewtonSolver(net, { engine: 'ts' });
    const p = pNetPu.slice();
    p[4] = NaN;
    const vm = net.vmPu.slice();
    expect(solver.solve(p, qNetPu, vm, net.vaRad.slice(), MATPOWER).status).toBe('invalid-input');
    expect(Array.from(vm)).toEqual(Array.from(net.vmPu));
    expect(() => solver.solve(pNetPu.subarray(1), qNetPu, net.vmPu.slice(), net.vaRad.slice(), MATPOWER)).toThrow(ValidationError);
    expect(() => solver.solve(pNetPu, qNetPu, net.vmPu.slice(), net.vaRad.slice(), { tolerancePu: 0, maxIterations: 10 })).toThrow(ValidationError);
    expect(() => solver.solve(pNetPu, qNetPu, net.vmPu.slice(), net.vaRad.slice(), { tolerancePu: 1e-8, maxIterations: 1.5 })).toThrow(ValidationError);
    const bad = loadCase('case9');
    bad.rPu[0] = 0;
    bad.xPu[0] = 0;
    expect(() => createNewtonSolver(bad)).toThrow(ValidationError);
    const badTap = loadCase('case9');
    badTap.tap[2] = 0;
    expect(() => createNewtonSolver(badTap, { engine: 'ts' })).toThrow(/branch 3: tap = 0/);
  });

  it('adds a self-loop branch to its bus diagonal (charging b acts as a shunt of b)', () => {
    const net = loadCase('case9');
    const loop: CompiledNetwork = {
      ...net,
      nBranch: net.nBranch + 1,
      branchIds: [...net.branchIds, 'loop'],
      fromBus: Int32Array.from([...net.fromBus, 4]),
      toBus: Int32Array.from([...net.toBus, 4]),
      branchStatus: Uint8Array.from([...net.branchStatus, 1]),
      rPu: Float64Array.from([...net.rPu, 0.01]),
      xPu: Float64Array.from([...net.xPu, 0.1]),
      bPu: Float64Array.from([...net.bPu, 0.2]),
      tap: Float64Array.from([...net.tap, 1]),
      shiftRad: Float64Array.from([...net.shiftRad, 0]),
      rateMva: Float64Array.from([...net.rateMva, 0]),
    };
    const shunt = loadCase('case9');
    shunt.bsPu[4] += 0.2;
    for (const engine of ['wasm', 'ts'] as const) {
      const a = solveCase(loop, engine);
      const b = solveCase(shunt, engine);
      expect(a.outcome.status).toBe('converged');
      expect(maxDiff(a.vm, b.vm)).toBeLessThanOrEqual(1e-12);
      expect(maxDiff(a.va, b.va)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('throws after dispose', () => {
    const net = loadCase('case9');
    const { pNetPu, qNetPu } = netInjections(net);
    const solver = createNewtonSolver(net);
    solver.dispose();
    expect(() => solver.solve(pNetPu, qNetPu, net.vmPu.slice(), net.vaRad.slice(), MATPOWER)).toThrow(/dispose/);
  });
});

describe('reuse of the symbolic analysis', () => {
  it('a network edited in place after a solve is analysed afresh (same answer as a fresh copy), both engines', () => {
    for (const engine of ['wasm', 'ts'] as const) {
      const net = loadCase('case14');
      const controls = { tolerancePu: 1e-10, maxIterations: 20 };
      const solveOn = (n: CompiledNetwork) => {
        const s = createNewtonSolver(n, { engine });
        const { pNetPu, qNetPu } = netInjections(n);
        const vm = Float64Array.from(n.vmPu);
        const va = Float64Array.from(n.vaRad);
        const out = s.solve(pNetPu, qNetPu, vm, va, controls);
        s.dispose();
        return { out, vm };
      };
      const before = solveOn(net);
      const again = solveOn(net); // reuses the cached plan: the same numbers
      expect(Array.from(again.vm)).toEqual(Array.from(before.vm));
      // Take a meshed branch out in place: the cached plan no longer matches and must not be used.
      net.branchStatus[6] = 0;
      const edited = solveOn(net);
      const fresh = loadCase('case14');
      fresh.branchStatus[6] = 0;
      const reference = solveOn(fresh);
      expect(edited.out.status).toBe('converged');
      expect(Array.from(edited.vm)).toEqual(Array.from(reference.vm));
      expect(Math.max(...edited.vm.map((v, i) => Math.abs(v - before.vm[i]!)))).toBeGreaterThan(1e-4);
    }
  });
});
