/**
 * A bump allocator over a WebAssembly memory, owned by the TypeScript side. Kernels never allocate: the wrapper
 * sizes every input, output and workspace here, then passes byte offsets (pointers) to the kernel.
 *
 * Views are created fresh on every call (`f64(ptr, n)`), never cached, because any `memory.grow` detaches the old
 * ArrayBuffer and a cached view would silently read zero length.
 */
export class Arena {
  /** The WebAssembly memory the arena carves up. */
  readonly memory: WebAssembly.Memory;
  /** First byte the arena may use (the module's `__heap_base`, aligned). */
  readonly base: number;
  private top: number;

  constructor(memory: WebAssembly.Memory, heapBase: number) {
    this.memory = memory;
    this.base = align(heapBase, 16);
    this.top = this.base;
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

  /** Reserves `bytes` bytes aligned to `alignment` and returns the pointer; grows the memory when needed. */
  alloc(bytes: number, alignment = 16): number {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`Arena.alloc: bad size ${bytes}`);
    const ptr = align(this.top, alignment);
    const end = ptr + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      // Grow geometrically: every grow detaches views and slows later typed-array code, so grow rarely.
      const needPages = Math.ceil((end - have) / 65536);
      const havePages = have / 65536;
      const pages = Math.max(needPages, Math.min(havePages, 16384));
      this.memory.grow(pages);
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
