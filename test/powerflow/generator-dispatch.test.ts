import { describe, expect, it } from 'vitest';
import { splitReactiveGeneration } from '../../ts/powerflow/generator-dispatch.js';
import { solvePowerFlow } from '../../ts/powerflow/power-flow.js';
import { compileMatpowerCase } from '../../ts/network/compile-matpower-case.js';
import { parseMatpowerM } from '../../ts/network/matpower-m-parser.js';
import { expectInvariants } from './invariants.js';

function split(qBus: number[], groups: number[][], qMin: number[], qMax: number[]): Float64Array {
  const gens = Int32Array.from(groups.flat());
  const start = [0];
  for (const g of groups) start.push(start[start.length - 1] + g.length);
  const out = new Float64Array(qMin.length);
  splitReactiveGeneration(gens, Int32Array.from(start), Float64Array.from(qBus), qMin, qMax, out);
  return out;
}

// Hand-computed from MATPOWER 7's pfsoln rule (tolerance 1e-12 MVAr: rounding only).
describe('splitReactiveGeneration (MATPOWER pfsoln)', () => {
  it('splits in proportion to reactive range: [-10,50] and [0,20] sharing 30 Mvar → 20 and 10', () => {
    const q = split([30], [[0, 1]], [-10, 0], [50, 20]);
    expect(q[0]).toBeCloseTo(20, 12);
    expect(q[1]).toBeCloseTo(10, 12);
  });

  it('replaces infinite limits by ±M (M = Σ|Qbus/n| + finite |limits| at the bus): → 50/3 and 40/3', () => {
    // M = 15 + 15 + 20 = 50: ranges [-50,50] and [0,20]; fraction (30+50)/(70+50) = 2/3.
    const q = split([30], [[0, 1]], [-Infinity, 0], [Infinity, 20]);
    expect(q[0]).toBeCloseTo(50 / 3, 12);
    expect(q[1]).toBeCloseTo(40 / 3, 12);
  });

  it('unlimited generators share equally, including a zero total (no NaN)', () => {
    const q = split([-12, 0], [[0, 1], [2, 3]], [-Infinity, -Infinity, -Infinity, -Infinity], [Infinity, Infinity, Infinity, Infinity]);
    expect(Array.from(q)).toEqual([-6, -6, 0, 0]);
  });

  it('a bus with zero total range gives every generator Qmin + (Qbus − ΣQmin)/n', () => {
    const q = split([30], [[0, 1]], [5, 5], [5, 5]);
    expect(Array.from(q)).toEqual([15, 15]);
  });

  it('a lone in-service generator takes the bus total even beyond its limits', () => {
    const q = split([30], [[0]], [0], [10]);
    expect(q[0]).toBe(30);
  });
});

const CASE = `function mpc = twogens
mpc.baseMVA = 100;
mpc.bus = [
  1 3 0  0  0 0 1 1.02 0 110 1 1.1 0.9;
  2 2 20 5  0 0 1 1.01 0 110 1 1.1 0.9;
  3 1 90 30 0 0 1 1    0 110 1 1.1 0.9;
];
mpc.gen = [
  1 0  0 100 -100 1.02 100 1 200 0;
  1 25 0 30  -30  1.02 100 1 50  0;
  2 30 0 50  -10  1.01 100 1 80  0;
  2 20 0 20  0    1.01 100 1 80  0;
  2 99 0 20  0    1.01 100 0 80  0;
];
mpc.branch = [
  1 2 0.01 0.05 0.02 0 0 0 0 0 1 -360 360;
  2 3 0.02 0.08 0.02 0 0 0 0 0 1 -360 360;
  1 3 0.03 0.10 0.01 0 0 0 0 0 1 -360 360;
];`;

describe('generator rows after a solve follow pfsoln', () => {
  const net = compileMatpowerCase(parseMatpowerM(CASE, 'twogens.m'));
  for (const engine of ['wasm', 'ts'] as const) {
    it(`${engine}: PV bus Q split by range, slack P to the first slack generator, out-of-service generator 0`, () => {
      const r = solvePowerFlow(net, { method: 'nr', engine });
      expect(r.status).toBe('converged');
      expectInvariants(net, r);
      // Bus generation from the flows: out of bus + local load.
      const out = (bus: number, p: boolean): number => {
        let s = 0;
        for (let k = 0; k < 3; k++) {
          const f = [1, 2, 1][k];
          const t = [2, 3, 3][k];
          if (f === bus) s += p ? r.pFromMw[k] : r.qFromMvar[k];
          if (t === bus) s += p ? r.pToMw[k] : r.qToMvar[k];
        }
        return s;
      };
      const q2 = out(2, false) + 5;
      // Bus 2 generators [-10,50] and [0,20]: fraction (q2 + 10)/80 of each range.
      const f2 = (q2 + 10) / 80;
      expect(r.qGenMvar[2]).toBeCloseTo(-10 + f2 * 60, 9);
      expect(r.qGenMvar[3]).toBeCloseTo(f2 * 20, 9);
      expect(r.qGenMvar[4]).toBe(0);
      expect(r.pGenMw[4]).toBe(0);
      expect(r.pGenMw[2]).toBe(30);
      expect(r.pGenMw[3]).toBe(20);
      // Slack bus 1 generators [-100,100] and [-30,30]: fraction (q1 + 130)/260.
      const q1 = out(1, false);
      const f1 = (q1 + 130) / 260;
      expect(r.qGenMvar[0]).toBeCloseTo(-100 + f1 * 200, 9);
      expect(r.qGenMvar[1]).toBeCloseTo(-30 + f1 * 60, 9);
      // Slack P: the first generator takes the bus total minus the second's scheduled 25 MW.
      expect(r.pGenMw[1]).toBe(25);
      expect(r.pGenMw[0]).toBeCloseTo(out(1, true) - 25, 9);
      expect(r.pGenMw[0] + r.pGenMw[1]).toBeCloseTo(r.slackPMw, 9);
    });
  }
});

describe('a generator on a de-energized bus', () => {
  it('reports 0 MW / 0 Mvar (its bus has no in-service path to the slack)', () => {
    const text = CASE.replace('];\nmpc.gen', '  4 2 0 0 0 0 1 1 0 110 1 1.1 0.9;\n];\nmpc.gen')
      .replace('  2 99 0 20  0    1.01 100 0 80  0;\n', '  2 99 0 20  0    1.01 100 0 80  0;\n  4 40 7 20  0    1.0  100 1 80  0;\n')
      .replace('  1 3 0.03 0.10 0.01 0 0 0 0 0 1 -360 360;\n', '  1 3 0.03 0.10 0.01 0 0 0 0 0 1 -360 360;\n  3 4 0.01 0.05 0 0 0 0 0 0 0 -360 360;\n');
    const net = compileMatpowerCase(parseMatpowerM(text, 'island.m'));
    expect(net.nGen).toBe(6);
    const r = solvePowerFlow(net, { method: 'nr' });
    expect(r.status).toBe('converged');
    expect(r.unsuppliedBusIds).toEqual([4]);
    expect(r.pGenMw[5]).toBe(0);
    expect(r.qGenMvar[5]).toBe(0);
    expectInvariants(net, r);
  });
});
