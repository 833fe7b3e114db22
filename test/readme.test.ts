// README.md runs exactly as written: its library snippet (importing 'peergrid' and 'peergrid/node' by name, so
// through the built package) and its command lines (on the shipped examples/data/ files).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { registerClearCommand } from '../ts/cli/clear-command.js';
import { registerPfCommand } from '../ts/cli/pf-command.js';
import { registerSimulateCommand } from '../ts/cli/simulate-command.js';
import { registerOpfCommand } from '../ts/cli/opf-command.js';
import { registerScheduleCommand } from '../ts/cli/schedule-command.js';
import { registerGameCommand } from '../ts/cli/game-command.js';
import { runCli } from './cli/run-cli-in-process.js';

const repoRoot = join(import.meta.dirname, '..');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
// Inside the package (not in os.tmpdir()), so that 'peergrid' resolves by self-reference.
mkdirSync(join(repoRoot, '.test-tmp'), { recursive: true });
const tmp = mkdtempSync(join(repoRoot, '.test-tmp', 'readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The fenced blocks of one language under a `## heading`. */
function blocks(heading: string, lang: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading + '\n'));
  if (!section) throw new Error(`README has no section '## ${heading}'`);
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('README', () => {
  it('the library snippet runs as written and prints the published IEEE 33-bus figures', () => {
    const [snippet] = blocks('Library', 'ts');
    const file = join(tmp, 'snippet.mts');
    writeFileSync(file, snippet!);
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, encoding: 'utf8' });
    const [first, ...rest] = out.trim().split('\n');
    const [status, vmin, lossesKw] = first!.split(' ');
    expect(status).toBe('converged');
    expect(Number(vmin)).toBeCloseTo(0.91309, 5); // Baran & Wu / MATPOWER case33bw, 5 decimals
    expect(Number(lossesKw)).toBeCloseTo(202.68, 2);
    expect(rest.filter((l) => l.startsWith('PV ')).length).toBe(3);
    expect(out).toMatch(/none \(no P2P\)/);
  });

  it('the command lines run as written on examples/data (in this process, as test/cli does)', async () => {
    const [sh] = blocks('Command line', 'sh');
    const lines = sh!.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      const args = line.replace(/^npx peergrid /, '').split(/\s+/).map((a) => (a === 'results/' ? join(tmp, 'results') : a));
      const all = (p: Command): void => [registerPfCommand, registerClearCommand, registerSimulateCommand, registerOpfCommand, registerScheduleCommand, registerGameCommand].forEach((r) => r(p));
      const r = await runCli(all, args);
      expect(r.code, `${line}: ${r.stderr}`).toBe(0);
      if (args.includes('--json')) JSON.parse(r.stdout); // one JSON object
      else expect(r.stdout.length, line).toBeGreaterThan(0);
    }
    expect(existsSync(join(tmp, 'results', 'report.html'))).toBe(true);
  });
});
