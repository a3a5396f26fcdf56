import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';

/** Registers `duban db copy FROM TO`: moves a ledger between SQLite and PostgreSQL, then checks the copy. */
export function register(program: Command, env: CliEnv): void {
  const db = program.command('db').description("the ledger's database: copy it between SQLite files and PostgreSQL");
  db.command('copy')
    .description(
      'copy a ledger (SQLite file or postgres:// URL) to another, then verify row counts, the audit head and the chain',
    )
    .argument('<from>', 'the ledger to copy: an SQLite file or postgres://user@host/db')
    .argument('<to>', 'where to copy it: a new SQLite file, or an empty PostgreSQL database')
    .option('--replace', 'replace the records of a target that already holds a ledger')
    .action(async (from: string, to: string, options: { replace?: boolean }) => {
      const { copyLedger } = await import('@duban/store');
      const { officeKey } = await env.ledgerOptions();
      const r = copyLedger(from, to, { replace: options.replace === true, ...(officeKey ? { officeKey } : {}) });
      const rows = Object.entries(r.rows)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      env.out(
        `copied ${redact(from)} → ${redact(to)}: ${rows || 'no records'}${r.files ? `; ${r.files} file(s)` : ''}`,
      );
      env.out(
        `verified: row counts equal, audit head ${r.head ? `#${r.head.seq}:${r.head.hash.slice(0, 16)}` : '(empty chain)'} on both, chain intact`,
      );
    });
}

/** A URL's password never reaches the terminal. */
function redact(location: string): string {
  return location.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}
