import { describe, expect, it } from 'vitest';
import { Arena, growthPages, WASM_PAGE_BYTES, WASM32_MAX_PAGES } from '../../ts/wasm/arena.js';
import { CapacityError } from '../../ts/errors.js';

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

  it('grows by what is needed near the wasm32 limit (3.1 GiB in use + 200 MiB asked used to ask 1 GiB and fail)', () => {
    const have = Math.ceil((3.1 * 2 ** 30) / WASM_PAGE_BYTES);
    const need = Math.ceil((200 * 2 ** 20) / WASM_PAGE_BYTES);
    const pages = growthPages(have, need);
    expect(pages).toBeGreaterThanOrEqual(need);
    expect(have + pages).toBeLessThanOrEqual(WASM32_MAX_PAGES);
    expect(growthPages(100, 1)).toBe(100); // geometric far from the limit
    expect(growthPages(WASM32_MAX_PAGES - 10, 11)).toBe(-1);
  });

  it('throws a CapacityError naming size and limit before growing past the limit', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 8 });
    const arena = new Arena(memory, 0, 8);
    arena.alloc(6 * WASM_PAGE_BYTES);
    let err: unknown;
    try {
      arena.alloc(3 * WASM_PAGE_BYTES);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CapacityError);
    const c = err as CapacityError;
    expect(c.requestedBytes).toBe(3 * WASM_PAGE_BYTES);
    expect(c.limitBytes).toBe(8 * WASM_PAGE_BYTES);
    expect(c.totalBytes).toBeGreaterThan(c.limitBytes);
    expect(c.message).toMatch(/196608 bytes.*over the limit of 524288 bytes/);
    expect(memory.buffer.byteLength).toBeLessThanOrEqual(8 * WASM_PAGE_BYTES);
    expect(() => arena.ensureFits(2 * WASM_PAGE_BYTES + 1)).toThrow(CapacityError);
    arena.ensureFits(2 * WASM_PAGE_BYTES); // exactly up to the limit fits
  });

  it('falls back to the exact growth when the geometric step is refused', () => {
    const memory = new WebAssembly.Memory({ initial: 5, maximum: 7 });
    const arena = new Arena(memory, 0);
    const p = arena.alloc(5 * WASM_PAGE_BYTES + 100); // needs 1 more page; the doubling step (5) exceeds the maximum
    expect(p).toBe(0);
    expect(memory.buffer.byteLength).toBe(6 * WASM_PAGE_BYTES);
    expect(() => arena.alloc(2 * WASM_PAGE_BYTES)).toThrow(/the host refused to grow the memory/);
  });
});
