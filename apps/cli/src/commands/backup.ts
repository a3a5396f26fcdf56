import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';

/** Registers `duban backup FILE`: a consistent copy of the ledger, safe while others write. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('backup')
    .description('write a consistent copy of the ledger (safe while other duban processes write)')
    .argument('<file>', 'where to write the copy')
    .option('--force', 'overwrite FILE if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      await env.withLedger({ readonly: true }, async (ledger) => {
        const { path, bytes } = await ledger.backup(file, { overwrite: options.force === true });
        env.out(`backup written: ${path} (${bytes} bytes)`);
      });
    });
}
