import { describe, expect, it } from 'vitest';
import { NetLoadHorizonForecast } from '../../../ts/sim/forecast/net-load-horizon-forecast.js';
import { Rng } from '../../../ts/random.js';

describe('NetLoadHorizonForecast', () => {
  const actual = Float64Array.from({ length: 12 }, (_, t) => 10 + t); // step t has value 10 + t
  const gross = new Float64Array(12).fill(2);

  it('perfect: the actual series', () => {
    const out = new Float64Array(4);
    new NetLoadHorizonForecast({ kind: 'perfect' }, actual, gross, new Rng(1)).fill(5, out);
    expect(Array.from(out)).toEqual([15, 16, 17, 18]);
  });

  it('persistence (lag 3) made at step 5: the last observed step of the same phase, 0 before any history (by hand)', () => {
    const out = new Float64Array(7);
    new NetLoadHorizonForecast({ kind: 'persistence', lagSteps: 3 }, actual, gross, new Rng(1)).fill(5, out);
    // steps 5…11 → observed steps 2, 3, 4, 2, 3, 4, 2 (all < 5)
    expect(Array.from(out)).toEqual([12, 13, 14, 12, 13, 14, 12]);
    const early = new Float64Array(3);
    new NetLoadHorizonForecast({ kind: 'persistence', lagSteps: 3 }, actual, gross, new Rng(1)).fill(1, early);
    expect(Array.from(early)).toEqual([0, 0, 10]); // steps 1, 2 have no history; step 3 ← step 0
  });

  it('noisy truth: actual + σ·gross·N(0,1), seeded, a fresh draw every plan', () => {
    const f = new NetLoadHorizonForecast({ kind: 'noisy-truth', relativeErrorSd: 0.5 }, actual, gross, new Rng(7));
    const a = new Float64Array(4), b = new Float64Array(4);
    f.fill(0, a);
    f.fill(0, b);
    const rng = new Rng(7);
    expect(Array.from(a)).toEqual([10, 11, 12, 13].map((v) => v + 0.5 * 2 * rng.normal()));
    expect(Array.from(b)).not.toEqual(Array.from(a));
  });
});
