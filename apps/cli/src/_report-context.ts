import { DubanError, type Plan } from '@duban/core';
import {
  API_VERSION, createGuardedPdfRenderer, deepFreeze,
  type IssueInfo, type PdfRenderer, type RecordingOutput, type ReportContext,
} from '@duban/reporter-api';
import type { Config } from './_config.js';

type Ledger = import('@duban/store').Ledger;
type OpenOptions = import('@duban/store').OpenOptions;

/** Defaults of the issue metadata, fit for a city government's supervision office (the seed). */
export const ISSUE_DEFAULTS = {
  publication: '督查通报',
  recipients: '各县区人民政府，市政府各工作部门、直属机构',
  /** Added to the default 主送 when enterprises or central/provincial agencies answer for tasks. */
  othersRecipient: '有关单位',
  cc: '市委办公室，市人大常委会办公室，市政协办公室',
  replyDays: 10,
} as const;

/** Unit kinds the default 主送 (county governments, city departments) does not address. */
const OTHER_KINDS = new Set(['company', 'central_provincial_agency', 'other']);

/** What the report command asks for. */
export interface ContextRequest {
  config: Config;
  dbPath: string;
  /** --as-of, else today clamped to the plan year end. */
  asOf?: string;
  /** --issue N */
  issueNumber?: number;
  /** --date (issue date), else the as-of date. */
  date?: string;
  log: ReportContext['log'];
  /** Extra ledger open options (the office key). */
  ledgerOptions?: OpenOptions;
  /** Runs in the same read snapshot as the data (the audit gate); may throw to stop the report. */
  inspect?: (ledger: Ledger) => void;
  /** Progress bars on stderr for long renders: false turns them off; by default they show on a terminal only. */
  progress?: boolean;
  /** A PDF will certainly be rendered: start the browser now, while the ledger is read and judged. */
  prelaunch?: boolean;
}

/** The data part of a context, computed once per run, and the renderer to close. */
export interface PreparedContext {
  /** Builds the frozen context for one reporter: its validated options and its output location. */
  forRun(options: unknown, output: RecordingOutput): ReportContext;
  asOf: string;
  /** The issue metadata every reporter gets, including the audit head. */
  issue: IssueInfo;
  /** Closes the browser if a reporter started one. Safe to call twice. */
  close(): Promise<void>;
}

/** Checks a YYYY-MM-DD date given on the command line. */
export function parseDate(value: string, flag: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new DubanError('DUBAN_REPORT_DATE', `${flag} ${value} is not a date`, { hint: `write ${flag} as YYYY-MM-DD, e.g. ${flag} 2019-06-30` });
  }
  return value;
}

/** Today's local calendar date, YYYY-MM-DD: the default issue date of a document. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Today (local calendar date), clamped to the plan year's last day so reports on a past plan are as of its end. */
export function defaultAsOf(plan: Plan, today = new Date()): string {
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const end = `${plan.year}-12-31`;
  return iso > end ? end : iso;
}

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback;
}

/** Issue metadata: config.issue with defaults derived from the plan's issuer. */
export function issueInfo(plan: Plan, raw: Record<string, unknown>, number: number | null, date: string, unitKinds: readonly string[] = [], auditHead?: IssueInfo['auditHead']): IssueInfo {
  const wording: Record<string, string | string[]> = {};
  if (typeof raw.wording === 'object' && raw.wording !== null) {
    for (const [k, v] of Object.entries(raw.wording)) {
      if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) wording[k] = v as string | string[];
    }
  }
  const configured = typeof raw.number === 'number' ? raw.number : null;
  return {
    number: number ?? configured,
    publication: text(raw.publication, ISSUE_DEFAULTS.publication),
    office: text(raw.office, `${plan.issuer}督查室`),
    issuer: text(raw.issuer, plan.issuer),
    date,
    format: raw.format === 'brief' ? 'brief' : 'document',
    reportTo: text(raw.reportTo, ''),
    sendTo: text(raw.sendTo, ''),
    recipients: text(raw.recipients, unitKinds.some((k) => OTHER_KINDS.has(k)) ? `${ISSUE_DEFAULTS.recipients}，${ISSUE_DEFAULTS.othersRecipient}` : ISSUE_DEFAULTS.recipients),
    replyDays: typeof raw.replyDays === 'number' && Number.isInteger(raw.replyDays) && raw.replyDays >= 0 ? raw.replyDays : ISSUE_DEFAULTS.replyDays,
    cc: text(raw.cc, ISSUE_DEFAULTS.cc),
    printer: text(raw.printer, `${plan.issuer}办公室`),
    wording,
    ...(auditHead === undefined ? {} : { auditHead }),
  };
}

/**
 * Reads the ledger and judges it once: current plan, progress as of the date,
 * verdicts and scores from the configured rules. The ledger is opened read-only
 * and closed before any reporter runs; reporters only ever see frozen copies.
 */
export async function prepareContext(req: ContextRequest): Promise<PreparedContext> {
  // The browser starts only if a reporter renders a PDF, once per run however many reporters run.
  let renderer: Promise<PdfRenderer & { close(): Promise<void>; warmUp?(): Promise<void> }> | undefined;
  const start = () => (renderer ??= import('@duban/pdf').then(({ createPdfRenderer }) =>
    createPdfRenderer({ browser: req.config.browser, templatesDir: req.config.templates, fonts: req.config.fonts, progress: req.progress })));
  // Starting the browser takes about as long as reading and judging the ledger: do both at once.
  if (req.prelaunch) void start().then((r) => r.warmUp?.()).catch(() => {});
  const [{ openWorkspace }, { loadRuleSet, judgeView }] = await Promise.all([import('@duban/store'), import('@duban/rules')]);
  const ws = openWorkspace(req.dbPath, { ...req.ledgerOptions, mustExist: true, readonly: true });
  const ledger = ws.ledger;
  let stored;
  let progress;
  let filings;
  let asOf: string;
  let head;
  try {
    // One read snapshot: plan, progress, filings, head and the audit gate see the same ledger state.
    ({ stored, progress, filings, asOf, head } = ledger.snapshot(() => {
      const current = ledger.currentPlan();
      if (!current) throw new DubanError('DUBAN_REPORT_NO_PLAN', 'the ledger holds no plan yet', { where: { file: req.dbPath }, hint: 'import the notice first: duban import NOTICE.txt', exitCode: 3 });
      req.inspect?.(ledger);
      const date = req.asOf ?? defaultAsOf(current.plan);
      return { stored: current, progress: ledger.listProgress({ asOf: date }), filings: ws.milestoneFilings(), asOf: date, head: ledger.auditHead() };
    }));
  } finally {
    ws.close();
  }
  const { plan, directory, version } = stored;
  const rules = loadRuleSet(req.config.rules);
  if (rules.errors.length > 0 || !rules.value) {
    throw new DubanError('DUBAN_RULES_INVALID', `the rule set in ${req.config.rules} has errors`, { where: { file: req.config.rules }, problems: rules.errors, hint: 'run duban rules check to see and fix them' });
  }
  // 推进方案 filings made in the web decide the milestone rule here too (see Workspace.milestoneFilings).
  const { view } = await judgeView({ plan, directory, progress, asOf, ruleSet: rules.value, ...(filings ? { filings } : {}) });
  const data = deepFreeze(structuredClone({
    apiVersion: API_VERSION,
    asOf,
    plan,
    planVersion: version,
    directory,
    method: view.method,
    tasks: view.tasks,
    counts: view.counts,
    units: view.units,
    scores: view.scores,
    standings: view.standings,
    ranking: view.ranking,
    issue: issueInfo(plan, req.config.issue, req.issueNumber ?? null, req.date ?? today(), view.units.map((u) => u.kind), head),
  }));

  const log = Object.freeze({ ...req.log });
  return {
    asOf,
    issue: data.issue,
    forRun(options, target) {
      const output = Object.freeze({
        dir: target.dir,
        file: target.file,
        resolve: (p: string) => target.resolve(p),
        writeFile: (p: string, d: string | Uint8Array) => target.writeFile(p, d),
      });
      const pdf = Object.freeze(createGuardedPdfRenderer(start, target));
      return Object.freeze({ ...data, options: deepFreeze(structuredClone(options)), output, pdf, log }) as ReportContext;
    },
    close: async () => {
      const r = renderer;
      renderer = undefined;
      await (await r?.catch(() => undefined))?.close();
    },
  };
}
