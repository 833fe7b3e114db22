#!/usr/bin/env node
// The `peergrid` command. Each subcommand lives in its own file and registers itself here.
import { Command, CommanderError } from 'commander';
import { PeergridError } from '../errors.js';
import { registerPfCommand } from './pf-command.js';
import { registerClearCommand } from './clear-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerOpfCommand } from './opf-command.js';
import { registerGameCommand } from './game-command.js';

// A reader that stops early (`peergrid pf big.m --json | head`) closes the pipe; that is not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command();
program
  .name('peergrid')
  .description('Peer-to-peer electricity trading on real distribution networks')
  .version('0.1.0')
  .showHelpAfterError(false)
  .exitOverride();
registerPfCommand(program);
registerClearCommand(program);
registerSimulateCommand(program);
registerOpfCommand(program);
registerGameCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportFailure(err);
}

/** Prints a one-line message for an expected failure (bad input, bad file) and returns the exit code. */
function reportFailure(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof PeergridError) {
    process.stderr.write(`peergrid: ${err.message.split('\n')[0]}\n`);
    return 1;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'ENOENT') {
    process.stderr.write(`peergrid: no such file: ${e.path}\n`);
    return 1;
  }
  process.stderr.write(`peergrid: internal error: ${e?.stack ?? String(err)}\n`);
  return 70;
}
