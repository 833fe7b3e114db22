/**
 * A grow-only byte buffer that one caller reuses between calls for temporaries, held through a WeakRef so the GC
 * can still reclaim it between bursts of work. A million-order clear needs ~44 MB of typed-array temporaries; fresh
 * ones each call count as external memory, whose pressure triggered a full (mark-compact) GC every one or two
 * clears, each 100-300 ms with a large heap.
 */
export class ScratchBuffer {
  private ref: WeakRef<ArrayBuffer> | null = null;

  /** A buffer of at least `bytes` bytes with undefined contents; valid until this scratch's next take(). */
  take(bytes: number): ArrayBuffer {
    let b = this.ref?.deref();
    if (!b || b.byteLength < bytes) {
      b = new ArrayBuffer(bytes);
      this.ref = new WeakRef(b);
    }
    return b;
  }
}

/**
 * Scratch for calls that may nest on one thread — a clear started from an order's getter or from another clear's
 * `clearWith` callback — so they never share memory: each nesting depth gets its own ScratchBuffer(s).
 */
export class NestedScratch {
  private depth = 0;
  private readonly levels: ScratchBuffer[][] = [];

  /** `count` buffers per depth (default 1). */
  constructor(private readonly count = 1) {}

  /** Runs `fn` with this depth's buffers; a call nested inside `fn` gets other ones. */
  with<T>(fn: (...scratch: ScratchBuffer[]) => T): T {
    const d = this.depth++;
    try {
      return fn(...(this.levels[d] ??= Array.from({ length: this.count }, () => new ScratchBuffer())));
    } finally {
      this.depth--;
    }
  }
}
