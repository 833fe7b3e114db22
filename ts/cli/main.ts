#!/usr/bin/env node
// The `peergrid` command. Each subcommand lives in its own file and registers itself here.
import { Command } from 'commander';
import { reportFailure } from './report-failure.js';
import { PEERGRID_VERSION } from '../version.js';
import { registerPfCommand } from './pf-command.js';
import { registerClearCommand } from './clear-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerOpfCommand } from './opf-command.js';
import { registerScheduleCommand } from './schedule-command.js';
import { registerSweepCommand } from './sweep-command.js';
import { registerWorkerCommand } from './worker-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerGameCommand } from './game-command.js';
import { registerP2pCommand } from './p2p-command.js';

// A reader that stops early (`peergrid pf big.m --json | head`) closes the pipe; that is not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command();
program
  .name('peergrid')
  .description('Peer-to-peer electricity trading on real distribution networks')
  .version(PEERGRID_VERSION)
  .showHelpAfterError(false)
  .exitOverride();
registerPfCommand(program);
registerClearCommand(program);
registerSimulateCommand(program);
registerOpfCommand(program);
registerScheduleCommand(program);
registerSweepCommand(program);
registerWorkerCommand(program);
registerDemoCommand(program);
registerGameCommand(program);
registerP2pCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportFailure(err);
}
