/**
 * `peergrid sweep <sweep.json> [--workers N] [--out DIR] [--json] [--queue redis://HOST:PORT]`
 *
 * Runs every combination of a `peergrid-sweep/1` file (ts/sweep/sweep-file.ts) on a local worker pool (N workers,
 * default: the available cores) or, with --queue, through BullMQ on Redis (`peergrid worker` processes run the jobs
 * anywhere). Writes to DIR (default: `<sweep file without .json>.out` next to it) runs.csv, runs.json and report.html,
 * and keeps each result under results/<key>.json as soon as it arrives: re-running skips runs already done (the key
 * hashes the resolved scenario and peergrid's version), so an interrupted sweep loses at most the runs in flight.
 * With --json, prints exactly one JSON object `{runs: [{params, metrics}], workers, elapsedMs}` (grid order).
 * A progress bar goes to stderr only when it is a terminal. Exit 1 when a run failed (its error is in runs.csv).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ValidationError } from '../errors.js';
import { createNodeWorkerPool, defaultNodePoolSize } from '../parallel/node/node-worker-spawner.js';
import { readSweepFile } from '../sweep/node/read-sweep-file.js';
import { directoryRunStore } from '../sweep/node/run-store.js';
import { poolExecutor } from '../sweep/pool-executor.js';
import { runSweep, type SweepExecutor } from '../sweep/run-sweep.js';
import { sweepAxes } from '../sweep/expand-sweep.js';
import { sweepRunsCsv, sweepRunsJson } from '../sweep/sweep-outputs.js';
import { renderSweepReport } from '../sweep/sweep-report.js';
import { createQueueExecutor, type QueueExecutor } from '../sweep/queue/queue-executor.js';
import { parseRedisUrl } from '../sweep/queue/redis-url.js';

interface SweepOptions {
  workers?: string;
  out?: string;
  json?: boolean;
  queue?: string;
}

/** Parses a positive integer option; the error names the flag. */
export function positiveIntOption(command: string, flag: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new ValidationError({ element: 'option', id: command, field: flag, value: v }, 'expected a positive integer');
  }
  return n;
}

/** Registers `peergrid sweep`. */
export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description('run every combination of a parameter sweep (peergrid-sweep/1) on local workers or a Redis queue')
    .argument('<sweep>', 'sweep JSON file')
    .option('--workers <n>', 'local worker threads (default: the available cores)')
    .option('--out <dir>', 'output folder (default: <sweep>.out next to the sweep file)')
    .option('--json', 'print exactly one JSON object on stdout')
    .option('--queue <url>', 'distribute through BullMQ on Redis (redis://HOST:PORT); run `peergrid worker` elsewhere')
    .action(async (file: string, opts: SweepOptions) => {
      const workers = opts.workers === undefined ? undefined : positiveIntOption('sweep', '--workers', opts.workers);
      const redis = opts.queue === undefined ? undefined : parseRedisUrl(opts.queue, '--queue');
      if (redis && workers !== undefined) {
        throw new ValidationError({ element: 'option', id: 'sweep', field: '--workers', value: opts.workers }, 'with --queue the workers are `peergrid worker` processes');
      }
      const { spec, runs } = readSweepFile(file);
      const outDir = resolve(opts.out ?? join(dirname(resolve(file)), `${basename(file).replace(/\.json$/i, '')}.out`));
      mkdirSync(outDir, { recursive: true });
      const store = directoryRunStore(join(outDir, 'results'));
      const pool = redis ? null : createNodeWorkerPool({ size: workers ?? Math.min(defaultNodePoolSize(), Math.max(1, runs.length)) });
      const executor: SweepExecutor = pool ? poolExecutor(pool) : await createQueueExecutor(redis!);
      const bar =
        process.stderr.isTTY && !opts.json
          ? new cliProgress.SingleBar(
              { stream: process.stderr, format: 'sweep [{bar}] {percentage}% | {value}/{total} runs | {cached} cached | {failed} failed | {eta_formatted} left', hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : null;
      let cached = 0;
      let failed = 0;
      bar?.start(runs.length, 0, { cached, failed });
      const t0 = performance.now();
      let outcomes;
      try {
        outcomes = await runSweep(runs, {
          executor,
          store,
          onRunDone: (done, _total, o) => {
            if (o.cached) cached++;
            if (o.error !== undefined) failed++;
            bar?.update(done, { cached, failed });
          },
        });
      } finally {
        bar?.stop();
        await pool?.close();
        if (!pool) await (executor as QueueExecutor).close();
      }
      const elapsedMs = performance.now() - t0;
      const axes = sweepAxes(spec);
      const json = sweepRunsJson(outcomes, executor.workers, elapsedMs);
      writeFileSync(join(outDir, 'runs.json'), JSON.stringify(json, null, 1) + '\n');
      writeFileSync(join(outDir, 'runs.csv'), sweepRunsCsv(outcomes, axes));
      writeFileSync(join(outDir, 'report.html'), renderSweepReport(outcomes, axes, `peergrid sweep: ${basename(file)}`));
      if (opts.json) process.stdout.write(JSON.stringify(json) + '\n');
      else {
        const where = redis ? `queue ${opts.queue}` : `${executor.workers} worker(s)`;
        process.stdout.write(
          `${runs.length} run(s): ${runs.length - cached - failed} computed, ${cached} already done, ${failed} failed, on ${where} in ${(elapsedMs / 1000).toFixed(2)} s\n` +
            `wrote ${join(outDir, 'runs.csv')}, runs.json, report.html\n`,
        );
      }
      if (failed > 0) {
        const first = outcomes.find((o) => o.error !== undefined)!;
        process.stderr.write(`peergrid: ${failed} run(s) failed; first (${JSON.stringify(first.params)}): ${first.error}\n`);
        process.exitCode = 1;
      }
    });
}
