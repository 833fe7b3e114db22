import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tsAuctionEngine, wasmAuctionEngine } from '../../../ts/market/auctions/auction-engine.js';
import { Rng } from '../../../ts/random.js';

/** Reference: the built-in comparison sort on (key, index), which is stable by construction. */
function referenceOrder(keys: Float64Array): number[] {
  return Array.from(keys.keys()).sort((i, j) => keys[i] - keys[j] || i - j);
}

describe.each([tsAuctionEngine, wasmAuctionEngine])('radix sort of f64 keys ($name engine)', (engine) => {
  it('matches a stable comparison sort on ties, negatives, ±0, infinities, subnormals and extremes', () => {
    const keys = Float64Array.of(3, -0, 0, -1e-310, 1e-310, Infinity, -Infinity, 3, -2.5, Number.MAX_VALUE, -Number.MAX_VALUE, 0, -0, 3);
    expect(Array.from(engine.argsort(keys))).toEqual(referenceOrder(keys));
    // Same keys repeated past the insertion-sort threshold exercise the radix path.
    const big = new Float64Array(Array.from({ length: 20 }, () => Array.from(keys)).flat());
    expect(Array.from(engine.argsort(big))).toEqual(referenceOrder(big));
  });

  it('matches on random prices of 0.01 resolution (many ties) at sizes around the thresholds', () => {
    const rng = new Rng(42);
    for (const n of [0, 1, 2, 47, 48, 49, 100, 5000]) {
      const keys = Float64Array.from({ length: n }, () => Math.round(rng.uniform(-20, 80) * 100) / 100);
      expect(Array.from(engine.argsort(keys))).toEqual(referenceOrder(keys));
    }
  });

  it('property: any finite doubles sort like the reference', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { maxLength: 200 }), (xs) => {
        const keys = Float64Array.from(xs);
        expect(Array.from(engine.argsort(keys))).toEqual(referenceOrder(keys));
      }),
      { numRuns: 150, seed: 3 },
    );
  });
});

describe.each([tsAuctionEngine, wasmAuctionEngine])('negateKeys before the bid sort ($name engine)', (engine) => {
  it('bids of -0 and +0 tie, so book order rations the marginal quantity', () => {
    // Bids -0, +0, +0 (1 kWh each) against one ask at -1 for 1.5 kWh: all cross; the tie goes by book order, so
    // b0 fills 1 and b1 0.5. Negated, the keys are +0, -0, -0: were -0 ordered below +0 (negateKeys and the sort
    // both map it to +0), the fill would go to b1 and b2.
    const out = engine.clear('uniform', {
      buyPrice: Float64Array.of(-0, 0, 0), buyQuantity: Float64Array.of(1, 1, 1),
      sellPrice: Float64Array.of(-1), sellQuantity: Float64Array.of(1.5),
    }, { priceRule: 0, k: 0.5 });
    expect(Array.from(out.buyFill)).toEqual([1, 0.5, 0]);
  });
});
