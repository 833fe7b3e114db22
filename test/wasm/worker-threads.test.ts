import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { compileMatpowerCase, parseMatpowerJson, solvePowerFlow } from '../../ts/index.js';
import { matpowerJsonPath } from '../support/cases.js';

function solveInWorker(file: string, method: 'bfs' | 'nr'): Promise<{ status: string; vmPu: number[]; lossesMw: number }> {
  const caseText = readFileSync(file, 'utf8');
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./fixtures/power-flow-worker.mjs', import.meta.url), {
      workerData: { caseText, file, method },
    });
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('WASM kernels in worker_threads', () => {
  for (const [name, method] of [
    ['case33bw', 'bfs'],
    ['case30', 'nr'],
  ] as const) {
    it(`${name} (${method}) in a worker gives bit-identical voltages to the main thread`, async () => {
      const file = matpowerJsonPath(name);
      const inWorker = await solveInWorker(file, method);
      const net = compileMatpowerCase(parseMatpowerJson(readFileSync(file, 'utf8'), file));
      const here = solvePowerFlow(net, { method, engine: 'wasm' });
      expect(inWorker.status).toBe('converged');
      expect(inWorker.vmPu).toEqual(Array.from(here.vmPu));
      expect(inWorker.lossesMw).toBe(here.lossesMw);
    });
  }
});
