import type { Command } from 'commander';
import { DubanError, statusLabels, type Plan, type ProgressReport } from '@duban/core';
import type { Evaluation, RuleSet } from '@duban/rules';
import type { CliEnv } from '../_env.js';

/** Checks a YYYY-MM-DD date given on the command line. */
export function parseAsOf(value: string | undefined, flag = '--as-of'): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new DubanError('DUBAN_EVALUATE_DATE', `${flag} ${value ?? ''} is not a date`.trim(), { hint: `write ${flag} as YYYY-MM-DD, e.g. ${flag} 2019-06-30` });
  }
  return value;
}

/** Loads and validates a rule set directory; throws one error listing every problem. */
export async function loadRulesOrThrow(dir: string): Promise<RuleSet> {
  const { loadRuleSet } = await import('@duban/rules');
  const r = loadRuleSet(dir);
  if (r.errors.length || !r.value) {
    throw new DubanError('DUBAN_RULES_INVALID', `the rule set in ${dir} has ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`, { where: { file: dir }, problems: r.errors, hint: 'fix each line above; `duban rules check` re-validates without touching the ledger' });
  }
  return r.value;
}

/** Reads the current plan and the progress dated on/before `asOf` from the ledger (read-only). */
export async function readLedger(env: CliEnv, asOf: string): Promise<{ plan: Plan; progress: ProgressReport[] }> {
  return await env.withLedger({ mustExist: true, readonly: true }, async (ledger) => ledger.snapshot(() => {
    // One read transaction: an import committing between the two reads must not mix plan and progress.
    const current = ledger.currentPlan();
    if (!current) throw new DubanError('DUBAN_EVALUATE_NO_PLAN', 'the ledger holds no plan yet', { where: { file: env.dbPath() }, hint: 'import the notice first: duban import NOTICE.txt', exitCode: 3 });
    return { plan: current.plan, progress: ledger.listProgress({ asOf }) };
  }));
}

/** Loads rules and ledger and judges them as of a date: the common core of evaluate, scores and rules explain/diff. */
export async function evaluateLedger(env: CliEnv, asOf: string, rulesDir: string | undefined): Promise<{ plan: Plan; progress: ProgressReport[]; evaluation: Evaluation; ruleSet: RuleSet }> {
  const ruleSet = await loadRulesOrThrow(rulesDir ?? env.config().rules);
  const { plan, progress } = await readLedger(env, asOf);
  const { createJudge } = await import('@duban/rules');
  const evaluation = await createJudge(ruleSet).evaluate({ plan, progress, asOf });
  return { plan, progress, evaluation, ruleSet };
}

/** 已完成 3，正常推进 40，进度滞后 5，逾期未完成 2（共 50 项） */
export function countsLine(counts: Evaluation['counts']): string {
  const parts = (Object.keys(statusLabels) as (keyof typeof statusLabels)[]).filter((s) => s !== 'not_due' || counts.not_due > 0).map((s) => `${statusLabels[s]} ${counts[s]}`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${parts.join('，')}（共 ${total} 项）`;
}

/** The lead unit(s) of a task as printed: 牵头 units, else the responsible convener (or all responsible). */
export function leadOf(task: Plan['tasks'][number]): string {
  const lead = task.assignments.filter((a) => a.role === 'lead');
  const resp = task.assignments.filter((a) => a.role === 'responsible');
  const pick = lead.length ? lead : resp.filter((a) => a.convener).length ? resp.filter((a) => a.convener) : resp;
  return pick.map((a) => a.unit).join('、');
}

interface Flags { asOf?: string; rules?: string; json?: boolean }

/** Registers `duban evaluate` and `duban scores`. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('evaluate')
    .description('judge every task as of a date with the rule set: verdict table and counts')
    .requiredOption('--as-of <date>', 'judge as of this date, YYYY-MM-DD')
    .option('--rules <dir>', 'rule set directory (default: config rules, i.e. ./rules)')
    .option('--json', 'print [{ task, status, rule, reason, facts }]')
    .action(async (flags: Flags) => {
      const { plan, evaluation } = await evaluateLedger(env, parseAsOf(flags.asOf), flags.rules);
      if (flags.json) return env.json(evaluation.verdicts.map((v) => ({ task: v.task, status: v.status, rule: v.rule, reason: v.reason, facts: evaluation.taskFacts.get(v.task) ?? v.facts })));
      const { table } = await import('../_table.js');
      const tasks = new Map(plan.tasks.map((t) => [t.number, t]));
      env.out(table(evaluation.verdicts, [
        { header: '序号', get: (v) => v.task, align: 'right' },
        { header: '任务', get: (v) => tasks.get(v.task)?.title, max: 30 },
        { header: '牵头单位', get: (v) => { const t = tasks.get(v.task); return t ? leadOf(t) : ''; }, max: 20 },
        { header: '时限', get: (v) => evaluation.taskFacts.get(v.task)?.deadline },
        { header: '状态', get: (v) => statusLabels[v.status] },
        { header: '情况', get: (v) => v.reason },
      ]));
      env.out('');
      env.out(`${evaluation.asOf}：${countsLine(evaluation.counts)}`);
    });

  program
    .command('scores')
    .description('score every responsible unit as of a date with the rule set: totals, deductions and bonuses')
    .requiredOption('--as-of <date>', 'score as of this date, YYYY-MM-DD')
    .option('--rules <dir>', 'rule set directory (default: config rules, i.e. ./rules)')
    .option('--json', 'print [{ unit, total, base, items: [{ task, role, points, rule, reason }], lines }]')
    .action(async (flags: Flags) => {
      const { evaluation } = await evaluateLedger(env, parseAsOf(flags.asOf), flags.rules);
      const scores = [...evaluation.scores].sort((a, b) => b.total - a.total || a.unit.localeCompare(b.unit, 'zh'));
      if (flags.json) return env.json(scores.map((s) => ({ unit: s.unit, total: s.total, base: s.base, items: s.items, lines: s.lines })));
      const { table } = await import('../_table.js');
      const sum = (s: (typeof scores)[number], sign: 1 | -1) => Math.round(s.items.filter((i) => i.points * sign > 0).reduce((a, i) => a + i.points, 0) * 100) / 100;
      env.out(table(scores, [
        { header: '单位', get: (s) => s.unit, max: 24 },
        { header: '得分', get: (s) => s.total, align: 'right' },
        { header: '扣分', get: (s) => -sum(s, -1) || '', align: 'right' },
        { header: '加分', get: (s) => sum(s, 1) || '', align: 'right' },
        { header: '扣分项', get: (s) => s.items.filter((i) => i.points < 0).length || '', align: 'right' },
        { header: '主要扣分原因', get: (s) => [...s.items].sort((a, b) => a.points - b.points)[0]?.reason, max: 50 },
      ]));
      env.out('');
      env.out(`${evaluation.asOf}：${scores.length} 个单位，基础分 ${scores[0]?.base ?? '—'}`);
    });
}
