import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clearCommunityPricing, type CommunityPricingResult, type CommunityRule } from '../../../ts/market/community/community-pricing.js';
import type { Order } from '../../../ts/market/order.js';
import { ValidationError } from '../../../ts/errors.js';
import { Rng } from '../../../ts/random.js';

const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.1 };
const RULES: CommunityRule[] = ['sdr', 'mmr', 'bill-sharing', 'bill-sharing-literal'];
const TOL = 1e-12;

function buy(id: string, q: number, p = 0.25): Order {
  return { id, prosumer: `p-${id}`, side: 'buy', quantityKwh: q, pricePerKwh: p };
}
function sell(id: string, q: number, p = 0.12): Order {
  return { id, prosumer: `p-${id}`, side: 'sell', quantityKwh: q, pricePerKwh: p };
}

/** Total money of one order: (peer-to-peer kWh, price) and (grid kWh, tariff). */
function account(r: CommunityPricingResult, id: string) {
  const f = r.fills.find((x) => x.orderId === id);
  const g = [...r.gridPurchases, ...r.gridSales].find((x) => x.orderId === id);
  return {
    p2pKwh: f?.quantityKwh ?? 0,
    p2pPrice: f?.pricePerKwh ?? null,
    gridKwh: g?.quantityKwh ?? 0,
    gridPrice: g?.pricePerKwh ?? null,
    money: (f ? f.quantityKwh * f.pricePerKwh : 0) + (g ? g.quantityKwh * g.pricePerKwh : 0),
  };
}

function run(orders: Order[], rule: CommunityRule, engine: 'wasm' | 'ts' = 'wasm') {
  return clearCommunityPricing(orders, { rule, tariffs, engine });
}

// Hand-computed with λb = 0.30, λs = 0.10 (Pmid = 0.20).
describe('community pricing: hand-checked books', () => {
  describe('S < D (D = 10, S = 5, SDR = 0.5)', () => {
    const book = [buy('b1', 4), buy('b2', 6), sell('s1', 5)];
    it('sdr: Pis = 0.03/0.2 = 0.15, Pib = 0.225, buyers split 50/50 peer/grid', () => {
      for (const engine of ['wasm', 'ts'] as const) {
        const r = run(book, 'sdr', engine);
        expect(r.supplyDemandRatio).toBeCloseTo(0.5, 15);
        expect(r.p2pSellPricePerKwh).toBeCloseTo(0.15, 12);
        expect(r.effectiveBuyPricePerKwh).toBeCloseTo(0.225, 12);
        expect(account(r, 'b1')).toMatchObject({ p2pKwh: 2, gridKwh: 2, gridPrice: 0.3 });
        expect(account(r, 'b1').money).toBeCloseTo(0.9, 12);
        expect(account(r, 'b2').money).toBeCloseTo(1.35, 12);
        expect(account(r, 's1').money).toBeCloseTo(0.75, 12);
        expect(account(r, 's1').gridKwh).toBe(0);
        expect(r.gridImportKwh).toBe(5);
        expect(r.gridSettlement).toBeCloseTo(1.5, 12);
        expect(r.tradedKwh).toBe(5);
        expect(r.mechanism).toBe('sdr');
        expect(r.clearingPrice).toBeCloseTo(0.15, 12);
      }
    });
    it('mmr: sellers 0.20, buyers 0.20 on the shared half and 0.30 on the rest', () => {
      const r = run(book, 'mmr');
      expect(account(r, 'b1').money).toBeCloseTo(1.0, 12);
      expect(account(r, 'b2').money).toBeCloseTo(1.5, 12);
      expect(account(r, 's1').money).toBeCloseTo(1.0, 12);
      expect(r.effectiveBuyPricePerKwh).toBeCloseTo(0.25, 12);
      expect(r.effectiveSellPricePerKwh).toBeCloseTo(0.2, 12);
    });
    it('bill sharing with producers paid feed-in: the seller gets 0.10, buyers share 1.5 + 0.5 as 4:6', () => {
      const r = run(book, 'bill-sharing');
      expect(account(r, 's1').money).toBeCloseTo(0.5, 12);
      expect(account(r, 'b1').money).toBeCloseTo(0.8, 12);
      expect(account(r, 'b2').money).toBeCloseTo(1.2, 12);
      expect(r.effectiveBuyPricePerKwh).toBeCloseTo(0.2, 12);
      expect(r.effectiveSellPricePerKwh).toBeCloseTo(0.1, 12);
    });
    it('bill sharing as published: import bill 1.5 split 4:6 among buyers, the seller gets nothing', () => {
      const r = run(book, 'bill-sharing-literal');
      expect(account(r, 'b1').money).toBeCloseTo(0.6, 12);
      expect(account(r, 'b2').money).toBeCloseTo(0.9, 12);
      expect(account(r, 's1').money).toBe(0);
      expect(r.effectiveBuyPricePerKwh).toBeCloseTo(0.15, 12);
      expect(r.effectiveSellPricePerKwh).toBe(0);
      expect(r.fills.every((f) => f.pricePerKwh === 0 && f.priceSource === 'community-rule')).toBe(true);
    });
  });

  describe('S = D (5 and 5)', () => {
    const book = [buy('b', 5), sell('s', 5)];
    it('sdr: SDR = 1 gives Pis = Pib = λs (continuity at 1)', () => {
      const r = run(book, 'sdr');
      expect(r.p2pSellPricePerKwh).toBeCloseTo(0.1, 15);
      expect(account(r, 'b').money).toBeCloseTo(0.5, 12);
      expect(account(r, 's').money).toBeCloseTo(0.5, 12);
      expect(r.gridPurchases).toHaveLength(0);
      expect(r.gridSales).toHaveLength(0);
    });
    it('mmr: everyone at 0.20', () => {
      const r = run(book, 'mmr');
      expect(account(r, 'b').money).toBeCloseTo(1.0, 12);
      expect(account(r, 's').money).toBeCloseTo(1.0, 12);
    });
    it('bill sharing with producers paid feed-in: the buyer pays the seller 0.10 per kWh', () => {
      const r = run(book, 'bill-sharing');
      expect(account(r, 'b').money).toBeCloseTo(0.5, 12);
      expect(account(r, 's').money).toBeCloseTo(0.5, 12);
    });
    it('bill sharing as published: no grid bill, everything free', () => {
      const r = run(book, 'bill-sharing-literal');
      expect(account(r, 'b').money).toBe(0);
      expect(account(r, 's').money).toBe(0);
      expect(r.tradedKwh).toBe(5);
    });
  });

  describe('S > D (D = 2, S = 3 + 5)', () => {
    const book = [buy('b', 2), sell('s1', 3), sell('s2', 5)];
    it('sdr: all at λs; sellers sell 1/4 to peers and 3/4 to the grid', () => {
      const r = run(book, 'sdr');
      expect(r.supplyDemandRatio).toBe(4);
      expect(account(r, 'b').money).toBeCloseTo(0.2, 12);
      expect(account(r, 's1')).toMatchObject({ p2pKwh: 0.75, gridKwh: 2.25, gridPrice: 0.1 });
      expect(account(r, 's1').money).toBeCloseTo(0.3, 12);
      expect(account(r, 's2').money).toBeCloseTo(0.5, 12);
      expect(r.gridExportKwh).toBe(6);
      expect(r.gridSettlement).toBeCloseTo(-0.6, 12);
    });
    it('mmr: buyer 0.20; sellers 0.20 on 1/4, 0.10 on 3/4', () => {
      const r = run(book, 'mmr');
      expect(account(r, 'b').money).toBeCloseTo(0.4, 12);
      expect(account(r, 's1').money).toBeCloseTo(0.375, 12);
      expect(account(r, 's2').money).toBeCloseTo(0.625, 12);
      expect(r.effectiveSellPricePerKwh).toBeCloseTo(0.125, 12);
    });
    it('bill sharing with producers paid feed-in: everyone at 0.10, as SDR', () => {
      const r = run(book, 'bill-sharing');
      expect(account(r, 'b').money).toBeCloseTo(0.2, 12);
      expect(account(r, 's1').money).toBeCloseTo(0.3, 12);
      expect(account(r, 's2').money).toBeCloseTo(0.5, 12);
    });
    it('bill sharing as published: export revenue 0.6 split 3:5 among sellers, the buyer pays nothing', () => {
      const r = run(book, 'bill-sharing-literal');
      expect(account(r, 'b').money).toBe(0);
      expect(account(r, 's1').money).toBeCloseTo(0.225, 12);
      expect(account(r, 's2').money).toBeCloseTo(0.375, 12);
    });
  });

  it('S = 0: every rule buys everything from the grid at λb', () => {
    for (const rule of RULES) {
      const r = run([buy('b', 4)], rule);
      expect(r.fills).toHaveLength(0);
      expect(account(r, 'b')).toMatchObject({ p2pKwh: 0, gridKwh: 4, gridPrice: 0.3 });
      expect(r.effectiveBuyPricePerKwh).toBeCloseTo(0.3, 15);
      expect(r.supplyDemandRatio).toBe(0);
    }
  });

  it('D = 0: every rule sells everything to the grid at λs; SDR is reported as null', () => {
    for (const rule of RULES) {
      const r = run([sell('s', 4)], rule);
      expect(r.fills).toHaveLength(0);
      expect(account(r, 's')).toMatchObject({ p2pKwh: 0, gridKwh: 4, gridPrice: 0.1 });
      expect(r.effectiveSellPricePerKwh).toBeCloseTo(0.1, 15);
      expect(r.supplyDemandRatio).toBeNull();
    }
  });

  it('an empty book settles to nothing without NaN', () => {
    for (const rule of RULES) {
      const r = run([], rule);
      expect(r.tradedKwh).toBe(0);
      expect(JSON.stringify(r)).not.toMatch(/NaN/);
      expect(r.welfarePercent).toBe(100);
    }
  });

  it('sdr with λs = 0 and S = 0 gives λb, not NaN', () => {
    const r = clearCommunityPricing([buy('b', 1)], { rule: 'sdr', tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0 } });
    expect(r.effectiveBuyPricePerKwh).toBe(0.3);
  });

  it('welfare uses order prices, pricing ignores them', () => {
    const a = run([buy('b', 2, 0.5), sell('s', 2, 0.05)], 'mmr');
    const b = run([buy('b', 2, 0.01), sell('s', 2, 0.9)], 'mmr');
    expect(a.fills.map((f) => f.pricePerKwh)).toEqual(b.fills.map((f) => f.pricePerKwh));
    expect(a.welfare).toBeCloseTo(0.9, 12);
    expect(a.maxWelfare).toBeCloseTo(0.9, 12);
    expect(b.welfare).toBeCloseTo(-1.78, 12);
    expect(b.maxWelfare).toBe(0);
    expect(b.note).toMatch(/ignored/);
  });
});

describe('community pricing: validation', () => {
  it('needs both tariffs', () => {
    expect(() => clearCommunityPricing([buy('b', 1)], { rule: 'sdr', tariffs: { retailPricePerKwh: 0.3 } }))
      .toThrow(/feedInPricePerKwh/);
    expect(() => clearCommunityPricing([buy('b', 1)], { rule: 'mmr', tariffs: { feedInPricePerKwh: 0.1 } }))
      .toThrow(ValidationError);
    expect(() => clearCommunityPricing([buy('b', 1)], { rule: 'bill-sharing', tariffs: { retailPricePerKwh: 0.1, feedInPricePerKwh: 0.2 } }))
      .toThrow(/feedInPricePerKwh = 0.2 .*exceeds retailPricePerKwh 0.1/);
  });
  it('names the order and field', () => {
    const bad = [buy('ok', 1), { ...sell('x1', 1), quantityKwh: Number.NaN }];
    try {
      clearCommunityPricing(bad, { rule: 'sdr', tariffs });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).id).toBe('x1');
      expect((e as ValidationError).field).toBe('quantityKwh');
    }
    expect(() => run([buy('d', 1), sell('d', 1)], 'mmr')).toThrow(/"d".*duplicate/);
    expect(() => run([{ ...buy('s', 1), side: 'hold' as never }], 'mmr')).toThrow(/side/);
    expect(() => run([{ ...buy('z', 0) }], 'mmr')).toThrow(/quantityKwh/);
  });
});

function randomBook(rng: Rng, n: number): Order[] {
  const orders: Order[] = [];
  for (let i = 0; i < n; i++) {
    orders.push({
      id: `o${i}`,
      prosumer: `p${rng.int(Math.max(1, n >> 1))}`,
      side: rng.chance(0.5) ? 'buy' : 'sell',
      quantityKwh: 0.01 + rng.next() * 10,
      pricePerKwh: rng.uniform(-0.1, 0.6),
    });
  }
  return orders;
}

describe('community pricing: properties on random books (fast-check, seeded)', () => {
  it('individual rationality all-in, energy and money conservation, engines identical', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...RULES),
        (seed, n, feedIn, spread, chargeFraction, sellerChargeShare, rule) => {
          // Charges take a random part of the room retail − feed-in, so every tariff here is valid.
          const charges = spread * chargeFraction;
          const retail = feedIn + spread;
          const t = { retailPricePerKwh: retail, feedInPricePerKwh: feedIn, networkChargePerKwh: charges * 0.7, leviesPerKwh: charges * 0.3, sellerChargeShare };
          const orders = randomBook(new Rng(seed), n);
          const r = clearCommunityPricing(orders, { rule, tariffs: t, engine: 'wasm' });
          const r2 = clearCommunityPricing(orders, { rule, tariffs: t, engine: 'ts' });
          expect(r2).toEqual(r);
          const scale = 1 + r.supplyKwh + r.demandKwh;
          let p2pBuy = 0;
          let p2pSell = 0;
          for (const o of orders) {
            const a = account(r, o.id);
            const f = r.fills.find((x) => x.orderId === o.id);
            // All-in money: P2P kWh at the fill's all-in price (price ± the order's share of the charges), grid at the tariff.
            const allIn = (f ? f.quantityKwh * f.allInPricePerKwh : 0) + a.gridKwh * (a.gridPrice ?? 0);
            expect(Math.abs(a.p2pKwh + a.gridKwh - o.quantityKwh)).toBeLessThanOrEqual(1e-12 * o.quantityKwh);
            const perKwh = allIn / o.quantityKwh;
            if (o.side === 'buy') {
              p2pBuy += a.p2pKwh;
              expect(perKwh).toBeLessThanOrEqual(retail + TOL);
              if (f) expect(f.allInPricePerKwh).toBeLessThanOrEqual(retail + TOL);
            } else {
              p2pSell += a.p2pKwh;
              if (rule === 'bill-sharing-literal') {
                // The published rule gives sellers only their share of the export revenue: at most λs per kWh.
                expect(perKwh).toBeLessThanOrEqual(feedIn + TOL);
              } else {
                expect(perKwh).toBeGreaterThanOrEqual(feedIn - TOL);
                if (f) expect(f.allInPricePerKwh).toBeGreaterThanOrEqual(feedIn - TOL);
              }
            }
          }
          expect(Math.abs(p2pBuy - p2pSell)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(p2pBuy - Math.min(r.supplyKwh, r.demandKwh))).toBeLessThanOrEqual(1e-9 * scale);
          const imported = r.gridPurchases.reduce((s, g) => s + g.quantityKwh, 0);
          const exported = r.gridSales.reduce((s, g) => s + g.quantityKwh, 0);
          expect(Math.abs(imported - r.gridImportKwh)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(exported - r.gridExportKwh)).toBeLessThanOrEqual(1e-9 * scale);
          expect(r.gridImportKwh === 0 || r.gridExportKwh === 0).toBe(true);
          // Budget balance: buyers' payments = sellers' receipts + the net grid settlement.
          expect(Math.abs(r.buyersPay - (r.sellersReceive + r.gridSettlement))).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(r.marketSurplus)).toBeLessThanOrEqual(1e-9 * scale);
          expect(r.welfare).toBeLessThanOrEqual(r.maxWelfare + 1e-9 * scale);
          // Volume figures of a settlement rule: the maximum is min(S, D), the percentage never above 100.
          expect(r.maxTradableKwh).toBe(Math.min(r.supplyKwh, r.demandKwh));
          expect(r.volumePercent).toBeLessThanOrEqual(100);
          expect(r.volumePercent).toBeGreaterThanOrEqual(100 - 1e-9);
          expect(r.welfarePercent).toBeLessThanOrEqual(100 + 1e-9);
        },
      ),
      { numRuns: 150, seed: 20171 },
    );
  });

  it('with a 0.12 network charge no MMR or SDR buyer pays more than retail (the issue\'s 0.31 against 0.30)', () => {
    const t = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.12 };
    for (const rule of ['mmr', 'sdr'] as const) {
      const r = clearCommunityPricing([buy('b', 3), sell('s', 1)], { rule, tariffs: t });
      const f = r.fills.find((x) => x.side === 'buy')!;
      // Ceiling 0.18, floor 0.08: MMR at 0.13, all-in 0.25; SDR (SDR = 1/3) at 0.18·0.08/(0.1/3 + 0.08) = 0.127…
      expect(f.allInPricePerKwh).toBeLessThanOrEqual(0.3);
      if (rule === 'mmr') expect(f.allInPricePerKwh).toBeCloseTo(0.25, 12);
      else expect(f.pricePerKwh).toBeCloseTo((0.18 * 0.08) / ((0.1 / 3) + 0.08), 12);
    }
  });
});

describe('community pricing: volume and welfare percentages', () => {
  it('a rule trading units whose prices do not cross reports 100 % of min(S, D), not 300 % of the price cross', () => {
    // Only b1 (0.25) and s1 (0.12) cross: 1 kWh. S = D = 3 kWh and every rule shares all 3 kWh.
    const book = [buy('b1', 1, 0.25), buy('b2', 2, 0.05), sell('s1', 1, 0.12), sell('s2', 2, 0.3)];
    for (const rule of RULES) {
      for (const engine of ['wasm', 'ts'] as const) {
        const r = run(book, rule, engine);
        expect(r.tradedKwh).toBe(3);
        expect(r.maxTradableKwh).toBe(3);
        expect(r.volumePercent).toBe(100);
        expect(r.priceCrossingKwh).toBe(1);
        // Welfare at the orders' prices: 0.25·1 + 0.05·2 − 0.12·1 − 0.3·2 = −0.37; the efficient cross gets 0.13.
        expect(r.welfare).toBeCloseTo(-0.37, 12);
        expect(r.maxWelfare).toBeCloseTo(0.13, 12);
        expect(r.welfarePercent).toBeCloseTo((-0.37 / 0.13) * 100, 9);
      }
    }
  });
  it('one side empty: nothing is shared, min(S, D) = 0 and volumePercent is 100 by the ClearingResult convention', () => {
    for (const rule of RULES) {
      const r = run([buy('b1', 2, 0.25), buy('b2', 1, 0.2)], rule);
      expect(r).toMatchObject({ tradedKwh: 0, maxTradableKwh: 0, volumePercent: 100, priceCrossingKwh: 0 });
    }
  });
  it('ordersValidated (clearMarket has validated) skips only the order checks: same result, tariff checks still run', () => {
    const book = [buy('b1', 4), buy('b2', 6), sell('s1', 5)];
    for (const rule of RULES) {
      expect(clearCommunityPricing(book, { rule, tariffs, ordersValidated: true })).toEqual(run(book, rule));
      expect(() => clearCommunityPricing(book, { rule, tariffs: { retailPricePerKwh: 0.1, feedInPricePerKwh: 0.2 }, ordersValidated: true }))
        .toThrow(ValidationError);
    }
    expect(() => run([buy('b1', -1)], 'sdr')).toThrow(/quantityKwh/);
  });
});

describe('efficientCrossOfColumns (radix sort)', () => {
  it('is bit-identical to the native-sort + binary-search method on random books with ties, ±0 and negative prices', async () => {
    const { efficientCrossOfColumns } = await import('../../../ts/market/community/max-welfare.js');
    const rng = new Rng(77);
    for (let t = 0; t < 60; t++) {
      // Sides of up to 3,000 orders exercise both the native branch (< 2,048) and the radix branch.
      const nb = rng.int(t < 30 ? 60 : 3000);
      const ns = rng.int(t < 30 ? 60 : 3000);
      const levels = 1 + rng.int(t % 2 ? 8 : 500);
      const px = (): number => {
        const x = (rng.int(levels) - (levels >> 2)) / 100;
        return x === 0 && rng.chance(0.5) ? -0 : x;
      };
      const col = (n: number, f: () => number) => Float64Array.from({ length: n }, f);
      const bp = col(nb, px);
      const bq = col(nb, () => 0.01 + rng.next() * 5);
      const sp = col(ns, px);
      const sq = col(ns, () => 0.01 + rng.next() * 5);
      expect(efficientCrossOfColumns(bp, bq, sp, sq)).toStrictEqual(referenceCross(bp, bq, sp, sq));
    }
  });
});

describe('efficientCross', () => {
  it('hand-checked book with ties and equal prices', async () => {
    const { efficientCross } = await import('../../../ts/market/community/max-welfare.js');
    // Bids 0.30×2, 0.25×1, 0.25×1, 0.10×5; asks 0.05×1, 0.25×3, 0.40×1.
    const orders = [
      buy('b1', 2, 0.3), buy('b2', 1, 0.25), buy('b3', 1, 0.25), buy('b4', 5, 0.1),
      sell('s1', 1, 0.05), sell('s2', 3, 0.25), sell('s3', 1, 0.4),
    ];
    // 1 kWh 0.30/0.05 (+0.25), 1 kWh 0.30/0.25 (+0.05), 2 kWh 0.25/0.25 (0): volume 4, welfare 0.30.
    const c = efficientCross(orders);
    expect(c.maxTradableKwh).toBe(4);
    expect(c.maxWelfare).toBeCloseTo(0.3, 12);
    expect(efficientCross([buy('b', 1, 0.1), sell('s', 1, 0.2)])).toEqual({ maxWelfare: 0, maxTradableKwh: 0 });
    expect(efficientCross([])).toEqual({ maxWelfare: 0, maxTradableKwh: 0 });
  });
  it('agrees with a brute-force unit matching on random integer books', async () => {
    const { efficientCross } = await import('../../../ts/market/community/max-welfare.js');
    const rng = new Rng(5);
    for (let t = 0; t < 200; t++) {
      const orders: Order[] = [];
      const units: { b: number[]; s: number[] } = { b: [], s: [] };
      for (let i = 0; i < 1 + rng.int(12); i++) {
        const q = 1 + rng.int(4);
        const p = rng.int(10) / 10;
        const isBuy = rng.chance(0.5);
        orders.push(isBuy ? buy(`o${i}`, q, p) : sell(`o${i}`, q, p));
        for (let k = 0; k < q; k++) (isBuy ? units.b : units.s).push(p);
      }
      units.b.sort((x, y) => y - x);
      units.s.sort((x, y) => x - y);
      let w = 0;
      let v = 0;
      for (let k = 0; k < Math.min(units.b.length, units.s.length) && units.b[k]! >= units.s[k]!; k++) {
        w += units.b[k]! - units.s[k]!;
        v++;
      }
      const c = efficientCross(orders);
      expect(c.maxTradableKwh).toBe(v);
      expect(c.maxWelfare).toBeCloseTo(w, 9);
    }
  });
});

// Independent reference for the test above: native sort of the distinct prices, binary search per order, the same
// walk (the method clearMarketColumnar used before it shared efficientCrossOfColumns).
function levels(price: Float64Array, qty: Float64Array): { price: Float64Array; qty: Float64Array } {
  const sorted = price.slice().sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++) if (u === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i];
  const p = sorted.subarray(0, u);
  const q = new Float64Array(u);
  for (let i = 0; i < price.length; i++) {
    const x = price[i];
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    q[lo] += qty[i];
  }
  return { price: p, qty: q };
}

/** The efficient cross of a book split into buy and sell columns (prices currency/kWh, quantities kWh). */
function referenceCross(
  buyPrice: Float64Array, buyQuantity: Float64Array, sellPrice: Float64Array, sellQuantity: Float64Array,
): { maxWelfare: number; maxTradableKwh: number } {
  const buys = levels(buyPrice, buyQuantity);
  const sells = levels(sellPrice, sellQuantity);
  let welfare = 0;
  let volume = 0;
  let i = buys.price.length - 1;
  let j = 0;
  let qb = i >= 0 ? buys.qty[i] : 0;
  let qs = sells.price.length > 0 ? sells.qty[0] : 0;
  while (i >= 0 && j < sells.price.length) {
    const bid = buys.price[i];
    const ask = sells.price[j];
    if (bid < ask) break;
    const q = qb < qs ? qb : qs;
    volume += q;
    welfare += (bid - ask) * q;
    qb -= q;
    qs -= q;
    if (qb <= 0) {
      i--;
      if (i >= 0) qb = buys.qty[i];
    }
    if (qs <= 0) {
      j++;
      if (j < sells.price.length) qs = sells.qty[j];
    }
  }
  return { maxWelfare: welfare, maxTradableKwh: volume };
}
