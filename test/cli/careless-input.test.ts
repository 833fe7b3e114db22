// Careless input at the command line: a directory where a file is expected, a bad --out. Each gives one line on
// stderr and exit 1, never a stack trace, a hang or a half-written folder.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerClearCommand } from '../../ts/cli/clear-command.js';
import { registerPfCommand } from '../../ts/cli/pf-command.js';
import { registerSimulateCommand } from '../../ts/cli/simulate-command.js';
import { runCli, type CliRun } from './run-cli-in-process.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'peergrid-careless-'));

function expectOneLineError(r: CliRun, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|    at /);
}

describe('a directory where a file is expected', () => {
  it.each([
    ['clear', registerClearCommand, ['--mechanism', 'uniform']],
    ['simulate', registerSimulateCommand, []],
    ['pf', registerPfCommand, []],
  ] as const)('peergrid %s <dir>', async (name, register, extra) => {
    const dir = tmp();
    const r = await runCli(register, [name, dir, ...extra]);
    expectOneLineError(r, /is a directory/);
  });
});

describe('simulate --out', () => {
  const sim = (out: string, ...more: string[]): Promise<CliRun> => runCli(registerSimulateCommand, ['simulate', '--steps', '2', '--mechanisms', 'none', '--out', out, ...more]);

  it('at a file, under a file, in /proc and /sys: one line naming --out, nothing created', async () => {
    const dir = tmp();
    const file = join(dir, 'f');
    writeFileSync(file, 'x');
    expectOneLineError(await sim(file), /--out .*f: is a file, not a folder/);
    expectOneLineError(await sim(join(file, 'sub')), /--out .*f\/sub: .*ENOTDIR/);
    // Node's recursive mkdir loops forever here; the run must end with an error (vitest's timeout catches a hang).
    expectOneLineError(await sim('/proc/peergrid-out'), /--out \/proc\/peergrid-out: cannot create the output folder/);
    if (existsSync('/sys')) expectOneLineError(await sim('/sys/peergrid-out'), /--out \/sys\/peergrid-out: /);
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('a result file that cannot be written: one line, no staging folder left, the old files untouched', async () => {
    const parent = tmp();
    const out = join(parent, 'out');
    mkdirSync(join(out, 'results.json'), { recursive: true }); // a folder where the result file must go
    writeFileSync(join(out, 'results.json', 'keep'), 'x');
    const r = await sim(out);
    expectOneLineError(r, /--out .*results\.json: is a folder where a result file goes/);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(join(out, 'results.json', 'keep'), 'utf8')).toBe('x');
  });

  it('a reused folder holds exactly the new run: stale files of the earlier run removed, the user\'s own kept', async () => {
    const parent = tmp();
    const out = join(parent, 'out');
    const first = await sim(out, '--mechanisms', 'none,uniform');
    expect(first.code).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, 'ledger-sdr.jsonl'), 'stale, written by hand like an older peergrid would have');
    const second = await sim(out, '--mechanisms', 'none');
    expect(second.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'peergrid-run.json'), 'utf8'));
    expect(manifest.command).toBe('peergrid simulate');
    expect(manifest.files.sort()).toEqual(['comparison.csv', 'prosumers.csv', 'report.html', 'results.json', 'timeseries.csv']);
    expect(readdirSync(out).sort()).toEqual([...manifest.files, 'notes.txt', 'peergrid-run.json'].sort());
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.runs.map((x: { mechanism: string }) => x.mechanism)).toEqual(['none']);
    expect(readdirSync(parent)).toEqual(['out']); // no staging folder left behind
  });

  it('a run that fails after --out was opened leaves the folder as it was', async () => {
    const parent = tmp();
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'report.html'), 'old');
    const scenario = join(parent, 'bad.json');
    writeFileSync(scenario, JSON.stringify({ name: 'x' }));
    const r = await runCli(registerSimulateCommand, ['simulate', scenario, '--out', out]);
    expect(r.code).toBe(1);
    expect(readdirSync(out)).toEqual(['report.html']);
    expect(readdirSync(parent).sort()).toEqual(['bad.json', 'out']);
  });
});
