import { chineseDate, DubanError, type ReportContext, roleLabels } from '@duban/reporter-api';
import type { CuibanOptions } from './_reporter.js';

/**
 * Everything the 催办 template prints. The tasks to list are given (the caller
 * decided them from the judged view); deadline, the unit's own last report and
 * the verdict label are read from the judged view, never recomputed here.
 */
export function buildCuibanModel(ctx: ReportContext, options: CuibanOptions) {
  const unit = ctx.units.find((u) => u.unit === options.unit);
  if (!unit)
    throw new DubanError('DUBAN_CUIBAN_UNIT', `${options.unit} is not a unit of plan v${ctx.planVersion}`, {
      hint: 'name the unit as the ledger does (duban units)',
    });
  const { plan, issue } = ctx;
  const period = options.periodLabel ?? `${chineseDate(options.from)}至${chineseDate(options.to)}`;
  const byNumber = new Map(ctx.tasks.map((t) => [t.task, t]));
  const rows = options.tasks.flatMap((n, i) => {
    const task = byNumber.get(n);
    if (!task) return [];
    const role = unit.tasks.find((t) => t.task === n)?.role;
    const own = task.byUnit.find((u) => u.unit === options.unit);
    const cell = (text: string, cls = '') => ({ class: cls, lines: [text] });
    return [
      [
        cell(String(i + 1), 'center'),
        cell(`第${n}项 ${task.title}`),
        cell(role ? roleLabels[role] : '—', 'small center'),
        cell(task.deadline.text, 'small center'),
        cell(own?.date ? chineseDate(own.date) : '从未报送', 'small center'),
        cell(task.verdict.label, 'small center'),
      ],
    ];
  });
  const recipient = unit.fullName ?? unit.name;
  const numberText = options.number ? `（催办〔${plan.year}〕${options.number}号）` : '';
  return {
    title: `关于催报${period}重点任务进展情况的通知`,
    docTitle: `催办通知${numberText}`,
    masthead: { publication: '督查催办通知', number: null, office: issue.office, date: issue.date },
    numberText,
    recipients: `${recipient}：`,
    opening: `根据《${plan.title.replace(/^《|》$/g, '')}》${plan.docNumber ? `（${plan.docNumber}）` : ''}关于定期报送重点任务进展情况的要求，经核查，截至${chineseDate(options.to)}，你单位承担的以下${rows.length}项重点任务未报送${period}进展情况：`,
    requirement: `请你单位高度重视，于收到本通知后${options.days}个工作日内，通过督办工作台或进展填报表报送上述任务的进展情况、存在问题和下一步措施，并附佐证材料。逾期未报的，将在督查通报中予以通报，并按考核办法扣分。`,
    columns: [
      { label: '序号', width: '8%' },
      { label: '重点任务', width: '42%' },
      { label: '角色', width: '10%' },
      { label: '时限', width: '14%' },
      { label: '最近报送', width: '14%' },
      { label: '当前评价', width: '12%' },
    ],
    rows,
    empty: rows.length === 0,
    signature: { office: issue.office, date: issue.date },
  };
}

/** Type of the view model the template receives. */
export type CuibanModel = ReturnType<typeof buildCuibanModel>;
