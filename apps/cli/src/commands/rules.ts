import { relative, resolve } from 'node:path';
import { DubanError, formatLocation, type Status, statusLabels } from '@duban/core';
import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';
import { evaluateLedger, loadRulesOrThrow, parseAsOf, readLedger } from '../_judge.js';

interface Flags {
  asOf?: string;
  rules?: string;
  json?: boolean;
}

const shown = (p: string) => relative(process.cwd(), p) || '.';
const label = (s: string) => statusLabels[s as Status] ?? s;
const print = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

async function check(env: CliEnv, dirArg: string | undefined, json: boolean): Promise<void> {
  const dir = shown(resolve(dirArg ?? env.config().rules));
  const { loadRuleSet } = await import('@duban/rules');
  const r = loadRuleSet(dir);
  if (json) {
    env.json({ ok: r.errors.length === 0, errors: r.errors, warnings: r.warnings });
    if (r.errors.length) process.exitCode = 2;
    return;
  }
  for (const w of r.warnings) env.err(`warning: ${formatLocation(w.where)}: ${w.message} [${w.code}]`);
  if (r.errors.length || !r.value) {
    throw new DubanError(
      'DUBAN_RULES_INVALID',
      `the rule set in ${dir} has ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`,
      {
        where: { file: dir },
        problems: r.errors,
        hint: 'each line above gives file:line, the JSON path and what to change',
      },
    );
  }
  env.out(
    `${dir}: OK — ${r.value.status.rules.length} status rules, ${r.value.scoring.taskRules.length + r.value.scoring.unitRules.length} scoring rules`,
  );
}

async function test(env: CliEnv, dirArg: string | undefined, json: boolean): Promise<void> {
  const dir = shown(resolve(dirArg ?? env.config().rules));
  const ruleSet = await loadRulesOrThrow(dir);
  const { runRuleTests } = await import('@duban/rules');
  const report = await runRuleTests(ruleSet, resolve(dir, 'tests'));
  if (report.failed > 0 || report.errors.length > 0) process.exitCode = 1;
  if (json) return env.json(report);
  for (const e of report.errors) env.out(`✗ ${formatLocation(e.where)}: ${e.message} [${e.code}]`);
  for (const r of report.results)
    if (!r.ok) env.out(`✗ ${shown(r.file)}:${r.line} ${r.name}: expected ${r.expected}, got ${r.actual}`);
  env.out(`${report.passed} passed, ${report.failed} failed`);
}

async function explain(env: CliEnv, taskArg: string, flags: Flags): Promise<void> {
  const asOf = parseAsOf(flags.asOf);
  const n = Number(taskArg);
  const ruleSet = await loadRulesOrThrow(flags.rules ?? env.config().rules);
  const { plan, progress } = await readLedger(env, asOf);
  const task = plan.tasks.find((t) => t.number === n);
  if (!task)
    throw new DubanError('DUBAN_RULES_NO_TASK', `task ${taskArg} is not in the current plan`, {
      hint: `give a task number from 1 to ${plan.tasks.length}; duban tasks lists them`,
    });
  const { createJudge, computeTaskFacts, explainTask } = await import('@duban/rules');
  const facts = computeTaskFacts(
    { ...plan, tasks: [task] },
    progress.filter((p) => p.task === n),
    asOf,
    undefined,
    { scheduleBasis: ruleSet.status.schedule.basis, progressBasis: ruleSet.status.progress.basis },
  ).get(n)!;
  const x = await explainTask(createJudge(ruleSet), facts);
  if (flags.json) return env.json(x);
  env.out(`任务 ${n}：${task.title}（截至 ${asOf}）`);
  env.out('facts:');
  const width = Math.max(...Object.keys(facts).map((k) => k.length));
  for (const [k, v] of Object.entries(facts)) env.out(`  ${k.padEnd(width)}  ${print(v)}`);
  env.out('rules, highest priority first:');
  for (const r of x.rules) {
    const decides = r.rule === x.verdict.rule ? '  ◀ decides' : '';
    env.out(
      `  [${r.priority}] ${r.rule} → ${label(String(r.params.status))}: ${r.result ? 'matched' : 'not matched'}${decides}`,
    );
    if (!r.conditions.length) env.out('        (no conditions: always matches)');
    for (const c of r.conditions)
      env.out(
        `        ${c.result ? '✓' : '✗'} ${c.fact} ${c.operator} ${print(c.value)}   (${c.fact} = ${print(c.factValue)})`,
      );
  }
  env.out(
    `decision: ${label(x.verdict.status)} (${x.verdict.status}) by rule "${x.verdict.rule}" — ${x.verdict.reason}`,
  );
}

async function diff(env: CliEnv, other: string, flags: Flags): Promise<void> {
  const asOf = parseAsOf(flags.asOf);
  const otherSet = await loadRulesOrThrow(resolve(other));
  const { plan, progress, filings, evaluation } = await evaluateLedger(env, asOf, flags.rules);
  const { createJudge, diffEvaluations } = await import('@duban/rules');
  const d = diffEvaluations(
    evaluation,
    await createJudge(otherSet).evaluate({ plan, progress, asOf, ...(filings ? { filings } : {}) }),
  );
  if (flags.json) return env.json(d);
  const titles = new Map(plan.tasks.map((t) => [t.number, t.title]));
  env.out(`if ${shown(resolve(other))} replaced ${shown(resolve(flags.rules ?? env.config().rules))} (as of ${asOf}):`);
  env.out(`tasks changing verdict: ${d.tasks.length}`);
  for (const t of d.tasks)
    env.out(
      `  ${t.task}. ${titles.get(t.task) ?? ''}: ${label(t.from)} → ${label(t.to)} (${t.fromRule} → ${t.toRule}) ${t.reason}`,
    );
  env.out(`units changing score: ${d.units.length}`);
  for (const u of d.units) env.out(`  ${u.unit}: ${u.from} → ${u.to} (${u.delta > 0 ? '+' : ''}${u.delta})`);
}

async function init(env: CliEnv, dirArg: string | undefined, force: boolean): Promise<void> {
  const { cpSync, existsSync, readdirSync } = await import('node:fs');
  const { defaultRulesDir } = await import('../_config.js');
  const target = resolve(dirArg ?? 'rules');
  if (existsSync(target) && readdirSync(target).length > 0 && !force) {
    throw new DubanError('DUBAN_RULES_INIT_EXISTS', `${shown(target)} already exists and is not empty`, {
      where: { file: target },
      hint: 'choose another directory, or add --force to overwrite the default files in it',
    });
  }
  cpSync(defaultRulesDir(), target, { recursive: true, dereference: true, force: true });
  env.out(
    `copied the default rule set to ${shown(target)}: edit status.json and scoring.json, then run duban rules check and duban rules test ${shown(target)}`,
  );
  if (!dirArg || resolve(dirArg) === resolve('rules'))
    env.out('duban uses ./rules when it exists; elsewhere set "rules" in duban.config.json or pass --rules');
}

/** Registers `duban rules init|check|test|explain|diff`: tools for rule authors, no code needed. */
export function register(program: Command, env: CliEnv): void {
  const rules = program
    .command('rules')
    .description('check, test, explain and compare rule sets (rules/status.json, rules/scoring.json)');
  rules
    .command('init')
    .description('copy the default rule set (status.json, scoring.json, tests/, README.md) into DIR to change it')
    .argument('[dir]', 'where to copy it (default: ./rules, which duban then uses)')
    .option('--force', 'overwrite the default files in a non-empty directory')
    .action((dir: string | undefined, flags: { force?: boolean }) => init(env, dir, flags.force === true));
  rules
    .command('check')
    .description('validate a rule set; errors give file:line and JSON path')
    .argument('[dir]', 'rule set directory (default: config rules, ./rules, or the built-in defaults)')
    .option('--json', 'print { ok, errors, warnings }')
    .action((dir: string | undefined, flags: Flags) => check(env, dir, flags.json === true));
  rules
    .command('test')
    .description('run the JSON test cases in DIR/tests/*.json; prints "N passed, M failed"')
    .argument('[dir]', 'rule set directory (default: config rules, i.e. ./rules)')
    .option('--json', 'print the full report')
    .action((dir: string | undefined, flags: Flags) => test(env, dir, flags.json === true));
  rules
    .command('explain')
    .description("show one task's full decision trace: facts, every rule in priority order, each condition")
    .argument('<task>', 'task number')
    .requiredOption('--as-of <date>', 'judge as of this date, YYYY-MM-DD')
    .option('--rules <dir>', 'rule set directory (default: config rules)')
    .option('--json', 'print the trace as JSON')
    .action((task: string, flags: Flags) => explain(env, task, flags));
  rules
    .command('diff')
    .description('which tasks change verdict and which units change score if OTHER_DIR replaced the current rules')
    .argument('<other_dir>', 'the other rule set directory')
    .requiredOption('--as-of <date>', 'judge as of this date, YYYY-MM-DD')
    .option('--rules <dir>', 'current rule set directory (default: config rules)')
    .option('--json', 'print { tasks, units, counts } as JSON')
    .action((other: string, flags: Flags) => diff(env, other, flags));
}
