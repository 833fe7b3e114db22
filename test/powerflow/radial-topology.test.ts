import { describe, expect, it } from 'vitest';
import { analyzeRadialTopology, findUnsuppliedBuses } from '../../ts/powerflow/radial-topology.js';
import { fromMatrices, loadMatpowerCase, RADIAL_CASES } from './matpower-fixture.js';

/** bus rows: [id, type, Pd, Qd, Gs, Bs, area, Vm, Va, baseKV, zone, Vmax, Vmin] */
const bus = (id: number, type = 1): number[] => [id, type, 0.1, 0.05, 0, 0, 1, 1, 0, 12.66, 1, 1.1, 0.9];
const br = (f: number, t: number, status = 1): number[] => [f, t, 0.01, 0.02, 0, 0, 0, 0, 0, 0, status, -360, 360];
const slackGen = (id: number): number[] => [id, 0, 0, 10, -10, 1, 100, 1, 10, 0];

describe('analyzeRadialTopology', () => {
  it('orders a tree breadth-first from the slack with parents before children', () => {
    // Slack is bus 3 (not the first row); branches given in both orientations.
    const net = fromMatrices(1, [bus(1), bus(2), bus(3, 3), bus(4), bus(5)], [slackGen(3)], [br(1, 3), br(3, 2), br(4, 2), br(2, 5)]);
    const t = analyzeRadialTopology(net);
    expect(t.radial).toBe(true);
    expect(t.slackBus).toBe(2);
    expect(t.order[0]).toBe(2);
    expect(t.order.length).toBe(5);
    for (let pos = 1; pos < t.order.length; pos++) {
      expect(t.parentPos[pos]).toBeLessThan(pos);
      const k = t.parentBranch[pos];
      const ends = [net.fromBus[k], net.toBus[k]].sort();
      expect(ends).toEqual([t.order[pos], t.order[t.parentPos[pos]]].sort());
    }
    expect(t.depth).toBe(2);
    expect(Array.from(t.unsuppliedBuses)).toEqual([]);
  });

  it('detects a loop, parallel branches, several slacks and no slack', () => {
    const loop = fromMatrices(1, [bus(1, 3), bus(2), bus(3)], [slackGen(1)], [br(1, 2), br(2, 3), br(3, 1)]);
    const a = analyzeRadialTopology(loop);
    expect(a.radial).toBe(false);
    expect(a.reason).toMatch(/loop/);
    const parallel = fromMatrices(1, [bus(1, 3), bus(2)], [slackGen(1)], [br(1, 2), br(1, 2)]);
    expect(analyzeRadialTopology(parallel).radial).toBe(false);
    const twoSlacks = fromMatrices(1, [bus(1, 3), bus(2), bus(3, 3)], [slackGen(1), slackGen(3)], [br(1, 2), br(2, 3)]);
    expect(analyzeRadialTopology(twoSlacks).reason).toMatch(/2 slack/);
    const noSlack = fromMatrices(1, [bus(1), bus(2)], [], [br(1, 2)]);
    expect(analyzeRadialTopology(noSlack).reason).toMatch(/no slack/);
  });

  it('treats open branches as absent and reports buses cut off from the slack', () => {
    // Closing the open branch 3–1 would make a loop; open, the tree is radial. Bus 4 hangs on an open branch,
    // bus 5 is type 4 (isolated).
    const net = fromMatrices(1, [bus(1, 3), bus(2), bus(3), bus(4), bus(5, 4)], [slackGen(1)], [br(1, 2), br(2, 3), br(3, 1, 0), br(3, 4, 0), br(4, 5)]);
    const t = analyzeRadialTopology(net);
    expect(t.radial).toBe(true);
    expect(Array.from(t.unsuppliedBuses)).toEqual([3, 4]);
    expect(t.positionOfBus[3]).toBe(-1);
    expect(Array.from(findUnsuppliedBuses(net))).toEqual([3, 4]);
  });

  it('finds all 9 shared distribution feeders radial and the meshed transmission cases not', () => {
    for (const name of RADIAL_CASES) {
      const net = loadMatpowerCase(name);
      const t = analyzeRadialTopology(net);
      expect(t.radial, name).toBe(true);
      expect(t.order.length + t.unsuppliedBuses.length, name).toBe(net.nBus);
      for (let pos = 1; pos < t.order.length; pos++) expect(t.parentPos[pos]).toBeLessThan(pos);
    }
    // case33bw lists every bus after its parent: the row order is kept.
    const t33 = analyzeRadialTopology(loadMatpowerCase('case33bw'));
    expect(Array.from(t33.order)).toEqual(Array.from({ length: 33 }, (_, i) => i));
    for (const name of ['case9', 'case14', 'case30']) expect(analyzeRadialTopology(loadMatpowerCase(name)).radial, name).toBe(false);
  });
});
