import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Keyring } from '../../ts/ledger/keys.js';
import { Ledger } from '../../ts/ledger/ledger.js';
import { LEDGER_PARTIES } from '../../ts/sim/engine/ledger-sink.js';
import { verifyBlockLines } from '../../ts/ledger/block-verifier.js';
import { registerSimulateCommand } from '../../ts/cli/simulate-command.js';
import { runCli, type CliRun } from './run-cli-in-process.js';

/** `peergrid simulate …` in this process (test/cli/run-cli-in-process.ts: main.ts's error reporting and exit codes). */
function run(args: string[]): Promise<CliRun> {
  return runCli(registerSimulateCommand, ['simulate', ...args]);
}
const tmp = mkdtempSync(join(tmpdir(), 'peergrid-sim-'));

function smallScenarioFile(mutate: (s: any) => void = () => {}): string {
  const s: any = {
    name: 'tiny',
    network: 'ieee33',
    prosumers: [
      { id: 'a', bus: '18', load: { kind: 'household', annualKwh: 5000 }, pvKwp: 8, battery: { capacityKwh: 10, powerKw: 5 } },
      { id: 'b', bus: '18', load: { kind: 'household', annualKwh: 4000 } },
      { id: 'c', bus: '33', load: { kind: 'constant', pKw: 1.5 }, pvKwp: 5 },
    ],
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 },
    market: { mechanism: 'pay-as-bid' },
    horizon: { start: '2024-06-03T10:00:00Z', steps: 8, dtHours: 0.25 },
    seed: 1,
  };
  mutate(s);
  const f = join(tmp, `scenario-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify(s, null, 2));
  return f;
}

describe('peergrid simulate', () => {
  it('failed power-flow steps (absurd PV) are in the table, the report and --json, and exit 3 unless --allow-failed-steps', async () => {
    const file = smallScenarioFile((s) => {
      s.prosumers = [{ id: 'big', bus: '18', load: { kind: 'constant', pKw: 1 }, pvKwp: 1e5 }];
      s.market = { mechanism: 'none' };
      s.horizon = { start: '2024-06-03T11:00:00Z', steps: 2, dtHours: 0.25 };
    });
    const out = join(tmp, 'failed');
    const j = await runCli(registerSimulateCommand, ['simulate', file, '--json', '--out', out]);
    expect(j.code).toBe(3);
    const doc = JSON.parse(j.stdout);
    expect(doc.powerFlowFailures).toBe(2);
    expect(doc.runs[0].community.firstPowerFlowFailure).toEqual({ step: 0, time: '2024-06-03T11:00:00.000Z', status: 'max-iterations' });
    expect(doc.comparison[0].powerFlowFailures).toBe(2);
    expect(j.stderr).toMatch(/warning: power flow failed in 2 of 2 steps \(none \(no P2P\)\); first at step 0/);
    expect(j.stderr).toMatch(/--allow-failed-steps/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<p class="warning" role="alert">Warning: power flow failed in 2 of 2 steps .*first at step 0 \(2024-06-03T11:00:00.000Z\): max-iterations/);
    const t = await runCli(registerSimulateCommand, ['simulate', file, '--allow-failed-steps']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/PF failed 2 steps/); // in the physics summary under the table
    expect(t.stdout).toMatch(/WARNING: power flow failed in 2 of 2 steps/);
  });

  it('runs the default study on 8 steps: one JSON object on stdout, report and data files written', async () => {
    const out = join(tmp, 'out');
    const r = await run(['--steps', '8', '--json', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout); // exactly one JSON value, or this throws
    expect(j.steps).toBe(8);
    expect(j.prosumers).toBe(100);
    expect(j.comparison.map((x: any) => x.mechanism)).toEqual(['none (no P2P)', 'uniform', 'pay-as-bid', 'sdr', 'mmr', 'bill-sharing']);
    for (const f of ['report.html', 'results.json', 'comparison.csv', 'prosumers.csv', 'timeseries.csv']) expect(existsSync(join(out, f))).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.match(/<svg /g)!.length).toBe(4);
    expect(html).toMatch(/<h2>Coalition view/);
    expect(j.coalition.rows.map((x: any) => x.mechanism)).toEqual(['uniform', 'pay-as-bid', 'sdr', 'mmr', 'bill-sharing']);
    expect(j.coalition.exact).toBe(false); // 100 households: the Shapley value is sampled
    expect(html).not.toMatch(/<script|src="http|href="http/); // opens offline
    expect(readFileSync(join(out, 'comparison.csv'), 'utf8').trim().split('\n').length).toBe(7);
    expect(readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n').length).toBe(9);
    const res = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(res.runs.length).toBe(6);
    expect(res.runs[0].series.vmMinPu.length).toBe(8);
  });

  it('prints the comparison table for a scenario file (baseline + its mechanism), no progress bar off a TTY', async () => {
    const r = await run([smallScenarioFile()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^mechanism\s+cost\s+savings/m);
    expect(r.stdout).toMatch(/^none \(no P2P\)/m);
    expect(r.stdout).toMatch(/^pay-as-bid/m);
  });

  it.skipIf(spawnSync('sh', ['-c', 'command -v script']).status !== 0)('shows a progress bar when stderr is a terminal', () => {
    // The one child process of this file: a terminal needs one. The built CLI (npm test builds dist/ first).
    const cmd = `${process.execPath} ${join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js')} simulate --steps 8 --mechanisms none,uniform`;
    const r = spawnSync('script', ['-qc', cmd, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/simulate \[.*\] 100% \| 16\/16 steps/);
  });

  it('writes a verified ledger per mechanism when the scenario enables it', async () => {
    const out = join(tmp, 'out-ledger');
    const r = await run([smallScenarioFile((s) => (s.ledger = { enabled: true, format: 'entries' })), '--json', '--out', out]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ledgers.map((l: any) => [l.mechanism, l.verified, l.balancesReproduced])).toEqual([['none', true, true], ['pay-as-bid', true, true]]);
    const text = readFileSync(join(out, 'ledger-pay-as-bid.jsonl'), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines.length).toBe(j.ledgers[1].entries);
    // The streamed file stands on its own: it imports, verifies against the deterministic keys and matches the head.
    const keys = Keyring.deterministic(1, ['a', 'b', 'c', ...Object.values(LEDGER_PARTIES)]);
    const ledger = Ledger.fromJsonLines(text, { file: 'ledger-pay-as-bid.jsonl', registry: keys.registry(), operator: 'operator' });
    expect(ledger.head()).toEqual(j.ledgers[1].head);
    expect(ledger.entries.filter((e) => e.kind === 'order').length).toBeGreaterThan(0);
  });

  it('by default writes the ledger as signed blocks: verified from the file alone, balances replayed', async () => {
    const out = join(tmp, 'out-blocks');
    const r = await run([smallScenarioFile((s) => (s.ledger = { enabled: true, blockSteps: 3 })), '--json', '--out', out]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ledgers.map((l: any) => [l.mechanism, l.format, l.blocks, l.verified, l.balancesReproduced])).toEqual([
      ['none', 'blocks', 3, true, true], ['pay-as-bid', 'blocks', 3, true, true], // 8 steps in blocks of 3
    ]);
    const text = readFileSync(join(out, 'ledger-pay-as-bid.jsonl'), 'utf8');
    expect(text.trim().split('\n').length).toBe(3);
    const keys = Keyring.deterministic(1, ['a', 'b', 'c', ...Object.values(LEDGER_PARTIES)]);
    const report = verifyBlockLines(text, keys.registry(), { file: 'ledger-pay-as-bid.jsonl' });
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(j.ledgers[1].entries);
    expect(report.head.hash).toBe(j.ledgers[1].head.hash);
  });

  it.each([
    ['a bad field', () => [smallScenarioFile((s) => (s.prosumers[0].battery.capacityKwh = 0))], /prosumers\[0\]\.battery\.capacityKwh = 0 kWh: must be > 0/],
    ['an unknown bus', () => [smallScenarioFile((s) => (s.prosumers[2].bus = '99'))], /prosumers\[2\]\.bus = "99": no such bus/],
    ['broken JSON', () => {
      const f = join(tmp, 'broken.json');
      writeFileSync(f, '{\n  "name": "x",\n  "seed": ,\n}');
      return [f];
    }, /broken\.json:3:\d+: expected valid JSON/],
    ['a missing file', () => [join(tmp, 'nope.json')], /no such file/],
    ['bad --steps', () => ['--steps', 'ten'], /--steps = "ten": expected a positive integer/],
    ['--steps beyond the horizon', () => [smallScenarioFile(), '--steps', '9'], /--steps = 9: exceeds the scenario's horizon of 8 steps/],
    ['bad --mechanisms', () => ['--mechanisms', 'uniform,vickrey'], /--mechanisms = "vickrey"/],
    ['a repeated mechanism', () => ['--mechanisms', 'none,uniform,none'], /--mechanisms = "none,uniform,none": lists 'none' twice/],
  ])('rejects %s with one line and a non-zero exit', async (_name, args, message) => {
    const r = await run((args as () => string[])());
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').length).toBe(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
