// `peergrid clear` for a person: errors name flags and JSON positions, money carries its unit, no float noise,
// two-sided prices say whose they are, plurals agree, and the community rules' welfare caveat is printed.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerClearCommand } from '../../ts/cli/clear-command.js';
import { runCli } from './run-cli-in-process.js';

const order = (id: string, side: 'buy' | 'sell', quantityKwh: number, pricePerKwh: number) => ({ id, prosumer: `p-${id}`, side, quantityKwh, pricePerKwh });

function bookFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'peergrid-clear-')), 'book.json');
  writeFileSync(path, text);
  return path;
}
const clear = (book: string, ...args: string[]) => runCli(registerClearCommand, ['clear', book, ...args]);

describe('peergrid clear: errors a user can act on', () => {
  it('a NaN on line 15 of an indented book is reported at 15:column', async () => {
    const orders = [order('b1', 'buy', 1, 0.3), order('s1', 'sell', 1, 0.1)];
    const text = JSON.stringify({ orders }, null, 2).replace('"pricePerKwh": 0.1', '"pricePerKwh": NaN');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('NaN')) + 1;
    expect(line).toBe(15);
    const r = await clear(bookFile(text), '--mechanism', 'uniform');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`book\\.json:15:${lines[14]!.indexOf('NaN') + 1}: expected valid JSON, found "NaN`));
  });

  it("--price-rule toString is refused (option keys are own properties), naming the flag", async () => {
    const r = await clear(bookFile(JSON.stringify({ orders: [order('b', 'buy', 1, 0.3)] })), '--mechanism', 'uniform', '--price-rule', 'toString');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`peergrid: option "--price-rule": value = "toString": must be 'midpoint', 'k', 'buyer' or 'seller'`);
  });

  it('API option names in errors become flags (--k, --price-rule, --retail)', async () => {
    const book = bookFile(JSON.stringify({ orders: [order('b', 'buy', 1, 0.3), order('s', 'sell', 1, 0.1)] }));
    const k = await clear(book, '--mechanism', 'uniform', '--k', '0.3', '--price-rule', 'buyer');
    expect(k.stderr).toMatch(/option "--k": .*conflicts with --price-rule 'buyer'/);
    expect(k.stderr).not.toMatch(/priceRule/);
    const sdr = await clear(book, '--mechanism', 'sdr');
    expect(sdr.code).toBe(1);
    expect(sdr.stderr).toMatch(/^peergrid: option "--retail"/);
    expect(sdr.stderr).not.toMatch(/retailPricePerKwh/);
  });
});

describe('peergrid clear: the readable summary', () => {
  it('money with its unit, quantities without float noise, plurals that agree', async () => {
    // 0.1 + 0.2 kWh = 0.30000000000000004 in binary floating point; one buyer is left to the retailer.
    const book = bookFile(JSON.stringify({ orders: [order('b1', 'buy', 0.1, 0.3), order('b2', 'buy', 0.2, 0.3), order('b3', 'buy', 1, 0.05), order('s1', 'sell', 0.3, 0.1)] }));
    const t = (await clear(book, '--mechanism', 'uniform', '--retail', '0.3', '--feed-in', '0.04')).stdout;
    expect(t).toMatch(/^mechanism uniform \(engine wasm\), 4 orders; money in currency units \(c\.u\.\)/m);
    expect(t).toMatch(/^traded 0\.3 kWh \(100 % of the 0\.3 kWh tradable\), clearing price 0\.\d+ c\.u\.\/kWh/m);
    expect(t).toMatch(/^welfare 0\.\d+ c\.u\. \(100 % of the maximum 0\.\d+ c\.u\.\), market surplus 0 c\.u\.$/m);
    expect(t).toMatch(/^grid: 1 kWh bought at retail by 1 order, 0 kWh sold at feed-in by 0 orders$/m);
    expect(t).not.toMatch(/e-1\d|0000000/);
    expect(t).not.toMatch(/note: community/);
  });

  it("Huang's two prices are labelled buyers' and sellers'; MUDA's by half; community rules carry the welfare note", async () => {
    const orders = [order('b1', 'buy', 2, 0.3), order('b2', 'buy', 1, 0.25), order('b3', 'buy', 0.1, 0.22), order('s1', 'sell', 1.1, 0.1), order('s2', 'sell', 0.2, 0.2), order('s3', 'sell', 1, 0.15)];
    const book = bookFile(JSON.stringify({ orders }));
    expect((await clear(book, '--mechanism', 'huang')).stdout).toMatch(/buyers pay 0\.25 c\.u\.\/kWh, sellers receive 0\.2 c\.u\.\/kWh/);
    expect((await clear(book, '--mechanism', 'muda', '--seed', '3')).stdout).toMatch(/half 0 trades at .*, half 1 at .* \(each half at the price computed from the other half\)/);
    const sdr = (await clear(book, '--mechanism', 'sdr', '--retail', '0.3', '--feed-in', '0.05')).stdout;
    expect(sdr).toMatch(/^note: community rules .* ignore the orders' limit prices, so welfare .* can fall below 0 % of the maximum$/m);
  });
});
