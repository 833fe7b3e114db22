import { describe, expect, it } from 'vitest';
import { compileMatpowerCase } from '../../ts/network/compile-matpower-case.js';
import { compileNetwork } from '../../ts/network/compile-network.js';
import { createIeee33 } from '../../ts/network/ieee33.js';
import { readMatpowerFile } from '../../ts/network/read-matpower-file.js';
import { solvePowerFlow } from '../../ts/powerflow/power-flow.js';
import { matpowerJsonPath } from '../support/cases.js';

const REL = 1e-12;
function close(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-300);
    if (a[i] !== b[i]) worst = Math.max(worst, d);
  }
  return worst;
}

describe('IEEE 33-bus (Baran & Wu 1989)', () => {
  const model = createIeee33();
  const ours = compileNetwork(model);
  const mp = compileMatpowerCase(readMatpowerFile(matpowerJsonPath('case33bw')));

  it('has the published totals: 33 buses, 32 + 5 tie lines, 3715 kW and 2300 kvar', () => {
    expect(model.buses.map((b) => b.id)).toEqual(Array.from({ length: 33 }, (_, i) => String(i + 1)));
    expect(model.lines!.length).toBe(37);
    expect(model.lines!.filter((l) => l.inService === false).length).toBe(5);
    expect(model.loads!.reduce((s, l) => s + l.pKw, 0)).toBe(3715);
    expect(model.loads!.reduce((s, l) => s + (l.qKvar ?? 0), 0)).toBe(2300);
  });

  it('compiles to the per-unit tables of MATPOWER case33bw (1e-12 relative)', () => {
    expect(ours.baseMva).toBe(mp.baseMva);
    expect(ours.nBus).toBe(mp.nBus);
    expect(ours.nBranch).toBe(mp.nBranch);
    expect(ours.busIds.map(Number)).toEqual(mp.busIds);
    expect([...ours.busType]).toEqual([...mp.busType]);
    expect([...ours.fromBus]).toEqual([...mp.fromBus]);
    expect([...ours.toBus]).toEqual([...mp.toBus]);
    expect([...ours.branchStatus]).toEqual([...mp.branchStatus]);
    expect([...ours.tap]).toEqual([...mp.tap]);
    expect([...ours.shiftRad]).toEqual([...mp.shiftRad]);
    expect([...ours.bPu]).toEqual([...mp.bPu]);
    expect([...ours.baseKv]).toEqual([...mp.baseKv]);
    expect(close(ours.rPu, mp.rPu)).toBeLessThan(REL);
    expect(close(ours.xPu, mp.xPu)).toBeLessThan(REL);
    expect(close(ours.pLoadPu, mp.pLoadPu)).toBeLessThan(REL);
    expect(close(ours.qLoadPu, mp.qLoadPu)).toBeLessThan(REL);
    expect([...ours.gsPu, ...ours.bsPu]).toEqual([...mp.gsPu, ...mp.bsPu]);
    expect([...ours.vmPu]).toEqual([...mp.vmPu]);
    expect([...ours.genBus]).toEqual([...mp.genBus]);
  });

  it('solves to the published losses 202.68 kW and minimum voltage 0.91309 p.u. at bus 18', () => {
    const r = solvePowerFlow(ours, { engine: 'ts' });
    expect(r.status).toBe('converged');
    let min = Infinity;
    let at = -1;
    for (let i = 0; i < r.vmPu.length; i++) if (r.vmPu[i]! < min) [min, at] = [r.vmPu[i]!, i];
    expect(r.busIds[at]).toBe('18');
    expect(min).toBeCloseTo(0.91309, 5); // published to 5 decimals
    expect(r.lossesMw * 1000).toBeCloseTo(202.68, 1); // published to 0.01 kW; 0.05 kW tolerance
  });
});
