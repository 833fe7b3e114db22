import { describe, expect, it } from 'vitest';
import { applyExportLimits, applyTransformerLimit } from '../../../ts/sim/engine/connection-limits.js';
import { Rng } from '../../../ts/random.js';

describe('connection limits', () => {
  it('curtails each export to its limit, only up to the PV output (hand-solved)', () => {
    const net = Float64Array.from([5, 3, -2, 4]);
    const pv = [6, 3, 0, 1];
    const lim = Float64Array.from([3.5, Infinity, 0, 2]);
    const cut = new Float64Array(4);
    const total = applyExportLimits(net, pv, lim, cut);
    expect([...cut]).toEqual([1.5, 0, 0, 1]); // the 4th exports 4 > 2 but has only 1 kW of PV to curtail
    expect([...net]).toEqual([3.5, 3, -2, 3]);
    expect(total).toBe(2.5);
  });

  it('shares a transformer excess pro rata to export, capped by PV (hand-solved water-filling)', () => {
    // Σ net = 10 + 6 + 4 − 5 = 15 against a 9 kW limit: 6 kW to cut. Pro rata 10:6:4 → 3, 1.8, 1.2; the second
    // has only 1 kW of PV left, so its 0.8 passes to the others in proportion to their exports.
    const net = Float64Array.from([10, 6, 4, -5]);
    const pvLeft = [10, 1, 4, 0];
    const cut = new Float64Array(4);
    const total = applyTransformerLimit(net, pvLeft, 9, cut);
    expect(total).toBeCloseTo(6, 12);
    expect(cut[1]).toBeCloseTo(1, 12);
    expect(cut[0]! / cut[2]!).toBeCloseTo(10 / 4, 9);
    expect(net.reduce((a, b) => a + b, 0)).toBeCloseTo(9, 12);
  });

  it('meets the transformer limit whenever PV allows it, never cuts below zero export (random cases)', () => {
    const rng = new Rng(7);
    for (let t = 0; t < 200; t++) {
      const n = 1 + rng.int(12);
      const net = Float64Array.from({ length: n }, () => rng.uniform(-5, 8));
      const pv = Float64Array.from(net, (x) => Math.max(0, x) * rng.uniform(0, 1.5));
      const before = Float64Array.from(net);
      const limit = rng.uniform(0, 20);
      const cut = new Float64Array(n);
      const total = applyTransformerLimit(net, pv, limit, cut);
      const sumBefore = before.reduce((a, b) => a + b, 0);
      const possible = before.reduce((a, x, i) => a + Math.min(Math.max(0, x), pv[i]!), 0);
      const needed = Math.max(0, sumBefore - limit);
      expect(total).toBeCloseTo(Math.min(needed, possible), 9);
      for (let i = 0; i < n; i++) {
        expect(cut[i]).toBeGreaterThanOrEqual(0);
        expect(cut[i]).toBeLessThanOrEqual(pv[i]! + 1e-12);
        if (before[i]! > 0) expect(net[i]).toBeGreaterThanOrEqual(-1e-12);
        else expect(net[i]).toBe(before[i]);
      }
    }
  });
});
