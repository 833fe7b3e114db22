import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../ts/sim/engine/simulation.js';
import { headlineMetrics } from '../../ts/sweep/run-metrics.js';
import { tinyBase } from './sweep-fixtures.js';
import { positiveIntOption } from '../../ts/cli/sweep-command.js';

const MAIN = join(process.cwd(), 'ts/cli/main.ts');
function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('peergrid sweep (child process, local worker pool)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peergrid-sweep-'));
  writeFileSync(join(dir, 'base.json'), JSON.stringify(tinyBase()));
  const sweepFile = join(dir, 'sweep.json');
  writeFileSync(sweepFile, JSON.stringify({ format: 'peergrid-sweep/1', base: 'base.json', vary: { 'market.mechanism': ['uniform', 'sdr'], seed: [1, 2, 3] } }));
  const out = join(dir, 'out');

  it('runs every combination on 2 workers: one JSON object, grid order, the numbers of a single-thread run', () => {
    const r = cli(['sweep', sweepFile, '--workers', '2', '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['runs', 'workers', 'elapsedMs']);
    expect(j.workers).toBe(2);
    expect(j.elapsedMs).toBeGreaterThan(0);
    expect(j.runs.map((x: any) => x.params)).toEqual(['uniform', 'sdr'].flatMap((m) => [1, 2, 3].map((seed) => ({ 'market.mechanism': m, seed }))));
    for (const run of j.runs) {
      expect(Object.keys(run)).toEqual(['params', 'metrics']);
      const s = tinyBase();
      s.market.mechanism = run.params['market.mechanism'];
      s.seed = run.params.seed;
      const sim = createSimulation(s);
      // Through JSON, as the CLI writes it (exact: JSON round-trips doubles).
      expect(run.metrics).toEqual(JSON.parse(JSON.stringify(headlineMetrics(sim.run()))));
      sim.dispose();
    }
    expect(JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8'))).toEqual(j);
    const csv = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(7);
    expect(csv[0]!.startsWith('market.mechanism,seed,cost,savings,')).toBe(true);
    expect(csv[1]!.startsWith(`uniform,1,${j.runs[0].metrics.cost},`)).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<table>');
    expect(readdirSync(join(out, 'results')).length).toBe(6);
  });

  it('resumes: runs already done are skipped, lost results are computed again, the outputs are the same', () => {
    const before = readFileSync(join(out, 'runs.json'), 'utf8');
    const files = readdirSync(join(out, 'results'));
    rmSync(join(out, 'results', files[0]!));
    rmSync(join(out, 'results', files[3]!));
    const again = cli(['sweep', sweepFile, '--workers', '2', '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^6 run\(s\): 2 computed, 4 already done, 0 failed, on 2 worker\(s\)/);
    expect(JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')).runs).toEqual(JSON.parse(before).runs);
    expect(readdirSync(join(out, 'results')).length).toBe(6);
  });

  it('refuses a bad sweep before running anything, naming the field', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'peergrid-sweep/1', base: 'base.json', vary: { 'market.mechanism': ['uniform', 'auction'] } }));
    const r = cli(['sweep', bad, '--out', join(dir, 'bad-out')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^peergrid: sweep ".*bad\.json": vary\["market\.mechanism"\]\[1\] = "auction": expected one of/);
    expect(() => positiveIntOption('sweep', '--workers', '0')).toThrow(/--workers = "0": expected a positive integer/);
    expect(positiveIntOption('sweep', '--workers', '3')).toBe(3);
  });
});
