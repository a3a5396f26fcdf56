/**
 * The bulletin's view model: everything the template prints, laid out from the
 * frozen ReportContext (the judged view) by small pure functions. Nothing here
 * judges: figures, names, dates and categories come decided from the view.
 */
import { auditHeadText, chineseDate, monthDay, printable, type ReportContext } from '@duban/reporter-api';
import { type AttachmentModel, attachment } from './_attachment.js';
import { type Block, h1 } from './_blocks.js';
import { overview } from './_overview.js';
import { periodLabel } from './_period.js';
import { praise } from './_praise.js';
import { problems } from './_problems.js';
import { requirements } from './_requirements.js';
import { chineseNumber, trimEnd } from './_text.js';

/** Everything the bulletin template prints. */
export interface BulletinModel {
  title: string;
  docTitle: string;
  masthead: { publication: string; number: number | null; office: string; date: string };
  /** 主送 (document family); '' in a brief, which has none. */
  recipients: string;
  opening: string;
  body: Block[];
  attachment: AttachmentModel | null;
  /** 落款 (document family); null in a brief, whose masthead names the office. */
  signature: { office: string; date: string } | null;
  /** 版记: 抄送 (document) or 报/送/发 (brief), then 印发 and the 台账核验码. */
  banji: { cc: string; report: string; send: string; distribute: string; printer: string; date: string; check: string };
}

/** Builds the bulletin: masthead, title, 主送, opening, numbered parts (empty ones left out), requirements, attachment, 版记. */
export function buildBulletinModel(
  ctx: ReportContext,
  options: { attachment: boolean; title?: string },
): BulletinModel {
  const { plan, issue } = ctx;
  const wording = issue.wording;
  const one = (v: string | readonly string[] | undefined) =>
    v === undefined ? undefined : typeof v === 'string' ? v : v.join('');
  const title =
    options.title ??
    one(wording.title) ??
    `关于${plan.year}年《政府工作报告》重点任务（${periodLabel(ctx.asOf)}）落实情况的通报`;
  const table = options.attachment ? attachment(ctx) : null;
  const parts: { heading: string; blocks: Block[] }[] = [
    { heading: '总体情况', blocks: overview(ctx) },
    { heading: '进展较快的任务', blocks: praise(ctx) },
    { heading: '存在的主要问题', blocks: problems(ctx) },
    { heading: '下一步要求', blocks: requirements(ctx).map((text) => ({ kind: 'p', text })) },
  ];
  const body: Block[] = [];
  let n = 0;
  for (const p of parts) if (p.blocks.length) body.push(h1(++n, p.heading, chineseNumber), ...p.blocks);
  return {
    title,
    docTitle: `${issue.publication}${issue.number === null ? '' : `第${issue.number}期`}`,
    masthead: { publication: issue.publication, number: issue.number, office: issue.office, date: issue.date },
    recipients: issue.format === 'brief' ? '' : issue.recipients,
    opening: one(wording.opening) ?? opening(ctx),
    body,
    attachment: table,
    signature: issue.format === 'brief' ? null : { office: issue.office, date: issue.date },
    banji:
      issue.format === 'brief'
        ? {
            cc: '',
            report: issue.reportTo,
            send: issue.sendTo,
            distribute: issue.recipients,
            printer: issue.printer,
            date: issue.date,
            check: auditHeadText(issue.auditHead),
          }
        : {
            cc: issue.cc,
            report: '',
            send: '',
            distribute: '',
            printer: issue.printer,
            date: issue.date,
            check: auditHeadText(issue.auditHead),
          },
  };
}

/** The opening: basis, who checked, how, as of when, and the judging standard stated once (…，下同). */
export function opening(ctx: Pick<ReportContext, 'plan' | 'issue' | 'tasks' | 'asOf' | 'method'>): string {
  const { plan, issue } = ctx;
  const source = plan.title
    ? `《${printable(plan.title).replace(/^《|》$/gu, '')}》${plan.docNumber ? `（${plan.docNumber}）` : ''}`
    : '重点任务分解方案';
  const scope = /([省市县区旗州盟])人民政府$/u.exec(plan.issuer)?.[1];
  const asOf = ctx.asOf.slice(0, 4) === issue.date.slice(0, 4) ? monthDay(ctx.asOf) : chineseDate(ctx.asOf);
  const standard = [ctx.method.basisText, ctx.method.statement].filter(Boolean).map(trimEnd).join('；');
  return `为全面掌握${plan.year}年《政府工作报告》重点任务落实情况，根据${source}要求，${issue.office}对${scope ? `全${scope}` : ''}${ctx.tasks.length}项重点任务截至${asOf}的推进情况进行了督查。本次督查采取责任单位自查报送、督查室汇总核实的方式，对照序时进度逐项评价（${standard}，下同）。现将有关情况通报如下：`;
}
