/**
 * The worker_threads side of the parallel ADMM (Node-only file): one AdmmPartition per worker, exposed through
 * comlink. The main thread (./admm-worker-pool.ts) calls init once, then step once per iteration, then ownState.
 * The worker posts 'ready' after expose(), and the pool waits for it before the first call (stack-notes §5).
 */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { AdmmPartition, type AdmmPartitionSetup, type AdmmStepOutcome } from './admm-partition.js';

let partition: AdmmPartition | null = null;

/** The API a partition worker exposes. */
export const admmWorkerApi = {
  /** Builds this worker's partition (instantiates its own WASM module). */
  init(setup: AdmmPartitionSetup): void {
    partition = new AdmmPartition(setup);
  },
  /** One protocol step (see ./admm-partition.ts). */
  step(incoming: Float64Array[] | null, rho: number): AdmmStepOutcome {
    return partition!.step(incoming, rho);
  },
  /** Own entries' proposals and prices. */
  ownState(): { kLo: number; trade: Float64Array; price: Float64Array } {
    return partition!.ownState();
  },
};

/** Type of the exposed API, for Comlink.wrap. */
export type AdmmWorkerApi = typeof admmWorkerApi;

if (parentPort) {
  Comlink.expose(admmWorkerApi, nodeEndpoint(parentPort));
  parentPort.postMessage('ready');
}
