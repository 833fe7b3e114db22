import type { Command } from 'commander';

/** Registers `peergrid simulate` (being built in this session; see its issue). */
export function registerSimulateCommand(program: Command): void {
  program.command('simulate').description('not built yet').action(() => {
    throw new Error('peergrid simulate is not built yet');
  });
}
