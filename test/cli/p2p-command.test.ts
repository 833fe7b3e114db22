import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threeAgents } from '../market/bilateral/bilateral-fixtures.js';

const root = join(import.meta.dirname, '..', '..');
let dir = '';

function peergrid(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'ts/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peergrid-p2p-'));
  writeFileSync(join(dir, 'three.json'), JSON.stringify(threeAgents));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...threeAgents, links: [{ from: 'p', to: 'nobody', costPerKwh: 0 }] }));
  writeFileSync(join(dir, 'syntax.json'), '{"format": "p2p-bilateral-market/1",\n "agents": [,]}');
});

describe('peergrid p2p (child process)', () => {
  it('--json prints exactly the contract object (central: hand-solved three agents)', () => {
    const r = peergrid('p2p', join(dir, 'three.json'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['status', 'method', 'iterations', 'objective', 'agents', 'trades', 'primalResidual', 'dualResidual', 'solveMs']);
    expect(out.status).toBe('optimal');
    expect(out.method).toBe('central');
    expect(out.objective).toBeCloseTo(-0.882, 8);
    expect(out.agents.map((a: { id: string }) => a.id)).toEqual(['p', 'c1', 'c2']);
    expect(out.agents[0].netKw).toBeCloseTo(10.2, 7);
    expect(Object.keys(out.trades[0])).toEqual(['from', 'to', 'kw', 'pricePerKwh']);
    expect(out.trades).toHaveLength(4); // two trades, once per direction
  }, 30_000);

  it('--method admm --workers 2 --tolerance --max-iterations: converged, same answer to the issue tolerance', () => {
    const r = peergrid('p2p', join(dir, 'three.json'), '--method', 'admm', '--workers', '2', '--tolerance', '1e-6', '--max-iterations', '5000', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('converged');
    expect(out.method).toBe('admm');
    expect(Math.abs(out.objective + 0.882) / 0.882).toBeLessThan(1e-3);
    expect(Math.abs(out.agents[0].netKw - 10.2)).toBeLessThan(1e-2 * 100);
  }, 60_000);

  it('without --json: a readable summary', () => {
    const r = peergrid('p2p', join(dir, 'three.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^central: optimal after \d+ iterations/);
    expect(r.stdout).toMatch(/objective -0\.882/);
  }, 30_000);

  it('bad input: exit 1 and one line naming the link or the file position', () => {
    const bad = peergrid('p2p', join(dir, 'bad.json'), '--json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^peergrid: link "p→nobody": to = "nobody": must name a known agent\n$/);
    const syntax = peergrid('p2p', join(dir, 'syntax.json'));
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/syntax\.json:2:\d+: expected valid JSON/);
    const method = peergrid('p2p', join(dir, 'three.json'), '--method', 'magic');
    expect(method.code).toBe(1);
    expect(method.stderr).toMatch(/--method/);
  }, 30_000);
});
