import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepFreeze } from '../_freeze.js';
import { createOutputHelpers, type RecordingOutput } from '../_output.js';
import { createGuardedPdfRenderer } from '../_pdf.js';
import { API_VERSION, type IssueInfo, type PdfRenderer, type ReportContext } from '../_types.js';
import { buildTaskProgress, buildUnits, countStatuses } from '../_view.js';
import { fixtureDirectory, fixturePlan, fixtureProgress, fixtureScores, fixtureVerdicts } from './_fixture-data.js';
import { createRecordingPdfRenderer, type RecordingPdfRenderer } from './_pdf-double.js';

/** What a test may override in the fixture context; everything else gets fixture data. */
export interface FixtureOverrides<Options = unknown> extends Partial<Omit<ReportContext<Options>, 'output' | 'pdf' | 'log' | 'issue' | 'apiVersion' | 'options'>> {
  /** The reporter's options, already validated (e.g. `reporter.meta.options.parse({...})`). */
  options?: Options | unknown;
  /** Fields of the issue metadata to replace. */
  issue?: Partial<IssueInfo>;
  /** Output target (file or directory); default `<temp>/out/`. */
  out?: string;
  /** A PDF renderer to use instead of the recording test double. */
  pdf?: PdfRenderer;
}

/** A fixture context plus what tests need to inspect it. */
export interface FixtureContext<Options = unknown> extends ReportContext<Options> {
  /** The PDF test double (or the renderer passed in), with the calls it received when it is the double. */
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

/** The fixture's default issue metadata (a numbered bulletin of the fixture plan). */
export const fixtureIssue: IssueInfo = {
  number: 3,
  publication: '督查通报',
  office: '示例市人民政府督查室',
  issuer: '示例市人民政府',
  date: '2019-06-30',
  recipients: '各县区人民政府，市政府各工作部门、直属机构',
  cc: '市委办公室，市人大常委会办公室，市政协办公室',
  printer: '示例市人民政府办公室',
  wording: {},
};

/**
 * Builds a deep-frozen ReportContext over a small realistic plan (3 sections,
 * 6 tasks, every verdict status, scores with lines, progress with a correction),
 * writing into a fresh temporary directory, with a recording PDF test double.
 */
export function createFixtureContext<Options = unknown>(overrides: FixtureOverrides<Options> & { output?: RecordingOutput } = {}): FixtureContext<Options> {
  const root = tempRoot();
  const outDir = join(root, 'out');
  mkdirSync(outDir, { recursive: true });
  const { issue, out, pdf, output: givenOutput, ...data } = overrides;
  const output = givenOutput ?? createOutputHelpers(out ?? `${outDir}/`);
  const double = pdf ? null : createRecordingPdfRenderer();
  const plan = data.plan ?? fixturePlan;
  const verdicts = data.verdicts ?? fixtureVerdicts;
  const messages: string[] = [];
  const context = {
    apiVersion: API_VERSION,
    asOf: data.asOf ?? '2019-06-30',
    plan,
    planVersion: data.planVersion ?? 1,
    directory: data.directory ?? fixtureDirectory,
    units: data.units ?? buildUnits(plan, data.directory ?? fixtureDirectory),
    verdicts,
    counts: data.counts ?? countStatuses(verdicts),
    scores: data.scores ?? fixtureScores,
    progress: data.progress ?? buildTaskProgress(plan, fixtureProgress),
    issue: { ...fixtureIssue, ...issue },
    options: (data.options ?? {}) as Options,
    output: {
      dir: output.dir,
      file: output.file,
      resolve: (p: string) => output.resolve(p),
      writeFile: (p: string, d: string | Uint8Array) => output.writeFile(p, d),
    },
    pdf: createGuardedPdfRenderer(async () => pdf ?? double!, output),
    log: { info: (m: string) => void messages.push(`info: ${m}`), warn: (m: string) => void messages.push(`warn: ${m}`) },
  };
  // Clone the data so freezing the context never freezes the caller's (or this module's) objects.
  const { output: helpers, pdf: renderer, log, ...plain } = context;
  return deepFreeze({
    ...structuredClone(plain),
    output: helpers,
    pdf: renderer,
    log,
    pdfDouble: double,
    root,
    written: () => output.written(),
    messages: () => [...messages],
  }) as FixtureContext<Options>;
}
