// Raw pointer access for the Newton-Raphson kernels: element i of an f64 / i32 array at byte address p.
// Inlined, unchecked: the TS wrapper sizes every array from the symbolic analysis.

/** Loads f64 element i of the array at p. */
@inline export function ldf(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
/** Stores f64 element i of the array at p. */
@inline export function stf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
/** Loads i32 element i of the array at p. */
@inline export function ldi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
/** Stores i32 element i of the array at p. */
@inline export function sti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
