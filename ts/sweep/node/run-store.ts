/**
 * Node-only: sweep results kept as one JSON file per run key in a folder (`<out>/results/<key>.json`). A file is
 * written to a temporary name and renamed, so a crash never leaves half a result, and writers on several machines
 * sharing the folder, or a run done twice, write the same bytes to the same name: nothing is ever doubled.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStore } from '../run-sweep.js';
import type { RunMetrics } from '../run-metrics.js';
import { PEERGRID_VERSION } from '../../version.js';

/** A run store over the folder `dir` (created if missing). */
export function directoryRunStore(dir: string): RunStore {
  mkdirSync(dir, { recursive: true });
  const file = (key: string): string => join(dir, `${key}.json`);
  return {
    get(key) {
      let text: string;
      try {
        text = readFileSync(file(key), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const stored = JSON.parse(text) as { key: string; metrics: RunMetrics };
        return stored.key === key ? stored.metrics : undefined;
      } catch {
        return undefined; // unreadable: computed again and overwritten
      }
    },
    put(key, metrics) {
      const tmp = `${file(key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify({ key, peergrid: PEERGRID_VERSION, metrics }));
      renameSync(tmp, file(key));
    },
  };
}
