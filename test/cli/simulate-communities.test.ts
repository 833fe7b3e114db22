// `peergrid simulate` on a scenario file with nested communities and an islanded grid: the terminal tables, the
// per-run figures in --json, and a path-named error for a bad community.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerSimulateCommand } from '../../ts/cli/simulate-command.js';
import { runCli } from './run-cli-in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'peergrid-communities-'));
function scenarioFile(extra: Record<string, unknown>): string {
  const s = {
    name: 'two streets', network: 'ieee33',
    prosumers: [
      { id: 'a', bus: '18', load: { kind: 'household', annualKwh: 5000 }, pvKwp: 8, battery: { capacityKwh: 10, powerKw: 5 } },
      { id: 'b', bus: '17', load: { kind: 'household', annualKwh: 4000 }, pvKwp: 6 },
      { id: 'c', bus: '33', load: { kind: 'constant', pKw: 1.5 } },
      { id: 'd', bus: '32', load: { kind: 'household', annualKwh: 4000 } },
    ],
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 },
    market: { mechanism: 'uniform' },
    horizon: { start: '2024-06-03T08:00:00Z', steps: 12, dtHours: 0.25 },
    seed: 1,
    communities: [{ id: 'sunny', prosumers: ['a', 'b'] }, { id: 'flats', prosumers: ['c', 'd'] }],
    interCommunity: { mechanism: 'uniform' },
    ...extra,
  };
  const f = join(tmp, `s-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify(s));
  return f;
}
const run = (args: string[]) => runCli(registerSimulateCommand, ['simulate', ...args]);

describe('peergrid simulate with communities and an island', () => {
  it('prints the per-community table, and --json carries communities per run', async () => {
    const f = scenarioFile({});
    const text = await run([f]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Communities \(inter-community market: uniform, residuals as orders\):/m);
    expect(text.stdout).toMatch(/^uniform\s+sunny\s+uniform/m);
    const json = await run([f, '--json']);
    const out = JSON.parse(json.stdout);
    const uniform = out.runs.find((r: { mechanism: string }) => r.mechanism === 'uniform');
    expect(uniform.communities.communities.map((c: { id: string }) => c.id)).toEqual(['sunny', 'flats']);
    expect(uniform.communities.whole.interKwh).toBeGreaterThan(0); // the PV street sells to the flats at midday
    expect(uniform.islanded).toBeUndefined();
  });

  it('prints the islanded table and --json carries the islanded metrics', async () => {
    const f = scenarioFile({ grid: { mode: 'islanded', vollPerKwh: 6 } });
    const text = await run([f]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Islanded \(no retailer; value of lost load 6 EUR\/kWh\):/m);
    const out = JSON.parse((await run([f, '--json'])).stdout);
    for (const r of out.runs) expect(r.islanded.maxBalanceErrorKwh).toBeLessThan(1e-9);
  });

  it('names the community path of a bad member', async () => {
    const r = await run([scenarioFile({ communities: [{ id: 'sunny', prosumers: ['a', 'b', 'x'] }, { id: 'flats', prosumers: ['c', 'd'] }] })]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/communities\[0\]\.prosumers\[2\]/);
  });
});
