// @ts-check
// duban-reporter-cuibandan: one 催办通知 (urging notice) PDF per unit that answers
// for overdue or lagging tasks, from this package's own Handlebars template,
// with the unit's 联系人/电话, the office's contact, a reply date counted in
// working days (statutory holidays and 调休 included) and, when the full text
// would run past one page, a shorter layout chosen by measuring.
import {
  API_VERSION,
  auditHeadText,
  chineseDate,
  defineReporter,
  fileNameOf,
  fitToPages,
  z,
} from '@duban/reporter-api';

const Options = z.object({
  statuses: z
    .array(z.enum(['overdue', 'at_risk', 'on_track', 'not_due']))
    .default(['overdue', 'at_risk'])
    .describe('verdicts that call for a notice'),
  replyWorkingDays: z
    .number()
    .int()
    .min(1)
    .max(30)
    .default(5)
    .describe('reply within this many working days (请于N个工作日内)'),
  maxPages: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('fit each notice on this many pages (full text first, then shorter)'),
  unit: z.string().optional().describe('only this unit (duban report --unit)'),
  template: z
    .string()
    .default('notice.hbs')
    .describe("template name, this package's templates/ (overridable in <templates>/cuiban/)"),
});

const COLUMNS = [
  { label: '序号', width: '8%' },
  { label: '重点任务', width: '34%' },
  { label: '完成时限', width: '14%' },
  { label: '评价', width: '12%' },
  { label: '存在问题', width: '32%' },
];

/** @typedef {import('@duban/reporter-api').JudgedTask} JudgedTask */
/** @typedef {import('@duban/reporter-api').ReportContext<z.output<typeof Options>>} Context */

/**
 * The template data of one unit's notice; `brief` leaves out the narrative (the shorter layout).
 * @param {Context} context @param {import('@duban/reporter-api').ContextUnit} unit @param {JudgedTask[]} tasks @param {boolean} brief
 */
function noticeData(context, unit, tasks, brief) {
  const { issue, calendar, options } = context;
  const replyBy = calendar.addWorkingDays(issue.date, options.replyWorkingDays);
  const year = issue.date.slice(0, 4);
  const contact = unit.contact?.person
    ? `贵单位督办联系人：${unit.contact.person}${unit.contact.phone ? `（${unit.contact.phone}）` : ''}。`
    : '';
  const office = issue.contact?.person
    ? `${issue.office}联系人：${issue.contact.person}${issue.contact.phone ? `，电话：${issue.contact.phone}` : ''}。`
    : '';
  return {
    docTitle: `${unit.name}催办通知`,
    number: `督办〔${year}〕${issue.number ?? '　'}号`,
    title: '关于加快推进重点任务的催办通知',
    recipient: unit.fullName ?? unit.name,
    opening: `截至${chineseDate(context.asOf)}，贵单位承担的以下${tasks.length}项重点任务${tasks.some((t) => t.verdict.status === 'overdue') ? '已逾期未完成或' : ''}进度滞后，现予催办：`,
    columns: COLUMNS,
    rows: tasks.map((t) => [
      { class: 'center', lines: [String(t.task)] },
      { lines: [t.title, t.figure.text] },
      { class: 'center', lines: [t.deadline.text] },
      { class: 'center', lines: [t.verdict.label] },
      {
        lines: brief ? [t.verdict.reason] : [t.verdict.reason, ...(t.narrative.problems ? [t.narrative.problems] : [])],
      },
    ]),
    request: `请于${chineseDate(replyBy)}前（${options.replyWorkingDays}个工作日内）将整改措施和完成时限书面报送${issue.office}。`,
    contacts: [contact, office].filter(Boolean).join(''),
    office: issue.office,
    date: issue.date,
    cc: '',
    printer: issue.printer,
    check: auditHeadText(issue.auditHead),
  };
}

export default defineReporter({
  name: 'cuibandan',
  apiVersion: API_VERSION,
  description: '催办通知: one PDF per unit with overdue or lagging tasks (example plug-in)',
  options: Options,
  defaultOutput: 'out/催办通知/',
  numbered: true,
  templates: new URL('../templates/', import.meta.url),
  create(options) {
    return {
      setup(context) {
        if (options.unit && !context.units.some((u) => u.unit === options.unit))
          throw new Error(`unit ${options.unit} holds no task in this plan`);
      },
      async render(context) {
        /** @type {import('@duban/reporter-api').ReportOutput[]} */
        const outputs = [];
        for (const unit of context.units) {
          if (options.unit && unit.unit !== options.unit) continue;
          // The unit answers for the tasks it reports on (牵头, or the convener of a 分工负责 task).
          const own = new Set(unit.tasks.filter((t) => t.reports).map((t) => t.task));
          const tasks = context.tasks.filter(
            (t) => own.has(t.task) && options.statuses.includes(/** @type {any} */ (t.verdict.status)),
          );
          if (tasks.length === 0) continue;
          const layouts = [false, true].map((brief) => ({
            template: options.template,
            data: noticeData(context, unit, tasks, brief),
          }));
          const { candidate, pages } = await fitToPages(context.pdf, options.maxPages, layouts);
          const file = `${fileNameOf(unit.name)}-催办通知.pdf`;
          const pdf = await context.pdf.renderTemplate(candidate.template, candidate.data, file, {
            title: candidate.data.docTitle,
          });
          if (pdf.pages !== pages)
            context.log.warn(`cuiban: ${unit.name} measured ${pages} page(s) but printed ${pdf.pages}`);
          outputs.push({ path: pdf.path, kind: 'pdf', description: `${unit.name}催办通知（${tasks.length}项）` });
        }
        context.log.info(`cuiban: ${outputs.length} notice(s)`);
        return outputs;
      },
    };
  },
});
