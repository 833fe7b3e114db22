/**
 * Node's spawner for the worker pool: each worker is a worker_threads Worker running node-worker-entry (or a script
 * of the caller's that calls exposeJobs with more jobs). From the compiled package the entry is a .js file; when
 * peergrid runs from its TypeScript sources (tests, tsx) it is a .ts file, bundled once by esbuild.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SpawnWorker, WorkerHandle } from '../worker-handle.js';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from '../worker-pool.js';
import type { BuiltInJobs, JobTable } from '../worker-jobs.js';
import { nodeEndpoint } from './node-endpoint.js';

/** Options of the Node spawner. */
export interface NodeSpawnerOptions {
  /** Worker script (default: the built-in entry next to this file). A .ts script is bundled by esbuild first. */
  script?: URL;
  /** V8 heap limits per worker. */
  resourceLimits?: ResourceLimits;
}

const ownExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

const bundles = new Map<string, string>();

/**
 * A worker script given as TypeScript (peergrid running from its sources: tests, tsx) is bundled once per process
 * with esbuild (a dev dependency, loaded only here) into one ES module in the temp folder. Node 20 cannot run .ts,
 * and registering tsx in every worker costs each one about a second of compiling.
 */
function runnableScript(script: URL): URL {
  if (!script.pathname.endsWith('.ts')) return script;
  let out = bundles.get(script.href);
  if (out === undefined) {
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'peergrid-worker-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    out = join(dir, 'worker.mjs');
    esbuild.buildSync({
      entryPoints: [fileURLToPath(script)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: out,
      logLevel: 'error',
      // Bundled CommonJS dependencies call require(); give the ES module one.
      banner: { js: "import { createRequire as __peergridRequire } from 'node:module'; const require = __peergridRequire(import.meta.url);" },
    });
    bundles.set(script.href, out);
  }
  return pathToFileURL(out);
}

/** Returns a spawner of Node worker threads running the pool's worker entry. */
export function nodeWorkerSpawner(options: NodeSpawnerOptions = {}): SpawnWorker {
  const script = options.script ?? new URL(`./node-worker-entry${ownExtension}`, import.meta.url);
  return (): WorkerHandle => {
    const worker = new Worker(runnableScript(script), { resourceLimits: options.resourceLimits });
    let exited = false;
    const listeners: ((e: Error) => void)[] = [];
    const exit = (e: Error): void => {
      if (exited) return;
      exited = true;
      for (const l of listeners) l(e);
    };
    worker.on('error', (e) => exit(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => exit(new Error(`worker exited with code ${code}`)));
    return {
      endpoint: nodeEndpoint(worker),
      onExit: (l) => void listeners.push(l),
      terminate: () => {
        exited = true;
        void worker.terminate();
      },
    };
  };
}

/** The default pool size on this machine: the cores Node may use. */
export function defaultNodePoolSize(): number {
  return availableParallelism();
}

/** A worker pool of Node worker threads (size default: the available cores). */
export function createNodeWorkerPool<J extends JobTable = BuiltInJobs>(
  options: Omit<WorkerPoolOptions, 'spawn'> & NodeSpawnerOptions = {},
): WorkerPool<J> {
  return createWorkerPool<J>({ ...options, size: options.size ?? defaultNodePoolSize(), spawn: nodeWorkerSpawner(options) });
}
