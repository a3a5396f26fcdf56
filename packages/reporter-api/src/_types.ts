import type {
  Contact,
  IsoDate,
  JudgedTask,
  JudgingMethod,
  Plan,
  RankingMethod,
  UnitDirectory,
  UnitScore,
  UnitStanding,
  VerdictCounts,
  WorkingCalendar,
} from '@duban/core';
import type { z } from 'zod';
import type { ContextGroup, ContextPdfRenderer, ContextUnit, ReportHistory } from './_context-types.js';
import type { DocxRenderer } from './_docx.js';

/**
 * Version of the reporter contract. A new optional hook or context field is a
 * minor change and keeps this number; removing or changing one bumps it.
 * 2: the context is the judged view (`tasks`, `units`, `scores`, `standings`,
 * `method`); `verdicts` and `progress` are gone (a reporter must not recompute
 * a task's figure or its lead). The optional `docx` writer (minor, additive)
 * keeps it at 2.
 */
export const API_VERSION = 2;

/** Issue metadata of the document being produced (期数, issuer, recipients …). */
export interface IssueInfo {
  /** 期数 (第N期); null when the document is not numbered. */
  number: number | null;
  /** Publication name in the masthead (督查通报). */
  publication: string;
  /** Issuing office (安康市人民政府督查室). */
  office: string;
  /** The government the office belongs to (安康市人民政府). */
  issuer: string;
  /** Issue date, YYYY-MM-DD: the day the document is issued (版头, 落款, 印发), not the data cut-off (`asOf`). */
  date: IsoDate;
  /** Days after the issue date by which units must reply in writing (请于…前书面报送); calendar or working days, see `replyCounting`. */
  replyDays: number;
  /** How `replyDays` count: `calendar` days, or `working` days by the working-day calendar (statutory holidays and 调休). */
  replyCounting: 'calendar' | 'working';
  /** The reply date, YYYY-MM-DD: `date` plus `replyDays` counted as `replyCounting` says. Print this; never add days yourself. */
  replyBy: IsoDate;
  /** The issuing office's 联系人 and 电话 (config `issue.contact`, else the unit directory's `office`); null when nobody gave one. */
  contact: Readonly<Contact> | null;
  /**
   * The format family, kept consistent through the document: `document` (文件 style:
   * 主送 under the title, 落款 with the office and date, 版记 with 抄送 and 印发) or
   * `brief` (简报 style: no 主送 and no 落款 — the masthead names the office — and a
   * 版记 with 报, 送, 发 and 印发).
   */
  format: 'document' | 'brief';
  /** 主送机关, ending with "：" when printed (document); in a brief, the units it goes to (发). */
  recipients: string;
  /** 简报 only: the bodies the brief is reported to (报) and sent to (送); empty for none. */
  reportTo: string;
  sendTo: string;
  /** 抄送 list; empty for none. */
  cc: string;
  /** The printing office on the 版记 (安康市人民政府办公室). */
  printer: string;
  /** Free-form wording overrides from config (title, opening, requirements …). */
  wording: Readonly<Record<string, string | readonly string[]>>;
  /**
   * The ledger's audit head the document was made from (newest entry: seq and
   * SHA-256 hash), to print on it: anyone holding the document can later check the
   * ledger still contains it (`duban audit verify --expect-head SEQ:HASH`). Absent
   * when the host has no ledger (fixtures); null for an empty chain.
   */
  auditHead?: Readonly<{ seq: number; hash: string }> | null;
}

/** Options for one PDF render. */
export interface PdfOptions {
  /** Document title in the PDF metadata. */
  title?: string;
  /** Author in the PDF metadata: the issuing office (default: the context's `issue.office`). */
  author?: string;
  /** Subject in the PDF metadata (督查通报 第3期, 2019年度考核评分表). */
  subject?: string;
  /** Keywords in the PDF metadata. */
  keywords?: string;
  /** Abort the render after this many milliseconds (default 60 000). */
  timeoutMs?: number;
}

/** Result of one PDF render. */
export interface PdfResult {
  path: string;
  pages: number;
  bytes: number;
}

/** One document of a batch: a template with its data, or complete HTML, and where its PDF goes. */
export type BatchDocument = (
  | {
      /** Template path relative to the templates directory. */ template: string /** The template's data. */;
      data: unknown;
      html?: undefined;
    }
  | { /** A complete HTML document (already escaped). */ html: string; template?: undefined; data?: undefined }
) & {
  /** Where this document's PDF is written (atomically). */
  outPath: string;
  /** Document title in the PDF metadata (default: the HTML's <title>, else the file name). */
  title?: string;
  /** Author, subject and keywords in the PDF metadata, as for a single render (author defaults to the issuing office). */
  author?: string;
  subject?: string;
  keywords?: string;
};

/** Options for a batch render. */
export interface BatchOptions {
  /** Abort a print after this many milliseconds (default 60 000 per print of up to `perPrint` documents). */
  timeoutMs?: number;
  /** Called after each document is written: how many are done, of how many. */
  onProgress?(done: number, total: number): void;
  /** What the progress bar calls the documents (default 文件). */
  label?: string;
}

/** A font role of GB/T 9704 and the face actually used for it. */
export interface FontUse {
  role: 'xiaobiaosong' | 'fangsong' | 'heiti' | 'kaiti' | 'songti';
  /** The font the standard asks for (方正小标宋简体 …). */
  official: string;
  /** The family used. */
  family: string;
  file: string | null;
  substitute: boolean;
  /** How PDFs embed it: 'cid' (subset CID font) or 'type3' (outlines Chromium cannot embed as a font). Absent when unknown. */
  embedding?: 'cid' | 'type3';
}

/** duban's PDF renderer: one browser per run, official stylesheet, fonts per role. */
export interface PdfRenderer {
  /**
   * Renders a Handlebars template (path relative to the templates directory,
   * e.g. `bulletin/bulletin.hbs`) with `data` to a PDF at `outPath`. The file is
   * written to a temporary name and renamed, so a failed render leaves nothing.
   */
  renderTemplate(template: string, data: unknown, outPath: string, options?: PdfOptions): Promise<PdfResult>;
  /** Renders a complete HTML document (already escaped) to a PDF at `outPath`. */
  renderHtml(html: string, outPath: string, options?: PdfOptions): Promise<PdfResult>;
  /**
   * Renders many documents in one pass (since contract 1, added later: additive).
   * They are printed together and split again, so the per-print cost is paid once
   * per batch, not per document; each file is still a standalone document: its own
   * pages numbered from 1 (odd right, even left), its own title, only the fonts it
   * uses, text as when printed alone. Every template is rendered (and checked)
   * before anything is printed; results come back in the order given.
   */
  renderBatch(documents: readonly BatchDocument[], options?: BatchOptions): Promise<PdfResult[]>;
  /** Renders a Handlebars template to an HTML string (for previews and tests). */
  renderTemplateToHtml(template: string, data: unknown): Promise<string>;
  /** The font used for each role, and whether it is a substitute. */
  fonts(): Promise<readonly FontUse[]>;
}

/** Helpers to write files; every path is relative to, and must stay under, the output location. */
export interface OutputHelpers {
  /** The output directory: --out DIR/, the directory of --out FILE, of the reporter's defaultOutput, or out/. */
  readonly dir: string;
  /** The output file the user asked for with --out, when it names a file. */
  readonly file: string | null;
  /** Resolves a relative path under `dir`; throws for paths that escape it. */
  resolve(relativePath: string): string;
  /** Writes a file atomically under `dir` and records it; returns the absolute path. */
  writeFile(relativePath: string, data: string | Uint8Array): Promise<string>;
}

/** Counts by verdict status. */
export type StatusCounts = VerdictCounts;

/**
 * Everything a reporter may read: the judged view as of one date, the plan as
 * the notice gave it, and the document's issue metadata. Frozen: reporters never
 * mutate it. Every figure, name and date a document prints is already decided
 * here (a task's figure and its source, who leads, how a unit's name prints);
 * a reporter lays it out and never recomputes it.
 */
export interface ReportContext<Options = unknown> {
  /** The contract version duban speaks. */
  readonly apiVersion: number;
  /** The date the verdicts and scores are as of (YYYY-MM-DD). */
  readonly asOf: IsoDate;
  /** The plan (current version) as the notice gave it: title, 文号, sections, tasks, milestones. */
  readonly plan: Readonly<Plan>;
  /** The plan version number in the ledger. */
  readonly planVersion: number;
  /** Unit directory used for the plan. */
  readonly directory: Readonly<UnitDirectory>;
  /** How the judging was done: 序时 basis, figure basis, the judging standard in a sentence. */
  readonly method: JudgingMethod;
  /** One judged record per task, in plan order: figure with its source, per-unit figures, indicators, verdict. */
  readonly tasks: readonly JudgedTask[];
  /** Tasks by verdict status. */
  readonly counts: StatusCounts;
  /** Units the plan assigns (groups nobody defines left out): printed name, kind, tasks, reporting, contact. */
  readonly units: readonly ContextUnit[];
  /** Collective names the plan uses, with their members (or none, when nobody defines them). */
  readonly groups: readonly ContextGroup[];
  /** One score per assessed unit, in ranking order, every line with its rows. */
  readonly scores: readonly UnitScore[];
  /** Each assessed unit's ranking group, rank and grade, in print order. */
  readonly standings: readonly UnitStanding[];
  /** How units are ranked and graded, in sentences. */
  readonly ranking: RankingMethod;
  /** Metadata of the document being issued. */
  readonly issue: Readonly<IssueInfo>;
  /** Earlier documents (发文登记) and the verdicts at earlier dates. */
  readonly history: ReportHistory;
  /** The working-day calendar (statutory holidays and 调休) for "N个工作日内" dates. */
  readonly calendar: WorkingCalendar;
  /** The reporter's options, validated against its schema. */
  readonly options: Readonly<Options>;
  /** Where and how to write files. */
  readonly output: OutputHelpers;
  /** The PDF renderer (lazy: the browser starts on first use), with page measuring. */
  readonly pdf: ContextPdfRenderer;
  /**
   * The DOCX writer: an OfficialDocument (parts by role) → an editable .docx in
   * GB/T 9704 styles. Optional: hosts older than it leave it out, so check it.
   */
  readonly docx?: DocxRenderer;
  /** Messages for the user (printed by the CLI). */
  readonly log: { info(message: string): void; warn(message: string): void };
}

/** A file a reporter produced. */
export interface ReportOutput {
  path: string;
  /** MIME-ish kind: 'pdf', 'xlsx', 'json', … */
  kind: string;
  description?: string;
}

/** A reporter: every hook is optional. */
export interface Reporter<Options = unknown> {
  /** Called once before `render`, e.g. to check the context has what the reporter needs. */
  setup?(context: ReportContext<Options>): void | Promise<void>;
  /** Produces the reporter's outputs through `context.output` or `context.pdf`. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that writes through context.output returns nothing, as vitest's hooks do
  render?(context: ReportContext<Options>): ReportOutput[] | void | Promise<ReportOutput[] | void>;
  /** Called once after `render`, even when it failed; release resources here. */
  teardown?(context: ReportContext<Options>): void | Promise<void>;
}

/** Static description of a reporter package. */
export interface ReporterMeta<Schema extends z.ZodType = z.ZodType> {
  /** Short name (bulletin, ledger, foo for duban-reporter-foo). */
  name: string;
  /** The contract version the reporter was written against. */
  apiVersion: number;
  /** One line for `duban report --list`. */
  description?: string;
  /** zod schema of the reporter's options; values are validated before `create`. */
  options?: Schema;
  /** Default output file or directory name when --out is not given. */
  defaultOutput?: string;
  /**
   * True for a numbered series (督查通报第N期): when the user gives no `--issue`, duban
   * numbers the document itself, one past the highest 期号 of this reporter in the ledger's registry.
   */
  numbered?: boolean;
  /**
   * The plug-in's own templates directory, usually `new URL('../templates/', import.meta.url)`.
   * `renderTemplate('notice.hbs', …)` looks in the user's override directory under
   * `<templates>/<name>/` first, then here, then in duban's own templates.
   */
  templates?: string | URL;
}

/** What a plug-in's default export is: a factory `(options) => Reporter` carrying its meta. */
export interface ReporterFactory<Schema extends z.ZodType = z.ZodType> {
  (options: z.output<Schema>): Reporter<z.output<Schema>>;
  readonly meta: ReporterMeta<Schema>;
}
