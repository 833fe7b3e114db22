// Runs every benchmark suite (bench/*.bench.ts) in its own process, one after another so they do not compete for
// the CPU, then writes bench/RESULTS.md from the per-suite summaries in bench/results/*.md.
// Usage: npm run bench [-- --quick] [-- suite-name ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuDescription, loadAverageText, RESULTS_DIR } from './support/bench-support.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const only = args.filter((a) => !a.startsWith('--'));
const suites = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((s) => only.length === 0 || only.includes(s))
  .sort();

const failed: string[] = [];
for (const suite of suites) {
  console.log(`\n=== ${suite} ===`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, `${suite}.bench.ts`), ...flags], {
    stdio: 'inherit',
  });
  console.log(`=== ${suite}: exit ${r.status} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failed.push(suite);
}

const sections = readdirSync(RESULTS_DIR)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => readFileSync(join(RESULTS_DIR, f), 'utf8').trim());
const header = existsSync(join(benchDir, 'RESULTS.header.md'))
  ? readFileSync(join(benchDir, 'RESULTS.header.md'), 'utf8').trim() + '\n\n'
  : '';
writeFileSync(
  join(benchDir, 'RESULTS.md'),
  `# Benchmark results\n\n${header}Written by \`npm run bench\` on ${new Date().toISOString()}, Node ${process.version}, ` +
    `${cpuDescription()}, load average at the end ${loadAverageText()}.` +
    `\nEach section below is written by its suite (bench/<suite>.bench.ts → bench/results/<suite>.md).\n\n` +
    sections.join('\n\n') +
    '\n',
);
if (failed.length) {
  console.error(`benchmark suites failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
