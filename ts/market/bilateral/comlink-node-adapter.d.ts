// comlink ships typings for its Node adapter only next to the UMD build; this declares the standalone ESM adapter
// (it imports nothing from comlink, so it does not create a second copy of comlink's proxy markers).
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  /** Wraps a worker_threads port (Worker or parentPort) as a comlink Endpoint. */
  export default function nodeEndpoint(port: unknown): Endpoint;
}
