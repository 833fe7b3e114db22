import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseFolders, resolveCaseArgument } from '../../ts/cli/case-argument.js';
import { registerPfCommand } from '../../ts/cli/pf-command.js';
import { casesDir, matpowerJsonPath, matpowerMPath } from '../support/cases.js';
import { runCli } from './run-cli-in-process.js';

function caseFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'peergrid-cases-'));
  mkdirSync(join(dir, 'matpower'));
  mkdirSync(join(dir, 'matpower-m'));
  writeFileSync(join(dir, 'matpower-m', 'case9.m'), readFileSync(matpowerMPath('case9')));
  writeFileSync(join(dir, 'matpower', 'case9.case.json'), readFileSync(matpowerJsonPath('case9')));
  writeFileSync(join(dir, 'matpower', 'case33bw.case.json'), readFileSync(matpowerJsonPath('case33bw')));
  writeFileSync(join(dir, 'mine.m'), readFileSync(matpowerMPath('case9')));
  return dir;
}

describe('resolveCaseArgument', () => {
  it('finds a bare name in the case folders, .m first unless the name ends in .json', () => {
    const dir = caseFolder();
    expect(resolveCaseArgument('case9', ['ieee33'], [dir])).toEqual({ kind: 'file', path: join(dir, 'matpower-m', 'case9.m') });
    expect(resolveCaseArgument('case9.m', ['ieee33'], [dir])).toEqual({ kind: 'file', path: join(dir, 'matpower-m', 'case9.m') });
    expect(resolveCaseArgument('case9.json', ['ieee33'], [dir])).toEqual({ kind: 'file', path: join(dir, 'matpower', 'case9.case.json') });
    expect(resolveCaseArgument('CASE33BW.m', ['ieee33'], [dir])).toEqual({ kind: 'file', path: join(dir, 'matpower', 'case33bw.case.json') });
    expect(resolveCaseArgument('mine', ['ieee33'], [dir])).toEqual({ kind: 'file', path: join(dir, 'mine.m') });
    expect(resolveCaseArgument('IEEE33', ['ieee33'], [dir])).toEqual({ kind: 'built-in', name: 'ieee33' });
  });

  it('an earlier folder wins; PEERGRID_CASES_DIR comes first', () => {
    const a = caseFolder();
    const b = caseFolder();
    expect(resolveCaseArgument('case9', [], [b, a])).toEqual({ kind: 'file', path: join(b, 'matpower-m', 'case9.m') });
    expect(caseFolders({ PEERGRID_CASES_DIR: a })[0]).toBe(a);
  });

  it('lists what is available when nothing matches; a missing path or a directory is a file error', () => {
    const dir = caseFolder();
    expect(() => resolveCaseArgument('case99', ['ieee33'], [dir])).toThrow(/"case99".*available: ieee33, case9, case33bw, mine/);
    expect(() => resolveCaseArgument('no/such.m', ['ieee33'], [dir])).toThrow(/no\/such\.m: no such file/);
    expect(() => resolveCaseArgument(dir, ['ieee33'], [dir])).toThrow(/is a directory/);
  });
});

describe('peergrid pf <bare name>', () => {
  const saved = process.env.PEERGRID_CASES_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.PEERGRID_CASES_DIR;
    else process.env.PEERGRID_CASES_DIR = saved;
  });

  it('case9 and case9.m solve the shared case; an unknown name exits 1 listing the cases', async () => {
    process.env.PEERGRID_CASES_DIR = casesDir;
    const a = await runCli(registerPfCommand, ['pf', 'case9', '--json']);
    const b = await runCli(registerPfCommand, ['pf', 'case9.m', '--json']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).vmPu).toEqual(JSON.parse(b.stdout).vmPu);
    expect(JSON.parse(a.stdout).lossesMw).toBeCloseTo(4.641, 3); // MATPOWER runpf(case9): 4.641 MW losses
    const bad = await runCli(registerPfCommand, ['pf', 'case9999']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/available: ieee33, .*case9241pegase/);
  });
});
