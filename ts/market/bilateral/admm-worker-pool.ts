/**
 * Runs the ADMM partitions in worker_threads workers through comlink (Node-only file): one worker per partition,
 * each with its own WASM instance, exchanging only boundary proposals per iteration through the main thread, which
 * drives the same iteration loop as the in-thread run (./admm-solver.ts), so the iterates are bit-identical.
 * Workers are terminated when the solve ends, also on error. Under tsx/vitest (TypeScript sources) the worker is
 * started with tsx's loader.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { admmLoop, gatherState, type AdmmLoopOutcome, type AdmmPlan } from './admm-solver.js';
import type { AdmmWorkerApi } from './admm-worker.js';

/** The worker module; from TypeScript sources, a bootstrap that registers tsx's loader first (Node 20 runs no .ts). */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./admm-worker.js', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./admm-worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Runs `plan` with one worker per partition; resolves with the loop outcome and the full final state. */
export async function runAdmmInWorkers(plan: AdmmPlan): Promise<{ loop: AdmmLoopOutcome; trade: Float64Array; price: Float64Array }> {
  const workers = plan.setups.map(() => new Worker(workerUrl()));
  try {
    const remotes = await Promise.all(workers.map(async (w) => {
      await new Promise<void>((resolve, reject) => {
        const onMessage = (m: unknown): void => { if (m === 'ready') { w.off('message', onMessage); resolve(); } };
        w.on('message', onMessage);
        w.once('error', reject);
      });
      return Comlink.wrap<AdmmWorkerApi>(nodeEndpoint(w));
    }));
    await Promise.all(remotes.map((r, q) => r.init(plan.setups[q]!)));
    const gen = admmLoop(plan);
    let req = gen.next();
    while (!req.done) {
      const { incoming, rho } = req.value;
      const outs = await Promise.all(remotes.map((r, q) => r.step(incoming ? incoming[q]! : null, rho)));
      req = gen.next(outs);
    }
    const states = await Promise.all(remotes.map((r) => r.ownState()));
    return { loop: req.value, ...gatherState(plan, states) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
