import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { opfSummary } from '../../ts/cli/opf-command.js';
import { casesDir as cases } from '../support/cases.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function opf(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'ts/cli/main.ts'), 'opf', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('peergrid opf', () => {
  it('--json prints exactly one object with the specified fields; .m and .json of case9 agree (1e-9)', () => {
    const r = opf(join(cases, 'opf/case9.opf-case.json'), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const o = JSON.parse(r.stdout);
    expect(Object.keys(o)).toEqual([
      'status', 'objectiveUsdPerH', 'busIds', 'lmpUsdPerMwh', 'pgMw', 'branchFlowMw', 'branchShadowPriceUsdPerMwh', 'vaDeg', 'solver', 'solveMs',
    ]);
    expect(o.status).toBe('optimal');
    expect(o.solver).toBe('highs');
    expect(o.busIds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(o.pgMw).toHaveLength(3);
    expect(o.branchFlowMw).toHaveLength(9);
    const m = JSON.parse(opf(join(cases, 'matpower-m/case9.m'), '--json').stdout);
    expect(Math.abs(m.objectiveUsdPerH - o.objectiveUsdPerH)).toBeLessThan(1e-9 * o.objectiveUsdPerH);
    // A bare case name is looked up in the case folders, as pf does.
    const named = JSON.parse(opf('case9', '--json').stdout);
    expect(Math.abs(named.objectiveUsdPerH - o.objectiveUsdPerH)).toBeLessThan(1e-9 * o.objectiveUsdPerH);
    expect(opf('nosuchcase').stderr).toMatch(/^peergrid: .*"nosuchcase".*available: .*case9\b/);
    // Generation equals the 315 MW of load (lossless model).
    expect(o.pgMw.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(315, 6);
  });

  it('prints a readable summary; glpk on a quadratic case is a one-line error; a bad --solver names the flag', () => {
    const s = opf(join(cases, 'opf/case9.opf-case.json'));
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/status: optimal/);
    expect(s.stdout).toMatch(/LMP: min [\d.]+ \$\/MWh at bus \d+, max/);
    expect(s.stdout).toMatch(/binding lines: 0/);
    const g = opf(join(cases, 'opf/case9.opf-case.json'), '--solver', 'glpk');
    expect(g.code).toBe(1);
    expect(g.stderr).toMatch(/^peergrid: .*glpk\.js solves linear programs only/);
    const bad = opf(join(cases, 'opf/case9.opf-case.json'), '--solver', 'cplex');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--solver/);
  });

  it('the summary lists binding lines with their shadow prices', () => {
    const summary = opfSummary('three-bus', {
      status: 'optimal', objectiveUsdPerH: 2700, busIds: [1, 2, 3], lmpUsdPerMwh: Float64Array.of(10, 30, 50),
      pgMw: Float64Array.of(90, 60), branchFlowMw: Float64Array.of(10, 80, 70), branchShadowPriceUsdPerMwh: Float64Array.of(0, 60, 0),
      vaDeg: Float64Array.of(0, -0.57, -4.58), solver: 'highs', solveMs: 1, formulation: 'ptdf', lpSolves: 2, limitRows: 1,
    });
    expect(summary).toMatch(/LMP: min 10\.0000 \$\/MWh at bus 1, max 50\.0000 \$\/MWh at bus 3/);
    expect(summary).toMatch(/binding lines: 1\n {2}branch 2: flow 80\.000 MW, shadow price 60\.0000 \$\/MWh/);
  });
});
