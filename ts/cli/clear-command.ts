import type { Command } from 'commander';

/** Registers `peergrid clear` (being built in this session; see its issue). */
export function registerClearCommand(program: Command): void {
  program.command('clear').description('not built yet').action(() => {
    throw new Error('peergrid clear is not built yet');
  });
}
