import { describe, expect, it } from 'vitest';
import highsModule from 'highs';
import { clearMarket } from '../../ts/market/clear-market.js';
import type { Order } from '../../ts/market/order.js';
import { Rng } from '../../ts/random.js';

// highs ships CommonJS typings with `export default`; under NodeNext TS sees the namespace, at run time ESM gives
// the loader function itself. Accept either.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as () => Promise<{
  solve(lp: string, options: object): unknown;
}>;

/**
 * Independent reference for maxWelfare on books with arbitrary real quantities: the welfare-maximising LP
 * max Σ b_i x_i − Σ a_j y_j  s.t.  Σ x_i = Σ y_j,  0 ≤ x_i ≤ q_i,  0 ≤ y_j ≤ q_j, solved by HiGHS.
 */
function lpText(orders: Order[]): string {
  const terms = orders.map((o, i) => `${o.side === 'buy' ? '+' : '-'} ${o.pricePerKwh} v${i}`).join(' ');
  const balance = orders.map((o, i) => `${o.side === 'buy' ? '+' : '-'} v${i}`).join(' ');
  const bounds = orders.map((o, i) => ` 0 <= v${i} <= ${o.quantityKwh}`).join('\n');
  return `Maximize\n obj: ${terms}\nSubject To\n bal: ${balance} = 0\nBounds\n${bounds}\nEnd\n`;
}

describe('maxWelfare against an LP solved by HiGHS', () => {
  it('agrees on 25 random books with real-valued quantities and prices (relative 1e-7)', async () => {
    const highs = await loadHighs();
    const rng = new Rng(77);
    let positive = 0;
    for (let t = 0; t < 25; t++) {
      const n = 2 + rng.int(60);
      const orders: Order[] = Array.from({ length: n }, (_, i) => ({
        id: `o${i}`, prosumer: `p${i % 7}`, side: rng.chance(0.5) ? 'buy' : 'sell',
        quantityKwh: rng.uniform(0.01, 10), pricePerKwh: rng.uniform(-0.05, 0.4),
      }));
      const lp = highs.solve(lpText(orders), { output_flag: false }) as { Status: string; ObjectiveValue: number };
      expect(lp.Status).toBe('Optimal');
      if (lp.ObjectiveValue > 0.01) positive++;
      for (const engine of ['wasm', 'ts'] as const) {
        const r = clearMarket(orders, { mechanism: 'uniform', engine });
        expect(Math.abs(r.maxWelfare - lp.ObjectiveValue)).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(lp.ObjectiveValue)));
        expect(r.welfare).toBe(r.maxWelfare);
      }
    }
    expect(positive).toBeGreaterThan(15);
  });
});
