/**
 * Helpers shared by the bench/*.bench.ts suites (this file is not a suite: bench/run-all.ts runs only *.bench.ts).
 * Node-only: benchmarks write their results with node:fs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/results, where every suite writes <name>.json and <name>.md. */
export const RESULTS_DIR = join(dirname(dirname(fileURLToPath(import.meta.url))), 'results');

/** Median of a non-empty list (mean of the two middle values for an even count); same unit as the input. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The machine's processors as "<count> × <model>", for the results' environment line. */
export function cpuDescription(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`;
}

/** The 1/5/15-minute load averages, two decimals, space-separated, for the markdown environment line. */
export function loadAverageText(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** Writes `text` as it is to bench/results/<file> (creating the folder). */
export function writeResult(file: string, text: string): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, file), text);
}
