/** Node-only: reads a scenario JSON file and gives the simulation file access relative to it. Not in the browser path. */
import { readTextFile } from '../../files/read-text-file.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ScenarioFiles } from '../engine/simulation-deps.js';
import { parseJsonText } from '../../network/json-text.js';

/** File access for a scenario: paths in it are relative to `baseDir`. */
export function nodeScenarioFiles(baseDir: string): ScenarioFiles {
  return {
    readText: (path) => readTextFile(path),
    resolve: (path) => (isAbsolute(path) ? path : resolve(baseDir, path)),
  };
}

/** Reads and parses a scenario JSON file; bad JSON is a ParseError with line and column. */
export function readScenarioFile(path: string): { scenario: unknown; files: ScenarioFiles } {
  const text = readTextFile(path, 'a scenario file');
  const scenario = parseJsonText(text, path);
  return { scenario, files: nodeScenarioFiles(dirname(resolve(path))) };
}
