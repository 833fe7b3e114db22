import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../../ts/network/compile-network.js';
import { createIeee33 } from '../../../ts/network/ieee33.js';
import { createPowerFlow } from '../../../ts/powerflow/power-flow.js';
import { FeederState } from '../../../ts/sim/grid/feeder-state.js';

const net = compileNetwork(createIeee33());
const controls = { tolerancePu: 1e-10, maxIterations: 100 };
const flow = (n: typeof net, method: 'bfs' | 'nr', engine: 'wasm' | 'ts') => createPowerFlow(n, { method, engine, ...controls });
const none = new Int32Array(0);
const empty = new Float64Array(0);

describe('FeederState on IEEE 33', () => {
  it('reproduces the published base case (Baran & Wu: losses 202.68 kW, Vmin 0.91309 p.u. at bus 18)', () => {
    for (const pf of [flow(net, 'bfs', 'ts'), flow(net, 'nr', 'wasm')]) {
      const f = new FeederState(pf, none);
      expect(f.solve(none, empty, empty).status).toBe('converged');
      expect(f.lossesKw).toBeCloseTo(202.68, 1); // published to 0.01 kW
      const v = new Float64Array(2);
      f.voltageRange(v);
      expect(v[0]).toBeCloseTo(0.91309, 5);
      expect(f.vmPu[net.busIndex.get('18')!]).toBeCloseTo(0.91309, 5);
      // Power balance: substation = load + losses.
      expect(f.substationKw).toBeCloseTo(3715 + f.lossesKw, 6);
      expect(f.violations.underVoltage).toBe(0); // limits 0.9 … 1.1
      expect(f.radial).toBe(true);
      f.dispose();
    }
  });

  it('replaces a bus load by its prosumers and keeps the balance', () => {
    const bus = Int32Array.from([net.busIndex.get('18')!, net.busIndex.get('18')!, net.busIndex.get('33')!]);
    const p = Float64Array.from([-50, 30, 200]);
    const q = Float64Array.from([-10, 0, 0]);
    const f = new FeederState(flow(net, 'bfs', 'wasm'), bus);
    f.solve(bus, p, q);
    // Loads at 18 (90 kW) and 33 (60 kW) are replaced: 3715 − 150 + 20 − 200 = 3385 kW net demand.
    expect(f.substationKw).toBeCloseTo(3715 - 150 + 20 - 200 + f.lossesKw, 6);
    f.dispose();
  });

  it('marks the violating bus and everything downstream for curtailment', () => {
    const f = new FeederState(flow(net, 'bfs', 'ts'), none);
    f.solve(none, empty, empty);
    const mark = new Uint8Array(net.nBus);
    expect(f.markCurtailment(mark)).toBe(0);
    f.vmPu[net.busIndex.get('16')!] = 1.2;
    expect(f.markCurtailment(mark)).toBe(3); // 16, 17, 18 (end of the main feeder)
    for (const b of ['16', '17', '18']) expect(mark[net.busIndex.get(b)!]).toBe(1);
    f.vmPu[net.busIndex.get('16')!] = 1.0;
    f.vmPu[net.busIndex.get('26')!] = 1.2;
    expect(f.markCurtailment(mark)).toBe(8); // 26 … 33
    f.dispose();
  });

  it('marks downstream of a reverse-flow overload only (a forward overload is not an export problem)', () => {
    // Rate the branch 25→26 (feeding 26 … 33) at 0.1 MVA.
    const k = net.branchIds.findIndex((_, i) => net.busIds[net.fromBus[i]!] === '6' && net.busIds[net.toBus[i]!] === '26');
    expect(k).toBeGreaterThanOrEqual(0);
    const rated = { ...net, rateMva: Float64Array.from(net.rateMva, (r, i) => (i === k ? 0.1 : r)) };
    const mark = new Uint8Array(net.nBus);
    const f = new FeederState(flow(rated, 'bfs', 'ts'), none);
    f.solve(none, empty, empty); // forward flow ≈ 0.9 MW through the branch
    expect(f.violations.overloaded).toBe(1);
    expect(f.markCurtailment(mark)).toBe(0);
    const bus = Int32Array.from([net.busIndex.get('30')!]);
    f.solve(bus, Float64Array.from([3000]), Float64Array.from([0])); // 3 MW export at bus 30 reverses the flow
    expect(f.violations.overloaded).toBe(1);
    expect(f.pFromKw[k]).toBeLessThan(0);
    expect(f.markCurtailment(mark)).toBe(8); // 26 … 33
    f.dispose();
  });
});
