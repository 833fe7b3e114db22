import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { vi } from 'vitest';
import { bookA, order } from '../market/book-fixtures.js';
import { registerClearCommand } from '../../ts/cli/clear-command.js';
import { MECHANISMS } from '../../ts/market/mechanisms.js';
import { runCli, type CliRun } from './run-cli-in-process.js';

let dir = '';

/** `peergrid clear …` in this process (test/cli/run-cli-in-process.ts: main.ts's error reporting and exit codes). */
function peergrid(...args: string[]): Promise<CliRun> {
  return runCli(registerClearCommand, args);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peergrid-clear-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ orders: bookA }));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ orders: bookA.map((o) => (o.id === 's2' ? { ...o, pricePerKwh: 'cheap' } : o)) }));
  writeFileSync(join(dir, 'syntax.json'), '{"orders": [\n  {"id": "x",, }]}');
});

describe('peergrid clear', () => {
  it('--json prints exactly one JSON object with the specified fields first', async () => {
    const r = await peergrid('clear', join(dir, 'a.json'), '--mechanism', 'uniform', '--retail', '35', '--feed-in', '5', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).slice(0, 8)).toEqual(['mechanism', 'fills', 'trades', 'tradedKwh', 'welfare', 'marketSurplus', 'clearingPrice', 'priceInterval']);
    expect(out).toMatchObject({ mechanism: 'uniform', trades: null, tradedKwh: 15, welfare: 183, marketSurplus: 0, clearingPrice: 22, priceInterval: [22, 22] });
    expect(out.fills).toHaveLength(5);
    expect(out.gridPurchases.map((g: { orderId: string }) => g.orderId)).toEqual(['b3', 'b4']);
  }, 30_000);

  it('passes --k, --seed and --engine through; pairing mechanisms list trades, others null', async () => {
    const k = JSON.parse((await peergrid('clear', join(dir, 'a.json'), '--mechanism', 'uniform', '--k', '0.5', '--engine', 'ts', '--json')).stdout);
    expect(k.clearingPrice).toBe(23.5);
    const pab = JSON.parse((await peergrid('clear', join(dir, 'a.json'), '--mechanism', 'pay-as-bid', '--json')).stdout);
    expect(pab.trades).toHaveLength(4);
    expect(pab.clearingPrice).toBeNull();
    expect(pab.priceInterval).toBeNull();
    const m1 = (await peergrid('clear', join(dir, 'a.json'), '--mechanism', 'muda', '--seed', '3', '--json')).stdout;
    const m2 = (await peergrid('clear', join(dir, 'a.json'), '--mechanism', 'muda', '--seed', '3', '--engine', 'ts', '--json')).stdout;
    expect(m2).toBe(m1);
  }, 30_000);

  it('bad input: non-zero exit and one line naming the order and field', async () => {
    const bad = await peergrid('clear', join(dir, 'bad.json'), '--mechanism', 'uniform');
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('peergrid: order "s2": pricePerKwh = "cheap" currency/kWh: must be a finite number\n');
    const syntax = await peergrid('clear', join(dir, 'syntax.json'), '--mechanism', 'uniform');
    expect(syntax.code).not.toBe(0);
    expect(syntax.stderr).toMatch(/^peergrid: .*syntax\.json:2:\d+: expected valid JSON/);
    const k = await peergrid('clear', join(dir, 'a.json'), '--mechanism', 'huang', '--k', '0.3');
    expect(k.code).not.toBe(0);
    expect(k.stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});

describe('peergrid clear in process, every mechanism on a 4-order book', () => {
  it.each([...MECHANISMS])('%s --json gives the specified fields', async (mechanism) => {
    const file = join(dir, 'four.json');
    writeFileSync(file, JSON.stringify({ orders: [order('b1', 'A', 'buy', 3, 0.3), order('b2', 'B', 'buy', 2, 0.2), order('s1', 'C', 'sell', 4, 0.1), order('s2', 'D', 'sell', 2, 0.25)] }));
    const program = new Command().exitOverride();
    registerClearCommand(program);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'peergrid', 'clear', file, '--mechanism', mechanism, '--retail', '0.35', '--feed-in', '0.05', '--seed', '1', '--json']);
    } finally {
      spy.mockRestore();
    }
    const json = JSON.parse(out);
    expect(Object.keys(json).slice(0, 8)).toEqual(['mechanism', 'fills', 'trades', 'tradedKwh', 'welfare', 'marketSurplus', 'clearingPrice', 'priceInterval']);
    expect(json.mechanism).toBe(mechanism);
    expect(json.clearingPricePerKwh).toEqual(json.clearingPrice); // the unit-named field beside the contract's
    expect(json.priceIntervalPerKwh).toEqual(json.priceInterval);
    expect(json.tradedKwh).toBeGreaterThanOrEqual(0);
    const p2p = (id: string) => json.fills.filter((f: { orderId: string }) => f.orderId === id).reduce((s: number, f: { quantityKwh: number }) => s + f.quantityKwh, 0);
    const grid = (id: string) => [...json.gridPurchases, ...json.gridSales].filter((g: { orderId: string }) => g.orderId === id).reduce((s: number, g: { quantityKwh: number }) => s + g.quantityKwh, 0);
    // Every kWh of every order is settled, peer to peer or with the retailer.
    for (const [id, q] of [['b1', 3], ['b2', 2], ['s1', 4], ['s2', 2]] as const) expect(p2p(id) + grid(id)).toBeCloseTo(q, 9);
  });
});

describe('peergrid clear --network-charge --levies', () => {
  it('prices community rules inside [feed-in, retail − charges] and gives every fill its all-in price', async () => {
    const file = join(dir, 'charges.json');
    writeFileSync(file, JSON.stringify({ orders: [order('b1', 'A', 'buy', 3, 0.3), order('s1', 'C', 'sell', 1, 0.08)] }));
    const run = async (...extra: string[]) => {
      const program = new Command().exitOverride();
      registerClearCommand(program);
      let out = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out += String(chunk);
        return true;
      });
      try {
        await program.parseAsync(['node', 'peergrid', 'clear', file, '--retail', '0.30', '--feed-in', '0.08', '--json', ...extra]);
      } finally {
        spy.mockRestore();
      }
      return JSON.parse(out);
    };
    // MMR between floor 0.08 and ceiling 0.30 − 0.09 − 0.03 = 0.18: 0.13; the buyer pays 0.25 all-in, the seller nets 0.13.
    const mmr = await run('--mechanism', 'mmr', '--network-charge', '0.09', '--levies', '0.03');
    const b = mmr.fills.find((f: { side: string }) => f.side === 'buy');
    const s = mmr.fills.find((f: { side: string }) => f.side === 'sell');
    expect(b.pricePerKwh).toBeCloseTo(0.13, 12);
    expect(b.allInPricePerKwh).toBeCloseTo(0.25, 12);
    expect(s.allInPricePerKwh).toBeCloseTo(0.13, 12);
    // The seller pays half the charges: ceiling 0.24, floor 0.14, MMR 0.19; buyer 0.25 all-in, seller 0.13 net.
    const split = await run('--mechanism', 'mmr', '--network-charge', '0.09', '--levies', '0.03', '--seller-charge-share', '0.5');
    expect(split.fills.find((f: { side: string }) => f.side === 'buy').allInPricePerKwh).toBeCloseTo(0.25, 12);
    expect(split.fills.find((f: { side: string }) => f.side === 'sell').allInPricePerKwh).toBeCloseTo(0.13, 12);
    // Without charges the all-in price is the price.
    const plain = await run('--mechanism', 'uniform');
    for (const f of plain.fills) expect(f.allInPricePerKwh).toBe(f.pricePerKwh);
    // Rationality impossible: feed-in 0.08 > 0.30 − 0.25.
    await expect(run('--mechanism', 'uniform', '--network-charge', '0.25')).rejects.toThrow(/option "--feed-in": value = 0.08 .*exceeds --retail 0.3/);
  });
});
