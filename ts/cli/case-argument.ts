/**
 * What the `<case>` argument of `peergrid pf` names: a built-in network, a case file by its path, or a MATPOWER case
 * by its bare name (`case9241pegase`, `case9241pegase.m`) looked up in the case folders — `PEERGRID_CASES_DIR` first,
 * then `../shared/cases` next to the peergrid package — in the layout of ../shared/cases (`<name>.m`,
 * `matpower-m/<name>.m`, `<name>.case.json`, `matpower/<name>.case.json`, `<name>.json`). When nothing matches, the
 * error lists what is available. Node-only.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileError, ValidationError } from '../errors.js';

/** A resolved `<case>` argument. */
export type CaseArgument = { kind: 'built-in'; name: string } | { kind: 'file'; path: string };

/** The folders searched for bare case names, in order (existing ones only). */
export function caseFolders(env: Record<string, string | undefined> = process.env): string[] {
  const dirs: string[] = [];
  if (env.PEERGRID_CASES_DIR) dirs.push(resolve(env.PEERGRID_CASES_DIR));
  // ts/cli/ and dist/cli/ both sit two levels below the package root.
  dirs.push(fileURLToPath(new URL('../../../shared/cases/', import.meta.url)).replace(/\/$/, ''));
  return dirs.filter((d, i) => dirs.indexOf(d) === i && isDirectory(d));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where a bare name is looked for in one folder, the preferred form first. */
function candidates(dir: string, stem: string, preferJson: boolean): string[] {
  const m = [join(dir, `${stem}.m`), join(dir, 'matpower-m', `${stem}.m`)];
  const json = [join(dir, `${stem}.case.json`), join(dir, 'matpower', `${stem}.case.json`), join(dir, `${stem}.json`)];
  return preferJson ? [...json, ...m] : [...m, ...json];
}

/** Case names available in the folders (stems of .m and .json files in them and their matpower/, matpower-m/). */
export function availableCaseNames(dirs: string[]): string[] {
  const names = new Set<string>();
  for (const dir of dirs) {
    for (const sub of ['', 'matpower', 'matpower-m']) {
      let entries: string[];
      try {
        entries = readdirSync(join(dir, sub));
      } catch {
        continue;
      }
      for (const e of entries) {
        const m = /^(.+?)(\.case\.json|\.json|\.m)$/i.exec(e);
        if (m) names.add(m[1]!);
      }
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Resolves the `<case>` argument: an existing path is a file (a directory is refused); a name of a built-in network
 * is that network; any other name without a folder part is looked up in `caseFolders()`.
 */
export function resolveCaseArgument(arg: string, builtIns: readonly string[], dirs: string[] = caseFolders()): CaseArgument {
  if (existsSync(arg)) {
    if (isDirectory(arg)) throw new FileError(arg, 'is a directory; expected a MATPOWER case file (.m or .json) or a case name', 'EISDIR');
    return { kind: 'file', path: arg };
  }
  const lower = arg.toLowerCase();
  if (builtIns.includes(lower)) return { kind: 'built-in', name: lower };
  if (/[\\/]/.test(arg)) throw new FileError(arg, 'no such file (ENOENT)', 'ENOENT');
  const stem = arg.replace(/(\.case\.json|\.json|\.m)$/i, '');
  const preferJson = /\.json$/i.test(arg);
  for (const dir of dirs) {
    for (const s of stem === stem.toLowerCase() ? [stem] : [stem, stem.toLowerCase()]) {
      for (const path of candidates(dir, s, preferJson)) if (existsSync(path) && !isDirectory(path)) return { kind: 'file', path };
    }
  }
  const available = [...builtIns, ...availableCaseNames(dirs)];
  const where = dirs.length > 0 ? `in ${dirs.join(', ')}` : '(no case folder found: set PEERGRID_CASES_DIR)';
  throw new ValidationError(
    { element: 'argument', id: 'case', field: 'case', value: arg },
    `not a .m or .json file, a built-in network or a case ${where}; available: ${available.join(', ')}`,
  );
}
