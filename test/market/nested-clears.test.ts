// Clears that nest on one thread (a clear inside another clear's clearWith callback, or started from an order's
// getter) must not share scratch memory: before issue 7 §6 the inner clear overwrote the outer's outcome.
import { describe, expect, it } from 'vitest';
import { auctionEngine, type AuctionBook } from '../../ts/market/auctions/auction-engine.js';
import { clearMarket } from '../../ts/market/clear-market.js';
import type { Order } from '../../ts/market/order.js';
import { createRandomBook } from '../../ts/market/random-book.js';
import { Rng } from '../../ts/random.js';

function randomAuctionBook(n: number, seed: number): AuctionBook {
  const r = new Rng(seed);
  const col = (k: number, lo: number, hi: number) => Float64Array.from({ length: k }, () => lo + (hi - lo) * r.next());
  return { buyPrice: col(n, 0.1, 0.3), buyQuantity: col(n, 0.1, 5), sellPrice: col(n + 7, 0.05, 0.25), sellQuantity: col(n + 7, 0.1, 5) };
}

const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 };

describe.each(['wasm', 'ts'] as const)('nested clears on the %s engine', (engine) => {
  it('a clear inside clearWith leaves the outer outcome intact, and both equal clean clears (exactly)', () => {
    const e = auctionEngine(engine);
    const a = randomAuctionBook(991, 1);
    const b = randomAuctionBook(3000, 2); // larger: on WASM it would also grow the memory under the outer views
    const opts = { priceRule: 0, k: 0.5 };
    for (const mech of ['uniform', 'pay-as-bid', 'huang'] as const) {
      const cleanA = e.clear(mech, a, opts);
      const cleanB = e.clear(mech, b, opts);
      let inner: ReturnType<typeof e.clear> | undefined;
      const outer = e.clearWith(mech, a, opts, (out) => {
        inner = e.clearWith(mech, b, opts, (o) => ({ buyFill: o.buyFill.slice(), buyPrice: o.buyPrice.slice(), sellFill: o.sellFill.slice(), sellPrice: o.sellPrice.slice(), pairs: null, summary: o.summary.slice() }));
        e.argsort(b.sellPrice); // the sort kernel shares the module too
        return { buyFill: out.buyFill.slice(), sellFill: out.sellFill.slice(), buyPrice: out.buyPrice.slice(), summary: out.summary.slice() };
      });
      expect(outer.buyFill).toEqual(cleanA.buyFill);
      expect(outer.sellFill).toEqual(cleanA.sellFill);
      expect(outer.buyPrice).toEqual(cleanA.buyPrice);
      expect(outer.summary).toEqual(cleanA.summary);
      expect(inner!.buyFill).toEqual(cleanB.buyFill);
      expect(inner!.summary).toEqual(cleanB.summary);
    }
  });

  it("clearMarket started from an order's getter does not corrupt the outer clear", () => {
    const outerBook = createRandomBook(991, 3);
    const innerBook = createRandomBook(400, 4); // smaller: it reuses the outer's scratch buffers
    const expectedOuter = clearMarket(outerBook, { mechanism: 'uniform', tariffs, engine });
    const expectedInner = clearMarket(innerBook, { mechanism: 'uniform', tariffs, engine });
    const inners: ReturnType<typeof clearMarket>[] = [];
    // Every 20th prosumer read clears another book first: during validation and while the fills are built.
    let reads = 0;
    const tricky: Order[] = outerBook.map((o) => {
      const copy = { ...o } as Order;
      Object.defineProperty(copy, 'prosumer', {
        enumerable: true,
        get() {
          if (++reads % 20 === 0) inners.push(clearMarket(innerBook, { mechanism: 'uniform', tariffs, engine }));
          return o.prosumer;
        },
      });
      return copy;
    });
    const got = clearMarket(tricky, { mechanism: 'uniform', tariffs, engine });
    expect(inners.length).toBeGreaterThan(100);
    expect(got.fills).toEqual(expectedOuter.fills);
    expect(got.gridPurchases).toEqual(expectedOuter.gridPurchases);
    expect(got.clearingPrice).toBe(expectedOuter.clearingPrice);
    for (const r of inners) expect(r.fills).toEqual(expectedInner.fills);
  });
});
