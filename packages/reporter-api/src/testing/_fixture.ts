import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CalendarYear,
  createWorkingCalendar,
  type Plan,
  type ProgressReport,
  type UnitDirectory,
} from '@duban/core';
import { judgeView, loadDefaultRuleSet, type RuleSet } from '@duban/rules';
import { createContextMaker, type IssueInput } from '../_context.js';
import { contextPdf, pluginTemplateResolver } from '../_context-pdf.js';
import type { IssuedRecord } from '../_context-types.js';
import type { DocxRenderer } from '../_docx.js';
import { createOutputHelpers, type RecordingOutput } from '../_output.js';
import { createGuardedDocxRenderer, createGuardedPdfRenderer } from '../_pdf.js';
import type { PdfRenderer, ReportContext, ReporterFactory } from '../_types.js';
import { fixtureDirectory, fixturePlan, fixtureProgress } from './_fixture-data.js';
import { createRecordingPdfRenderer, type RecordingPdfRenderer } from './_pdf-double.js';

/**
 * What a test may give instead of the fixture data. The judged part of the
 * context (tasks, units, scores, standings, method, history) is always made from
 * plan, progress, directory, as-of date and rules by the same code as a real run.
 */
export interface FixtureOverrides<Options = unknown> {
  plan?: Plan;
  planVersion?: number;
  directory?: UnitDirectory;
  /** Progress entries, oldest first, as the ledger lists them (superseded entries are dropped as the ledger does). */
  progress?: readonly ProgressReport[];
  /** The as-of date; default 2019-06-30. */
  asOf?: string;
  /** A rule set; default the one shipped with @duban/rules. */
  rules?: RuleSet;
  /** The reporter's options, already validated (e.g. `reporter.meta.options.parse({...})`). */
  options?: Options | unknown;
  /** Fields of the issue metadata to replace (`replyBy` is worked out from date, replyDays and replyCounting unless given). */
  issue?: Partial<IssueInput>;
  /** Documents "issued before" (the registry), oldest first; default none. */
  issued?: readonly IssuedRecord[];
  /** Calendar years to use instead of the built-in ones. */
  calendar?: readonly CalendarYear[];
  /** The reporter under test: its name finds its previous issue and 期号, its `meta.templates` its own templates. */
  reporter?: ReporterFactory;
  /** Output target (file or directory); default `<temp>/out/`. */
  out?: string;
  /**
   * A PDF renderer to use instead of the recording test double: pass duban's own
   * (`createPdfRenderer()` from `@duban/pdf`) to get real PDFs and real page counts.
   */
  pdf?: PdfRenderer;
  /** A DOCX writer (e.g. @duban/docx's createDocxWriter()); without one the context has no `docx`, as with an older host. */
  docx?: DocxRenderer;
}

/** A fixture context plus what tests need to inspect it. */
export interface FixtureContext<Options = unknown> extends ReportContext<Options> {
  /** The PDF test double (or null when a renderer was passed in), with the calls it received. */
  readonly pdfDouble: RecordingPdfRenderer | null;
  /** The temporary folder holding the output directory (removed at process exit). */
  readonly root: string;
  /** Files written through `output` and `pdf`, absolute paths. */
  written(): readonly string[];
  /** Messages the reporter logged, as `info: …` / `warn: …`. */
  messages(): readonly string[];
}

const roots: string[] = [];
let hooked = false;
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'duban-reporter-fixture-'));
  roots.push(root);
  if (!hooked) {
    hooked = true;
    // Fixture output is kept for inspection during the run and removed when the test process ends.
    process.once('exit', () => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  }
  return root;
}

/** The fixture's default issue metadata (a numbered bulletin of the fixture plan; the reply date is worked out). */
export const fixtureIssue: IssueInput = {
  number: 3,
  publication: '督查通报',
  office: '示例市人民政府督查室',
  issuer: '示例市人民政府',
  date: '2019-07-05',
  format: 'document',
  recipients: '各县区人民政府，市政府各工作部门、直属机构',
  reportTo: '',
  sendTo: '',
  replyDays: 10,
  replyCounting: 'calendar',
  contact: { person: '王明', phone: '0915-3210000' },
  cc: '市委办公室，市人大常委会办公室，市政协办公室',
  printer: '示例市人民政府办公室',
  wording: {},
};

/**
 * Builds a deep-frozen ReportContext over a small realistic plan (3 sections,
 * 6 tasks, a lead/co task, a convener task, a group, progress with a
 * correction, unit contacts), judged by the real rules through the same
 * context builder as `duban report`, writing into a fresh temporary directory,
 * with a recording PDF test double (or the renderer you pass).
 */
export async function createFixtureContext<Options = unknown>(
  overrides: FixtureOverrides<Options> & { output?: RecordingOutput } = {},
): Promise<FixtureContext<Options>> {
  const root = tempRoot();
  const outDir = join(root, 'out');
  mkdirSync(outDir, { recursive: true });
  const { issue, out, pdf, docx, output: givenOutput, options, reporter, issued = [], ...data } = overrides;
  const output = givenOutput ?? createOutputHelpers(out ?? `${outDir}/`);
  const double = pdf ? null : createRecordingPdfRenderer();
  const plan = data.plan ?? fixturePlan;
  const directory = data.directory ?? fixtureDirectory;
  const progress = data.progress ?? fixtureProgress;
  const ruleSet = data.rules ?? loadDefaultRuleSet();
  const meta = reporter?.meta ?? { name: 'fixture' };
  const maker = await createContextMaker({
    plan,
    planVersion: data.planVersion ?? 1,
    directory,
    asOf: data.asOf ?? '2019-06-30',
    judge: async (asOf) => (await judgeView({ plan, directory, progress, asOf, ruleSet })).view,
    issue: { ...fixtureIssue, ...issue, ...(issue?.replyBy === undefined ? { replyBy: undefined } : {}) },
    issued,
    nextNumber: (name) => Math.max(0, ...issued.filter((d) => d.reporter === name).map((d) => d.number ?? 0)) + 1,
    calendar: createWorkingCalendar(data.calendar),
  });
  const messages: string[] = [];
  const renderer = pdf ?? double!;
  const context = await maker.forReporter({
    meta,
    options: options ?? {},
    output: Object.freeze({
      dir: output.dir,
      file: output.file,
      resolve: (p: string) => output.resolve(p),
      writeFile: (p: string, d: string | Uint8Array) => output.writeFile(p, d),
    }),
    ...(docx ? { docx: Object.freeze(createGuardedDocxRenderer(async () => docx, output)) } : {}),
    pdf: Object.freeze(
      contextPdf(
        createGuardedPdfRenderer(async () => renderer, output, { author: maker.issueFor(meta).office }),
        async () => renderer,
        pluginTemplateResolver(meta),
      ),
    ),
    log: Object.freeze({
      info: (m: string) => void messages.push(`info: ${m}`),
      warn: (m: string) => void messages.push(`warn: ${m}`),
    }),
  });
  return Object.freeze({
    ...context,
    pdfDouble: double,
    root,
    written: () => output.written(),
    messages: () => [...messages],
  }) as FixtureContext<Options>;
}
