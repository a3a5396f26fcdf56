import { type JudgedTask, percentText, type ReportContext } from '@duban/reporter-api';
import { type Block, subsections } from './_blocks.js';
import { answerable, chineseNumber, problemText, taskRef } from './_text.js';

/**
 * 存在的主要问题: overdue and lagging tasks grouped by the units answering for
 * them, each with its figure (and source) and the unit's own 存在问题, then the
 * units that failed to report. Empty parts are left out; headings only when two
 * or more parts remain.
 */
export function problems(ctx: Pick<ReportContext, 'tasks' | 'units'>): Block[] {
  const overdue = ctx.tasks.filter((t) => t.verdict.status === 'overdue');
  const atRisk = ctx.tasks.filter((t) => t.verdict.status === 'at_risk');
  const silent = ctx.units.filter((u) => u.unreported.length > 0);
  if (!overdue.length && !atRisk.length && !silent.length) return [];
  const counts = [
    overdue.length ? `逾期未完成${overdue.length}项` : '',
    atRisk.length ? `进度滞后${atRisk.length}项` : '',
  ]
    .filter(Boolean)
    .join('、');
  const intro = `督查也发现，${counts ? `部分任务推进滞后，其中${counts}` : '任务总体按序时推进'}${silent.length ? `；${silent.length}个单位未按要求报送进展情况` : ''}。`;
  return [
    { kind: 'p', text: intro },
    ...subsections(
      [
        { heading: '逾期未完成的任务', blocks: grouped(overdue, overdueLine) },
        { heading: '进度滞后的任务', blocks: grouped(atRisk, laggingLine) },
        {
          heading: '未按要求报送进展的单位',
          blocks: silent.length
            ? [
                {
                  kind: 'p',
                  text: `${silent.map((u) => `${u.name}（第${u.unreported.join('、')}项）`).join('、')}${silent.length > 1 ? '等单位' : ''}未按要求报送任务进展情况。`,
                },
              ]
            : [],
        },
      ],
      chineseNumber,
    ),
  ];
}

/** One numbered paragraph per group of units, its tasks in order. */
function grouped(tasks: readonly JudgedTask[], line: (t: JudgedTask) => string): Block[] {
  const groups = new Map<string, JudgedTask[]>();
  for (const t of tasks) {
    const key = answerable(t) || '未明确责任单位';
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups].map(([units, list], i) => ({
    kind: 'p',
    text: `${i + 1}.${units}（${list.length}项）：${list.map(line).join('；')}。`,
  }));
}

function overdueLine(t: JudgedTask): string {
  const due = t.deadline.phrase ? `${t.deadline.text}（${t.deadline.dateText}）` : t.deadline.dateText;
  return `${taskRef(t)}，完成时限为${due}，${t.figure.text}，未完成${because(t)}`;
}

function laggingLine(t: JudgedTask): string {
  // The schedule gap when it decided the verdict; else the deciding rule's own reason (临近时限, 长期未报送 …).
  const byGap = t.verdict.conditions.some((c) => c.fact === 'scheduleGap' && c.result);
  const why = byGap ? `低于序时进度（${percentText(t.elapsed)}%）${percentText(t.gap)}个百分点` : t.verdict.reason;
  return `${taskRef(t)}，${t.figure.text}，${why}${because(t)}`;
}

/** The unit's own 存在问题, when it wrote one. */
function because(t: JudgedTask): string {
  const p = problemText(t.narrative.problems);
  return p ? `，存在问题：${p}` : '';
}
