import {
  type IsoDate,
  type JudgedView,
  type Plan,
  replyByDate,
  type UnitDirectory,
  unitName,
  type WorkingCalendar,
} from '@duban/core';
import type { ContextGroup, ContextPdfRenderer, ContextUnit, IssuedRecord, JudgedSnapshot } from './_context-types.js';
import type { DocxRenderer } from './_docx.js';
import { deepFreeze } from './_freeze.js';
import type { IssueInfo, OutputHelpers, ReportContext, ReporterMeta } from './_types.js';
import { API_VERSION } from './_types.js';

// One place builds the ReportContext: duban's CLI for a real run and the
// conformance kit for a fixture both call createContextMaker, so a reporter
// tested on the kit sees exactly the shape, scale and numbers of production.

/** Issue metadata before the reply date is worked out. */
export type IssueInput = Omit<IssueInfo, 'replyBy'> & { replyBy?: IsoDate };

/** What a context is made from: the plan, a judge for any date, the registry, the calendar. */
export interface ContextSource {
  plan: Plan;
  planVersion: number;
  /** The unit directory (contacts included). */
  directory: UnitDirectory;
  asOf: IsoDate;
  /** Judges the ledger's progress as of a date with the run's rules; the same function for every date. */
  judge(asOf: IsoDate): Promise<JudgedView>;
  /** Issue metadata shared by every reporter of the run; `number` null unless the user gave one. */
  issue: IssueInput;
  /** The registry of issued documents, oldest first. */
  issued: readonly IssuedRecord[];
  /** The 期号 the next document of a numbered reporter takes (the ledger's `nextIssueNumber`). */
  nextNumber(reporter: string): number;
  calendar: WorkingCalendar;
}

/** One reporter run's own parts of the context. */
export interface ContextRun {
  meta: Pick<ReporterMeta, 'name' | 'numbered'>;
  options: unknown;
  output: OutputHelpers;
  pdf: ContextPdfRenderer;
  /** The DOCX writer, when the host has one (the context leaves `docx` out otherwise, as an older host would). */
  docx?: DocxRenderer;
  log: ReportContext['log'];
}

/** Builds frozen contexts over one judged view. */
export interface ContextMaker {
  /** The judged view as of the run's date. */
  readonly view: JudgedView;
  /** The issue metadata a reporter gets (its 期号 included), without building a context. */
  issueFor(meta: ContextRun['meta']): IssueInfo;
  /** The frozen context for one reporter run. */
  forReporter(run: ContextRun): Promise<ReportContext>;
}

/** Units of the view with their contacts and the groups they belong to. */
export function contextUnits(view: Pick<JudgedView, 'units'>, directory: UnitDirectory): ContextUnit[] {
  const entries = new Map(directory.units.map((u) => [u.name, u]));
  return view.units.map((u) => ({
    ...u,
    contact: entries.get(u.unit)?.contact ?? null,
    groups: directory.groups.filter((g) => g.members.includes(u.unit)).map((g) => g.name),
  }));
}

/** The collective names a plan uses and their members (printed names), in order of first use. */
export function contextGroups(plan: Plan, directory: UnitDirectory, view: Pick<JudgedView, 'units'>): ContextGroup[] {
  const printed = new Map(view.units.map((u) => [u.unit, u.name]));
  const groups = new Map<string, ContextGroup & { tasks: number[] }>();
  for (const task of plan.tasks) {
    for (const a of task.assignments) {
      const name = a.isGroup ? a.unit : a.group;
      if (!name) continue;
      let g = groups.get(name);
      if (!g) {
        const def = directory.groups.find((d) => d.name === name || d.aliases.includes(name));
        const members = def?.members ?? [];
        g = {
          name,
          members: members.map((m) => printed.get(m) ?? unitName(m)),
          defined: def !== undefined && members.length > 0,
          source: def?.source ?? null,
          tasks: [],
        };
        groups.set(name, g);
      }
      if (!g.tasks.includes(task.number)) g.tasks.push(task.number);
    }
  }
  return [...groups.values()];
}

const snapshot = (view: JudgedView): JudgedSnapshot => ({ asOf: view.asOf, counts: view.counts, tasks: view.tasks });

/**
 * Judges the source once and returns a maker of per-reporter contexts: the
 * shared data is cloned and frozen once; each reporter gets its own options,
 * output, renderer, 期号 and previous issue.
 */
export async function createContextMaker(src: ContextSource): Promise<ContextMaker> {
  const views = new Map<string, Promise<JudgedView>>();
  const judgeAt = (date: IsoDate) => {
    let v = views.get(date);
    if (!v) views.set(date, (v = src.judge(date)));
    return v;
  };
  const view = await judgeAt(src.asOf);
  const issue: IssueInfo = {
    ...src.issue,
    replyBy:
      src.issue.replyBy ?? replyByDate(src.issue.date, src.issue.replyDays, src.issue.replyCounting, src.calendar),
  };
  const shared = deepFreeze(
    structuredClone({
      apiVersion: API_VERSION,
      asOf: src.asOf,
      plan: src.plan,
      planVersion: src.planVersion,
      directory: src.directory,
      method: view.method,
      tasks: view.tasks,
      counts: view.counts,
      units: contextUnits(view, src.directory),
      groups: contextGroups(src.plan, src.directory, view),
      scores: view.scores,
      standings: view.standings,
      ranking: view.ranking,
    }),
  );
  const issued = deepFreeze(structuredClone([...src.issued]));
  const verdictsAsOf = async (date: IsoDate): Promise<JudgedSnapshot> => {
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new TypeError(`verdictsAsOf(date): expected a date as YYYY-MM-DD, got ${String(date)}`);
    return deepFreeze(structuredClone(snapshot(await judgeAt(date))));
  };
  const calendar = Object.freeze({ ...src.calendar });
  const issueFor = (meta: ContextRun['meta']): IssueInfo =>
    issue.number === null && meta.numbered ? { ...issue, number: src.nextNumber(meta.name) } : issue;
  return {
    view,
    issueFor,
    async forReporter(run) {
      const own = issued.filter((d) => d.reporter === run.meta.name && d.asOf < src.asOf);
      const last = own.at(-1);
      const previous = last ? { document: last, view: await verdictsAsOf(last.asOf) } : null;
      return Object.freeze({
        ...shared,
        issue: deepFreeze(structuredClone(issueFor(run.meta))),
        history: Object.freeze({ issued, previous: previous && Object.freeze(previous), verdictsAsOf }),
        calendar,
        options: deepFreeze(structuredClone(run.options)),
        output: run.output,
        pdf: run.pdf,
        ...(run.docx ? { docx: run.docx } : {}),
        log: run.log,
      }) as ReportContext;
    },
  };
}
