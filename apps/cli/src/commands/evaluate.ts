import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';
import { answerableText, countsLine, judgeLedger, parseAsOf, taskJson } from '../_judge.js';

interface Flags {
  asOf?: string;
  rules?: string;
  json?: boolean;
}

/** Registers `duban evaluate` and `duban scores`. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('evaluate')
    .description('judge every task as of a date with the rule set: verdict table and counts')
    .requiredOption('--as-of <date>', 'judge as of this date, YYYY-MM-DD')
    .option('--rules <dir>', 'rule set directory (default: config rules, i.e. ./rules)')
    .option(
      '--json',
      'print the judged view of every task: [{ task, status, rule, reason, figure, elapsed, byUnit, indicators, facts, … }]',
    )
    .action(async (flags: Flags) => {
      const { evaluation, view } = await judgeLedger(env, parseAsOf(flags.asOf), flags.rules);
      if (flags.json) return env.json(view.tasks.map((t) => taskJson(t, evaluation.taskFacts.get(t.task))));
      const { table } = await import('../_table.js');
      env.out(
        table(view.tasks, [
          { header: '序号', get: (t) => t.task, align: 'right' },
          { header: '任务', get: (t) => t.title, max: 30 },
          { header: '责任单位', get: (t) => answerableText(t), max: 32 },
          { header: '时限', get: (t) => t.deadline.date },
          { header: '状态', get: (t) => t.verdict.label },
          { header: '完成进度', get: (t) => t.figure.text, max: 30 },
          { header: '情况', get: (t) => t.verdict.reason },
        ]),
      );
      env.out('');
      env.out(`${view.asOf}：${countsLine(view.counts)}`);
      env.out(view.method.basisText);
    });

  program
    .command('scores')
    .description('score every responsible unit as of a date with the rule set: totals, deductions and bonuses')
    .requiredOption('--as-of <date>', 'score as of this date, YYYY-MM-DD')
    .option('--rules <dir>', 'rule set directory (default: config rules, i.e. ./rules)')
    .option(
      '--json',
      'print [{ unit, name, total, base, group, rank, grade, items, lines (with rows) }] in ranking order',
    )
    .action(async (flags: Flags) => {
      const { view } = await judgeLedger(env, parseAsOf(flags.asOf), flags.rules);
      const standing = new Map(view.standings.map((s) => [s.unit, s]));
      if (flags.json)
        return env.json(
          view.scores.map((s) => ({
            unit: s.unit,
            name: standing.get(s.unit)?.name,
            total: s.total,
            base: s.base,
            group: standing.get(s.unit)?.group,
            rank: standing.get(s.unit)?.rank,
            grade: standing.get(s.unit)?.grade,
            items: s.items,
            lines: s.lines,
          })),
        );
      const { table } = await import('../_table.js');
      const sum = (s: (typeof view.scores)[number], sign: 1 | -1) =>
        Math.round(s.items.filter((i) => i.points * sign > 0).reduce((a, i) => a + i.points, 0) * 100) / 100;
      env.out(
        table(view.scores, [
          { header: '类别', get: (s) => standing.get(s.unit)?.group, max: 12 },
          { header: '名次', get: (s) => standing.get(s.unit)?.rank ?? '—', align: 'right' },
          { header: '单位', get: (s) => standing.get(s.unit)?.name ?? s.unit, max: 24 },
          { header: '得分', get: (s) => s.total, align: 'right' },
          { header: '等次', get: (s) => standing.get(s.unit)?.grade },
          { header: '扣分', get: (s) => -sum(s, -1) || '', align: 'right' },
          { header: '加分', get: (s) => sum(s, 1) || '', align: 'right' },
          { header: '主要扣分原因', get: (s) => [...s.items].sort((a, b) => a.points - b.points)[0]?.reason, max: 40 },
        ]),
      );
      env.out('');
      env.out(`${view.asOf}：${view.scores.length} 个单位，基础分 ${view.scores[0]?.base ?? '—'}`);
      for (const note of view.ranking.notes) env.out(note);
    });
}
