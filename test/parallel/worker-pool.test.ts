import { afterAll, describe, expect, it } from 'vitest';
import { createNodeWorkerPool } from '../../ts/parallel/node/node-worker-spawner.js';
import { WorkerCrashError, type JobInput } from '../../ts/parallel/worker-pool.js';
import { BUILT_IN_JOBS, type Job, type SeriesChunk } from '../../ts/parallel/worker-jobs.js';
import { createSimulation } from '../../ts/sim/engine/simulation.js';
import { createIeee33 } from '../../ts/network/ieee33.js';
import { compileNetwork } from '../../ts/network/compile-network.js';
import { createPowerFlow } from '../../ts/powerflow/power-flow.js';
import { clearMarket } from '../../ts/market/clear-market.js';
import type { SimMechanism } from '../../ts/sim/scenario/scenario-schema.js';

function tinyScenario(seed: number): unknown {
  return {
    name: `tiny-${seed}`,
    network: 'ieee33',
    prosumers: [
      { id: 'a', bus: '18', load: { kind: 'household', annualKwh: 5000 }, pvKwp: 8, battery: { capacityKwh: 10, powerKw: 5 } },
      { id: 'b', bus: '18', load: { kind: 'household', annualKwh: 4000 } },
      { id: 'c', bus: '33', load: { kind: 'household', annualKwh: 3000 }, pvKwp: 5 },
      { id: 'd', bus: '25', load: { kind: 'household', annualKwh: 3500 } },
    ],
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 },
    market: { mechanism: 'uniform', strategy: { kind: 'zero-intelligence' } },
    horizon: { start: '2024-06-03T00:00:00Z', steps: 96, dtHours: 0.25 },
    seed,
  };
}

const pool = createNodeWorkerPool({ size: 2 });
const TEST_JOBS = {
  ...BUILT_IN_JOBS,
  crashOnce: null as unknown as Job<{ counter: Int32Array }, string>,
  alwaysCrash: null as unknown as Job<null, never>,
  spin: null as unknown as Job<null, never>,
  fails: null as unknown as Job<{ message: string }, never>,
  echo: null as unknown as Job<number, number>,
};
const testPool = createNodeWorkerPool<typeof TEST_JOBS>({
  size: 2,
  script: new URL('./fixtures/test-jobs-worker.ts', import.meta.url),
});
afterAll(async () => {
  await pool.close();
  await testPool.close();
});

describe('worker pool (Node worker_threads over comlink)', () => {
  it('runs simulations on 2 workers bit for bit as on the main thread, in any completion order', async () => {
    const cases: [number, SimMechanism][] = [[1, 'none'], [1, 'uniform'], [2, 'sdr'], [3, 'pay-as-bid']];
    const inPool = await Promise.all(cases.map(([seed, mechanism]) => pool.run('simulate', { scenario: tinyScenario(seed), mechanism })));
    cases.forEach(([seed, mechanism], i) => {
      const sim = createSimulation(tinyScenario(seed), { mechanism });
      const here = sim.run();
      sim.dispose();
      // Exact equality (toEqual on numbers is Object.is-like for NaN and compares every bit of each double).
      expect(inPool[i]!.metrics).toEqual(here.metrics);
      expect(Object.keys(inPool[i]!.series)).toEqual(Object.keys(here.series));
      for (const k of Object.keys(here.series)) {
        // Results arrive as typed arrays (transferred), not as copied plain arrays.
        expect(inPool[i]!.series[k]).toBeInstanceOf(Float64Array);
        expect(Array.from(inPool[i]!.series[k]!)).toEqual(Array.from(here.series[k]!));
      }
    });
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0, crashed: 0 });
  });

  it('reports progress, and streams reporter columns that add up to the final series', async () => {
    const seen: number[] = [];
    const chunks: SeriesChunk[] = [];
    const r = await pool.run(
      'simulate',
      { scenario: tinyScenario(4), progressEvery: 10, streamSeries: ['vmMinPu', 'p2pTradedKwh'] },
      { onProgress: (done, total, detail) => (seen.push(done), expect(total).toBe(96), chunks.push(detail as SeriesChunk)) },
    );
    // Progress calls are messages: wait for the last to arrive.
    await new Promise((res) => setTimeout(res, 50));
    expect(seen).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 96]);
    const streamed = chunks.flatMap((c) => Array.from(c.series.vmMinPu!));
    expect(chunks.map((c) => c.from)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(streamed).toEqual(Array.from(r.series.vmMinPu!));
  });

  it('runs power-flow batches and market clears as on the main thread', async () => {
    const net = compileNetwork(createIeee33());
    const solves = [0.5, 1, 1.5].map((f) => ({ pLoadKw: Array.from(net.pLoadPu, (p) => p * net.baseMva * 1000 * f) }));
    const out = await pool.run('powerFlowBatch', { network: net, solves });
    const pf = createPowerFlow(net);
    solves.forEach((s, i) => {
      const r = pf.solve(s);
      expect(out.status[i]).toBe(r.status);
      expect(Array.from(out.vmPu.subarray(i * net.nBus, (i + 1) * net.nBus))).toEqual(Array.from(r.vmPu));
      expect(out.lossesMw[i]).toBe(r.lossesMw);
    });
    pf.dispose();
    const orders: JobInput<typeof BUILT_IN_JOBS.clearMarket>['orders'] = [
      { id: 's1', prosumer: 'a', side: 'sell', quantityKwh: 2, pricePerKwh: 0.1 },
      { id: 'b1', prosumer: 'b', side: 'buy', quantityKwh: 1.5, pricePerKwh: 0.25 },
      { id: 'b2', prosumer: 'c', side: 'buy', quantityKwh: 1, pricePerKwh: 0.2 },
    ];
    const options = { mechanism: 'uniform' as const, tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 } };
    expect(await pool.run('clearMarket', { orders, options })).toEqual(clearMarket(orders, options));
  });

  it('rejects a job that throws with its message, and keeps the worker', async () => {
    await expect(testPool.run('fails', { message: 'bad input: x' })).rejects.toThrow('bad input: x');
    await expect(pool.run('simulate', { scenario: { network: 'ieee33' } })).rejects.toThrow(/prosumers/);
    expect(await testPool.run('echo', 21)).toBe(42);
    expect(testPool.stats().crashed).toBe(0);
  });

  it('replaces a crashed worker and retries its job once; a job that always crashes is reported failed', async () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    expect(await testPool.run('crashOnce', { counter })).toBe('survived attempt 2');
    await expect(testPool.run('alwaysCrash', null)).rejects.toBeInstanceOf(WorkerCrashError);
    const s = testPool.stats();
    expect(s.crashed).toBe(3); // crashOnce once, alwaysCrash on its first try and its retry
    expect(s.retried).toBe(2);
    // The pool still has its 2 workers.
    expect(await Promise.all([testPool.run('echo', 1), testPool.run('echo', 2), testPool.run('echo', 3)])).toEqual([2, 4, 6]);
  });

  it('cancels a queued job and a running one (whose worker is replaced)', async () => {
    const a = new AbortController();
    const b = new AbortController();
    const spinning = [testPool.run('spin', null, { signal: a.signal }), testPool.run('spin', null, { signal: b.signal })];
    const c = new AbortController();
    const queued = testPool.run('echo', 5, { signal: c.signal });
    // Replacement workers of the previous test may still be starting (tsx compiles the sources in each).
    for (let i = 0; i < 200 && testPool.stats().running < 2; i++) await new Promise((res) => setTimeout(res, 25));
    expect(testPool.stats()).toMatchObject({ running: 2, queued: 1 });
    c.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    a.abort();
    b.abort(new Error('user stopped it'));
    await expect(spinning[0]).rejects.toMatchObject({ name: 'AbortError' });
    await expect(spinning[1]).rejects.toThrow('user stopped it');
    expect(await testPool.run('echo', 7)).toBe(14);
  });
});
