// What `peergrid pf` prints: units by case kind, MATPOWER's loss definitions, violations with ids, the extended
// --json, notes, no slack, and non-converged results.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pfJson, registerPfCommand } from '../../ts/cli/pf-command.js';
import { compileMatpowerCase } from '../../ts/network/compile-matpower-case.js';
import { parseMatpowerJson } from '../../ts/network/matpower-json-parser.js';
import { solvePowerFlow } from '../../ts/powerflow/power-flow.js';
import { matpowerJsonPath } from '../support/cases.js';
import { runCli } from './run-cli-in-process.js';

const pf = (...args: string[]) => runCli(registerPfCommand, ['pf', ...args]);

/** case9 in JSON form with a change applied, written to a temporary file. */
function case9With(change: (c: { bus: (number | string)[][]; gen: (number | string)[][]; branch: (number | string)[][] }) => void): string {
  const c = JSON.parse(readFileSync(matpowerJsonPath('case9'), 'utf8'));
  change(c);
  const path = join(mkdtempSync(join(tmpdir(), 'peergrid-pf-out-')), 'case9x.case.json');
  writeFileSync(path, JSON.stringify(c));
  return path;
}

/** Series losses Σ |(Vf/τ − Vt)/z|²·x from the solved voltages, Mvar: a second computation, by complex arithmetic. */
function seriesLossMvar(o: { busIds: number[]; vmPu: number[]; vaDeg: number[] }, branch: number[][], baseMva: number): number {
  let sum = 0;
  const at = (id: number): number => o.busIds.indexOf(id);
  for (const b of branch) {
    if (!(b[10]! > 0)) continue;
    const [f, t, r, x] = [at(b[0]!), at(b[1]!), b[2]!, b[3]!];
    const tap = b[8] === 0 ? 1 : b[8]!;
    const sh = (b[9]! * Math.PI) / 180;
    const af = (o.vaDeg[f]! * Math.PI) / 180 - sh;
    const at2 = (o.vaDeg[t]! * Math.PI) / 180;
    const dr = (o.vmPu[f]! / tap) * Math.cos(af) - o.vmPu[t]! * Math.cos(at2);
    const di = (o.vmPu[f]! / tap) * Math.sin(af) - o.vmPu[t]! * Math.sin(at2);
    sum += ((dr * dr + di * di) / (r * r + x * x)) * x;
  }
  return sum * baseMva;
}

describe('peergrid pf output', () => {
  it('case9 --json keeps the original fields and adds generators, loading, ratings, charging apart from series losses', async () => {
    const r = await pf('--json', matpowerJsonPath('case9'));
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    for (const k of ['status', 'converged', 'iterations', 'method', 'engine', 'busIds', 'vmPu', 'vaDeg', 'branch', 'lossesMw', 'lossesMvar', 'solveMs']) expect(o).toHaveProperty(k);
    expect(Object.keys(o.branch)).toEqual(['pFromMw', 'qFromMvar', 'pToMw', 'qToMvar', 'loadingPercent', 'rateMva']);
    // MATPOWER runpf(case9): generators 71.64 / 163 / 85 MW, 27.05 / 6.65 / -10.86 Mvar.
    expect(o.pgMw.map((x: number) => Number(x.toFixed(2)))).toEqual([71.64, 163, 85]);
    expect(o.qgMvar.map((x: number) => Number(x.toFixed(2)))).toEqual([27.05, 6.65, -10.86]);
    expect(o.branch.rateMva).toEqual([250, 250, 150, 300, 150, 250, 250, 250, 250]);
    expect(o.branch.loadingPercent[0]).toBeCloseTo((100 * Math.hypot(o.branch.pFromMw[0], o.branch.qFromMvar[0])) / 250, 9);
    // The original lossesMvar (Σ q_from + q_to, series minus charging) is unchanged (Octave reference −92.160 Mvar);
    // MATPOWER's own figures: I²Z losses 48.38 Mvar and 140.5 Mvar of branch charging.
    expect(o.lossesMvar).toBeCloseTo(-92.1601252190657, 6);
    const mc = parseMatpowerJson(readFileSync(matpowerJsonPath('case9'), 'utf8'));
    expect(o.seriesLossesMvar).toBeCloseTo(seriesLossMvar(o, mc.branch, mc.baseMva), 8);
    expect(o.seriesLossesMvar).toBeCloseTo(48.38, 2);
    expect(o.chargingMvar).toBeCloseTo(140.54, 2);
    expect(o.seriesLossesMvar - o.chargingMvar).toBeCloseTo(o.lossesMvar, 9);
    expect(o.unsuppliedBusIds).toEqual([]);
    expect(o.violations).toEqual({ buses: [], branches: [] });
  });

  it('bus ids are numbers for MATPOWER files and for the built-in ieee33 alike', async () => {
    const a = JSON.parse((await pf('ieee33', '--json')).stdout);
    const b = JSON.parse((await pf(matpowerJsonPath('case33bw'), '--json')).stdout);
    expect(a.busIds).toEqual(b.busIds);
    expect(a.busIds.every((x: unknown) => typeof x === 'number')).toBe(true);
  });

  it('text: MW/Mvar for a transmission case, kW/kvar for a feeder', async () => {
    const t = (await pf(matpowerJsonPath('case9'))).stdout;
    expect(t).toMatch(/^losses \(I²Z\): 4\.641 MW, 48\.38\d Mvar; line charging: 140\.54\d Mvar injected$/m);
    expect(t).toMatch(/^generation: 319\.641 MW/m);
    expect(t).toMatch(/^case9\.case\.json|: 9 buses, 9 branches \(9 in service\), 3 generators/m);
    const f = (await pf('ieee33')).stdout;
    expect(f).toMatch(/^losses \(I²Z\): 202\.6\d\d kW, 135\.1\d\d kvar/m);
    expect(f).toMatch(/1 generator,/);
  });

  it('violations are listed with their ids, in text and --json', async () => {
    const path = case9With((c) => {
      c.bus[8]![12] = 1.0; // VMIN of bus 9 above its 0.9956 p.u.
      c.branch[6]![5] = 100; // RATE_A of branch 7 (163 MW from generator 2) below its flow
    });
    const r = await pf(path);
    expect(r.stdout).toMatch(/^voltage limits: 1 bus outside: 9 \(0\.9956 p\.u\. < 1\)$/m);
    expect(r.stdout).toMatch(/^thermal limits: 1 branch above 100 %: 7 \(16\d\.\d %\)$/m);
    const o = JSON.parse((await pf(path, '--json')).stdout);
    expect(o.violations.buses).toEqual([{ busId: 9, vmPu: o.vmPu[8], limit: 'min', limitPu: 1 }]);
    expect(o.violations.branches.map((v: { branchId: number }) => v.branchId)).toEqual([7]);
  });

  it('no reference bus: exit 1 naming --choose-slack; with it, the choice is printed as a note', async () => {
    const path = case9With((c) => {
      c.bus[0]![1] = 2; // bus 1: reference → PV
    });
    const refused = await pf(path);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/no reference .*bus 1 \(the first PV bus\).*--choose-slack/);
    const chosen = await pf(path, '--choose-slack');
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toMatch(/^note: no reference bus in the case: bus 1 \(the first PV bus\) is the slack \(--choose-slack\)$/m);
    expect(JSON.parse((await pf(path, '--choose-slack', '--json')).stdout).notes[0]).toMatch(/bus 1 .* is the slack/);
  });

  it('the auto sweep → Newton fallback is printed as a note', async () => {
    const r = await pf('ieee33', '--max-iterations', '3');
    expect(r.stdout).toMatch(/^status: converged \(Newton-Raphson/m);
    expect(r.stdout).toMatch(/^note: the sweep ended with 'max-iterations' .*Newton-Raphson/m);
  });

  it('a non-converged result prints no voltages, losses or limits as if they were a solution; exit 1', async () => {
    const r = await pf(matpowerJsonPath('case9'), '--max-iterations', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^no solution: /m);
    expect(r.stdout).not.toMatch(/voltage: min|^losses|limits:/m);
  });

  it('--json never gives a negative magnitude: the same phasor at |V| and angle + 180°', () => {
    const net = compileMatpowerCase(parseMatpowerJson(readFileSync(matpowerJsonPath('case9'), 'utf8')));
    const res = solvePowerFlow(net, { maxIterations: 1 });
    res.vmPu[3] = -0.9;
    res.vaDeg[3] = 10;
    const o = pfJson(net, res) as { vmPu: number[]; vaDeg: number[] };
    expect(o.vmPu[3]).toBe(0.9);
    expect(o.vaDeg[3]).toBeCloseTo(-170, 12);
    expect(o.vmPu.every((v) => v >= 0)).toBe(true);
  });
});
