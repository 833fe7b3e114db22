import type { Command } from 'commander';

/** Registers `peergrid pf` (being built in this session; see its issue). */
export function registerPfCommand(program: Command): void {
  program.command('pf').description('not built yet').action(() => {
    throw new Error('peergrid pf is not built yet');
  });
}
