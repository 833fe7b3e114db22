/** Kernel status codes (i32), the same numbers as assembly/status.ts. */
export const KernelStatus = {
  OK: 0,
  MAX_ITERATIONS: 1,
  SINGULAR: 2,
  NOT_RADIAL: 3,
  DIVERGED: 4,
  INFEASIBLE: 5,
  INVALID_INPUT: 6,
  WORKSPACE_TOO_SMALL: 7,
  UNBOUNDED: 8,
} as const;

/** A kernel status code. */
export type KernelStatusCode = (typeof KernelStatus)[keyof typeof KernelStatus];

/** Outcome of a numerical computation, as data. */
export type SolveStatus =
  | 'converged'
  | 'max-iterations'
  | 'singular'
  | 'not-radial'
  | 'diverged'
  | 'infeasible'
  | 'invalid-input'
  | 'workspace-too-small'
  | 'unbounded';

const NAMES: readonly SolveStatus[] = [
  'converged',
  'max-iterations',
  'singular',
  'not-radial',
  'diverged',
  'infeasible',
  'invalid-input',
  'workspace-too-small',
  'unbounded',
];

/** Maps a kernel status code to its name. */
export function statusName(code: number): SolveStatus {
  const name = NAMES[code];
  if (name === undefined) throw new RangeError(`unknown kernel status code ${code}`);
  return name;
}
