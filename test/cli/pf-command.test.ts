import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePfOptions, registerPfCommand } from '../../ts/cli/pf-command.js';
import { runCli, type CliRun } from './run-cli-in-process.js';
import { casesDir } from '../support/cases.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cases = casesDir;

/** `peergrid pf …` in this process (test/cli/run-cli-in-process.ts: main.ts's error reporting and exit codes). */
function pf(...args: string[]): Promise<CliRun> {
  return runCli(registerPfCommand, ['pf', ...args]);
}

describe('peergrid pf', () => {
  it('--json prints exactly one JSON object with the specified fields, in case row order', async () => {
    const r = await pf(join(cases, 'matpower/case33bw.case.json'), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const o = JSON.parse(r.stdout);
    // The specified fields, all present (later fields extend them: test/cli/pf-output.test.ts).
    for (const k of ['status', 'converged', 'iterations', 'method', 'engine', 'busIds', 'vmPu', 'vaDeg', 'branch', 'lossesMw', 'lossesMvar', 'solveMs']) expect(o).toHaveProperty(k);
    for (const k of ['pFromMw', 'pToMw', 'qFromMvar', 'qToMvar']) expect(o.branch).toHaveProperty(k);
    expect(o.status).toBe('converged');
    expect(o.method).toBe('bfs');
    expect(o.busIds).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    expect(o.vmPu[17]).toBeCloseTo(0.91309, 5);
    expect(o.lossesMw * 1000).toBeCloseTo(202.68, 1);
    expect(o.branch.pFromMw).toHaveLength(37);
  });

  it('solves a .m file with Newton (case9 has PV buses), both engines give the same voltages', async () => {
    const w = JSON.parse((await pf(join(cases, 'matpower-m/case9.m'), '--json')).stdout);
    const t = JSON.parse((await pf(join(cases, 'matpower-m/case9.m'), '--json', '--engine', 'ts', '--method', 'nr')).stdout);
    expect(w.method).toBe('nr');
    expect(t.engine).toBe('ts');
    for (let i = 0; i < 9; i++) expect(Math.abs(w.vmPu[i] - t.vmPu[i])).toBeLessThan(1e-12);
    expect(w.lossesMw).toBeCloseTo(4.641, 3); // MATPOWER case9: total losses 4.641 MW
  });

  it('prints a readable summary and accepts the built-in ieee33', async () => {
    const r = await pf('ieee33');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/status: converged/);
    expect(r.stdout).toMatch(/voltage: min 0\.9130\d p\.u\. at bus \S+/);
    expect(r.stdout).toMatch(/losses \(I²Z\): 202\.6\d\d kW/);
  });

  it('exits 1 with the result and a one-line status message when forced bfs on a meshed case', async () => {
    const r = await pf(join(cases, 'matpower/case9.case.json'), '--method', 'bfs', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).status).toBe('not-radial');
    expect(r.stderr.trim().split('\n')).toEqual(["peergrid: power flow ended with status 'not-radial'"]);
  });

  it('reports a missing file, a bad file and a bad option in one line with exit 1', async () => {
    const missing = await pf('/no/such/case.m');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/\/no\/such\/case\.m: no such file/);

    const dir = mkdtempSync(join(tmpdir(), 'peergrid-pf-'));
    const bad = join(dir, 'bad.m');
    writeFileSync(bad, 'function mpc = bad\nmpc.baseMVA = 100;\nmpc.bus = [1 3 0 0;\nx = 1;\n');
    const b = await pf(bad);
    expect(b.code).toBe(1);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
    expect(b.stderr).toMatch(/bad\.m:\d+:\d+/);

    const unknown = await pf('nonsense');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not a \.m or \.json file/);

    const engine = await pf(join(cases, 'matpower/case22.case.json'), '--engine', 'gpu');
    expect(engine.code).toBe(1);
    expect(engine.stderr.trim()).toMatch(/^peergrid: .*engine.*'wasm' or 'ts'/);
  });
});

describe('pf flags', () => {
  const base = { method: 'auto', engine: 'wasm' };
  it.each([
    [{ tolerance: 'abc' }, /option "--tolerance": value = "abc" p\.u\.: must be a positive number/],
    [{ tolerance: '' }, /--tolerance/],
    [{ maxIterations: '2.5' }, /option "--max-iterations": value = "2\.5": must be an integer ≥ 1/],
    [{ maxIterations: '0' }, /--max-iterations/],
    [{ method: 'newton' }, /option "--method": value = "newton": must be 'auto', 'bfs' or 'nr'/],
    [{ engine: 'gpu' }, /option "--engine"/],
  ])('%o is refused naming the flag', (o, msg) => {
    expect(() => parsePfOptions({ ...base, ...o })).toThrow(msg);
  });
  it('maps valid flags', async () => {
    expect(parsePfOptions({ ...base, tolerance: '1e-6', maxIterations: '20', flatStart: true })).toEqual({
      method: 'auto', engine: 'wasm', flatStart: true, tolerancePu: 1e-6, maxIterations: 20,
    });
  });
});
