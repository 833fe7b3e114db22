import { describe, expect, it } from 'vitest';
import { runSweep, type RunStore, type SweepExecutor } from '../../ts/sweep/run-sweep.js';
import type { SweepRun } from '../../ts/sweep/expand-sweep.js';
import type { RunMetrics } from '../../ts/sweep/run-metrics.js';

const run = (index: number, key: string): SweepRun => ({ index, params: { i: index }, scenario: {} as SweepRun['scenario'], files: {}, key });

function memoryStore(initial: Record<string, RunMetrics> = {}): RunStore & { puts: string[] } {
  const m = new Map(Object.entries(initial));
  const puts: string[] = [];
  return { puts, get: (k) => m.get(k), put: (k, v) => (puts.push(k), m.set(k, v)) };
}

describe('runSweep', () => {
  it('returns outcomes in grid order whatever the completion order, storing each result once', async () => {
    const calls: string[] = [];
    const executor: SweepExecutor = {
      workers: 3,
      run: async (r) => {
        calls.push(r.key);
        // Later runs finish first.
        await new Promise((res) => setTimeout(res, 40 - 10 * r.index));
        return { x: r.index };
      },
    };
    const store = memoryStore();
    const order: number[] = [];
    const out = await runSweep([run(0, 'a'), run(1, 'b'), run(2, 'c')], { executor, store, onRunDone: (_d, _t, o) => order.push(o.params.i as number) });
    expect(order).toEqual([2, 1, 0]);
    expect(out.map((o) => o.metrics)).toEqual([{ x: 0 }, { x: 1 }, { x: 2 }]);
    expect(store.puts.sort()).toEqual(['a', 'b', 'c']);
  });

  it('skips stored runs (resume), computes equal keys once, and reports a failed run without storing it', async () => {
    const calls: string[] = [];
    const executor: SweepExecutor = {
      workers: 1,
      run: async (r) => {
        calls.push(r.key);
        if (r.key === 'bad') throw new Error('diverged');
        return { x: 1 };
      },
    };
    const store = memoryStore({ done: { x: 9 } });
    const out = await runSweep([run(0, 'done'), run(1, 'same'), run(2, 'same'), run(3, 'bad')], { executor, store });
    expect(calls.sort()).toEqual(['bad', 'same']);
    expect(out.map((o) => [o.cached, o.metrics, o.error])).toEqual([
      [true, { x: 9 }, undefined],
      [false, { x: 1 }, undefined],
      [false, { x: 1 }, undefined],
      [false, null, 'diverged'],
    ]);
    expect(store.puts).toEqual(['same']);
  });
});
