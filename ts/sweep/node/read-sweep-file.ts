/** Node-only: reads a sweep file, its base scenario (inline or a path relative to the sweep file) and expands it. */
import { dirname, resolve } from 'node:path';
import { readScenarioFile, nodeScenarioFiles } from '../../sim/node/scenario-file.js';
import { parseSweepSpec, sweepError, type SweepSpec } from '../sweep-file.js';
import { expandSweep, type SweepRun } from '../expand-sweep.js';

/** A sweep read from disk: its spec and every run, validated. */
export interface LoadedSweep {
  spec: SweepSpec;
  runs: SweepRun[];
}

/** Reads and expands `path`; bad JSON is a ParseError with line and column, a bad value a located ValidationError. */
export function readSweepFile(path: string): LoadedSweep {
  const { scenario: parsed } = readScenarioFile(path);
  const spec = parseSweepSpec(parsed, path);
  let base: Record<string, unknown>;
  let files = nodeScenarioFiles(dirname(resolve(path)));
  if (typeof spec.base === 'string') {
    const basePath = resolve(dirname(resolve(path)), spec.base);
    let loaded;
    try {
      loaded = readScenarioFile(basePath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw sweepError(path, 'base', spec.base, `no such file: ${basePath}`);
      throw e;
    }
    if (loaded.scenario === null || typeof loaded.scenario !== 'object' || Array.isArray(loaded.scenario)) {
      throw sweepError(path, 'base', spec.base, 'the base file does not hold a scenario object');
    }
    base = loaded.scenario as Record<string, unknown>;
    files = loaded.files;
  } else {
    base = spec.base;
  }
  return { spec, runs: expandSweep(spec, base, files) };
}
