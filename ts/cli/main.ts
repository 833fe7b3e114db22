#!/usr/bin/env node
// The `peergrid` command. Each subcommand lives in its own file and registers itself here.
import { Command } from 'commander';
import { reportFailure } from './report-failure.js';
import { registerPfCommand } from './pf-command.js';
import { registerClearCommand } from './clear-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerOpfCommand } from './opf-command.js';
import { registerScheduleCommand } from './schedule-command.js';
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
registerScheduleCommand(program);
registerGameCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportFailure(err);
}
