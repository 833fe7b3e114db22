import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import { retailPriceParts, tariffsAt, validateRetailTariff, type RetailTariff } from '../../../ts/market/tariffs/retail-tariff.js';
import { priceAt, validatePriceSchedule } from '../../../ts/market/tariffs/price-schedule.js';
import {
  allInPricePerKwh, assertRationalityPossible, buyerCeilingPerKwh, p2pCharges, sellerFloorPerKwh,
} from '../../../ts/market/tariffs/rationality-bounds.js';

// A German-like household tariff, hand-computed below: 0.12 energy + 0.09 network + 0.06 levies, 19 % VAT.
const german: RetailTariff = {
  energyPricePerKwh: 0.12, networkChargePerKwh: 0.09, leviesPerKwh: 0.06, vatPercent: 19, feedInPricePerKwh: 0.08,
};

function fieldOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).field;
  }
  throw new Error('expected a ValidationError');
}

describe('retail tariff', () => {
  it('decomposes retail into energy, network, levies and VAT (hand-computed, 1e-12)', () => {
    const p = retailPriceParts(german, 0, 12);
    expect(p.retailPerKwh).toBeCloseTo(0.27 * 1.19, 12); // 0.3213
    expect(p.vatPerKwh).toBeCloseTo(0.27 * 0.19, 12);
    expect(p.energyPerKwh + p.networkChargePerKwh + p.leviesPerKwh).toBeCloseTo(p.retailPerKwh, 12);
  });

  it('charges a P2P kWh the undiscounted share of network charge and levies with VAT', () => {
    const full = tariffsAt(german, 0, 12);
    expect(full.retailPricePerKwh).toBeCloseTo(0.3213, 12);
    expect(full.networkChargePerKwh).toBeCloseTo(0.09 * 1.19, 12);
    expect(full.leviesPerKwh).toBeCloseTo(0.06 * 1.19, 12);
    const half = tariffsAt({ ...german, localUseDiscountPercent: 50 }, 0, 12);
    expect(half.networkChargePerKwh! + half.leviesPerKwh!).toBeCloseTo(0.5 * 0.15 * 1.19, 12);
    const none = tariffsAt({ ...german, localUseDiscountPercent: 100 }, 0, 12);
    expect(none.networkChargePerKwh).toBe(0);
    expect(none.leviesPerKwh).toBe(0);
    // Ceiling = retail − charges = (0.12)·1.19 at d = 0: a P2P kWh saves the buyer at most the energy part.
    expect(buyerCeilingPerKwh(full)).toBeCloseTo(0.12 * 1.19, 12);
    expect(buyerCeilingPerKwh(none)).toBeCloseTo(0.3213, 12);
    expect(sellerFloorPerKwh(full)).toBe(0.08);
  });

  it('reads time-of-use bands (wrapping past midnight) and real-time series', () => {
    const tou = { kind: 'time-of-use' as const, bands: [
      { fromHour: 22, toHour: 6, pricePerKwh: 0.08 }, { fromHour: 6, toHour: 17, pricePerKwh: 0.12 }, { fromHour: 17, toHour: 22, pricePerKwh: 0.2 },
    ] };
    validatePriceSchedule(tou, 'energyPricePerKwh');
    expect([0, 5.99, 6, 16.75, 17, 21.75, 22, 23.75].map((h) => priceAt(tou, 0, h))).toEqual([0.08, 0.08, 0.12, 0.12, 0.2, 0.2, 0.08, 0.08]);
    const t = tariffsAt({ ...german, energyPricePerKwh: tou }, 0, 18);
    expect(t.retailPricePerKwh).toBeCloseTo((0.2 + 0.15) * 1.19, 12);
    // A real-time energy price needs a feed-in that follows it: at 0.02 energy the ceiling is 0.02·1.19 = 0.0238.
    const rt = { ...german, energyPricePerKwh: { kind: 'series' as const, pricesPerKwh: [0.05, 0.1, 0.02] },
      feedInPricePerKwh: { kind: 'series' as const, pricesPerKwh: [0.04, 0.08, 0.01] } };
    expect(tariffsAt(rt, 1, 0).retailPricePerKwh).toBeCloseTo(0.25 * 1.19, 12);
    expect(tariffsAt(rt, 2, 0).retailPricePerKwh).toBeCloseTo(0.17 * 1.19, 12);
    expect(tariffsAt(rt, 2, 0).feedInPricePerKwh).toBe(0.01);
    expect(fieldOf(() => tariffsAt({ ...rt, feedInPricePerKwh: 0.08 }, 2, 0))).toBe('feedInPricePerKwh');
    expect(fieldOf(() => tariffsAt(rt, 3, 0))).toBe('energyPricePerKwh.pricesPerKwh');
  });

  it('names the field of every bad tariff', () => {
    expect(fieldOf(() => validateRetailTariff({ ...german, vatPercent: -1 }))).toBe('vatPercent');
    expect(fieldOf(() => validateRetailTariff({ ...german, localUseDiscountPercent: 101 }))).toBe('localUseDiscountPercent');
    expect(fieldOf(() => validateRetailTariff({ ...german, sellerChargeShare: -0.1 }))).toBe('sellerChargeShare');
    expect(fieldOf(() => validateRetailTariff({ ...german, leviesPerKwh: NaN }))).toBe('leviesPerKwh');
    expect(fieldOf(() => validateRetailTariff({ ...german, energyPricePerKwh: { kind: 'time-of-use', bands: [{ fromHour: 0, toHour: 12, pricePerKwh: 0.1 }] } })))
      .toBe('energyPricePerKwh.bands');
    expect(fieldOf(() => validateRetailTariff({ ...german, energyPricePerKwh: { kind: 'time-of-use', bands: [
      { fromHour: 0, toHour: 13, pricePerKwh: 0.1 }, { fromHour: 12, toHour: 24, pricePerKwh: 0.1 }] } }))).toBe('energyPricePerKwh.bands');
    expect(fieldOf(() => validateRetailTariff({ ...german, feedInPricePerKwh: { kind: 'series', pricesPerKwh: [0.1, Infinity] } })))
      .toBe('feedInPricePerKwh.pricesPerKwh[1]');
  });

  it('rejects a tariff whose feed-in exceeds retail minus the P2P charges, naming the fields', () => {
    // retail 0.3213, charges 0.1785 → ceiling 0.1428 < feed-in 0.15: impossible; with a 50 % discount 0.232 ≥ 0.15.
    const high = { ...german, feedInPricePerKwh: 0.15 };
    let err: unknown;
    try {
      tariffsAt(high, 0, 0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe('feedInPricePerKwh');
    expect((err as Error).message).toMatch(/retailPricePerKwh .*networkChargePerKwh \+ leviesPerKwh/);
    expect(() => tariffsAt({ ...high, localUseDiscountPercent: 50 }, 0, 0)).not.toThrow();
  });
});

describe('rationality bounds', () => {
  const t = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.05, leviesPerKwh: 0.03, sellerChargeShare: 0.25 };
  it('splits the charges and gives the all-in prices (hand-computed)', () => {
    expect(p2pCharges(t).totalPerKwh).toBeCloseTo(0.08, 15);
    expect(p2pCharges(t).sellerPerKwh).toBeCloseTo(0.02, 15);
    expect(p2pCharges(t).buyerPerKwh).toBeCloseTo(0.06, 15);
    expect(buyerCeilingPerKwh(t)).toBeCloseTo(0.24, 15);
    expect(sellerFloorPerKwh(t)).toBeCloseTo(0.1, 15);
    expect(allInPricePerKwh('buy', 0.2, t)).toBeCloseTo(0.26, 15);
    expect(allInPricePerKwh('sell', 0.2, t)).toBeCloseTo(0.18, 15);
    // At the ceiling a buyer pays exactly retail; at the floor a seller nets exactly feed-in.
    expect(allInPricePerKwh('buy', buyerCeilingPerKwh(t)!, t)).toBeCloseTo(0.3, 15);
    expect(allInPricePerKwh('sell', sellerFloorPerKwh(t)!, t)).toBeCloseTo(0.08, 15);
  });
  it('is absent without tariffs and possible at feed-in = retail − charges', () => {
    expect(buyerCeilingPerKwh(undefined)).toBeNull();
    expect(sellerFloorPerKwh({ retailPricePerKwh: 0.3 })).toBeNull();
    expect(() => assertRationalityPossible({ retailPricePerKwh: 0.3, feedInPricePerKwh: 0.25, networkChargePerKwh: 0.05 })).not.toThrow();
    expect(() => assertRationalityPossible({ retailPricePerKwh: 0.3, feedInPricePerKwh: 0.2501, networkChargePerKwh: 0.05 })).toThrow(ValidationError);
  });
});
