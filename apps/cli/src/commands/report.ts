import { isAbsolute, relative, resolve } from 'node:path';
import { DubanError } from '@duban/core';
import type { Command } from 'commander';
import type { Config } from '../_config.js';
import type { CliEnv } from '../_env.js';
import { configuredOptions, mergeOptions, parseOptionFlag, resolvePathOptions } from '../_report-options.js';

/** Flags of `duban report`. */
interface ReportFlags {
  list?: boolean;
  asOf?: string;
  out?: string;
  issue?: string;
  date?: string;
  unit?: string;
  format?: string;
  option: string[];
  json?: boolean;
  force?: boolean;
  allowUnverified?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

async function list(env: CliEnv, json: boolean): Promise<void> {
  const { BUILTIN_NAMES, describeOptions, findInstalledReporters, loadReporter } = await import('../_reporters.js');
  const rows = [];
  for (const name of [...BUILTIN_NAMES, ...findInstalledReporters()]) {
    try {
      const r = await loadReporter(name);
      rows.push({
        name: r.factory.meta.name,
        package: r.id,
        source: r.source,
        apiVersion: r.factory.meta.apiVersion,
        description: r.factory.meta.description ?? '',
        options: await describeOptions(r.factory),
      });
    } catch (e) {
      rows.push({
        name,
        package: name,
        source: 'package',
        error: (e as DubanError).code ? `${(e as DubanError).code}: ${(e as Error).message}` : String(e),
      });
    }
  }
  if (json) return env.json(rows);
  for (const r of rows) {
    env.out(
      `${r.name}  (${r.source === 'builtin' ? 'built-in' : r.package})${'description' in r && r.description ? `  ${r.description}` : ''}`,
    );
    if ('error' in r) env.out(`    ! ${r.error}`);
    else if (r.options.length === 0) env.out('    (no options)');
    else for (const o of r.options) env.out(`    ${o}`);
  }
}

/** One reporter to run: the name as written and, for config list entries, its own options. */
interface Job {
  name: string;
  options?: Record<string, unknown>;
}

async function run(jobs: Job[], flags: ReportFlags, env: CliEnv, single: boolean): Promise<void> {
  const [{ loadReporter, packageNameFor }, { prepareContext, parseDate }, { resolveUnit }, api] = await Promise.all([
    import('../_reporters.js'),
    import('../_report-context.js'),
    import('../_unit-flag.js'),
    import('@duban/reporter-api'),
  ]);
  const asOf = flags.asOf === undefined ? undefined : parseDate(flags.asOf, '--as-of');
  const date = flags.date === undefined ? undefined : parseDate(flags.date, '--date');
  let issueNumber: number | undefined;
  if (flags.issue !== undefined) {
    issueNumber = Number(flags.issue);
    if (!Number.isInteger(issueNumber) || issueNumber < 1)
      throw new DubanError('DUBAN_REPORT_ISSUE', `--issue ${flags.issue} is not an issue number`, {
        hint: 'give 期数 as a whole number, e.g. --issue 3',
      });
  }
  const config = env.config();
  // Load and validate every reporter before the ledger is read: a typo costs nothing.
  const loaded = [];
  for (const job of jobs) {
    const r = await loadReporter(job.name);
    const { meta } = r.factory;
    const paths = api.pathOptionKeys(meta.options);
    // Paths in duban.config.json are relative to that file, like duban's own; on the command line, to the current directory.
    let raw = resolvePathOptions(
      job.options ??
        configuredOptions(config, [
          job.name,
          r.id,
          meta.name,
          ...(r.source === 'package' ? [packageNameFor(job.name)] : []),
        ]),
      paths,
      config.root,
    );
    for (const f of flags.option)
      raw = mergeOptions(
        raw,
        resolvePathOptions(
          parseOptionFlag(f, (p) => api.optionTakesText(meta.options, p)),
          paths,
          process.cwd(),
        ),
      );
    if (flags.unit !== undefined) raw = { ...raw, unit: flags.unit };
    if (flags.format !== undefined) {
      // A reporter takes --format only when its options declare one (DocumentFormats); the ledger writes .xlsx only.
      const shape = (meta.options as { shape?: Record<string, unknown> } | undefined)?.shape;
      if (!shape || !('format' in shape)) {
        throw new DubanError(
          'DUBAN_REPORT_FORMAT',
          `reporter ${meta.name} has no --format: it writes one kind of file`,
          {
            hint: 'leave --format out for this reporter; bulletin and scoresheet take --format pdf, docx or pdf,docx',
          },
        );
      }
      raw = { ...raw, format: flags.format };
    }
    const label = r.source === 'builtin' ? meta.name : r.id;
    loaded.push({ ...r, label, raw, options: api.validateReporterOptions(r.factory, raw, label) });
  }
  const log = { info: (m: string) => env.err(m), warn: (m: string) => env.err(`warning: ${m}`) };
  // Issuing registers the document, so the ledger must be writable (and migrated): find out before rendering.
  await env.withLedger({ mustExist: true }, () => undefined);
  const { checkBeforeIssue } = await import('../_audit-gate.js');
  let gate: { verified: boolean } = { verified: false };
  const prepared = await prepareContext({
    config,
    dbPath: env.dbPath(),
    asOf,
    issueNumber,
    date,
    log,
    ledgerOptions: await env.ledgerOptions(),
    reporters: loaded.map((r) => r.factory.meta.name),
    // Nothing is issued from a ledger whose chain does not verify (unless the office says so, loudly).
    inspect: (ledger) =>
      void (gate = checkBeforeIssue(ledger, flags.allowUnverified === true, (line) => env.err(line))),
    // A progress bar on a terminal for long batches; never with --json (output for programs).
    progress: flags.json ? false : undefined,
    prelaunch: loaded.some((r) => r.source === 'builtin' && ['bulletin', 'scoresheet'].includes(r.factory.meta.name)),
  });
  if (flags.unit !== undefined) {
    // --unit takes any name the directory knows (full name, alias); reporters get the canonical one.
    const unit = await resolveUnit(prepared.directory, flags.unit);
    for (const r of loaded) r.options = api.validateReporterOptions(r.factory, { ...r.raw, unit }, r.label);
  }
  const results = [];
  try {
    for (const r of loaded) {
      const { meta } = r.factory;
      // A listed run writes each reporter into its own folder (under --out, else out/): no two documents collide.
      const target = single
        ? (flags.out ?? meta.defaultOutput ?? 'out/')
        : `${(flags.out ?? 'out').replace(/[\\/]+$/, '')}/${meta.name}/`;
      const output = api.createOutputHelpers(resolve(target), { force: flags.force === true, protect: [env.dbPath()] });
      const outputs = await api.runReporter(r.factory, r.options, (o) => prepared.forRun(meta, o, output), output, {
        plugin: r.label,
        debug: process.env.DUBAN_DEBUG === '1',
      });
      if (outputs.length === 0) env.err(`reporter ${r.label} wrote no files`);
      const issue = prepared.issueFor(meta);
      results.push({
        reporter: meta.name,
        source: r.source,
        package: r.id,
        file: r.file,
        asOf: prepared.asOf,
        issue: issue.number,
        outputs,
        issueInfo: issue,
      });
    }
  } finally {
    await prepared.close();
  }
  const { registerIssued } = await import('../_registry.js');
  for (const r of results)
    await registerIssued(env, [{ reporter: r.reporter, paths: r.outputs.map((o) => o.path) }], {
      asOf: prepared.asOf,
      issue: r.issueInfo,
      verified: gate.verified,
    });
  const shownResults = results.map(({ issueInfo: _, ...r }) => r);
  if (flags.json) return env.json(single ? shownResults[0] : shownResults);
  for (const r of results) for (const o of r.outputs) env.out(shown(o.path));
}

/** The reporters a bare `duban report` runs: config "reporters" written as a list of name | [name, options]. */
function configuredJobs(config: Config): Job[] {
  const r = config.reporters;
  if (!Array.isArray(r) || r.length === 0) {
    throw new DubanError('DUBAN_REPORT_NAME', 'name the reporter to run', {
      hint: 'e.g. duban report bulletin --as-of 2019-06-30; or list reporters to run in duban.config.json: "reporters": ["bulletin", ["scoresheet", { … }]]; duban report --list shows them all',
    });
  }
  return r.map((e) => (typeof e === 'string' ? { name: e } : { name: e[0], options: e[1] }));
}

/** Registers `duban report NAME` and `duban report --list`. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('report')
    .description(
      'issue a document with a reporter: bulletin, scoresheet, ledger, a path, or an installed duban-reporter-* package',
    )
    .argument(
      '[name]',
      'reporter: built-in name, ./path.js, foo (duban-reporter-foo) or @scope/foo (@scope/duban-reporter-foo); omitted: every reporter listed in config "reporters"',
    )
    .option('--list', 'list built-in and installed reporters with their options')
    .option(
      '--as-of <date>',
      'judge the ledger as of this date, YYYY-MM-DD (default: today, at most the plan year end)',
    )
    .option(
      '--out <path>',
      "output file or directory (default: the reporter's, else out/); a listed run writes each reporter into DIR/<name>/",
    )
    .option(
      '--issue <n>',
      '期数 of the document (default for a numbered series such as the bulletin: one past the last registered)',
    )
    .option(
      '--date <date>',
      'issue date printed on the document (版头, 落款, 印发), YYYY-MM-DD (default: today; the data cut-off is --as-of)',
    )
    .option(
      '--unit <unit>',
      'only this unit: any name the unit directory knows (full name, alias); passed to the reporter as options.unit, canonical',
    )
    .option(
      '--format <formats>',
      'pdf, docx (an editable Word document in GB/T 9704 styles) or pdf,docx (passed to the reporter as options.format)',
    )
    .option(
      '--option <key=value>',
      'reporter option, repeatable; text where the reporter wants text, else JSON when it parses; dotted keys nest (overrides config)',
      collect,
      [],
    )
    .option('--json', 'print the files written as JSON')
    .option(
      '--force',
      'replace an existing --out file even if it is not an earlier document of the same kind (never the ledger)',
    )
    .option(
      '--allow-unverified',
      'issue even though the audit chain does not verify (warned loudly, recorded as unverified in the registry)',
    )
    .action(async (name: string | undefined, flags: ReportFlags) => {
      if (flags.list) return list(env, flags.json === true);
      if (name) return run([{ name }], flags, env, true);
      return run(configuredJobs(env.config()), flags, env, false);
    });
}
