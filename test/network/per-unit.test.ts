import { describe, expect, it } from 'vitest';
import { ampacityMva, impedanceBaseOhm, transformerImpedancePu } from '../../ts/network/per-unit.js';

describe('per-unit conversions (hand-computed)', () => {
  it('impedance base: 0.4 kV on 1 MVA is 0.16 Ω; 20 kV on 10 MVA is 40 Ω', () => {
    expect(impedanceBaseOhm(0.4, 1)).toBeCloseTo(0.16, 15);
    expect(impedanceBaseOhm(20, 10)).toBeCloseTo(40, 12);
  });
  it('ampacity: 100 A at 0.4 kV is √3·0.4·100/1000 = 0.069282 MVA', () => {
    expect(ampacityMva(0.4, 100)).toBeCloseTo(0.0692820323, 9);
  });
  it('transformer uk 6 %, ur 1.44 %: r = 0.0144, x = √(0.06² − 0.0144²) = 0.0582464 p.u. (own rating)', () => {
    const rx = new Float64Array(2);
    transformerImpedancePu(6, 1.44, rx);
    expect(rx[0]).toBeCloseTo(0.0144, 15);
    expect(rx[1]).toBeCloseTo(0.0582463733, 9);
  });
});
