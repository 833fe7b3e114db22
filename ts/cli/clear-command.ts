// `peergrid clear <book.json>`: clears one order book with one mechanism and prints the result (Node-only file).
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { parseJsonText } from '../network/json-text.js';
import { readTextFile } from '../files/read-text-file.js';
import { clearMarket, type UniformPriceRuleName } from '../market/clear-market.js';
import { FEEDER_MECHANISMS, isCommunityRule, MECHANISMS, type MechanismName } from '../market/mechanisms.js';
import { amount, money, plural, pricePerKwh } from './text-format.js';
import type { ClearingResult } from '../market/clearing-result.js';
import type { Order, Tariffs } from '../market/order.js';
import { checkLpSolverName, loadLpSolver } from '../lp/load-lp-solver.js';
import { linDistFlowFeeder } from '../market/network-constrained/lindistflow-feeder.js';
import { clearNetworkConstrained, type NetworkClearingResult } from '../market/network-constrained/network-constrained-clearing.js';
import { clearSensitivityChecked, TRADE_MATCHINGS, type TradeMatching, type ViolationRule } from '../market/network-constrained/sensitivity-checked-trades.js';
import { describeSensitivityChecked, sensitivityCheckedJson } from './sensitivity-checked-output.js';
import { allInPricePerKwh } from '../market/tariffs/rationality-bounds.js';
import { loadScenarioNetwork } from '../sim/engine/default-deps.js';
import { nodeScenarioFiles } from '../sim/node/scenario-file.js';

/** The mechanism that clears with the feeder inside the problem (LinDistFlow LP, DLMPs); needs --network. */
const NETWORK_CONSTRAINED = 'network-constrained';
/** The mechanism that accepts matched trades only as far as the feeder's linear sensitivities allow; needs --network. */
const SENSITIVITY_CHECKED = 'sensitivity-checked';

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
  network?: string;
  solver: string;
  intervalMinutes: string;
  backgroundLoad: string;
  matching: string;
  violationRule: string;
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
    .requiredOption('--mechanism <name>', [...MECHANISMS, ...FEEDER_MECHANISMS].join('|'))
    .option('--k <k>', 'uniform only: k-pricing p = a + k(b − a) on the marginal pair, k in [0, 1]')
    .option('--price-rule <rule>', 'uniform only: midpoint (default) | k | buyer | seller')
    .option('--seed <n>', 'seed of the random split (muda)')
    .option('--retail <price>', 'retail price of the retailer of last resort, currency/kWh')
    .option('--feed-in <price>', 'feed-in tariff of the retailer of last resort, currency/kWh')
    .option('--network-charge <price>', 'network charge per kWh of P2P trade, currency/kWh (default 0)')
    .option('--levies <price>', 'levies per kWh of P2P trade, currency/kWh (default 0)')
    .option('--seller-charge-share <share>', 'share of the P2P charges the seller pays, in [0, 1] (default 0: the buyer)')
    .option('--engine <engine>', 'kernel engine: wasm | ts', 'wasm')
    .option('--network <feeder>', 'network-constrained and sensitivity-checked: ieee33, synthetic-<buses>-seed<n>, or a MATPOWER case (.m/.json); orders name their bus')
    .option('--solver <name>', 'network-constrained only: LP solver highs | glpk', 'highs')
    .option('--interval-minutes <m>', 'network-constrained and sensitivity-checked: length of the interval the kWh are delivered over', '15')
    .option('--background-load <mode>', "network-constrained and sensitivity-checked: 'none' (only the orders load the feeder) or 'network'", 'none')
    .option('--matching <name>', `sensitivity-checked only: the matching whose trades are checked, ${TRADE_MATCHINGS.join(' | ')}`, 'midpoint')
    .option('--violation-rule <rule>', 'sensitivity-checked only: reduce (cut a violating trade to the limit) | reject', 'reduce')
    .option('--json', 'print exactly one JSON object')
    .action(async (file: string, flags: ClearFlags) => {
      const orders = readBook(file);
      const tariffs: Tariffs = {};
      if (flags.retail !== undefined) tariffs.retailPricePerKwh = numberFlag('--retail', flags.retail);
      if (flags.feedIn !== undefined) tariffs.feedInPricePerKwh = numberFlag('--feed-in', flags.feedIn);
      if (flags.networkCharge !== undefined) tariffs.networkChargePerKwh = numberFlag('--network-charge', flags.networkCharge);
      if (flags.levies !== undefined) tariffs.leviesPerKwh = numberFlag('--levies', flags.levies);
      if (flags.sellerChargeShare !== undefined) tariffs.sellerChargeShare = numberFlag('--seller-charge-share', flags.sellerChargeShare);
      if (flags.mechanism === NETWORK_CONSTRAINED) {
        const result = await clearWithNetwork(orders, tariffs, flags);
        if (flags.json) writeJson(networkJson(result, tariffs), (chunk) => process.stdout.write(chunk));
        else process.stdout.write(describeNetwork(result));
        return;
      }
      if (flags.mechanism === SENSITIVITY_CHECKED) {
        const result = clearChecked(orders, tariffs, flags);
        if (flags.json) writeJson(sensitivityCheckedJson(result, tariffs), (chunk) => process.stdout.write(chunk));
        else process.stdout.write(describeSensitivityChecked(result));
        return;
      }
      if (!(MECHANISMS as readonly string[]).includes(flags.mechanism)) {
        throw new ValidationError({ element: 'option', id: '--mechanism', field: 'mechanism', value: flags.mechanism }, `must be one of ${[...MECHANISMS, ...FEEDER_MECHANISMS].join(', ')}`);
      }
      if (flags.engine !== 'wasm' && flags.engine !== 'ts') {
        throw new ValidationError({ element: 'option', id: '--engine', field: 'engine', value: flags.engine }, "must be 'wasm' or 'ts'");
      }
      const result = withFlagNames(() => clearMarket(orders, {
        mechanism: flags.mechanism as MechanismName,
        k: flags.k === undefined ? undefined : numberFlag('--k', flags.k),
        priceRule: flags.priceRule as UniformPriceRuleName | undefined,
        seed: flags.seed === undefined ? undefined : numberFlag('--seed', flags.seed),
        tariffs: Object.keys(tariffs).length === 0 ? undefined : tariffs,
        engine: flags.engine as 'wasm' | 'ts',
      }));
      if (flags.json) writeJson(toJson(result), (chunk) => process.stdout.write(chunk));
      else process.stdout.write(describe(result, orders.length, flags.engine));
    });
}

/** Clears with the feeder inside: loads the network and the LP solver, then the LinDistFlow LP. */
async function clearWithNetwork(orders: Order[], tariffs: Tariffs, flags: ClearFlags): Promise<NetworkClearingResult> {
  const feederFlags = readFeederFlags(flags, NETWORK_CONSTRAINED);
  const solver = await loadLpSolver(checkLpSolverName(flags.solver, '--solver'));
  return clearNetworkConstrained(orders, { ...feederFlags, solver, tariffs: Object.keys(tariffs).length === 0 ? undefined : tariffs });
}

/** Matches the book and checks its trades against the feeder's sensitivities. */
function clearChecked(orders: Order[], tariffs: Tariffs, flags: ClearFlags): ReturnType<typeof clearSensitivityChecked> {
  const feederFlags = readFeederFlags(flags, SENSITIVITY_CHECKED);
  if (!(TRADE_MATCHINGS as readonly string[]).includes(flags.matching)) {
    throw new ValidationError({ element: 'option', id: '--matching', field: 'matching', value: flags.matching }, `must be one of ${TRADE_MATCHINGS.join(', ')} (the matchings that pair bids with asks)`);
  }
  if (flags.violationRule !== 'reduce' && flags.violationRule !== 'reject') {
    throw new ValidationError({ element: 'option', id: '--violation-rule', field: 'violation-rule', value: flags.violationRule }, "must be 'reduce' or 'reject'");
  }
  if (flags.engine !== 'wasm' && flags.engine !== 'ts') {
    throw new ValidationError({ element: 'option', id: '--engine', field: 'engine', value: flags.engine }, "must be 'wasm' or 'ts'");
  }
  return withFlagNames(() => clearSensitivityChecked(orders, {
    ...feederFlags,
    matching: flags.matching as TradeMatching,
    violationRule: flags.violationRule as ViolationRule,
    tariffs: Object.keys(tariffs).length === 0 ? undefined : tariffs,
    seed: flags.seed === undefined ? undefined : numberFlag('--seed', flags.seed),
    engine: flags.engine as 'wasm' | 'ts',
  }));
}

/** The feeder and the book's placement options from --network, --interval-minutes and --background-load. */
function readFeederFlags(flags: ClearFlags, mechanism: string): { feeder: ReturnType<typeof linDistFlowFeeder>; intervalHours: number; backgroundLoad: 'none' | 'network' } {
  if (flags.network === undefined) {
    throw new ValidationError({ element: 'option', id: '--network', field: 'network', value: undefined }, `mechanism '${mechanism}' needs --network (ieee33, synthetic-<buses>-seed<n>, or a MATPOWER case file)`);
  }
  const minutes = numberFlag('--interval-minutes', flags.intervalMinutes);
  if (!(minutes > 0)) throw new ValidationError({ element: 'option', id: '--interval-minutes', field: 'interval-minutes', value: minutes }, 'must be > 0');
  if (flags.backgroundLoad !== 'none' && flags.backgroundLoad !== 'network') {
    throw new ValidationError({ element: 'option', id: '--background-load', field: 'background-load', value: flags.backgroundLoad }, "must be 'none' or 'network'");
  }
  const network = loadScenarioNetwork(flags.network, nodeScenarioFiles(process.cwd()));
  return { feeder: linDistFlowFeeder(network), intervalHours: minutes / 60, backgroundLoad: flags.backgroundLoad };
}

/** The --json object of network-constrained clearing: the clear contract's fields first, then the nodal prices. */
function networkJson(r: NetworkClearingResult, tariffs: Tariffs): Record<string, unknown> {
  return {
    mechanism: r.mechanism,
    fills: r.fills.map((f) => ({ ...f, allInPricePerKwh: allInPricePerKwh(f.side, f.pricePerKwh, tariffs) })),
    trades: null,
    tradedKwh: r.tradedKwh,
    welfare: r.welfare,
    marketSurplus: r.merchandisingSurplus,
    clearingPrice: null,
    priceInterval: null,
    status: r.status,
    busIds: r.busIds,
    dlmpPerKwh: [...r.dlmpPerKwh],
    dlmpEnergyPerKwh: [...r.dlmpEnergyPerKwh],
    dlmpCongestionPerKwh: [...r.dlmpCongestionPerKwh],
    dlmpVoltagePerKwh: [...r.dlmpVoltagePerKwh],
    vmPu: [...r.vmPu],
    bindingVoltageBuses: r.bindingVoltageBuses,
    bindingBranches: r.bindingBranches,
    substationImportKwh: r.substationImportKwh,
    substationExportKwh: r.substationExportKwh,
    solver: r.solver,
    solveMs: r.solveMs,
  };
}

function describeNetwork(r: NetworkClearingResult): string {
  if (r.status !== 'optimal') return `network-constrained: ${r.status} (no clearing: the feeder's limits cannot all be met)\n`;
  const finite = [...r.dlmpPerKwh].map((d, i) => [d, i] as const).filter(([d]) => Number.isFinite(d));
  const lo = finite.reduce((a, b) => (b[0] < a[0] ? b : a));
  const hi = finite.reduce((a, b) => (b[0] > a[0] ? b : a));
  const fmt = (v: number): string => Number(v.toPrecision(6)).toString();
  return [
    `network-constrained: ${fmt(r.tradedKwh)} kWh traded, welfare ${fmt(r.welfare)}, congestion rent ${fmt(r.merchandisingSurplus)}`,
    `DLMP ${fmt(lo[0])} (bus ${r.busIds[lo[1]]}) … ${fmt(hi[0])} (bus ${r.busIds[hi[1]]}) per kWh`,
    `binding: ${r.bindingBranches.length} branch${r.bindingBranches.length === 1 ? '' : 'es'}${r.bindingBranches.length ? ` (${r.bindingBranches.join(', ')})` : ''}, ` +
      `${r.bindingVoltageBuses.length} voltage limit${r.bindingVoltageBuses.length === 1 ? '' : 's'}${r.bindingVoltageBuses.length ? ` (${r.bindingVoltageBuses.join(', ')})` : ''}`,
    `substation: import ${fmt(r.substationImportKwh)} kWh, export ${fmt(r.substationExportKwh)} kWh; ${r.solver} ${fmt(r.solveMs)} ms`,
  ].join('\n') + '\n';
}

/** API option and tariff field names → the flags that set them, for errors a user of the command can act on. */
const FLAG_OF: Record<string, string> = {
  mechanism: '--mechanism', priceRule: '--price-rule', k: '--k', seed: '--seed', engine: '--engine',
  retailPricePerKwh: '--retail', feedInPricePerKwh: '--feed-in', networkChargePerKwh: '--network-charge',
  leviesPerKwh: '--levies', sellerChargeShare: '--seller-charge-share',
};

/**
 * Runs `f`, rewriting a ValidationError about an API option (priceRule, retailPricePerKwh, …) into one naming the
 * flag (--price-rule, --retail, …), with the option names in its text replaced by flags too.
 */
function withFlagNames<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ValidationError) || (e.element !== 'option' && e.element !== 'tariff' && e.element !== 'tariffs')) throw e;
    const field = e.field.replace(/^tariffs\./, '');
    const flag = Object.hasOwn(FLAG_OF, field) ? FLAG_OF[field]! : undefined;
    if (flag === undefined) throw e;
    const issue = { element: e.element, id: e.id, field: e.field, value: e.value, unit: e.unit };
    const prefix = new ValidationError(issue, '').message;
    const problem = e.message.slice(prefix.length).replace(/\b(priceRule|mechanism|retailPricePerKwh|feedInPricePerKwh|networkChargePerKwh|leviesPerKwh|sellerChargeShare)\b/g, (m) => FLAG_OF[m]!);
    throw new ValidationError({ element: 'option', id: flag, field: 'value', value: e.value, unit: e.unit }, problem);
  }
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
  const book = parseJsonText(text, file);
  const orders = (book as { orders?: unknown } | null)?.orders;
  if (book === null || typeof book !== 'object' || !Array.isArray(orders)) {
    throw new ValidationError({ element: 'book', id: file, field: 'orders', value: orders }, 'the book file must be {"orders": [ ... ]}');
  }
  return orders as Order[];
}

/** The --json object: the issue's fields first (null where they do not apply), then the rest of the result. */
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
    welfareAtReservation: r.welfareAtReservation,
    prosumerSavings: r.prosumerSavings,
    networkOperatorRevenue: r.networkOperatorRevenue,
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

/** Names the prices of the two-price mechanisms: who pays or receives each. */
function twoSidedPrices(r: ClearingResult): string | null {
  const ps = r.clearingPrices;
  if (!ps) return null;
  const p = (x: number | null): string => (x === null ? 'none' : pricePerKwh(x));
  if (r.mechanism === 'muda') return `half 0 trades at ${p(ps[0] ?? null)}, half 1 at ${p(ps[1] ?? null)} (each half at the price computed from the other half)`;
  if (ps.length === 2) return `buyers pay ${p(ps[0] ?? null)}, sellers receive ${p(ps[1] ?? null)}`;
  return `prices ${ps.map(p).join(' / ')}`;
}

/** The readable summary: money in currency units (c.u., the unit of the book's prices), no float noise. */
function describe(r: ClearingResult, nOrders: number, engine: string): string {
  const kwh = (x: number): string => `${amount(x)} kWh`;
  const pct = (x: number | null): string => (x === null ? 'n/a' : `${amount(x, 2)} %`);
  const lines = [`mechanism ${r.mechanism} (engine ${engine}), ${plural(nOrders, 'order')}; money in currency units (c.u.) of the book's prices`];
  let price = twoSidedPrices(r) ?? 'no single clearing price';
  if (r.clearingPrice !== null) price = `clearing price ${pricePerKwh(r.clearingPrice)}`;
  if (r.priceInterval) price += ` (market-clearing interval [${amount(r.priceInterval[0])}, ${amount(r.priceInterval[1])}] c.u./kWh)`;
  lines.push(`traded ${kwh(r.tradedKwh)} (${pct(r.volumePercent)} of the ${kwh(r.maxTradableKwh)} tradable), ${price}`);
  lines.push(`welfare ${money(r.welfare)} (${pct(r.welfarePercent)} of the maximum ${money(r.maxWelfare)}), market surplus ${money(r.marketSurplus)}`);
  if (r.welfareAtReservation !== null) {
    lines.push(`welfare at reservation values ${money(r.welfareAtReservation)} = prosumer savings ${money(r.prosumerSavings!)} + market surplus; network operator revenue ${money(r.networkOperatorRevenue)}`);
  }
  if (isCommunityRule(r.mechanism)) {
    lines.push('note: community rules price every trade by formula and ignore the orders\' limit prices, so welfare measured at those prices can fall below 0 % of the maximum');
  }
  const gb = r.gridPurchases.reduce((s, g) => s + g.quantityKwh, 0);
  const gs = r.gridSales.reduce((s, g) => s + g.quantityKwh, 0);
  lines.push(`grid: ${kwh(gb)} bought at retail by ${plural(r.gridPurchases.length, 'order')}, ${kwh(gs)} sold at feed-in by ${plural(r.gridSales.length, 'order')}`);
  const shown = r.fills.slice(0, 20);
  if (shown.length > 0) lines.push('fills:');
  for (const f of shown) {
    const allIn = f.allInPricePerKwh === f.pricePerKwh ? '' : ` (all-in ${pricePerKwh(f.allInPricePerKwh)})`;
    lines.push(`  ${f.orderId}  ${f.prosumer}  ${f.side}  ${kwh(f.quantityKwh)} @ ${pricePerKwh(f.pricePerKwh)}${allIn}`);
  }
  if (r.fills.length > shown.length) lines.push(`  … ${plural(r.fills.length - shown.length, 'more fill')} (use --json for all)`);
  return lines.join('\n') + '\n';
}
