import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DubanError, ERRORS, type Problem, type ProgressReport, roleLabels, stateLabels } from '@duban/core';
import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';
import { table } from '../_table.js';

// Heavy modules (exceljs via @duban/intake, the importer, SQLite) load inside actions: cold start matters.
const intake = () => import('@duban/intake');
const store = () => import('@duban/store');

type Ledger = import('@duban/store').Ledger;
type StoredPlan = import('@duban/store').StoredPlan;

/** Registers `duban progress` with its subcommands list (the default), template, import and add. */
export function register(program: Command, env: CliEnv): void {
  // The listing is the default subcommand rather than options on `progress` itself: commander would
  // otherwise give `progress add 5 --unit X`'s --unit to the parent.
  const progress = program
    .command('progress')
    .description('collect progress from units: intake workbooks, CSV, history');

  progress
    .command('list', { isDefault: true })
    .description('(default) the latest report per task and unit, or with --history every entry')
    .option('--task <n>', 'only this task number')
    .option('--unit <unit>', 'only this unit (any of its names)')
    .option('--history', 'every entry, including corrected (superseded) ones')
    .option('--json', 'print JSON')
    .action((o: { task?: string; unit?: string; history?: boolean; json?: boolean }) => list(env, o));

  progress
    .command('template')
    .description('write intake workbooks (.xlsx) listing exactly the tasks a unit is assigned to')
    .option('--unit <unit>', 'the unit (any of its names)')
    .option('--all', 'one workbook per reporting unit, into the --out directory')
    .requiredOption('--out <path>', 'the .xlsx file (with --unit) or a directory (with --all)')
    .option('--force', 'replace existing files even if they are not workbooks (or are symbolic links)')
    .action((o: { unit?: string; all?: boolean; out: string; force?: boolean }) => template(env, o));

  progress
    .command('import')
    .description('import filled-in workbooks and CSV files; all files in one transaction, all or nothing')
    .argument('<files...>', '.xlsx intake workbooks or UTF-8 .csv files')
    .option(
      '--from <unit>',
      'the unit that sent the files: every row must be its (needed for files not bound by the office key)',
    )
    .option(
      '--office',
      'the office vouches for the units every row names (CSV and unbound workbooks; recorded in the audit entry)',
    )
    .option('--json', 'print the counts as JSON')
    .action((files: string[], o: ImportFlags) => importFiles(env, files, o));

  progress
    .command('add')
    .description('record one progress report from the command line')
    .argument('<task>', 'task number')
    .requiredOption('--unit <unit>', 'reporting unit')
    .requiredOption('--date <date>', 'report date, YYYY-MM-DD')
    .option('--percent <p>', 'overall completion, 0–100')
    .option('--value <key=value...>', 'indicator actual value; KEY is the indicator key (1, 2 …) or its metric text')
    .option('--state <state>', '推进中 | 已完成 | 受阻 (in_progress | done | blocked)')
    .option('--note <text>', '进展情况')
    .option('--problems <text>', '存在问题')
    .option('--next <text>', '下一步措施')
    .option('--evidence <ref...>', '佐证材料 references')
    .option('--json', 'print the stored counts as JSON')
    .action((task: string, o: Omit<import('@duban/intake').AddArgs, 'task'> & { json?: boolean }) => add(env, task, o));
}

interface ImportFlags {
  json?: boolean;
  from?: string;
  office?: boolean;
}

async function open(env: CliEnv, readonly: boolean): Promise<{ ledger: Ledger; current: StoredPlan }> {
  const { openLedger } = await store();
  const ledger = openLedger(env.dbPath(), await env.ledgerOptions({ mustExist: true, readonly }));
  const current = ledger.currentPlan();
  if (!current) {
    ledger.close();
    throw new DubanError('DUBAN_PROGRESS_NO_PLAN', ERRORS.LedgerHasNoPlan.message(), { where: { file: env.dbPath() } });
  }
  return { ledger, current };
}

async function unitResolver(current: StoredPlan): Promise<(name: string) => string | undefined> {
  const [{ createUnitResolver }, { directoryResolver }] = await Promise.all([import('@duban/import'), intake()]);
  const theirs = createUnitResolver(current.directory);
  const ours = directoryResolver(current.directory, current.plan);
  return (n) => theirs(n) ?? ours(n);
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Validates and stores rows given on the command line (progress add) in one transaction. */
async function validateAndStore(
  env: CliEnv,
  rows: import('@duban/intake').ProgressRow[],
  source: string,
  what: string,
  json: boolean | undefined,
  attestation: (resolveUnit: (n: string) => string | undefined) => string,
): Promise<void> {
  const { createProgressValidator } = await intake();
  const { ledger, current } = await open(env, false);
  try {
    const resolveUnit = await unitResolver(current);
    const checked = createProgressValidator({
      plan: current.plan,
      directory: current.directory,
      planVersion: current.version,
      today: today(),
      resolveUnit,
    })(rows);
    if (checked.errors.length || !checked.value) throw invalid(checked.errors, what);
    const result = ledger.appendProgress(checked.value, {
      actor: env.actor(),
      source,
      planVersion: current.version,
      attestation: attestation(resolveUnit),
    });
    if (json) env.json({ rows: rows.length, planVersion: current.version, ...result });
    else
      env.out(
        `${what}: ${rows.length} row(s) read; ${result.added} added, ${result.superseded} superseded (corrections), ${result.unchanged} unchanged (plan v${current.version})`,
      );
  } finally {
    ledger.close();
  }
}

function invalid(errors: Problem[], what: string): DubanError {
  const codes = new Set(errors.map((e) => e.code));
  const rows = new Set(errors.map((e) => `${e.where?.file}\u0000${e.where?.sheet}\u0000${e.where?.row}`)).size;
  // One kind of mistake keeps its own code, so scripts can tell them apart.
  const code = codes.size === 1 ? [...codes][0]! : 'DUBAN_PROGRESS_INVALID_ROWS';
  return new DubanError(code, `${what}: ${rows} bad row(s), ${errors.length} problem(s); nothing was imported`, {
    problems: errors,
    hint: 'fix every listed cell and import the file(s) again; `duban progress template --unit U` makes a workbook with the right tasks and columns',
  });
}

/**
 * Reads every file as a stream straight into one validation session (rows are
 * never all held), checks each file's right to name its units, and stores the
 * reports in one transaction: all files or nothing.
 */
async function importFiles(env: CliEnv, files: string[], o: ImportFlags): Promise<void> {
  const {
    attestFile,
    attestationText,
    createProgressValidator,
    readProgressInput,
    resolveLimits,
    senderProblem,
    text,
    unitList,
    verifyBinding,
  } = await intake();
  // `dir/*` also matches a README.md beside the data; say so and leave it out rather than fail.
  const skipped = files.filter((f) => /\.(md|markdown)$/i.test(f));
  for (const f of skipped) env.err(`skipped ${f}: not a progress file (.xlsx or .csv)`);
  files = files.filter((f) => !skipped.includes(f));
  if (!files.length)
    throw new DubanError('DUBAN_PROGRESS_NO_FILES', 'no progress files to import', {
      hint: 'name .xlsx or .csv files',
    });
  const limits = resolveLimits(env.config().limits);
  const key = (await env.ledgerOptions()).officeKey;
  const { ledger, current } = await open(env, false);
  try {
    const resolveUnit = await unitResolver(current);
    let from: string | undefined;
    if (o.from !== undefined) {
      from = resolveUnit(o.from);
      if (!from)
        throw new DubanError(
          'DUBAN_PROGRESS_UNKNOWN_UNIT',
          `--from ${o.from} is not a unit of plan v${current.version}`,
          { hint: 'see `duban units` for the names' },
        );
    }
    const authority = {
      office: o.office === true,
      ...(from ? { from } : {}),
      ...(key ? { key } : {}),
      planVersion: current.version,
      planDigest: current.plan.sourceDigest,
      resolveUnit,
      verifyBinding,
    };
    const session = createProgressValidator({
      plan: current.plan,
      directory: current.directory,
      planVersion: current.version,
      today: today(),
      resolveUnit,
    }).session();
    const who: Problem[] = [];
    const attested: import('@duban/intake').FileAttestation[] = [];
    let total = 0;
    for (const file of files) {
      const units = new Set<string>();
      const read = await readProgressInput(file, limits, (row) => {
        const u = text(row.fields.unit);
        if (u) units.add(resolveUnit(u) ?? u);
        const p = senderProblem(row, authority);
        if (p) who.push(p);
        session.add(row);
      });
      total += read.count;
      const { problem, attestation } = attestFile(read, [...units].sort(), authority);
      if (problem) who.push(problem);
      if (attestation) attested.push(attestation);
    }
    if (who.length) {
      const codes = new Set(who.map((p) => p.code));
      throw new DubanError(
        codes.size === 1 ? [...codes][0]! : 'DUBAN_PROGRESS_UNBOUND',
        `${who.length} problem(s) with who is reporting; nothing was imported`,
        {
          problems: who,
          hint: "a file counts for the units it names only when it is a workbook bound by the office key, or the office says who sent it: --from UNIT (every row must be that unit's) or --office (the office vouches for every row); see SECURITY.md",
        },
      );
    }
    const what = files.length === 1 ? basename(files[0]!) : `${files.length} files`;
    if (!total) env.err(`warning: no filled-in rows in ${files.join(', ')}; nothing to import`);
    const checked = session.finish();
    if (checked.errors.length || !checked.value) throw invalid(checked.errors, what);
    const result = ledger.appendProgress(checked.value, {
      actor: env.actor(),
      source: files.map((f) => basename(f)).join(', '),
      planVersion: current.version,
      attestation: attestationText(attested),
    });
    if (o.json) return env.json({ rows: total, planVersion: current.version, ...result, files: attested });
    for (const f of attested) env.out(`${basename(f.file)}: ${unitList(f.units)} — ${f.authority}`);
    env.out(
      `${what}: ${total} row(s) read; ${result.added} added, ${result.superseded} superseded (corrections), ${result.unchanged} unchanged (plan v${current.version})`,
    );
  } finally {
    ledger.close();
  }
}

async function add(
  env: CliEnv,
  task: string,
  o: Omit<import('@duban/intake').AddArgs, 'task'> & { json?: boolean },
): Promise<void> {
  const { rowFromArgs } = await intake();
  // Typed at the office's own command line: the operator is the office.
  await validateAndStore(
    env,
    [rowFromArgs({ ...o, task })],
    'cli',
    'progress add',
    o.json,
    (resolveUnit) => `units: command line=${resolveUnit(o.unit) ?? o.unit} (office, progress add)`,
  );
}

async function template(env: CliEnv, o: { unit?: string; all?: boolean; out: string; force?: boolean }): Promise<void> {
  if (!o.unit === !o.all)
    throw new DubanError('DUBAN_PROGRESS_TEMPLATE_ARGS', 'give either --unit U or --all', {
      hint: 'duban progress template --unit 市发改委 --out 市发改委.xlsx, or --all --out DIR',
    });
  const { buildTemplate, fileNameForUnit, reportersOf } = await intake();
  const { checkReplace, writeFileAtomic } = await import('@duban/reporter-api');
  const { ledger, current } = await open(env, true);
  const officeKey = (await env.ledgerOptions()).officeKey;
  try {
    let units: string[];
    if (o.unit) {
      const unit = (await unitResolver(current))(o.unit);
      const all = new Set(current.plan.tasks.flatMap((t) => [...reportersOf(t)]));
      if (!unit || !all.has(unit)) {
        throw new DubanError(
          'DUBAN_PROGRESS_UNKNOWN_UNIT',
          `${o.unit} is not assigned to any task of plan v${current.version}`,
          { hint: 'see `duban units` for the names; groups without members report under the group name' },
        );
      }
      units = [unit];
    } else {
      units = [...new Set(current.plan.tasks.flatMap((t) => [...reportersOf(t)]))].sort();
      await mkdir(o.out, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
        throw new DubanError(
          'DUBAN_PROGRESS_TEMPLATE_OUT',
          `cannot create the directory ${o.out}: ${e.code ?? e.message}`,
          { where: { file: o.out }, hint: 'give --out a directory you can write to' },
        );
      });
    }
    const files = units.map((unit) => ({ unit, file: o.all ? join(o.out, fileNameForUnit(unit)) : o.out }));
    // Every target is checked before any is written: a refusal leaves everything as it was.
    for (const f of files) checkReplace(f.file, { force: o.force === true, protect: [env.dbPath()] });
    for (const { unit, file } of files) {
      const bytes = await buildTemplate({
        plan: current.plan,
        planVersion: current.version,
        unit,
        previous: ledger.listProgress({ unit }),
        ...(officeKey ? { officeKey } : {}),
      });
      await writeFileAtomic(file, bytes).catch((e: NodeJS.ErrnoException) => {
        throw new DubanError('DUBAN_PROGRESS_TEMPLATE_OUT', `cannot write ${file}: ${e.code ?? e.message}`, {
          where: { file },
          hint: 'give --out a path you can write to (for --unit, a file name ending in .xlsx)',
        });
      });
      if (!o.all)
        env.out(`wrote ${file} (${unit}, plan v${current.version}${officeKey ? ', bound by the office key' : ''})`);
    }
    if (o.all)
      env.out(
        `wrote ${units.length} workbook(s) to ${o.out} (plan v${current.version}${officeKey ? ', bound by the office key' : ''})`,
      );
  } finally {
    ledger.close();
  }
}

async function list(
  env: CliEnv,
  o: { task?: string; unit?: string; history?: boolean; json?: boolean },
): Promise<void> {
  const { latestPerPair, markSuperseded } = await intake();
  const { ledger, current } = await open(env, true);
  try {
    const task = o.task === undefined ? undefined : Number(o.task);
    if (task !== undefined && (!Number.isInteger(task) || task <= 0))
      throw new DubanError('DUBAN_PROGRESS_BAD_TASK', `--task must be a task number, got ${o.task}`);
    const unit = o.unit === undefined ? undefined : ((await unitResolver(current))(o.unit) ?? o.unit);
    const filter = { ...(task !== undefined ? { task } : {}), ...(unit !== undefined ? { unit } : {}) };
    const rows: (ProgressReport & { supersededBy?: number })[] = o.history
      ? markSuperseded(ledger.listProgress({ ...filter, includeSuperseded: true }))
      : latestPerPair(ledger.listProgress(filter));
    if (o.json) return env.json(rows);
    if (!rows.length)
      return env.out(
        'no progress reports' +
          (task || unit ? ' for this filter' : ' yet; import some with `duban progress import FILE`'),
      );
    const roles = new Map(
      current.plan.tasks.map((t) => [t.number, new Map(t.assignments.map((a) => [a.unit, roleLabels[a.role]]))]),
    );
    env.out(
      table(rows, [
        ...(o.history ? [{ header: '#', get: (r: (typeof rows)[number]) => r.id, align: 'right' as const }] : []),
        { header: '任务', get: (r) => r.task, align: 'right' },
        { header: '单位', get: (r) => r.unit, max: 16 },
        { header: '角色', get: (r) => roles.get(r.task)?.get(r.unit) },
        { header: '日期', get: (r) => r.date },
        { header: '完成%', get: (r) => r.percent, align: 'right' },
        { header: '状态', get: (r) => stateLabels[r.state] },
        {
          header: '指标实际值',
          get: (r) =>
            Object.entries(r.values)
              .map(([k, v]) => `${k}=${v}`)
              .join(' '),
          max: 20,
        },
        ...(o.history
          ? [
              {
                header: '更正',
                get: (r: (typeof rows)[number]) =>
                  r.supersededBy ? `被#${r.supersededBy}更正` : r.supersedes ? `更正#${r.supersedes}` : '',
              },
            ]
          : []),
        { header: '进展情况', get: (r) => r.progress, max: 36 },
      ]),
    );
  } finally {
    ledger.close();
  }
}
