import { describe, expect, it } from 'vitest';
import { branchAdmittance } from '../../ts/powerflow/branch-admittance.js';

describe('branchAdmittance (MATPOWER makeYbus π model)', () => {
  it('line r = 0.01, x = 0.1, b = 0.02: ys = 1/(r+jx), charging b/2 at each end (exact to 1e-15)', () => {
    const y = new Float64Array(8);
    expect(branchAdmittance(0.01, 0.1, 0.02, 1, 0, y)).toBe(true);
    const d = 0.01 ** 2 + 0.1 ** 2;
    const gs = 0.01 / d;
    const bs = -0.1 / d;
    const want = [gs, bs + 0.01, -gs, -bs, -gs, -bs, gs, bs + 0.01];
    want.forEach((w, i) => expect(y[i]).toBeCloseTo(w, 12));
  });

  it('phase shifter τ = 1.05, θ = 30°, x = 0.2: Yft = −ys·e^{jθ}/τ, Ytf = −ys·e^{−jθ}/τ, Yff = ys/τ²', () => {
    const y = new Float64Array(8);
    const th = Math.PI / 6;
    expect(branchAdmittance(0, 0.2, 0, 1.05, th, y)).toBe(true);
    // ys = −5j.  −ys·e^{jθ}/τ = 5j(cos θ + j sin θ)/τ = (−5 sin θ + 5j cos θ)/τ.
    expect(y[0]).toBeCloseTo(0, 15);
    expect(y[1]).toBeCloseTo(-5 / 1.05 ** 2, 13);
    expect(y[2]).toBeCloseTo((-5 * Math.sin(th)) / 1.05, 13);
    expect(y[3]).toBeCloseTo((5 * Math.cos(th)) / 1.05, 13);
    expect(y[4]).toBeCloseTo((5 * Math.sin(th)) / 1.05, 13);
    expect(y[5]).toBeCloseTo((5 * Math.cos(th)) / 1.05, 13);
    expect(y[6]).toBeCloseTo(0, 15);
    expect(y[7]).toBeCloseTo(-5, 13);
  });

  it('refuses r = x = 0 and τ = 0, leaving out untouched', () => {
    const y = new Float64Array(8).fill(7);
    expect(branchAdmittance(0, 0, 0.1, 1, 0, y)).toBe(false);
    expect(branchAdmittance(0.1, 0.1, 0, 0, 0, y)).toBe(false);
    expect(Array.from(y)).toEqual(new Array(8).fill(7));
  });
});
