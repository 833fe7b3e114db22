/** Base class of every error peergrid throws on purpose. */
export class PeergridError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Describes one bad field of one element of the user's input. */
export interface ValidationIssue {
  /** Kind of element: 'bus', 'line', 'order', 'scenario', … */
  element: string;
  /** The element's id as the user gave it (or its row/index when it has none). */
  id: string | number;
  /** The offending field, e.g. 'rOhm' or 'prosumers[12].battery.capacityKwh'. */
  field: string;
  /** The value found. */
  value: unknown;
  /** Unit of the field, if it has one (e.g. 'kV', 'Ω', 'kWh'). */
  unit?: string;
}

/** Thrown before any computation when the user's input is invalid; names the element, id, field, value and unit. */
export class ValidationError extends PeergridError implements ValidationIssue {
  readonly element: string;
  readonly id: string | number;
  readonly field: string;
  readonly value: unknown;
  readonly unit?: string;

  constructor(issue: ValidationIssue, problem: string) {
    const unit = issue.unit ? ` ${issue.unit}` : '';
    super(`${issue.element} ${JSON.stringify(issue.id)}: ${issue.field} = ${formatValue(issue.value)}${unit}: ${problem}`);
    this.element = issue.element;
    this.id = issue.id;
    this.field = issue.field;
    this.value = issue.value;
    this.unit = issue.unit;
  }
}

/** Thrown when a file cannot be parsed; names the file, line and column and what was expected there. */
export class ParseError extends PeergridError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly expected: string;

  constructor(file: string, line: number, column: number, expected: string, found?: string) {
    super(`${file}:${line}:${column}: expected ${expected}${found === undefined ? '' : `, found ${found}`}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.expected = expected;
  }
}

/**
 * Thrown before allocating when a computation needs more memory than it can have: WebAssembly linear memory of a
 * wasm32 module ends at 4 GiB. Names what was asked (`requestedBytes`: the block, `totalBytes`: the memory that
 * would be needed) and the limit (`limitBytes`).
 */
export class CapacityError extends PeergridError {
  readonly what: string;
  readonly requestedBytes: number;
  readonly totalBytes: number;
  readonly limitBytes: number;

  constructor(what: string, requestedBytes: number, totalBytes: number, limitBytes: number, reason?: string) {
    super(
      `${what}: needs ${formatBytes(totalBytes)} of WebAssembly memory (a block of ${formatBytes(requestedBytes)}), ` +
        `over the limit of ${formatBytes(limitBytes)}${reason ? ` (${reason})` : ''}; use a smaller network or book, or engine 'ts'`,
    );
    this.what = what;
    this.requestedBytes = requestedBytes;
    this.totalBytes = totalBytes;
    this.limitBytes = limitBytes;
  }
}

function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return String(b);
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(2)} GiB (${b} bytes)`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(1)} MiB (${b} bytes)`;
  return `${b} bytes`;
}

/** Thrown by `assertOk` when a computation ended with a status other than the good one. */
export class StatusError extends PeergridError {
  readonly status: string;
  constructor(status: string, what: string) {
    super(`${what} ended with status '${status}'`);
    this.status = status;
  }
}

/** Turns a result whose status is not 'converged' / 'optimal' / 'ok' into a thrown StatusError. */
export function assertOk<T extends { status: string }>(result: T, what = 'computation'): T {
  if (result.status !== 'converged' && result.status !== 'optimal' && result.status !== 'ok') {
    throw new StatusError(result.status, what);
  }
  return result;
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 57) + '...' : s;
  } catch {
    return String(v);
  }
}

/** Thrown when a file or folder the user named cannot be used (missing, a directory, unwritable, …); names the path. */
export class FileError extends PeergridError {
  readonly path: string;
  /** The operating system's error code when there is one (ENOENT, EISDIR, EACCES, …). */
  readonly code?: string;
  /** The command-line flag that named the path (e.g. '--out'), if any. */
  readonly flag?: string;
  /** What is wrong, without the path (e.g. 'cannot read it: no such file or directory (ENOENT)'). */
  readonly problem: string;
  constructor(path: string, problem: string, code?: string, flag?: string) {
    super(`${flag === undefined ? '' : `${flag} `}${path}: ${problem}`);
    this.problem = problem;
    this.flag = flag;
    this.path = path;
    this.code = code;
  }
}
