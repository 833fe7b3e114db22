// Raw loads and stores by element index, so kernels read like array code without bounds checks or allocation.

/** Loads the f64 at index i of the array at p. */
@inline export function ldf(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
/** Stores v at index i of the f64 array at p. */
@inline export function stf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
/** Loads the i32 at index i of the array at p. */
@inline export function ldi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
/** Stores v at index i of the i32 array at p. */
@inline export function sti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
/** Loads the u32 at index i of the array at p. */
@inline export function ldu(p: usize, i: i32): u32 { return load<u32>(p + (<usize>i << 2)); }
/** Stores v at index i of the u32 array at p. */
@inline export function stu(p: usize, i: i32, v: u32): void { store<u32>(p + (<usize>i << 2), v); }
