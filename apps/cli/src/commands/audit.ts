import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DubanError } from '@duban/core';
import type { Command } from 'commander';
import { auditError, formatHead, parseHead } from '../_audit-gate.js';
import type { CliEnv } from '../_env.js';
import { table } from '../_table.js';

/** Registers `duban audit verify` and `duban audit log`. */
export function register(program: Command, env: CliEnv): void {
  const audit = program.command('audit').description("check and list the ledger's audit chain");

  audit
    .command('verify')
    .description(
      'recompute every row digest, the hash chain, office MACs (with the key) and the heads of issued documents; name the first problem',
    )
    .option(
      '--expect-head <seq:hash>',
      'the head printed on the last issued document (or kept by the office): detects truncation and rollback',
    )
    .option(
      '--document <file...>',
      'issued document file(s): each must be in the registry of issued documents, its head in the chain (detects rollback and truncation)',
    )
    .option('--json', 'print { ok, checked, head, macChecked, signed, documents, firstBad? } as JSON')
    .action(async (options: { expectHead?: string; document?: string[]; json?: boolean }) => {
      const expectHead = options.expectHead === undefined ? undefined : parseHead(options.expectHead);
      const { documentDigests, checkDocuments } = await import('../_audit-gate.js');
      const files = await documentDigests(options.document ?? []);
      await env.withLedger({ readonly: true }, async (ledger) => {
        const result = ledger.verifyAudit(expectHead ? { expectHead } : {});
        if (options.json) env.json(result);
        if (result.firstBad) throw auditError(result, ledger.path);
        const found = checkDocuments(ledger, files);
        if (options.json) return;
        env.out(
          `${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} verified: the audit chain is intact; head ${formatHead(result.head)}`,
        );
        env.out(
          result.macChecked
            ? 'office MACs: every entry checked with the office key'
            : result.signed
              ? 'office MACs: NOT checked — the ledger is signed but no office key was given (auditKey / DUBAN_AUDIT_KEY)'
              : 'office MACs: none (no office key configured; anyone holding the file could recompute the chain — see SECURITY.md)',
        );
        env.out(`issued documents: ${result.documents} recorded head(s) found in the chain`);
        if (expectHead)
          env.out(`expected head #${expectHead.seq} found: no truncation or rollback since it was recorded`);
        for (const f of found)
          env.out(
            `${f.file}: registered as document #${f.doc.id} (${f.doc.reporter}${f.doc.issueNumber === null ? '' : ` 第${f.doc.issueNumber}期`}), made from head #${f.doc.head?.seq ?? 0}, which the chain holds`,
          );
      });
    });

  audit
    .command('head')
    .description('print the newest audit entry as SEQ:HASH (what documents print and --expect-head takes)')
    .option('--json', 'print { seq, hash } as JSON')
    .action(async (options: { json?: boolean }) => {
      await env.withLedger({ readonly: true }, async (ledger) => {
        const head = ledger.auditHead();
        if (options.json) return env.json(head);
        env.out(formatHead(head));
      });
    });

  audit
    .command('keygen')
    .description(
      'write a new random office key (256 bits, hex) to FILE, readable by its owner only; keep it outside the ledger and its backups',
    )
    .argument('<file>', 'where to write the key (must not exist)')
    .action((file: string) => {
      try {
        writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new DubanError(
          'DUBAN_AUDIT_KEY_FILE',
          `cannot write the key to ${file}: ${code === 'EEXIST' ? 'the file exists (a key is never overwritten)' : (code ?? 'error')}`,
          {
            where: { file },
            hint:
              code === 'EEXIST'
                ? 'choose a new file name; replacing a key would make the signed ledger unverifiable'
                : 'check that the directory exists and is writable',
          },
        );
      }
      env.out(
        `office key written to ${file}; set "auditKey": "${file}" in duban.config.json (or DUBAN_AUDIT_KEY), then run \`duban audit sign\` on an existing ledger`,
      );
    });

  audit
    .command('sign')
    .description('adopt the office key on an existing ledger: verify the chain, then sign every entry with the key')
    .action(async () => {
      await env.withLedger({ mustExist: true }, async (ledger) => {
        const { signed, head } = ledger.signAudit();
        env.out(
          `${signed} entr${signed === 1 ? 'y' : 'ies'} signed with the office key; head ${formatHead(head)}; from now on every write needs the key`,
        );
      });
    });

  audit
    .command('documents')
    .description('the registry of issued documents (发文登记): reporter, 期号, dates, audit head, files')
    .option('--reporter <name>', "only this reporter's documents")
    .option('--json', 'print the registry as JSON (with output paths and SHA-256)')
    .action(async (options: { reporter?: string; json?: boolean }) => {
      await env.withLedger({ readonly: true }, async (ledger) => {
        const docs = ledger.issuedDocuments(options.reporter === undefined ? {} : { reporter: options.reporter });
        if (options.json) return env.json(docs);
        if (!docs.length) return env.out('no documents issued yet');
        env.out(
          table(docs, [
            { header: '#', get: (d) => d.id, align: 'right' },
            { header: 'reporter', get: (d) => d.reporter },
            { header: '期号', get: (d) => d.issueNumber ?? '', align: 'right' },
            { header: 'as of', get: (d) => d.asOf },
            { header: 'issued', get: (d) => d.issueDate },
            { header: 'head', get: (d) => (d.head ? `${d.head.seq}:${d.head.hash.slice(0, 16)}` : '') },
            { header: 'verified', get: (d) => (d.verified ? 'yes' : 'NO') },
            { header: 'files', get: (d) => d.outputs.length, align: 'right' },
          ]),
        );
      });
    });

  audit
    .command('log')
    .description('list audit entries, oldest first')
    .option('--limit <n>', 'only the most recent N entries')
    .option('--action <name>', 'only entries of this action (plan.import, progress.append, document.issue)')
    .option('--json', 'print the entries as JSON')
    .action(async (options: { limit?: string; action?: string; json?: boolean }) => {
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) {
        throw new DubanError(
          'DUBAN_CLI_BAD_NUMBER',
          `--limit must be a positive whole number, got "${options.limit}"`,
          { hint: 'for example --limit 20' },
        );
      }
      await env.withLedger({ readonly: true }, async (ledger) => {
        const entries = ledger.auditLog({
          ...(limit === undefined ? {} : { limit }),
          ...(options.action === undefined ? {} : { action: options.action }),
        });
        if (options.json) return env.json(entries);
        env.out(
          table(entries, [
            { header: 'seq', get: (e) => e.seq, align: 'right' },
            { header: 'time', get: (e) => e.at },
            { header: 'actor', get: (e) => e.actor, max: 20 },
            { header: 'action', get: (e) => e.action },
            { header: 'target', get: (e) => e.target, max: 60 },
            { header: 'hash', get: (e) => e.hash.slice(0, 12) },
          ]),
        );
      });
    });
}
