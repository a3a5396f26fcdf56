// @ts-check
// duban-reporter-digest: what changed since the last bulletin (or since a date),
// task by task, as a Markdown digest for the office's weekly meeting. It reads the
// judged view and its history only; it never recomputes a verdict or a figure.
import { API_VERSION, addDays, chineseDate, defineReporter, STATUS_ORDER, statusLabels, z } from '@duban/reporter-api';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const Options = z.object({
  title: z.string().min(1).default('重点任务进展变化周报').describe('heading of the digest'),
  since: day
    .optional()
    .describe('compare with the verdicts as of this date (default: the last document of "after", else 7 days earlier)'),
  after: z.string().default('bulletin').describe('the reporter whose last issued document sets the default "since"'),
  unit: z.string().optional().describe('only tasks this unit holds (duban report --unit)'),
});

/** Worse first: a task that became overdue matters more than one that improved. */
const weight = (/** @type {string} */ s) => ({ overdue: 0, at_risk: 1, not_due: 2, on_track: 3, completed: 4 })[s] ?? 5;

export default defineReporter({
  name: 'digest',
  apiVersion: API_VERSION,
  description: 'weekly digest of verdict changes since the last bulletin (Markdown)',
  options: Options,
  defaultOutput: 'out/digest.md',
  create(options) {
    return {
      async render(context) {
        const { history, asOf } = context;
        const last = [...history.issued].reverse().find((d) => d.reporter === options.after && d.asOf < asOf);
        const since = options.since ?? last?.asOf ?? addDays(asOf, -7);
        if (since >= asOf)
          throw new Error(`since ${since} is not before the as-of date ${asOf}: nothing can have changed`);
        const before = await history.verdictsAsOf(since);
        const was = new Map(before.tasks.map((t) => [t.task, t]));
        const held = options.unit
          ? new Set(context.units.find((u) => u.unit === options.unit)?.tasks.map((t) => t.task) ?? [])
          : null;
        const changed = context.tasks
          .filter((t) => (!held || held.has(t.task)) && was.get(t.task)?.verdict.status !== t.verdict.status)
          .sort((a, b) => weight(a.verdict.status) - weight(b.verdict.status) || a.task - b.task);
        const basis =
          options.since || !last
            ? `与${chineseDate(since)}相比`
            : `与上期（${last.number ? `第${last.number}期，` : ''}截至${chineseDate(since)}）相比`;
        const counts = STATUS_ORDER.filter((s) => context.counts[s] > 0 || before.counts[s] > 0).map((s) => {
          const d = context.counts[s] - before.counts[s];
          return `${statusLabels[s]}${context.counts[s]}项${d === 0 ? '' : `（${d > 0 ? '+' : ''}${d}）`}`;
        });
        const lines = [`# ${options.title}`, '', `截至${chineseDate(asOf)}，${basis}：${counts.join('，')}。`, ''];
        if (changed.length === 0) lines.push('各项任务评价均无变化。');
        for (const t of changed) {
          const from = was.get(t.task)?.verdict.label ?? '（新任务）';
          lines.push(
            `- 任务${t.task} ${t.title}：${from} → **${t.verdict.label}**。${t.figure.text}；${t.verdict.reason}`,
          );
        }
        const path = await context.output.writeFile(context.output.file ?? 'digest.md', lines.join('\n') + '\n');
        context.log.info(`digest: ${changed.length} task(s) changed since ${since}`);
        return [{ path, kind: 'md', description: `${options.title}（${since} → ${asOf}）` }];
      },
    };
  },
});
