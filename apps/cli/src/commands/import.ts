import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DubanError, type Plan, type Problem } from '@duban/core';
import type { Command } from 'commander';
import { loadDirectory } from '../_directory.js';
import type { CliEnv } from '../_env.js';

/** Notices are a few hundred KB; anything past this is almost certainly the wrong file. */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

interface ImportOptions {
  units?: string;
  dryRun?: boolean;
  json?: boolean;
  maxBytes?: string;
  year?: string;
  review?: boolean;
  corrections?: string;
}

/** Registers `duban import FILE`: notice → Plan → new plan version in the ledger. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('import')
    .description('import a key-task breakdown notice (重点任务分解方案) into the ledger as a new plan version')
    .argument('<file>', 'the notice: .docx, .pdf (with text), a saved .html page, or .txt (UTF-8 or GB18030/GBK)')
    .option('--units <file>', 'unit directory JSON (default: config.units, else seeds/ankang-units.json if present)')
    .option('--dry-run', 'parse and report only; write nothing')
    .option('--json', 'print JSON: the Plan with --dry-run, else { version, created, plan }')
    .option('--max-bytes <n>', `refuse notices larger than this (default ${DEFAULT_MAX_BYTES})`)
    .option('--year <yyyy>', 'plan year, when neither the title nor a date in the notice names it')
    .option(
      '--review',
      'print every task with its units, roles, leaders, deadline and indicators, mark what is uncertain (?) with its source line; writes nothing',
    )
    .option(
      '--corrections <file>',
      'corrections file (YAML or JSON, keyed by task number); default: FILE.corrections.yaml/.yml/.json beside the notice',
    )
    .action(async (file: string, options: ImportOptions) => runImport(file, options, env));
}

async function runImport(file: string, options: ImportOptions, env: CliEnv): Promise<void> {
  // Cheap checks first: a wrong path or a huge file must fail before anything is read or opened.
  checkNoticeFile(file, parseMaxBytes(options.maxBytes));
  const directory = loadDirectory(options.units, env);
  const year = parseYear(options.year);
  const { importNoticeFile, parseCorrections, applyCorrections } = await import('@duban/import');
  // The path as given, so errors point at the file the user named.
  const parsed = await importNoticeFile(readFileSync(file), { directory, sourceName: file, ...(year ? { year } : {}) });
  if (parsed.errors.length > 0 || !parsed.value) throw parseFailure(file, parsed.errors);
  const plan = parsed.value;
  // Corrections are applied on every import, so a re-import keeps the office's fixes.
  const correctionsFile = options.corrections ?? besideNotice(file);
  if (correctionsFile) {
    const read = parseCorrections(readCorrections(correctionsFile), correctionsFile);
    if (!read.value) {
      throw new DubanError(
        'DUBAN_CORRECTIONS',
        `the corrections file ${correctionsFile} has ${read.errors.length} problem(s); nothing was imported`,
        {
          where: { file: correctionsFile },
          problems: read.errors,
          hint: 'keys are task numbers; each entry may set was, title, text, lead, co, responsible (lists of units), deadline (YYYY-MM-DD or 6月底前), indicators ([{metric, value, unit}]), leaders',
        },
      );
    }
    for (const w of applyCorrections(plan, read.value))
      plan.warnings.push({ code: w.code, message: `${correctionsFile}:${w.where?.line}: ${w.message}` });
  }

  if (options.review) {
    const { reviewText } = await import('./_review.js');
    if (options.json) env.json(plan);
    else env.out(reviewText(plan, parsed.text));
    return;
  }

  if (options.dryRun) {
    if (options.json) env.json(plan);
    else env.out(summary(plan, 'dry run: nothing written to the ledger'));
    return;
  }
  const { openLedger } = await import('@duban/store');
  const dbPath = resolve(env.dbPath());
  const existed = existsSync(dbPath);
  const ledger = openLedger(dbPath, await env.ledgerOptions());
  let result: { version: number; created: boolean };
  try {
    // The audit entry names the corrections file and how many of its entries were applied.
    const source = plan.correctionsSource
      ? `${file} + ${plan.correctionsSource.name} (${plan.corrections?.length ?? 0} corrections)`
      : file;
    result = ledger.importPlan(plan, directory, { actor: env.actor(), source });
  } catch (e) {
    ledger.close();
    // A failed first import must not leave an empty ledger behind: "no ledger" stays "no ledger".
    if (!existed) for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
    throw e;
  }
  ledger.close();
  const { version, created } = result;
  if (options.json) env.json({ version, created, plan });
  else
    env.out(
      summary(
        plan,
        created
          ? `plan v${version} stored (new version) in ${dbPath}`
          : `plan v${version} unchanged: identical to the stored version, nothing written`,
      ),
    );
}

function parseYear(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^(?:19|20)\d{2}$/.test(raw))
    throw new DubanError('DUBAN_IMPORT_BAD_OPTION', `--year must be a four-digit year, got "${raw}"`, {
      hint: 'for example --year 2024',
    });
  return Number(raw);
}

/** FILE.corrections.yaml / .yml / .json beside the notice (notice.docx → notice.corrections.yaml), if present. */
function besideNotice(file: string): string | undefined {
  const stem = file.replace(/\.[^./\\]+$/, '');
  return ['.corrections.yaml', '.corrections.yml', '.corrections.json']
    .map((ext) => stem + ext)
    .find((f) => existsSync(f) && statSync(f).isFile());
}

function readCorrections(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new DubanError('DUBAN_CORRECTIONS_MISSING', `corrections file ${file} does not exist`, {
      where: { file },
      hint: 'check the --corrections path',
    });
  }
  return readFileSync(file, 'utf8');
}

function parseMaxBytes(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_BYTES;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new DubanError(
      'DUBAN_IMPORT_BAD_OPTION',
      `--max-bytes must be a positive whole number of bytes, got "${raw}"`,
      { hint: 'for example --max-bytes 67108864 for 64 MiB' },
    );
  }
  return n;
}

/** Missing, a directory, not a regular file, or too large: each its own code. */
export function checkNoticeFile(file: string, maxBytes: number): void {
  const where = { file };
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new DubanError('DUBAN_IMPORT_MISSING', `notice file ${file} does not exist`, {
      where,
      hint: 'check the path; for the sample notice use seeds/ankang-2019-notice.txt',
    });
  }
  if (st.isDirectory())
    throw new DubanError('DUBAN_IMPORT_IS_DIRECTORY', `${file} is a directory, not a notice file`, {
      where,
      hint: 'pass the notice text file itself',
    });
  if (!st.isFile())
    throw new DubanError('DUBAN_IMPORT_NOT_A_FILE', `${file} is not a regular file`, {
      where,
      hint: 'save the notice to a file and pass that',
    });
  if (st.size > maxBytes) {
    throw new DubanError(
      'DUBAN_IMPORT_TOO_LARGE',
      `${file} is ${mib(st.size)} (${st.size} bytes); the limit is ${mib(maxBytes)} (${maxBytes} bytes)`,
      {
        where,
        hint: 'a breakdown notice is a few hundred KB, so check that this is the right file; if it is, raise the limit with --max-bytes N',
      },
    );
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function parseFailure(file: string, errors: Problem[]): DubanError {
  const first = errors[0];
  const problems = errors.map((p) => ({ ...p, where: { file, ...p.where } }));
  return new DubanError(
    first?.code ?? 'DUBAN_IMPORT_NO_TASKS',
    first?.message ?? 'no tasks were recognised in the notice',
    {
      where: { file, ...first?.where },
      problems: problems.length > 1 ? problems : [],
      hint:
        first?.code === 'DUBAN_IMPORT_NO_YEAR'
          ? 'give the plan year with --year YYYY (duban never assumes the current year)'
          : 'duban reads numbered tasks ("1." or "（一）") under section headings ("一、"), with units in a trailing parenthesis or in 牵头单位：/责任单位： lines, or a task table (序号 | 重点任务 | 牵头单位 …); check that this is the breakdown notice',
    },
  );
}

/** The human summary: figures first, then every warning with its line. */
export function summary(plan: Plan, headline: string): string {
  const units = new Set<string>();
  const groups = new Set<string>();
  for (const t of plan.tasks) {
    for (const a of t.assignments) {
      (a.isGroup ? groups : units).add(a.unit);
      if (a.group) groups.add(a.group);
    }
  }
  const indicators = plan.tasks.reduce((n, t) => n + t.indicators.length, 0);
  const written = plan.tasks.filter((t) => t.deadline.phrase !== null).length;
  const rows: [string, string][] = [
    ['sections', String(plan.sections.length)],
    ['tasks', String(plan.tasks.length)],
    ['units', String(units.size)],
    ['groups', String(groups.size)],
    ['indicators', `${indicators}${plan.headline.length ? ` (+ ${plan.headline.length} headline targets)` : ''}`],
    ['deadlines', `${written} written (${plan.tasks.length - written} due at year end ${plan.year}-12-31)`],
    ['warnings', String(plan.warnings.length)],
  ];
  const unsure = plan.tasks.filter((t) => t.review?.length).length;
  if (unsure) rows.push(['uncertain', `${unsure} task(s); see them with --review`]);
  if (plan.correctionsSource)
    rows.push(['corrections', `${plan.corrections?.length ?? 0} applied from ${plan.correctionsSource.name}`]);
  const lines = [
    headline,
    `  ${[plan.issuer, plan.docNumber, plan.date].filter(Boolean).join('  ')}  ${plan.title}`.trimEnd(),
  ];
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(11)} ${v}`);
  for (const w of plan.warnings)
    lines.push(`  ${w.line !== undefined ? `line ${w.line}: ` : ''}${w.message} [${w.code}]`);
  return lines.join('\n');
}
