/**
 * `peergrid worker --queue redis://HOST:PORT [--concurrency N] [--lock-duration MS]`
 *
 * Runs sweep jobs from the BullMQ queue (see sweep-command.ts) until interrupted (SIGINT/SIGTERM: finishes the
 * running jobs, then exits). Start one per machine, with N = its cores. One line per job on stderr.
 */
import type { Command } from 'commander';
import { parseRedisUrl } from '../sweep/queue/redis-url.js';
import { startQueueWorker } from '../sweep/queue/queue-worker.js';
import { positiveIntOption } from './sweep-command.js';

interface WorkerOptions {
  queue: string;
  concurrency?: string;
  lockDuration?: string;
}

/** Registers `peergrid worker`. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run sweep jobs from a Redis queue (BullMQ) until interrupted')
    .requiredOption('--queue <url>', 'the queue (redis://HOST:PORT)')
    .option('--concurrency <n>', 'jobs at once, each on its own worker thread (default 1)')
    .option('--lock-duration <ms>', 'a job whose worker is silent this long goes to another worker (default 30000)')
    .action(async (opts: WorkerOptions) => {
      const connection = parseRedisUrl(opts.queue, '--queue');
      const concurrency = opts.concurrency === undefined ? 1 : positiveIntOption('worker', '--concurrency', opts.concurrency);
      const lockDurationMs = opts.lockDuration === undefined ? undefined : positiveIntOption('worker', '--lock-duration', opts.lockDuration);
      const worker = await startQueueWorker(connection, {
        concurrency,
        lockDurationMs,
        onJob: (key, outcome, error) => process.stderr.write(`${outcome} ${key.slice(0, 12)}${error ? `: ${error}` : ''}\n`),
      });
      process.stderr.write(`peergrid worker ${worker.id}: ${concurrency} at a time from ${opts.queue}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await worker.close();
    });
}
