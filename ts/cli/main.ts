#!/usr/bin/env node
// The `peergrid` command. Each subcommand lives in its own file and registers itself here.
import { Command } from 'commander';
import { reportFailure } from './report-failure.js';
import { PEERGRID_VERSION } from '../version.js';

type Register = (program: Command) => void;
// One line per command, in help order. Each module is imported only when needed: `peergrid opf …` loads the OPF
// code alone instead of every command's dependencies (about 0.15 s of CPU per run); help and unknown commands load all.
const COMMANDS: [name: string, load: () => Promise<Register>][] = [
  ['pf', async () => (await import('./pf-command.js')).registerPfCommand],
  ['clear', async () => (await import('./clear-command.js')).registerClearCommand],
  ['simulate', async () => (await import('./simulate-command.js')).registerSimulateCommand],
  ['opf', async () => (await import('./opf-command.js')).registerOpfCommand],
  ['schedule', async () => (await import('./schedule-command.js')).registerScheduleCommand],
  ['sweep', async () => (await import('./sweep-command.js')).registerSweepCommand],
  ['worker', async () => (await import('./worker-command.js')).registerWorkerCommand],
  ['demo', async () => (await import('./demo-command.js')).registerDemoCommand],
  ['game', async () => (await import('./game-command.js')).registerGameCommand],
  ['p2p', async () => (await import('./p2p-command.js')).registerP2pCommand],
];

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
const asked = COMMANDS.filter(([name]) => name === process.argv[2]);
for (const [, load] of asked.length === 1 ? asked : COMMANDS) (await load())(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportFailure(err);
}
