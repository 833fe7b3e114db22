/** How the `peergrid` command reports a failure: one line on stderr and an exit code. */
import { CommanderError } from 'commander';
import { PeergridError } from '../errors.js';
import { describeSystemError } from '../files/system-error.js';

/**
 * Writes a one-line message for an expected failure (bad input, a file or folder that cannot be used) and returns
 * the exit code: 0 for --help/--version, 2 for a command-line syntax error (commander printed it), 1 for bad input,
 * 70 (EX_SOFTWARE) with the stack for anything else, which is a bug of ours.
 */
export function reportFailure(err: unknown, writeErr: (line: string) => void = (s) => process.stderr.write(s)): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof PeergridError) {
    writeErr(`peergrid: ${err.message.split('\n')[0]}\n`);
    return 1;
  }
  const reason = describeSystemError(err);
  if (reason !== undefined) {
    // A file-system error no reader turned into a FileError: still the user's environment, not our bug.
    const e = err as NodeJS.ErrnoException;
    writeErr(`peergrid: ${e.path !== undefined ? `${e.path}: ` : ''}${e.syscall ?? 'file system'}: ${reason}\n`);
    return 1;
  }
  const e = err as Error | undefined;
  writeErr(`peergrid: internal error: ${e?.stack ?? String(err)}\n`);
  return 70;
}
