// The one place tests find the public MATPOWER cases: PEERGRID_CASES_DIR when set, else ../shared/cases next to
// the repository (where every developer and CI run has it). test/support/cases-dir.test.ts checks that no other
// test names a cases path of its own.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the cases folder (holding matpower/ and matpower-m/). */
export const casesDir: string = resolve(process.env.PEERGRID_CASES_DIR ?? join(repoRoot, '..', 'shared', 'cases'));

if (!existsSync(casesDir)) {
  throw new Error(`MATPOWER test cases not found at ${casesDir}; set PEERGRID_CASES_DIR`);
}

/** Folder of the cases in MATPOWER's JSON matrix form (<name>.case.json). */
export const matpowerJsonDir: string = join(casesDir, 'matpower');

/** Folder of the cases in MATPOWER's .m form (<name>.m). */
export const matpowerMDir: string = join(casesDir, 'matpower-m');

/** Path of a case in the JSON matrix form, e.g. matpowerJsonPath('case9'). */
export function matpowerJsonPath(name: string): string {
  return join(matpowerJsonDir, `${name}.case.json`);
}

/** Path of a case in MATPOWER's .m form, e.g. matpowerMPath('case9'). */
export function matpowerMPath(name: string): string {
  return join(matpowerMDir, `${name}.m`);
}

/** Names (without extension) of every case in the JSON form, sorted. */
export function matpowerJsonCaseNames(): string[] {
  return readdirSync(matpowerJsonDir).filter((f) => f.endsWith('.case.json')).map((f) => f.slice(0, -'.case.json'.length)).sort();
}
