import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../../ts/network/compile-network.js';
import { createIeee33 } from '../../../ts/network/ieee33.js';
import { Rng } from '../../../ts/random.js';
import { linDistFlowFeeder } from '../../../ts/market/network-constrained/lindistflow-feeder.js';
import {
  forEachTransferBranch, linDistFlowFlows, linDistFlowVoltages, lowestCommonAncestor, treeDepth,
} from '../../../ts/market/network-constrained/lindistflow-sensitivities.js';

describe('LinDistFlow sensitivities', () => {
  const net = compileNetwork(createIeee33({}));
  const feeder = linDistFlowFeeder(net);
  const m = feeder.busOfPosition.length;
  const depth = treeDepth(feeder);
  const pos = (bus: string): number => feeder.positionOfBus[net.busIndex.get(bus)!]!;

  it('the lowest common ancestor of IEEE 33 buses by hand: 18 and 33 meet at 6, 25 and 22 at 2, 15 and 12 at 12', () => {
    expect(net.busIds[feeder.busOfPosition[lowestCommonAncestor(feeder, depth, pos('18'), pos('33'))]!]).toBe('6');
    expect(net.busIds[feeder.busOfPosition[lowestCommonAncestor(feeder, depth, pos('25'), pos('22'))]!]).toBe('2');
    expect(net.busIds[feeder.busOfPosition[lowestCommonAncestor(feeder, depth, pos('15'), pos('12'))]!]).toBe('12');
    expect(depth[pos('18')]).toBe(17);
  });

  it('the PTDFs of a transfer (tree path) equal the flow change of the full backward pass, and voltages are linear in it', () => {
    const rng = new Rng(3);
    const zero = new Float64Array(m);
    const withdrawal = new Float64Array(m);
    const base = { p: new Float64Array(m), q: new Float64Array(m), v: new Float64Array(m) };
    const bgKw = Float64Array.from({ length: m }, (_, p) => (p ? rng.uniform(-50, 200) : 0));
    const bgKvar = bgKw.map((x) => 0.3 * x);
    linDistFlowFlows(feeder, bgKw, bgKvar, base.p, base.q);
    linDistFlowVoltages(feeder, base.p, base.q, 1, base.v);
    for (let k = 0; k < 50; k++) {
      const s = rng.int(m);
      const b = rng.int(m);
      const dP = new Float64Array(m);
      forEachTransferBranch(feeder, depth, s, b, (p, ptdf) => { dP[p] = ptdf; });
      // Independent: 1 kW withdrawn at b and injected at s through the subtree sums.
      withdrawal.fill(0);
      withdrawal[b] += 1;
      withdrawal[s] -= 1;
      const full = new Float64Array(m);
      linDistFlowFlows(feeder, withdrawal, zero, full, new Float64Array(m));
      for (let p = 1; p < m; p++) expect(dP[p]).toBe(full[p]);
      // Linearity: the state after x kW of transfer is the base plus x times the sensitivity.
      const x = rng.uniform(1, 500);
      const dv = new Float64Array(m);
      linDistFlowVoltages(feeder, dP, dP.map((d) => 0.3 * d), 0, dv);
      const after = { p: new Float64Array(m), q: new Float64Array(m), v: new Float64Array(m) };
      linDistFlowFlows(feeder, bgKw.map((w, p) => w + x * withdrawal[p]!), bgKvar.map((w, p) => w + 0.3 * x * withdrawal[p]!), after.p, after.q);
      linDistFlowVoltages(feeder, after.p, after.q, 1, after.v);
      for (let p = 1; p < m; p++) expect(after.v[p]).toBeCloseTo(base.v[p]! + x * dv[p]!, 12);
    }
  });
});
