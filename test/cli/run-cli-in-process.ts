// Runs one `peergrid` subcommand in this process with stdout and stderr captured: the same registration, error
// reporting and exit codes as ts/cli/main.ts, without a child process.
import { Command } from 'commander';
import { expect, vi } from 'vitest';
import { reportFailure } from '../../ts/cli/report-failure.js';

/** What one in-process run printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Registers the commands with `register` and runs `argv` (e.g. ['pf', 'ieee33', '--json']). */
export async function runCli(register: (program: Command) => void, argv: string[]): Promise<CliRun> {
  const program = new Command().name('peergrid').exitOverride().showHelpAfterError(false);
  let stdout = '';
  let stderr = '';
  program.configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  register(program);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  let code = 0;
  try {
    await program.parseAsync(['node', 'peergrid', ...argv]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    code = reportFailure(e, (s) => (stderr += s));
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = before;
  }
  return { code, stdout, stderr };
}

/**
 * `run(...args)` runs `peergrid <command> …` expecting success and returns stdout (a failure throws with stderr);
 * `runFailing(...args)` expects exit 1 with a one-line error and returns stderr.
 */
export function commandRunners(register: (program: Command) => void, command: string) {
  return {
    run: async (...args: string[]): Promise<string> => {
      const r = await runCli(register, [command, ...args]);
      if (r.code !== 0) throw new Error(r.stderr.trim());
      return r.stdout;
    },
    runFailing: async (...args: string[]): Promise<string> => {
      const r = await runCli(register, [command, ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      return r.stderr;
    },
  };
}
