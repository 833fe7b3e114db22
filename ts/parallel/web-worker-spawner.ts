/**
 * The browser's spawner for the worker pool: each worker is a module Web Worker whose script calls exposeJobs
 * (e.g. web/src/simulation-worker.ts, bundled by esbuild).
 */
import type { Endpoint } from 'comlink';
import type { SpawnWorker, WorkerHandle } from './worker-handle.js';

/** Returns a spawner of module Web Workers running `scriptUrl`. */
export function webWorkerSpawner(scriptUrl: string | URL): SpawnWorker {
  return (): WorkerHandle => {
    const worker = new Worker(scriptUrl, { type: 'module' });
    let exited = false;
    const listeners: ((e: Error) => void)[] = [];
    worker.addEventListener('error', (ev) => {
      if (exited) return;
      exited = true;
      ev.preventDefault();
      const e = new Error(`worker failed: ${ev.message || 'script error'}`);
      for (const l of listeners) l(e);
    });
    return {
      endpoint: worker as unknown as Endpoint,
      onExit: (l) => void listeners.push(l),
      terminate: () => {
        exited = true;
        worker.terminate();
      },
    };
  };
}
