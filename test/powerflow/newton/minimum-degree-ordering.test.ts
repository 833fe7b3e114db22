/** Minimum-degree ordering: a valid permutation, its reported fill equals a brute-force elimination, and it
 *  finds the zero-fill orders of trees. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../ts/random.js';
import { minimumDegreeOrder } from '../../../ts/powerflow/newton/minimum-degree-ordering.js';

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

/** Off-diagonal nonzeros of the Cholesky factor under `order`, by dense symbolic elimination. */
function bruteFill(n: number, edges: [number, number][], order: Int32Array): number {
  const m = Array.from({ length: n }, () => new Uint8Array(n));
  for (const [a, b] of edges) if (a !== b) m[a][b] = m[b][a] = 1;
  const gone = new Uint8Array(n);
  let fill = 0;
  for (const v of order) {
    const nb: number[] = [];
    for (let u = 0; u < n; u++) if (!gone[u] && u !== v && m[v][u]) nb.push(u);
    fill += nb.length;
    for (const a of nb) for (const b of nb) if (a !== b) m[a][b] = 1;
    gone[v] = 1;
  }
  return fill;
}

describe('minimumDegreeOrder', () => {
  it('eliminates a star leaves-first and a path end-first, with zero fill', () => {
    const star: [number, number][] = [[0, 1], [0, 2], [0, 3], [0, 4]];
    const s = csr(5, star);
    const os = minimumDegreeOrder(5, s.ptr, s.idx);
    expect(Array.from(os.order).indexOf(0)).toBeGreaterThanOrEqual(3); // the centre goes when at most one leaf is left
    expect(os.fillNnz).toBe(4); // the tree's own edges, nothing more
    const path: [number, number][] = [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]];
    const p = csr(6, path);
    expect(minimumDegreeOrder(6, p.ptr, p.idx).fillNnz).toBe(5);
  });

  it('returns a permutation whose fill matches brute-force elimination, on seeded random graphs', () => {
    const rng = new Rng(42);
    for (let t = 0; t < 5; t++) {
      const n = 30 + rng.int(40);
      const edges: [number, number][] = [];
      for (let e = 0; e < n * 1.5; e++) edges.push([rng.int(n), rng.int(n)]);
      const g = csr(n, edges);
      const o = minimumDegreeOrder(n, g.ptr, g.idx);
      expect(Array.from(o.order).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(o.fillNnz).toBe(bruteFill(n, edges, o.order));
      // Better than the natural order on these graphs (not a theorem, but holds by a wide margin here).
      expect(o.fillNnz).toBeLessThanOrEqual(bruteFill(n, edges, Int32Array.from({ length: n }, (_, i) => i)));
    }
  });

  it('leaves inactive nodes out of the order', () => {
    const g = csr(4, [[0, 1], [1, 2], [2, 3]]);
    const o = minimumDegreeOrder(4, g.ptr, g.idx, Uint8Array.from([1, 1, 0, 1]));
    expect(Array.from(o.order).sort()).toEqual([0, 1, 3]);
  });
});
