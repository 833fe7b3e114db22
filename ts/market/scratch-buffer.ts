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
