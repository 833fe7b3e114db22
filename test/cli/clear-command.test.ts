import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookA } from '../market/book-fixtures.js';

const root = join(import.meta.dirname, '..', '..');
let dir = '';

function peergrid(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'ts/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peergrid-clear-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ orders: bookA }));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ orders: bookA.map((o) => (o.id === 's2' ? { ...o, pricePerKwh: 'cheap' } : o)) }));
  writeFileSync(join(dir, 'syntax.json'), '{"orders": [\n  {"id": "x",, }]}');
});

describe('peergrid clear (child process)', () => {
  it('--json prints exactly one JSON object with the specified fields first', () => {
    const r = peergrid('clear', join(dir, 'a.json'), '--mechanism', 'uniform', '--retail', '35', '--feed-in', '5', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).slice(0, 8)).toEqual(['mechanism', 'fills', 'trades', 'tradedKwh', 'welfare', 'marketSurplus', 'clearingPrice', 'priceInterval']);
    expect(out).toMatchObject({ mechanism: 'uniform', trades: null, tradedKwh: 15, welfare: 183, marketSurplus: 0, clearingPrice: 22, priceInterval: [22, 22] });
    expect(out.fills).toHaveLength(5);
    expect(out.gridPurchases.map((g: { orderId: string }) => g.orderId)).toEqual(['b3', 'b4']);
  }, 30_000);

  it('passes --k, --seed and --engine through; pairing mechanisms list trades, others null', () => {
    const k = JSON.parse(peergrid('clear', join(dir, 'a.json'), '--mechanism', 'uniform', '--k', '0.5', '--engine', 'ts', '--json').stdout);
    expect(k.clearingPrice).toBe(23.5);
    const pab = JSON.parse(peergrid('clear', join(dir, 'a.json'), '--mechanism', 'pay-as-bid', '--json').stdout);
    expect(pab.trades).toHaveLength(4);
    expect(pab.clearingPrice).toBeNull();
    expect(pab.priceInterval).toBeNull();
    const m1 = peergrid('clear', join(dir, 'a.json'), '--mechanism', 'muda', '--seed', '3', '--json').stdout;
    const m2 = peergrid('clear', join(dir, 'a.json'), '--mechanism', 'muda', '--seed', '3', '--engine', 'ts', '--json').stdout;
    expect(m2).toBe(m1);
  }, 30_000);

  it('bad input: non-zero exit and one line naming the order and field', () => {
    const bad = peergrid('clear', join(dir, 'bad.json'), '--mechanism', 'uniform');
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('peergrid: order "s2": pricePerKwh = "cheap" currency/kWh: must be a finite number\n');
    const syntax = peergrid('clear', join(dir, 'syntax.json'), '--mechanism', 'uniform');
    expect(syntax.code).not.toBe(0);
    expect(syntax.stderr).toMatch(/^peergrid: .*syntax\.json:2:\d+: expected valid JSON/);
    const k = peergrid('clear', join(dir, 'a.json'), '--mechanism', 'huang', '--k', '0.3');
    expect(k.code).not.toBe(0);
    expect(k.stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});
