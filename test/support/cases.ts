// Where the public MATPOWER test cases are: ../shared/cases next to the repository (every developer and CI run has
// it there), or PEERGRID_CASES_DIR.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the shared cases folder (holding matpower/ and matpower-m/). */
export const casesDir: string = process.env.PEERGRID_CASES_DIR ?? join(repoRoot, '..', 'shared', 'cases');

if (!existsSync(casesDir)) {
  throw new Error(`MATPOWER test cases not found at ${casesDir}; set PEERGRID_CASES_DIR`);
}

/** Path of a case in the JSON matrix form, e.g. matpowerJsonPath('case9'). */
export function matpowerJsonPath(name: string): string {
  return join(casesDir, 'matpower', `${name}.case.json`);
}

/** Path of a case in MATPOWER's .m form, e.g. matpowerMPath('case9'). */
export function matpowerMPath(name: string): string {
  return join(casesDir, 'matpower-m', `${name}.m`);
}
