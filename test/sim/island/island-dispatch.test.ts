// The islanded balancing rule on cases solved by hand (dt = 1 h, lossless batteries; tolerance 1e-12).
import { describe, expect, it } from 'vitest';
import { Battery } from '../../../ts/flex/battery.js';
import { createIslandOutcome, dispatchIsland, type IslandStepInput } from '../../../ts/sim/island/island-dispatch.js';

const battery = (energyKwh: number, powerKw: number) => {
  const b = new Battery({ capacityKwh: 10, powerKw, efficiency: 1, socMin: 0.1, socMax: 0.9, initialSoc: 0.5, rule: 'self-consumption' });
  b.energyKwh = energyKwh;
  return b;
};
const input = (over: Partial<IslandStepInput>): IslandStepInput => ({
  dtHours: 1, vollPerKwh: 5, retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05,
  residualDemandKwh: new Float64Array(3), residualSupplyKwh: new Float64Array(3), batteries: [null, null, null], batteryKw: new Float64Array(3), ...over,
});
const close = (a: ArrayLike<number>, b: number[]) => expect(Array.from(a).map((x, i) => Math.abs(x - b[i]!)).every((e) => e < 1e-12), `${Array.from(a)} vs ${b}`).toBe(true);

describe('dispatchIsland', () => {
  it('surplus: the battery takes what its power allows, the rest of the PV is curtailed pro rata to residual supply', () => {
    // Residual supply 3 + 1, demand 2: surplus 2. Prosumer 2's battery already charges 1 kW of its own surplus
    // (stored 6 kWh, so 5 before the step) and can charge 2 kW: 1 kW more. Curtailed 1 kWh in the ratio 3 : 1.
    const b = battery(6, 2);
    const x = input({ residualDemandKwh: Float64Array.of(0, 2, 0), residualSupplyKwh: Float64Array.of(3, 0, 1), batteries: [null, null, b], batteryKw: Float64Array.of(0, 0, -1) });
    const out = dispatchIsland(x, createIslandOutcome(3));
    close(out.storageKwh, [0, 0, -1]);
    close(out.curtailedKwh, [0.75, 0, 0.25]);
    close(out.shedKwh, [0, 0, 0]);
    close(x.batteryKw, [0, 0, -2]);
    expect(b.energyKwh).toBeCloseTo(7, 12);
    expect(out.pricePerKwh).toBe(0.05);
    expect([out.surplusKwh, out.shortfallKwh]).toEqual([2, 0]);
  });

  it('shortfall within storage: batteries share it pro rata to spare power; price = retail', () => {
    // Spare discharge: battery 0 runs at 1 kW of its 2 kW (stored 4 kWh before: (4 − 1)/1 h ≥ 2), battery 1 idles
    // with 1.5 kW ((2.5 − 1)/1 h). Shortfall 1 kWh → 1·1/2.5 = 0.4 and 1·1.5/2.5 = 0.6.
    const b0 = battery(3, 2); // 4 before the step, 1 kWh already delivered
    const b1 = battery(2.5, 5);
    const x = input({ residualDemandKwh: Float64Array.of(1, 0, 0), batteries: [b0, b1, null], batteryKw: Float64Array.of(1, 0, 0) });
    const out = dispatchIsland(x, createIslandOutcome(3));
    close(out.storageKwh, [0.4, 0.6, 0]);
    close(out.shedKwh, [0, 0, 0]);
    expect(out.pricePerKwh).toBe(0.3);
    expect(b0.energyKwh).toBeCloseTo(2.6, 12);
    expect(b1.energyKwh).toBeCloseTo(1.9, 12);
  });

  it('shortfall beyond storage: batteries give all they can, load is shed pro rata to residual demand; price = VOLL', () => {
    // Demand 2 + 3, spare 1 + 1.5 = 2.5 kWh: 2.5 kWh shed in the ratio 2 : 3.
    const x = input({ residualDemandKwh: Float64Array.of(2, 3, 0), batteries: [battery(3, 2), battery(2.5, 5), null], batteryKw: Float64Array.of(1, 0, 0) });
    const out = dispatchIsland(x, createIslandOutcome(3));
    close(out.storageKwh, [1, 1.5, 0]);
    close(out.shedKwh, [1, 1.5, 0]);
    expect(out.pricePerKwh).toBe(5);
  });
});
