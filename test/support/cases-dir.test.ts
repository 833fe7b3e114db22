// Every test and benchmark finds the MATPOWER cases through test/support/cases.ts, so the whole suite runs with the
// cases in another folder (PEERGRID_CASES_DIR). A literal path to the cases anywhere else fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casesDir, matpowerJsonCaseNames, matpowerJsonDir, matpowerMPath } from './cases.js';

const repoRoot = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sourceFiles(p);
    return /\.(ts|mts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

describe('the cases folder', () => {
  it('is named only by test/support/cases.ts: no string literal elsewhere points at shared/cases or /work/', () => {
    const offenders: string[] = [];
    for (const f of [...sourceFiles(join(repoRoot, 'test')), ...sourceFiles(join(repoRoot, 'bench'))]) {
      if (f.endsWith(join('support', 'cases.ts')) || f === import.meta.filename) continue;
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/['"`][^'"`\n]*shared\/cases/.test(line) || /['"`]\/work\//.test(line)) {
          offenders.push(`${relative(repoRoot, f)}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offenders).toEqual([]);
  });

  it('honours PEERGRID_CASES_DIR and holds both forms of the cases', () => {
    if (process.env.PEERGRID_CASES_DIR) expect(casesDir).toBe(join(process.env.PEERGRID_CASES_DIR, '.').replace(/\/$/, ''));
    expect(matpowerJsonDir.startsWith(casesDir)).toBe(true);
    expect(matpowerJsonCaseNames()).toContain('case33bw');
    expect(matpowerMPath('case9').startsWith(casesDir)).toBe(true);
  });
});
