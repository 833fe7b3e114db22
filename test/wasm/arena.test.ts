import { describe, expect, it } from 'vitest';
import { Arena } from '../../ts/wasm/arena.js';

describe('Arena', () => {
  it('allocates aligned blocks above the heap base and grows the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new Arena(memory, 1001);
    const p = arena.pushF64([1, 2, 3]);
    expect(p % 16).toBe(0);
    expect(p).toBeGreaterThanOrEqual(1001);
    const big = arena.allocF64(100_000); // 800 kB: forces memory.grow
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 800_000);
    // Data written before the grow survives, read through a fresh view.
    expect(Array.from(arena.f64(p, 3))).toEqual([1, 2, 3]);
  });

  it('resets to a mark', () => {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1 }), 0);
    arena.allocI32(10);
    const m = arena.mark();
    arena.allocI32(10);
    arena.reset(m);
    expect(arena.mark()).toBe(m);
    expect(() => arena.reset(m + 4096)).toThrow(RangeError);
  });
});
