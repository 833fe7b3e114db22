import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clearMarket, MECHANISMS, type ClearMarketOptions } from '../../ts/market/clear-market.js';
import { clearMarketColumnar, type ColumnarClearingResult } from '../../ts/market/clear-market-columnar.js';
import { toOrderColumns, validateOrderColumns, type OrderColumns } from '../../ts/market/order-columns.js';
import type { ClearingResult } from '../../ts/market/clearing-result.js';
import type { Order, Tariffs } from '../../ts/market/order.js';
import { createRandomBook } from '../../ts/market/random-book.js';
import { ValidationError } from '../../ts/errors.js';
import { settleResiduals } from '../../ts/market/grid-residuals.js';
import { bookA } from './book-fixtures.js';
import { auctionEngine } from '../../ts/market/auctions/auction-engine.js';
import { lowerBook } from '../../ts/market/auction-book.js';

const ENGINES = ['wasm', 'ts'] as const;
// λs ≤ λb and λs ≥ 0, so the community rules accept them too.
const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 };

/** Indices where a and b differ under ===; exact equality is the claim, so no tolerance. */
function mismatches(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length);
  const bad: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) bad.push(i);
  return bad.slice(0, 5);
}

/** Asserts the columnar result carries exactly the numbers of the object result. */
function expectSame(orders: readonly Order[], obj: ClearingResult, col: ColumnarClearingResult, usedTariffs: Tariffs = tariffs): void {
  const pos = new Map(orders.map((o, i) => [o.id, i]));
  const n = orders.length;
  const fill = new Float64Array(n);
  const price = new Float64Array(n);
  const grid = new Float64Array(n);
  for (const f of obj.fills) {
    fill[pos.get(f.orderId)!] = f.quantityKwh;
    price[pos.get(f.orderId)!] = f.pricePerKwh;
  }
  for (const g of obj.gridPurchases) {
    expect(g.pricePerKwh).toBe(tariffs.retailPricePerKwh);
    grid[pos.get(g.orderId)!] = g.quantityKwh;
  }
  for (const g of obj.gridSales) {
    expect(g.pricePerKwh).toBe(tariffs.feedInPricePerKwh);
    grid[pos.get(g.orderId)!] = g.quantityKwh;
  }
  if (!['sdr', 'mmr', 'bill-sharing', 'bill-sharing-literal'].includes(obj.mechanism)) {
    // clearMarket settles residuals in its scatter pass; the public settleResiduals is the reference rule.
    const ref = settleResiduals(orders, fill, usedTariffs);
    expect(obj.gridPurchases).toStrictEqual(ref.gridPurchases);
    expect(obj.gridSales).toStrictEqual(ref.gridSales);
  }
  expect(mismatches(col.fillKwh, fill)).toEqual([]);
  expect(mismatches(col.fillPricePerKwh, price)).toEqual([]);
  expect(mismatches(col.gridKwh, grid)).toEqual([]);
  if (obj.trades === null) expect(col.trades).toBeNull();
  else {
    const t = col.trades!;
    expect(Array.from(t.buyIndex, (i) => orders[i].id)).toEqual(obj.trades.map((x) => x.buyOrderId));
    expect(Array.from(t.sellIndex, (i) => orders[i].id)).toEqual(obj.trades.map((x) => x.sellOrderId));
    expect(mismatches(t.quantityKwh, obj.trades.map((x) => x.quantityKwh))).toEqual([]);
    expect(mismatches(t.pricePerKwh, obj.trades.map((x) => x.pricePerKwh))).toEqual([]);
  }
  for (const key of ['mechanism', 'tradedKwh', 'welfare', 'marketSurplus', 'clearingPrice', 'priceInterval', 'maxWelfare',
    'maxTradableKwh', 'welfarePercent', 'volumePercent'] as const) {
    expect([key, col[key]]).toStrictEqual([key, obj[key]]);
  }
  expect(col.clearingPrices ?? null).toStrictEqual(obj.clearingPrices ?? null);
}

describe.each(ENGINES)('clearMarketColumnar equals clearMarket exactly (%s engine)', (engine) => {
  it.each(MECHANISMS)('%s on seeded random books of 0 to 3,000 orders', (mechanism) => {
    for (const [n, seed] of [[0, 1], [1, 2], [2, 3], [7, 4], [60, 5], [301, 6], [3000, 7]] as const) {
      const orders = createRandomBook(n, seed);
      const options: ClearMarketOptions = { mechanism, engine, tariffs, seed: seed * 13 };
      expectSame(orders, clearMarket(orders, options), clearMarketColumnar(toOrderColumns(orders), options));
    }
  });

  it('every uniform price rule and the one-sided tariffs', () => {
    const orders = createRandomBook(500, 11);
    const cols = toOrderColumns(orders);
    for (const extra of [{ priceRule: 'buyer' }, { priceRule: 'seller' }, { k: 0.2 }, {}] as const) {
      const options = { mechanism: 'uniform', engine, tariffs, ...extra } as ClearMarketOptions;
      expectSame(orders, clearMarket(orders, options), clearMarketColumnar(cols, options));
    }
    const retailOnly = clearMarketColumnar(cols, { mechanism: 'uniform', engine, tariffs: { retailPricePerKwh: 0.3 } });
    const objRetailOnly = clearMarket(orders, { mechanism: 'uniform', engine, tariffs: { retailPricePerKwh: 0.3 } });
    expect(objRetailOnly.gridSales).toEqual([]);
    let sellGrid = 0;
    for (let i = 0; i < orders.length; i++) if (orders[i].side === 'sell') sellGrid += retailOnly.gridKwh[i];
    expect(sellGrid).toBe(0);
    expect(Array.from(clearMarketColumnar(cols, { mechanism: 'uniform', engine }).gridKwh).every((x) => x === 0)).toBe(true);
  });

  it('fast-check: books with many ties and negative prices, every auction', () => {
    const orderArb = fc.record({
      buy: fc.boolean(),
      q: fc.integer({ min: 1, max: 50 }),
      p: fc.integer({ min: -5, max: 20 }),
      who: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 40 }), fc.constantFrom(...MECHANISMS), (raw, mechanism) => {
        const orders: Order[] = raw.map((r, i) => ({
          id: `x${i}`, prosumer: `P${r.who}`, side: r.buy ? 'buy' : 'sell', quantityKwh: r.q / 4, pricePerKwh: r.p / 2,
        }));
        const options: ClearMarketOptions = { mechanism, engine, tariffs, seed: 5 };
        expectSame(orders, clearMarket(orders, options), clearMarketColumnar(toOrderColumns(orders), options));
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('integer ids and prosumers give the same result as the strings they stand for (MUDA splits by prosumer)', () => {
    const orders = createRandomBook(2000, 21);
    const cols = toOrderColumns(orders);
    const intCols: OrderColumns = {
      ...cols,
      id: Int32Array.from(orders, (_, i) => 1000 + i),
      prosumer: Int32Array.from(orders, (o) => Number(o.prosumer.slice(1))),
    };
    for (const seed of [0, 1, 2]) {
      const obj = clearMarket(orders, { mechanism: 'muda', engine, tariffs, seed });
      expectSame(orders, obj, clearMarketColumnar(intCols, { mechanism: 'muda', engine, tariffs, seed }));
    }
    const noIds = { side: cols.side, quantityKwh: cols.quantityKwh, pricePerKwh: cols.pricePerKwh };
    expectSame(orders, clearMarket(orders, { mechanism: 'huang', engine }), clearMarketColumnar(noIds, { mechanism: 'huang', engine }), {});
  });
});

describe('clearMarketColumnar on a hand-checked book', () => {
  it('uniform on bookA: the hand-computed fills at 22 and the retailer residuals', () => {
    const r = clearMarketColumnar(toOrderColumns(bookA), { mechanism: 'uniform', tariffs: { retailPricePerKwh: 35, feedInPricePerKwh: 5 } });
    // b1..b4, s1..s4: see test/market/clear-market.test.ts for the derivation.
    expect(Array.from(r.fillKwh)).toEqual([10, 5, 0, 0, 6, 7, 2, 0]);
    expect(Array.from(r.fillPricePerKwh)).toEqual([22, 22, 0, 0, 22, 22, 22, 0]);
    expect(Array.from(r.gridKwh)).toEqual([0, 0, 8, 4, 0, 0, 8, 5]);
    expect(r.welfare).toBe(183);
    expect(r.clearingPrice).toBe(22);
  });
});

describe('results survive later clears (temporaries are reused, results never)', () => {
  it.each(ENGINES)('%s engine: a columnar result and an engine outcome stay intact after further clears', (engine) => {
    const tariffsA = { retailPricePerKwh: 35, feedInPricePerKwh: 5 };
    const first = clearMarketColumnar(toOrderColumns(bookA), { mechanism: 'uniform', tariffs: tariffsA, engine });
    const kernelFirst = auctionEngine(engine).clear('pay-as-bid', lowerBook(bookA), { priceRule: 0, k: 0.5 });
    const copy = [Array.from(first.fillKwh), Array.from(first.fillPricePerKwh), Array.from(first.gridKwh)];
    const kernelCopy = [Array.from(kernelFirst.buyFill), Array.from(kernelFirst.sellPrice), Array.from(kernelFirst.pairs!.quantityKwh)];
    const big = createRandomBook(5000, 99);
    for (const mechanism of ['uniform', 'pay-as-bid', 'huang'] as const) {
      clearMarketColumnar(toOrderColumns(big), { mechanism, tariffs, engine });
      clearMarket(big, { mechanism, tariffs, engine });
      auctionEngine(engine).clear(mechanism, lowerBook(big), { priceRule: 0, k: 0.5 });
    }
    expect([Array.from(first.fillKwh), Array.from(first.fillPricePerKwh), Array.from(first.gridKwh)]).toEqual(copy);
    expect([Array.from(kernelFirst.buyFill), Array.from(kernelFirst.sellPrice), Array.from(kernelFirst.pairs!.quantityKwh)]).toEqual(kernelCopy);
  });
});

describe('validateOrderColumns / clearMarketColumnar reject bad columns, naming the order and field', () => {
  const base = (): OrderColumns => ({
    side: new Uint8Array([0, 1, 0]),
    quantityKwh: new Float64Array([1, 2, 3]),
    pricePerKwh: new Float64Array([0.2, 0.1, 0.3]),
    id: ['a', 'b', 'c'],
    prosumer: ['P', 'Q', 'P'],
  });
  const cases: Array<[string, (c: OrderColumns) => OrderColumns, string | number, string]> = [
    ['NaN quantity', (c) => ({ ...c, quantityKwh: new Float64Array([1, NaN, 3]) }), 'b', 'quantityKwh'],
    ['zero quantity', (c) => ({ ...c, quantityKwh: new Float64Array([1, 2, 0]) }), 'c', 'quantityKwh'],
    ['negative quantity', (c) => ({ ...c, quantityKwh: new Float64Array([-1, 2, 3]) }), 'a', 'quantityKwh'],
    ['infinite quantity', (c) => ({ ...c, quantityKwh: new Float64Array([1, Infinity, 3]) }), 'b', 'quantityKwh'],
    ['NaN price', (c) => ({ ...c, pricePerKwh: new Float64Array([0.2, 0.1, NaN]) }), 'c', 'pricePerKwh'],
    ['infinite price', (c) => ({ ...c, pricePerKwh: new Float64Array([-Infinity, 0.1, 0.3]) }), 'a', 'pricePerKwh'],
    ['unknown side', (c) => ({ ...c, side: new Uint8Array([0, 2, 0]) }), 'b', 'side'],
    ['duplicate id', (c) => ({ ...c, id: ['a', 'b', 'a'] }), 'a', 'id'],
    ['empty id', (c) => ({ ...c, id: ['a', '', 'c'] }), '#1', 'id'],
    ['duplicate integer id', (c) => ({ ...c, id: new Int32Array([4, 5, 5]) }), 5, 'id'],
    ['fractional id', (c) => ({ ...c, id: [1, 2.5, 3] }), '#1', 'id'],
    ['empty prosumer', (c) => ({ ...c, prosumer: ['P', 'Q', ''] }), 'c', 'prosumer'],
    ['no ids: named by index', (c) => ({ ...c, id: undefined, quantityKwh: new Float64Array([1, 2, NaN]) }), '#2', 'quantityKwh'],
    ['short price column', (c) => ({ ...c, pricePerKwh: new Float64Array([1, 2]) }), 'columns', 'pricePerKwh'],
    ['short side column', (c) => ({ ...c, side: [0, 1] }), 'columns', 'side'],
    ['plain-array quantities', (c) => ({ ...c, quantityKwh: [1, 2, 3] as unknown as Float64Array }), 'columns', 'quantityKwh'],
  ];
  it.each(cases)('%s', (_name, mutate, id, field) => {
    const book = mutate(base());
    for (const call of [() => validateOrderColumns(book), () => clearMarketColumnar(book, { mechanism: 'uniform' })]) {
      let err: unknown;
      try {
        call();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).id).toBe(id);
      expect((err as ValidationError).field).toBe(field);
    }
  });

  it('MUDA without a prosumer column, bad tariffs and bad options are rejected', () => {
    const { prosumer: _p, ...noProsumer } = base();
    expect(() => clearMarketColumnar(noProsumer, { mechanism: 'muda' })).toThrow(/prosumer/);
    expect(() => clearMarketColumnar(base(), { mechanism: 'uniform', tariffs: { retailPricePerKwh: NaN } })).toThrow(ValidationError);
    expect(() => clearMarketColumnar(base(), { mechanism: 'sdr', tariffs: { retailPricePerKwh: 0.3 } })).toThrow(/feedInPricePerKwh/);
    expect(() => clearMarketColumnar(base(), { mechanism: 'nope' as 'uniform' })).toThrow(/mechanism/);
    expect(() => clearMarketColumnar(base(), { mechanism: 'pay-as-bid', k: 0.3 })).toThrow(/k/);
  });
});
