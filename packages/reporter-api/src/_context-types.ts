// The parts of the ReportContext added after API_VERSION 2 (additive): the units'
// contacts and groups, the history of issued documents, page measuring.
import type { Contact, IsoDate, JudgedTask, JudgedUnit } from '@duban/core';
import type { PdfOptions, PdfRenderer, StatusCounts } from './_types.js';

/** A page count, from a measuring render that writes no file. */
export interface PageMeasure {
  pages: number;
}

/** The renderer a reporter sees: duban's PdfRenderer plus measuring calls (a render that only counts pages). */
export interface ContextPdfRenderer extends PdfRenderer {
  /** Renders `html` as `renderHtml` would and returns its page count; no file is kept. */
  measureHtml(html: string, options?: PdfOptions): Promise<PageMeasure>;
  /** Renders a template as `renderTemplate` would and returns its page count; no file is kept. */
  measureTemplate(template: string, data: unknown, options?: PdfOptions): Promise<PageMeasure>;
}

/** A unit as the context gives it: the judged unit plus its contact and the collective names it belongs to. */
export interface ContextUnit extends JudgedUnit {
  /** 联系人 and 电话 from the unit directory; null when the directory has none. */
  contact: Readonly<Contact> | null;
  /** Collective names (各县区政府 …) the unit is a member of, as the directory defines them. */
  groups: readonly string[];
}

/** A collective name the plan uses (各县区政府, 市政府有关工作部门) and the units it stands for. */
export interface ContextGroup {
  /** The collective name as the notice writes it. */
  name: string;
  /** Printed names of its members, in the directory's order; empty when nobody defines the group. */
  members: readonly string[];
  /** True when the unit directory (or the notice itself) defines the members. */
  defined: boolean;
  /** Where the definition comes from (the notice, a directory), when known. */
  source: string | null;
  /** Tasks assigned to the group, in plan order. */
  tasks: readonly number[];
}

/** One document in the ledger's registry of issued documents (发文登记). */
export interface IssuedRecord {
  /** The reporter's name (bulletin, scoresheet, digest …). */
  reporter: string;
  /** 期号, or null for unnumbered documents. */
  number: number | null;
  /** The data cut-off it was issued with. */
  asOf: IsoDate;
  /** The issue date printed on it. */
  issueDate: IsoDate;
  /** How many files it wrote. */
  files: number;
  /** False when it was issued from a ledger whose chain did not verify. */
  verified: boolean;
}

/** The judged view at another date: verdicts, figures and counts, made by the same rules from the same ledger. */
export interface JudgedSnapshot {
  asOf: IsoDate;
  counts: StatusCounts;
  /** One judged record per task, in plan order (the same shape as `context.tasks`). */
  tasks: readonly JudgedTask[];
}

/** What was issued before, and the verdicts at earlier dates. */
export interface ReportHistory {
  /** Documents issued before this run, oldest first, every reporter. */
  issued: readonly IssuedRecord[];
  /** The latest earlier document of this reporter (as-of date before this one's) and the view as of its date; null for the first. */
  previous: Readonly<{ document: IssuedRecord; view: JudgedSnapshot }> | null;
  /**
   * The judged view as of `date` (YYYY-MM-DD), from the ledger as it is now: reports
   * dated on or before `date`, judged by the same rules. Use it for "since last week".
   */
  verdictsAsOf(date: IsoDate): Promise<JudgedSnapshot>;
}
