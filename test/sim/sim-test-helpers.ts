// Shared helpers of the simulation tests: a small scenario on the IEEE 33-bus case file and file access.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ClearingResult } from '../../ts/market/clearing-result.js';
import type { Order, Tariffs } from '../../ts/market/order.js';
import type { ScenarioFiles } from '../../ts/sim/engine/simulation-deps.js';
import type { ScenarioInput } from '../../ts/sim/scenario/scenario-schema.js';
import { matpowerJsonPath } from '../support/cases.js';

/** The IEEE 33-bus case in MATPOWER JSON form (shared fixture). */
export const CASE33_PATH = matpowerJsonPath('case33bw');

/** Node file access relative to `base`. */
export function nodeFiles(base = process.cwd()): ScenarioFiles {
  return { readText: (p) => readFileSync(p, 'utf8'), resolve: (p) => resolve(dirname(resolve(base, 'x')), p) };
}

/**
 * A reference uniform-price double auction written independently of the market engine (sort, match units while
 * bid ≥ ask, price = midpoint of the last matched bid and ask), with residuals to the retailer.
 */
export function referenceUniformClear(orders: Order[], opts: { tariffs: Tariffs }): ClearingResult {
  const buys = orders.filter((o) => o.side === 'buy').map((o, k) => ({ o, k, left: o.quantityKwh }));
  const sells = orders.filter((o) => o.side === 'sell').map((o, k) => ({ o, k, left: o.quantityKwh }));
  buys.sort((a, b) => b.o.pricePerKwh - a.o.pricePerKwh || a.k - b.k);
  sells.sort((a, b) => a.o.pricePerKwh - b.o.pricePerKwh || a.k - b.k);
  const filled = new Map<string, number>();
  let i = 0;
  let j = 0;
  let price: number | null = null;
  let traded = 0;
  while (i < buys.length && j < sells.length && buys[i]!.o.pricePerKwh >= sells[j]!.o.pricePerKwh) {
    const q = Math.min(buys[i]!.left, sells[j]!.left);
    buys[i]!.left -= q;
    sells[j]!.left -= q;
    traded += q;
    filled.set(buys[i]!.o.id, (filled.get(buys[i]!.o.id) ?? 0) + q);
    filled.set(sells[j]!.o.id, (filled.get(sells[j]!.o.id) ?? 0) + q);
    price = (buys[i]!.o.pricePerKwh + sells[j]!.o.pricePerKwh) / 2;
    if (buys[i]!.left <= 0) i++;
    if (sells[j]!.left <= 0) j++;
  }
  // The P2P charges (network charge + levies) split between buyer and seller by sellerChargeShare.
  const totalCharge = (opts.tariffs.networkChargePerKwh ?? 0) + (opts.tariffs.leviesPerKwh ?? 0);
  const sellerCharge = totalCharge * (opts.tariffs.sellerChargeShare ?? 0);
  const buyerCharge = totalCharge - sellerCharge;
  const fills = orders
    .filter((o) => (filled.get(o.id) ?? 0) > 0)
    .map((o) => ({ orderId: o.id, prosumer: o.prosumer, side: o.side, quantityKwh: filled.get(o.id)!, pricePerKwh: price!, allInPricePerKwh: price! + (o.side === 'buy' ? buyerCharge : -sellerCharge) }));
  const residual = (side: 'buy' | 'sell', p: number) =>
    orders
      .filter((o) => o.side === side && o.quantityKwh - (filled.get(o.id) ?? 0) > 0)
      .map((o) => ({ orderId: o.id, prosumer: o.prosumer, side, quantityKwh: o.quantityKwh - (filled.get(o.id) ?? 0), pricePerKwh: p }));
  let welfare = 0;
  for (const f of fills) {
    const o = orders.find((x) => x.id === f.orderId)!;
    welfare += (f.side === 'buy' ? 1 : -1) * o.pricePerKwh * f.quantityKwh;
  }
  return {
    mechanism: 'uniform', fills, trades: null,
    gridPurchases: residual('buy', opts.tariffs.retailPricePerKwh!),
    gridSales: residual('sell', opts.tariffs.feedInPricePerKwh!),
    tradedKwh: traded, welfare, marketSurplus: 0, clearingPrice: price, priceInterval: null,
    clearingPricePerKwh: price, priceIntervalPerKwh: null,
    maxWelfare: welfare, maxTradableKwh: traded, welfarePercent: 100, volumePercent: 100,
  };
}

/** A small scenario on the IEEE 33-bus case file: 12 prosumers, PV on half, one battery, one EV, 1 day. */
export function smallScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  const prosumers: ScenarioInput['prosumers'] = [];
  for (let i = 0; i < 12; i++) {
    prosumers.push({
      id: `h${i}`,
      bus: String(2 + ((i * 7) % 32)),
      load: { kind: 'household', annualKwh: 40_000 },
      reactiveKvarPerKw: 0.3,
      pvKwp: i % 2 === 0 ? 60 : 0,
      ...(i === 0 ? { battery: { capacityKwh: 40, powerKw: 20 } } : {}),
      ...(i === 3 ? { ev: { powerKw: 11, policy: 'price-aware' as const } } : {}),
      ...(i === 5 ? { strategy: { kind: 'zero-intelligence' as const } } : {}),
    });
  }
  return {
    name: 'small',
    network: CASE33_PATH,
    prosumers,
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08, networkChargePerKwh: 0.02 },
    market: { mechanism: 'uniform' },
    horizon: { start: '2024-06-03T00:00:00Z', steps: 96, dtHours: 0.25 },
    seed: 7,
    engine: 'ts',
    ...overrides,
  };
}
