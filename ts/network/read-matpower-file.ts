/**
 * Node-only: reads a MATPOWER case file from disk and parses it by extension (`.m` → parseMatpowerM, `.json` →
 * parseMatpowerJson). Kept out of ts/network/index.ts so browsers and workers never import node:fs; import it from
 * 'peergrid/…/read-matpower-file.js' (the CLI does).
 */
import { basename } from 'node:path';
import { ParseError } from '../errors.js';
import { readTextFile } from '../files/read-text-file.js';
import type { MatpowerCase } from './matpower-case.js';
import { parseMatpowerJson } from './matpower-json-parser.js';
import { parseMatpowerM } from './matpower-m-parser.js';

/** Reads and validates a MATPOWER case file (`.m` or `.json`); errors name the file as given. */
export function readMatpowerFile(path: string): MatpowerCase {
  const lower = basename(path).toLowerCase();
  const isM = lower.endsWith('.m');
  const isJson = lower.endsWith('.json');
  if (!isM && !isJson) {
    throw new ParseError(path, 1, 1, 'a MATPOWER case file ending in .m or .json', JSON.stringify(basename(path)));
  }
  const text = readTextFile(path, 'a MATPOWER case file');
  return isM ? parseMatpowerM(text, path) : parseMatpowerJson(text, path);
}
