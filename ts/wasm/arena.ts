/**
 * A bump allocator over a WebAssembly memory, owned by the TypeScript side. Kernels never allocate: the wrapper
 * sizes every input, output and workspace here, then passes byte offsets (pointers) to the kernel.
 *
 * Views are created fresh on every call (`f64(ptr, n)`), never cached, because any `memory.grow` detaches the old
 * ArrayBuffer and a cached view would silently read zero length.
 */
import { CapacityError } from '../errors.js';

/** Bytes in one WebAssembly page. */
export const WASM_PAGE_BYTES = 65536;
/** Pages a wasm32 memory can reach (4 GiB: 32-bit pointers). */
export const WASM32_MAX_PAGES = 65536;
/** Largest single geometric growth step, pages (1 GiB): beyond it memory grows by what is needed, no more. */
const MAX_GROWTH_STEP_PAGES = 16384;

/**
 * Pages to grow a memory of `havePages` by so it holds `needPages` more: geometric (doubling, at most 1 GiB a step)
 * so that grows stay rare, but never past `limitPages`; at least `needPages`. Returns -1 when even `needPages` would
 * pass the limit.
 */
export function growthPages(havePages: number, needPages: number, limitPages = WASM32_MAX_PAGES): number {
  if (havePages + needPages > limitPages) return -1;
  return Math.min(Math.max(needPages, Math.min(havePages, MAX_GROWTH_STEP_PAGES)), limitPages - havePages);
}

/** A bump allocator over one WebAssembly memory, growing it on demand up to the wasm32 limit. */
export class Arena {
  /** The WebAssembly memory the arena carves up. */
  readonly memory: WebAssembly.Memory;
  /** First byte the arena may use (the module's `__heap_base`, aligned). */
  readonly base: number;
  /** Pages the memory may reach (the wasm32 limit unless the module declares a smaller maximum). */
  readonly limitPages: number;
  private top: number;

  constructor(memory: WebAssembly.Memory, heapBase: number, limitPages = WASM32_MAX_PAGES) {
    this.memory = memory;
    this.base = align(heapBase, 16);
    this.top = this.base;
    this.limitPages = limitPages;
  }

  /** Current top of the arena, in bytes; pass to `reset` to free everything allocated after it. */
  mark(): number {
    return this.top;
  }

  /** Frees every block allocated after `mark` (default: everything). */
  reset(mark: number = this.base): void {
    if (mark < this.base || mark > this.top) throw new RangeError(`Arena.reset: mark ${mark} is outside the arena`);
    this.top = mark;
  }

  /**
   * Throws CapacityError unless `bytes` more (on top of what is allocated now) fit under the limit; lets a wrapper
   * check a whole workspace before it allocates any of it. `what` names the computation for the message.
   */
  ensureFits(bytes: number, what = 'WebAssembly workspace'): void {
    const limit = this.limitPages * WASM_PAGE_BYTES;
    const total = align(this.top, 16) + bytes;
    if (!(bytes >= 0) || total > limit) throw new CapacityError(what, bytes, total, limit);
  }

  /**
   * Reserves `bytes` bytes aligned to `alignment` and returns the pointer; grows the memory when needed, by as much
   * as is needed up to the wasm32 limit. A block past the limit is a CapacityError, thrown before anything grows.
   */
  alloc(bytes: number, alignment = 16): number {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`Arena.alloc: bad size ${bytes}`);
    const ptr = align(this.top, alignment);
    const end = ptr + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const limit = this.limitPages * WASM_PAGE_BYTES;
      const havePages = have / WASM_PAGE_BYTES;
      const needPages = Math.ceil((end - have) / WASM_PAGE_BYTES);
      const pages = growthPages(havePages, needPages, this.limitPages);
      if (pages < 0) throw new CapacityError('WebAssembly arena', bytes, end, limit);
      try {
        this.memory.grow(pages);
      } catch {
        // The geometric step may not be available (host memory, a module maximum): ask for exactly what is needed.
        try {
          if (pages !== needPages) this.memory.grow(needPages);
          else throw new Error('grow refused');
        } catch {
          throw new CapacityError('WebAssembly arena', bytes, end, limit, 'the host refused to grow the memory');
        }
      }
    }
    this.top = end;
    return ptr;
  }

  /** Allocates room for `n` f64 values. */
  allocF64(n: number): number {
    return this.alloc(n * 8, 16);
  }

  /** Allocates room for `n` i32 values. */
  allocI32(n: number): number {
    return this.alloc(n * 4, 16);
  }

  /** Allocates `src.length` f64 values and copies `src` in. */
  pushF64(src: ArrayLike<number>): number {
    const ptr = this.allocF64(src.length);
    this.f64(ptr, src.length).set(src);
    return ptr;
  }

  /** Allocates `src.length` i32 values and copies `src` in. */
  pushI32(src: ArrayLike<number>): number {
    const ptr = this.allocI32(src.length);
    this.i32(ptr, src.length).set(src);
    return ptr;
  }

  /** A fresh Float64Array view of `n` values at `ptr`; valid until the next allocation or kernel call. */
  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, n);
  }

  /** A fresh Int32Array view of `n` values at `ptr`; valid until the next allocation or kernel call. */
  i32(ptr: number, n: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, n);
  }

  /** A fresh Uint8Array view of `n` bytes at `ptr`; valid until the next allocation or kernel call. */
  u8(ptr: number, n: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, n);
  }
}

function align(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}
