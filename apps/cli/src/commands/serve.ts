import { basename, extname, resolve } from 'node:path';
import { DubanError } from '@duban/core';
import type { Command } from 'commander';
import { loadDirectory } from '../_directory.js';
import type { CliEnv } from '../_env.js';

interface ServeFlags {
  host: string;
  port: string;
  today?: string;
  public?: boolean;
  trustProxy?: boolean;
  secureCookies?: boolean;
  maxUploadMb: string;
  loginAttempts?: string;
  export?: string;
  asOf?: string;
  log?: boolean;
}

const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
};

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new DubanError('DUBAN_SERVE_OPTION', `${flag} must be a whole number, got "${value}"`, {
      hint: `for example ${flag} 8080`,
    });
  return n;
}

/** Registers `duban serve`: the web workspace on the same ledger. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('serve')
    .description(
      'start the web workspace (units report in a browser; the office watches, urges and issues) on the ledger',
    )
    .option(
      '--host <address>',
      "address to listen on; 127.0.0.1 keeps it on this machine, 0.0.0.0 opens it on the LAN (put it behind the office's HTTPS reverse proxy)",
      '127.0.0.1',
    )
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option(
      '--today <date>',
      'working date YYYY-MM-DD instead of the calendar date (training, demonstrations on a past plan)',
    )
    .option('--public', 'also serve the read-only public page at /public')
    .option('--trust-proxy', "trust X-Forwarded-* from the office's HTTPS reverse proxy (implies --secure-cookies)")
    .option('--secure-cookies', 'always mark cookies Secure and send HSTS (served over HTTPS)')
    .option('--max-upload-mb <n>', 'largest upload in MiB', '20')
    .option('--login-attempts <n>', 'login attempts per client address per 10 minutes (default 30)')
    .option('--export <dir>', 'write the public page as a static site to DIR and exit (no server)')
    .option('--as-of <date>', 'with --export: the date the public page is as of')
    .option('--log', 'log every request to stderr')
    .action(async (flags: ServeFlags) => {
      const config = env.config();
      const web = await import('@duban/web');
      if (flags.export) {
        const { parseDate } = await import('../_report-context.js');
        const r = await web.exportPublicSite({
          dbPath: env.dbPath(),
          rulesDir: config.rules,
          outDir: flags.export,
          asOf: flags.asOf === undefined ? undefined : parseDate(flags.asOf, '--as-of'),
        });
        env.out(`public page as of ${r.asOf} (${r.tasks} tasks): ${r.files.join(', ')}`);
        return;
      }
      const today =
        flags.today === undefined
          ? undefined
          : (await import('../_report-context.js')).parseDate(flags.today, '--today');
      // The office key, as every other command reads it: the server's entries carry its MAC too.
      const { officeKey } = await env.ledgerOptions();
      const server = await web.createWebServer({
        dbPath: env.dbPath(),
        rulesDir: config.rules,
        host: flags.host,
        port: positive(flags.port, '--port'),
        today,
        ...(officeKey ? { officeKey } : {}),
        publicPage: flags.public === true,
        trustProxy: flags.trustProxy === true,
        ...(flags.secureCookies ? { secureCookies: true } : {}),
        maxUploadBytes: positive(flags.maxUploadMb, '--max-upload-mb') * 1024 * 1024,
        ...(flags.loginAttempts ? { loginAttemptsPerIp: positive(flags.loginAttempts, '--login-attempts') } : {}),
        log: flags.log === true,
        // The issue date follows --today as every other date the server prints does.
        issue: (request, outDir) => issueDocument(env, request, outDir, today),
        // Notices uploaded in the page are read with the same unit directory as `duban import` (config, else the seed's).
        unitDirectory: () => loadDirectory(undefined, env),
      });
      let url: string;
      try {
        url = await server.listen();
      } catch (e) {
        await server.close();
        const code = (e as { code?: string }).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new DubanError(
            'DUBAN_SERVE_LISTEN',
            `cannot listen on ${flags.host}:${flags.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : 'no such address on this machine'}`,
            {
              hint: 'choose another --port (0 picks a free one) or --host',
              cause: e,
            },
          );
        }
        throw e;
      }
      env.out(`duban serve: ${url} (ledger ${server.workspace.path})`);
      if (!server.workspace.accounts().some((a) => a.role === 'admin' && !a.disabled)) {
        env.err('warning: no enabled admin account yet; create one with `duban users add NAME --role admin`');
      }
      if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && !flags.secureCookies && !flags.trustProxy) {
        env.err(
          "warning: listening beyond this machine over plain HTTP; put duban behind the office's HTTPS reverse proxy (see README) and pass --trust-proxy",
        );
      }
      // Runs until SIGINT/SIGTERM; closing lets in-flight requests finish and checkpoints the ledger.
      await new Promise<void>((done) => {
        const stop = () => void server.close().then(done, done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

/**
 * Runs one reporter the way `duban report` does, writing into `outDir`: nothing is
 * issued from a ledger whose audit chain does not verify (the same gate, in the same
 * snapshot as the data). Returns the files with their types and what the registry
 * records; the web app keeps and registers them in one transaction.
 */
async function issueDocument(
  env: CliEnv,
  request: import('@duban/web').IssueRequest,
  outDir: string,
  today?: string,
): Promise<import('@duban/web').IssueResult> {
  const [{ loadReporter }, { prepareContext }, { checkBeforeIssue }, api] = await Promise.all([
    import('../_reporters.js'),
    import('../_report-context.js'),
    import('../_audit-gate.js'),
    import('@duban/reporter-api'),
  ]);
  const r = await loadReporter(request.reporter);
  const options = api.validateReporterOptions(r.factory, request.options ?? {}, r.factory.meta.name);
  const log = { info: (m: string) => env.err(m), warn: (m: string) => env.err(`warning: ${m}`) };
  const prepared = await prepareContext({
    config: env.config(),
    dbPath: env.dbPath(),
    asOf: request.asOf,
    issueNumber: request.issueNumber,
    log,
    ledgerOptions: await env.ledgerOptions(),
    progress: false,
    ...(today ? { date: today } : {}),
    reporters: [r.factory.meta.name],
    inspect: (ledger) => void checkBeforeIssue(ledger, false, (line) => env.err(line)),
  });
  try {
    const { meta } = r.factory;
    const output = api.createOutputHelpers(resolve(outDir) + '/', { protect: [env.dbPath()] });
    const outputs = await api.runReporter(r.factory, options, (o) => prepared.forRun(meta, o, output), output, {
      plugin: meta.name,
    });
    const issue = prepared.issueFor(meta);
    return {
      files: outputs.map((o) => ({
        path: o.path,
        name: basename(o.path),
        mediaType: MEDIA_TYPES[extname(o.path).toLowerCase()] ?? 'application/octet-stream',
      })),
      issueNumber: issue.number,
      issueDate: issue.date,
      head: issue.auditHead ?? null,
      verified: true,
    };
  } finally {
    await prepared.close();
  }
}
