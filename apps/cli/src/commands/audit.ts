import type { Command } from 'commander';
import { DubanError } from '@duban/core';
import type { CliEnv } from '../_env.js';
import { table } from '../_table.js';

/** Registers `duban audit verify` and `duban audit log`. */
export function register(program: Command, env: CliEnv): void {
  const audit = program.command('audit').description('check and list the ledger\'s audit chain');

  audit
    .command('verify')
    .description('recompute every row digest and the hash chain; name the first entry that does not match')
    .option('--json', 'print { ok, checked, firstBad? } as JSON')
    .action(async (options: { json?: boolean }) => {
      await env.withLedger({ readonly: true }, async (ledger) => {
        const result = ledger.verifyAudit();
        if (options.json) env.json(result);
        if (result.firstBad) {
          const { seq, action, reason } = result.firstBad;
          throw new DubanError('DUBAN_AUDIT_MISMATCH', `audit entry #${seq} (${action}) does not verify: ${reason}`, {
            where: { file: ledger.path },
            hint: `${result.checked} earlier entries verified; the ledger was changed outside duban at or after entry #${seq}: restore the last good backup (duban backup) and re-apply the later imports`,
            exitCode: 4,
          });
        }
        if (!options.json) env.out(`${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} verified: the audit chain is intact`);
      });
    });

  audit
    .command('log')
    .description('list audit entries, oldest first')
    .option('--limit <n>', 'only the most recent N entries')
    .option('--action <name>', 'only entries of this action (plan.import, progress.append)')
    .option('--json', 'print the entries as JSON')
    .action(async (options: { limit?: string; action?: string; json?: boolean }) => {
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) {
        throw new DubanError('DUBAN_CLI_BAD_NUMBER', `--limit must be a positive whole number, got "${options.limit}"`, { hint: 'for example --limit 20' });
      }
      await env.withLedger({ readonly: true }, async (ledger) => {
        const entries = ledger.auditLog({ ...(limit === undefined ? {} : { limit }), ...(options.action === undefined ? {} : { action: options.action }) });
        if (options.json) return env.json(entries);
        env.out(table(entries, [
          { header: 'seq', get: (e) => e.seq, align: 'right' },
          { header: 'time', get: (e) => e.at },
          { header: 'actor', get: (e) => e.actor, max: 20 },
          { header: 'action', get: (e) => e.action },
          { header: 'target', get: (e) => e.target, max: 60 },
          { header: 'hash', get: (e) => e.hash.slice(0, 12) },
        ]));
      });
    });
}
