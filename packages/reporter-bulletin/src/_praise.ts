import { type JudgedTask, monthDay, percentText, type ReportContext } from '@duban/reporter-api';
import { type Block, subsections } from './_blocks.js';
import { answerable, chineseNumber, taskRef } from './_text.js';

/**
 * 进展较快的任务: tasks completed and tasks the rules judged ahead of schedule
 * (category `ahead`), each with its units, then the units praised by name.
 */
export function praise(ctx: Pick<ReportContext, 'tasks'>): Block[] {
  const done = ctx.tasks.filter((t) => t.verdict.status === 'completed');
  const ahead = ctx.tasks.filter((t) => t.verdict.status !== 'completed' && t.verdict.category === 'ahead');
  if (!done.length && !ahead.length) return [];
  const blocks = subsections(
    [
      {
        heading: '已完成的任务',
        blocks: done.length ? [{ kind: 'p', text: `已完成${done.length}项：${done.map(doneLine).join('；')}。` }] : [],
      },
      {
        heading: '进度较快的任务',
        blocks: ahead.length
          ? [{ kind: 'p', text: `完成进度超过序时进度的有${ahead.length}项：${ahead.map(aheadLine).join('；')}。` }]
          : [],
      },
    ],
    chineseNumber,
  );
  const units = unitsOf([...done, ...ahead]);
  blocks.push({
    kind: 'p',
    text: `${units.join('、')}${units.length > 1 ? '等单位' : ''}工作主动、推进有力，予以通报表扬。`,
  });
  return blocks;
}

function doneLine(t: JudgedTask): string {
  const when = t.figure.date ? `，${monthDay(t.figure.date)}报告完成` : '';
  return `${taskRef(t)}（${answerable(t)}${when}）`;
}

function aheadLine(t: JudgedTask): string {
  return `${taskRef(t)}（${answerable(t)}），完成${percentText(t.figure.percent)}%，超过序时进度${percentText(-t.gap)}个百分点`;
}

/** The units to praise: those answering for the tasks (leads, else responsible units), each once, in order. */
function unitsOf(tasks: readonly JudgedTask[]): string[] {
  const out: string[] = [];
  for (const t of tasks) for (const u of t.noLead ? t.responsible : t.lead) if (!out.includes(u)) out.push(u);
  return out;
}
