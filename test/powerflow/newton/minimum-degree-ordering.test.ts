/**
 * Minimum-degree ordering (WASM kernel and TS twin): a valid permutation of the active nodes, identical on both
 * engines, with column counts that equal a brute-force dense elimination, zero fill on trees, and pool compaction
 * and retry exercised with a deliberately small pool.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import { KernelStatus } from '../../../ts/status.js';
import { minimumDegreeOrder } from '../../../ts/powerflow/newton/baseline/minimum-degree-ordering.js';
import { minimumDegreeTs, type MinimumDegreeOrdering } from '../../../ts/powerflow/newton/minimum-degree-ordering.js';
import { instantiateNewtonKernels, minimumDegreeWasm } from '../../../ts/powerflow/newton/newton-wasm-engine.js';

function csr(n: number, edges: [number, number][]): { ptr: Int32Array; idx: Int32Array } {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adj[a].push(b);
    adj[b].push(a);
  }
  const ptr = new Int32Array(n + 1);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    idx.push(...adj[i]);
    ptr[i + 1] = idx.length;
  }
  return { ptr, idx: Int32Array.from(idx) };
}

/** Per-node count of uneliminated neighbours at elimination under `order`, by dense symbolic elimination. */
function bruteCounts(n: number, edges: [number, number][], order: Int32Array): Int32Array {
  const m = Array.from({ length: n }, () => new Uint8Array(n));
  for (const [a, b] of edges) if (a !== b) m[a][b] = m[b][a] = 1;
  const gone = new Uint8Array(n);
  const counts = new Int32Array(n);
  for (const v of order) {
    const nb: number[] = [];
    for (let u = 0; u < n; u++) if (!gone[u] && u !== v && m[v][u]) nb.push(u);
    counts[v] = nb.length;
    for (const a of nb) for (const b of nb) if (a !== b) m[a][b] = 1;
    gone[v] = 1;
  }
  return counts;
}

const sum = (a: Int32Array) => a.reduce((s, v) => s + v, 0);
const engines: [string, MinimumDegreeOrdering][] = [
  ['ts', minimumDegreeTs],
  ['wasm', minimumDegreeWasm(instantiateNewtonKernels())],
];

describe('minimum-degree ordering (WASM and TS twins)', () => {
  for (const [name, order] of engines) {
    it(`${name}: eliminates stars and paths with zero fill`, () => {
      const star = csr(5, [[0, 1], [0, 2], [0, 3], [0, 4]]);
      const os = order(5, star.ptr, star.idx, new Int32Array(5).fill(1), new Int32Array(5).fill(1));
      expect(Array.from(os.order).indexOf(0)).toBeGreaterThanOrEqual(3); // the centre goes when ≤ 1 leaf is left
      expect(sum(os.colWeight)).toBe(4); // the tree's own edges, nothing more
      const path = csr(6, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]]);
      expect(sum(order(6, path.ptr, path.idx, new Int32Array(6).fill(1), new Int32Array(6).fill(1)).colWeight)).toBe(5);
    });
  }

  it('gives a permutation with brute-force column counts, the same on both engines, on seeded random graphs', () => {
    const rng = new Rng(42);
    for (let t = 0; t < 6; t++) {
      const n = 30 + rng.int(60);
      const edges: [number, number][] = [];
      for (let e = 0; e < n * 1.6; e++) edges.push([rng.int(n), rng.int(n)]);
      const g = csr(n, edges);
      const ones = new Int32Array(n).fill(1);
      const [ts, wasm] = engines.map(([, o]) => o(n, g.ptr, g.idx, ones, ones));
      expect(Array.from(wasm.order)).toEqual(Array.from(ts.order));
      expect(Array.from(wasm.colWeight)).toEqual(Array.from(ts.colWeight));
      expect(Array.from(ts.order).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(Array.from(ts.colWeight)).toEqual(Array.from(bruteCounts(n, edges, ts.order)));
      // Better than the natural order on these graphs (not a theorem, but holds by a wide margin here).
      expect(sum(ts.colWeight)).toBeLessThanOrEqual(sum(bruteCounts(n, edges, Int32Array.from({ length: n }, (_, i) => i))));
    }
  });

  it('weights column counts and leaves inactive nodes out', () => {
    const g = csr(4, [[0, 1], [1, 2], [2, 3]]);
    for (const [, order] of engines) {
      const o = order(4, g.ptr, g.idx, Int32Array.from([1, 1, 0, 1]), Int32Array.from([2, 1, 1, 2]));
      expect(Array.from(o.order).sort()).toEqual([0, 1, 3]);
      expect(o.colWeight[2]).toBe(0);
      // Only edge 0-1 is active: the count is the weight of whichever end is eliminated second.
      expect(sum(o.colWeight)).toBe(o.order[0] === 0 ? 1 : 2);
    }
  });

  it('compacts its pool when full and reports WORKSPACE_TOO_SMALL when even that is not enough', () => {
    const rng = new Rng(5);
    const n = 60;
    const edges: [number, number][] = [];
    for (let e = 0; e < n * 2; e++) edges.push([rng.int(n), rng.int(n)]);
    const g = csr(n, edges);
    const ones = new Int32Array(n).fill(1);
    const run = (cap: number) => {
      const ws = () => new Int32Array(n);
      const order = new Int32Array(n);
      const colWeight = new Int32Array(n);
      const st = minimumDegreeOrder(n, g.ptr, g.idx, ones, ones, order, colWeight, new Int32Array(cap),
        new Int32Array(cap), cap, ws(), ws(), ws(), ws(), ws(), ws());
      return { st, order, colWeight };
    };
    const roomy = run(100_000);
    expect(roomy.st).toBe(KernelStatus.OK);
    expect(run(20).st).toBe(KernelStatus.WORKSPACE_TOO_SMALL);
    // Just above the input size: many compactions, same answer as with a roomy pool.
    let cap = g.idx.length;
    let tight = run(cap);
    while (tight.st !== KernelStatus.OK) tight = run((cap += 16));
    expect(cap).toBeLessThan(100_000);
    expect(Array.from(tight.order)).toEqual(Array.from(roomy.order));
    expect(Array.from(tight.colWeight)).toEqual(Array.from(roomy.colWeight));
  });
});
