/** Node-only: reads a scenario JSON file and gives the simulation file access relative to it. Not in the browser path. */
import { readTextFile } from '../../files/read-text-file.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ParseError } from '../../errors.js';
import type { ScenarioFiles } from '../engine/simulation-deps.js';
import { jsonErrorOffset } from './json-error-position.js';

/** File access for a scenario: paths in it are relative to `baseDir`. */
export function nodeScenarioFiles(baseDir: string): ScenarioFiles {
  return {
    readText: (path) => readTextFile(path),
    resolve: (path) => (isAbsolute(path) ? path : resolve(baseDir, path)),
  };
}

/** Line and column (1-based) of character offset `pos` in `text`. */
export function lineColumnAt(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: pos - last };
}

/** Reads and parses a scenario JSON file; bad JSON is a ParseError with line and column. */
export function readScenarioFile(path: string): { scenario: unknown; files: ScenarioFiles } {
  const text = readTextFile(path, 'a scenario file');
  let scenario: unknown;
  try {
    scenario = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    const lc = lineColumnAt(text, at < 0 ? 0 : at);
    const found = at < 0 || at >= text.length ? 'the end of the file' : JSON.stringify(text.slice(at, at + 12));
    throw new ParseError(path, lc.line, lc.column, 'valid JSON', found);
  }
  return { scenario, files: nodeScenarioFiles(dirname(resolve(path))) };
}
