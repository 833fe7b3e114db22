// `peergrid clear <book.json>`: clears one order book with one mechanism and prints the result (Node-only file).
import type { Command } from 'commander';
import { ParseError, ValidationError } from '../errors.js';
import { readTextFile } from '../files/read-text-file.js';
import { clearMarket, type UniformPriceRuleName } from '../market/clear-market.js';
import { MECHANISMS, type MechanismName } from '../market/mechanisms.js';
import type { ClearingResult } from '../market/clearing-result.js';
import type { Order, Tariffs } from '../market/order.js';

interface ClearFlags {
  mechanism: string;
  k?: string;
  priceRule?: string;
  seed?: string;
  retail?: string;
  feedIn?: string;
  networkCharge?: string;
  levies?: string;
  sellerChargeShare?: string;
  engine: string;
  json?: boolean;
}

/**
 * Registers `peergrid clear <book.json> --mechanism <name> [--k] [--seed] [--retail] [--feed-in] [--network-charge]
 * [--levies] [--seller-charge-share] [--engine] [--json]`.
 */
export function registerClearCommand(program: Command): void {
  program
    .command('clear')
    .description('clear an order book {"orders": [...]} with one market mechanism')
    .argument('<book>', 'JSON file {"orders": [{id, prosumer, side, quantityKwh, pricePerKwh}, ...]}')
    .requiredOption('--mechanism <name>', MECHANISMS.join('|'))
    .option('--k <k>', 'uniform only: k-pricing p = a + k(b − a) on the marginal pair, k in [0, 1]')
    .option('--price-rule <rule>', 'uniform only: midpoint (default) | k | buyer | seller')
    .option('--seed <n>', 'seed of the random split (muda)')
    .option('--retail <price>', 'retail price of the retailer of last resort, currency/kWh')
    .option('--feed-in <price>', 'feed-in tariff of the retailer of last resort, currency/kWh')
    .option('--network-charge <price>', 'network charge per kWh of P2P trade, currency/kWh (default 0)')
    .option('--levies <price>', 'levies per kWh of P2P trade, currency/kWh (default 0)')
    .option('--seller-charge-share <share>', 'share of the P2P charges the seller pays, in [0, 1] (default 0: the buyer)')
    .option('--engine <engine>', 'kernel engine: wasm | ts', 'wasm')
    .option('--json', 'print exactly one JSON object')
    .action((file: string, flags: ClearFlags) => {
      const orders = readBook(file);
      const tariffs: Tariffs = {};
      if (flags.retail !== undefined) tariffs.retailPricePerKwh = numberFlag('--retail', flags.retail);
      if (flags.feedIn !== undefined) tariffs.feedInPricePerKwh = numberFlag('--feed-in', flags.feedIn);
      if (flags.networkCharge !== undefined) tariffs.networkChargePerKwh = numberFlag('--network-charge', flags.networkCharge);
      if (flags.levies !== undefined) tariffs.leviesPerKwh = numberFlag('--levies', flags.levies);
      if (flags.sellerChargeShare !== undefined) tariffs.sellerChargeShare = numberFlag('--seller-charge-share', flags.sellerChargeShare);
      if (!(MECHANISMS as readonly string[]).includes(flags.mechanism)) {
        throw new ValidationError({ element: 'option', id: '--mechanism', field: 'mechanism', value: flags.mechanism }, `must be one of ${MECHANISMS.join(', ')}`);
      }
      if (flags.engine !== 'wasm' && flags.engine !== 'ts') {
        throw new ValidationError({ element: 'option', id: '--engine', field: 'engine', value: flags.engine }, "must be 'wasm' or 'ts'");
      }
      const result = clearMarket(orders, {
        mechanism: flags.mechanism as MechanismName,
        k: flags.k === undefined ? undefined : numberFlag('--k', flags.k),
        priceRule: flags.priceRule as UniformPriceRuleName | undefined,
        seed: flags.seed === undefined ? undefined : numberFlag('--seed', flags.seed),
        tariffs: Object.keys(tariffs).length === 0 ? undefined : tariffs,
        engine: flags.engine,
      });
      if (flags.json) writeJson(toJson(result), (chunk) => process.stdout.write(chunk));
      else process.stdout.write(describe(result, orders.length, flags.engine));
    });
}

function numberFlag(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) {
    throw new ValidationError({ element: 'option', id: flag, field: flag.replace(/^--/, ''), value: text }, 'must be a finite number');
  }
  return v;
}

/** Reads `{"orders": [...]}`; syntax errors become a ParseError with line and column. */
function readBook(file: string): Order[] {
  const text = readTextFile(file, 'an order book file');
  let book: unknown;
  try {
    book = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    let line = 1;
    let column = 1;
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (pos) {
      const before = text.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
    }
    throw new ParseError(file, line, column, 'valid JSON', msg.split('\n')[0]);
  }
  const orders = (book as { orders?: unknown } | null)?.orders;
  if (book === null || typeof book !== 'object' || !Array.isArray(orders)) {
    throw new ValidationError({ element: 'book', id: file, field: 'orders', value: orders }, 'the book file must be {"orders": [ ... ]}');
  }
  return orders as Order[];
}

/** The --json object: the fields first (null where they do not apply), then the rest of the result. */
function toJson(r: ClearingResult): Record<string, unknown> {
  return {
    mechanism: r.mechanism,
    fills: r.fills,
    trades: r.trades ?? null,
    tradedKwh: r.tradedKwh,
    welfare: r.welfare,
    marketSurplus: r.marketSurplus,
    clearingPrice: r.clearingPrice ?? null,
    priceInterval: r.priceInterval ?? null,
    clearingPricePerKwh: r.clearingPricePerKwh ?? null,
    priceIntervalPerKwh: r.priceIntervalPerKwh ?? null,
    clearingPrices: r.clearingPrices ?? null,
    gridPurchases: r.gridPurchases,
    gridSales: r.gridSales,
    maxWelfare: r.maxWelfare,
    maxTradableKwh: r.maxTradableKwh,
    welfarePercent: r.welfarePercent,
    volumePercent: r.volumePercent,
  };
}

/**
 * Writes one JSON object in chunks: long arrays (a million fills) are stringified 10,000 elements at a time, so no
 * single string of hundreds of MB is built (V8 caps strings at about 512 M characters).
 */
function writeJson(obj: Record<string, unknown>, write: (chunk: string) => void): void {
  const keys = Object.keys(obj);
  write('{');
  for (let k = 0; k < keys.length; k++) {
    const v = obj[keys[k]];
    write(`${k ? ',' : ''}${JSON.stringify(keys[k])}:`);
    if (Array.isArray(v) && v.length > 10_000) {
      write('[');
      for (let i = 0; i < v.length; i += 10_000) write((i ? ',' : '') + v.slice(i, i + 10_000).map((e) => JSON.stringify(e)).join(','));
      write(']');
    } else {
      write(JSON.stringify(v ?? null));
    }
  }
  write('}\n');
}

function describe(r: ClearingResult, nOrders: number, engine: string): string {
  const n = (x: number): string => String(Number(x.toPrecision(10)));
  const lines = [`mechanism ${r.mechanism} (engine ${engine}), ${nOrders} orders`];
  let price = 'no single clearing price';
  if (r.clearingPrice !== null) price = `clearing price ${n(r.clearingPrice)}`;
  else if (r.clearingPrices) price = `prices ${r.clearingPrices.map((p) => (p === null ? '-' : n(p))).join(' / ')}`;
  if (r.priceInterval) price += ` (market-clearing interval [${n(r.priceInterval[0])}, ${n(r.priceInterval[1])}])`;
  lines.push(`traded ${n(r.tradedKwh)} kWh (${n(r.volumePercent)} % of the ${n(r.maxTradableKwh)} kWh tradable), ${price}`);
  lines.push(`welfare ${n(r.welfare)} (${n(r.welfarePercent)} % of max ${n(r.maxWelfare)}), market surplus ${n(r.marketSurplus)}`);
  const gb = r.gridPurchases.reduce((s, g) => s + g.quantityKwh, 0);
  const gs = r.gridSales.reduce((s, g) => s + g.quantityKwh, 0);
  lines.push(`grid: ${n(gb)} kWh bought at retail by ${r.gridPurchases.length} orders, ${n(gs)} kWh sold at feed-in by ${r.gridSales.length} orders`);
  const shown = r.fills.slice(0, 20);
  if (shown.length > 0) lines.push('fills:');
  for (const f of shown) {
    const allIn = f.allInPricePerKwh === f.pricePerKwh ? '' : ` (all-in ${n(f.allInPricePerKwh)})`;
    lines.push(`  ${f.orderId}  ${f.prosumer}  ${f.side}  ${n(f.quantityKwh)} kWh @ ${n(f.pricePerKwh)}${allIn}`);
  }
  if (r.fills.length > shown.length) lines.push(`  … ${r.fills.length - shown.length} more (use --json for all)`);
  return lines.join('\n') + '\n';
}
