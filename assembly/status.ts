// Status codes every kernel returns (i32). ts/status.ts holds the same numbers and their names; keep them in step.
export const OK: i32 = 0; // converged / cleared
export const MAX_ITERATIONS: i32 = 1;
export const SINGULAR: i32 = 2;
export const NOT_RADIAL: i32 = 3;
export const DIVERGED: i32 = 4;
export const INFEASIBLE: i32 = 5;
export const INVALID_INPUT: i32 = 6;
export const WORKSPACE_TOO_SMALL: i32 = 7;
export const UNBOUNDED: i32 = 8; // an LP-like problem with no finite optimum
