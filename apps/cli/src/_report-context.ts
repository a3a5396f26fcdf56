import { existsSync } from 'node:fs';
import {
  CalendarFile,
  CN_HOLIDAYS,
  Contact,
  createWorkingCalendar,
  DubanError,
  ERRORS,
  type Plan,
  UnitDirectory,
  type WorkingCalendar,
} from '@duban/core';
import {
  contextPdf,
  createContextMaker,
  createGuardedDocxRenderer,
  createGuardedPdfRenderer,
  type IssuedRecord,
  type IssueInfo,
  type IssueInput,
  type PdfRenderer,
  pluginTemplateResolver,
  type RecordingOutput,
  type ReportContext,
  type ReporterMeta,
} from '@duban/reporter-api';
import type { Config } from './_config.js';
import { readJsonFile } from './_json.js';

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
  /** Names of the reporters that will run (their next 期号 is read in the same snapshot). */
  reporters?: readonly string[];
}

/** The data part of a context, computed once per run, and the renderer to close. */
export interface PreparedContext {
  /** Builds the frozen context for one reporter: its meta (name, numbering, templates), validated options and output location. */
  forRun(meta: ReporterMeta, options: unknown, output: RecordingOutput): Promise<ReportContext>;
  asOf: string;
  /** The issue metadata a reporter gets (its 期号 when it numbers itself), including the audit head. */
  issueFor(meta: Pick<ReporterMeta, 'name' | 'numbered'>): IssueInfo;
  /** The plan's unit directory, contacts from the configured unit directory file included. */
  directory: UnitDirectory;
  /** Closes the browser if a reporter started one. Safe to call twice. */
  close(): Promise<void>;
}

/** Checks a YYYY-MM-DD date given on the command line. */
export function parseDate(value: string, flag: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new DubanError('DUBAN_REPORT_DATE', `${flag} ${value} is not a date`, {
      hint: `write ${flag} as YYYY-MM-DD, e.g. ${flag} 2019-06-30`,
    });
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

/** Issue metadata: config.issue with defaults derived from the plan's issuer (the reply date is worked out by the context maker). */
export function issueInfo(
  plan: Plan,
  raw: Record<string, unknown>,
  number: number | null,
  date: string,
  unitKinds: readonly string[] = [],
  auditHead?: IssueInfo['auditHead'],
  office?: UnitDirectory['office'],
): IssueInput {
  const wording: Record<string, string | string[]> = {};
  if (typeof raw.wording === 'object' && raw.wording !== null) {
    for (const [k, v] of Object.entries(raw.wording)) {
      if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))
        wording[k] = v as string | string[];
    }
  }
  const configured = typeof raw.number === 'number' ? raw.number : null;
  const contact = Contact.safeParse(raw.contact);
  if (raw.contact !== undefined && !contact.success) {
    throw new DubanError(
      'DUBAN_CONFIG',
      'config "issue.contact" must be an object such as { "person": "王明", "phone": "0915-3210000" }',
      { where: { path: '$.issue.contact' }, hint: 'give the office\'s 联系人 as "person" and 电话 as "phone"' },
    );
  }
  if (raw.replyCounting !== undefined && raw.replyCounting !== 'calendar' && raw.replyCounting !== 'working') {
    throw new DubanError('DUBAN_CONFIG', `config "issue.replyCounting" is ${JSON.stringify(raw.replyCounting)}`, {
      where: { path: '$.issue.replyCounting' },
      hint: 'write "working" (N个工作日内, by the holiday calendar) or "calendar" (calendar days)',
    });
  }
  return {
    number: number ?? configured,
    publication: text(raw.publication, ISSUE_DEFAULTS.publication),
    office: text(raw.office, office?.name ?? `${plan.issuer}督查室`),
    issuer: text(raw.issuer, plan.issuer),
    date,
    format: raw.format === 'brief' ? 'brief' : 'document',
    reportTo: text(raw.reportTo, ''),
    sendTo: text(raw.sendTo, ''),
    recipients: text(
      raw.recipients,
      unitKinds.some((k) => OTHER_KINDS.has(k))
        ? `${ISSUE_DEFAULTS.recipients}，${ISSUE_DEFAULTS.othersRecipient}`
        : ISSUE_DEFAULTS.recipients,
    ),
    replyDays:
      typeof raw.replyDays === 'number' && Number.isInteger(raw.replyDays) && raw.replyDays >= 0
        ? raw.replyDays
        : ISSUE_DEFAULTS.replyDays,
    replyCounting: raw.replyCounting === 'working' ? 'working' : 'calendar',
    contact: (contact.success ? contact.data : undefined) ?? office?.contact ?? null,
    cc: text(raw.cc, ISSUE_DEFAULTS.cc),
    printer: text(raw.printer, `${plan.issuer}办公室`),
    wording,
    ...(auditHead === undefined ? {} : { auditHead }),
  };
}

/** The working-day calendar: the built-in years, then the years of config "calendar" (which replace built-in ones). */
export function loadCalendar(config: Pick<Config, 'calendar'>): WorkingCalendar {
  if (!config.calendar) return createWorkingCalendar();
  if (!existsSync(config.calendar)) {
    throw new DubanError('DUBAN_CALENDAR_MISSING', `calendar file ${config.calendar} does not exist`, {
      where: { file: config.calendar },
      hint: 'check "calendar" in duban.config.json (a JSON file: { "years": [{ "year": 2027, "source": "国办发明电〔2026〕…号", "off": [["2027-01-01", "2027-01-03"]], "work": ["2027-01-04"] }] })',
    });
  }
  const file = readJsonFile(config.calendar, CalendarFile, {
    what: 'calendar file',
    code: 'DUBAN_CALENDAR',
    hint: 'each year needs "year", and "off" (dates or [first, last] ranges) and "work" (调休上班 dates) as YYYY-MM-DD',
  });
  return createWorkingCalendar([...CN_HOLIDAYS, ...file.years]);
}

/**
 * The plan's directory with contacts (units' 联系人/电话 and the office's) taken from
 * the configured unit directory file when there is one: a phone number changes
 * without re-importing the notice. Names match on the canonical name.
 */
export function withContacts(directory: UnitDirectory, config: Pick<Config, 'units'>): UnitDirectory {
  if (!config.units || !existsSync(config.units)) return directory;
  const file = readJsonFile(config.units, UnitDirectory, {
    what: 'unit directory',
    code: 'DUBAN_UNITS',
    hint: 'each unit needs name and kind; a contact is { "person": "…", "phone": "…" }',
  });
  const contacts = new Map(file.units.filter((u) => u.contact).map((u) => [u.name, u.contact!]));
  return {
    ...directory,
    units: directory.units.map((u) => (contacts.has(u.name) ? { ...u, contact: contacts.get(u.name) } : u)),
    ...((file.office ?? directory.office) ? { office: file.office ?? directory.office } : {}),
  };
}

/**
 * Reads the ledger once (one snapshot: plan, progress, registry, audit head) and
 * judges it as of the date; reporters get frozen contexts from the same context
 * builder as the conformance kit. Earlier dates (the previous issue, `verdictsAsOf`)
 * are judged from the same progress and rules on demand.
 */
export async function prepareContext(req: ContextRequest): Promise<PreparedContext> {
  // The browser starts only if a reporter renders a PDF, once per run however many reporters run.
  let renderer:
    | Promise<PdfRenderer & { close(): Promise<void>; warmUp?(o?: { untilStarted?: boolean }): Promise<void> }>
    | undefined;
  const start = () =>
    (renderer ??= import('@duban/pdf').then(({ createPdfRenderer }) =>
      createPdfRenderer({
        browser: req.config.browser,
        templatesDir: req.config.templates,
        fonts: req.config.fonts,
        progress: req.progress,
      }),
    ));
  // Starting the browser takes about as long as reading and judging the ledger: do both at once. The
  // browser process is spawned before the ledger is read (reading it would hold up the launch's steps),
  // and it boots while the ledger is read and judged.
  if (req.prelaunch)
    await start()
      .then((r) => r.warmUp?.({ untilStarted: true }))
      .catch(() => {}); // a failure is reported where the renderer is used
  const [{ openWorkspace }, { loadRuleSet, judgeView }] = await Promise.all([
    import('@duban/store'),
    import('@duban/rules'),
  ]);
  const ws = openWorkspace(req.dbPath, { ...req.ledgerOptions, mustExist: true, readonly: true });
  const ledger = ws.ledger;
  let read;
  try {
    // One read snapshot: plan, progress, filings, registry, head and the audit gate see the same ledger state.
    read = ledger.snapshot(() => {
      const current = ledger.currentPlan();
      if (!current)
        throw new DubanError('DUBAN_REPORT_NO_PLAN', ERRORS.LedgerHasNoPlan.message(), { where: { file: req.dbPath } });
      req.inspect?.(ledger);
      const next = new Map((req.reporters ?? []).map((r) => [r, ledger.nextIssueNumber(r)]));
      const issued: IssuedRecord[] = ledger.issuedDocuments().map((d) => ({
        reporter: d.reporter,
        number: d.issueNumber,
        asOf: d.asOf,
        issueDate: d.issueDate,
        files: d.outputs.length,
        verified: d.verified,
      }));
      return {
        stored: current,
        progress: ledger.listProgress({}),
        filings: ws.milestoneFilings(),
        asOf: req.asOf ?? defaultAsOf(current.plan),
        head: ledger.auditHead(),
        next,
        issued,
      };
    });
  } finally {
    ws.close();
  }
  const { stored, progress, filings, asOf, head, next, issued } = read;
  const { plan, version } = stored;
  const directory = withContacts(stored.directory, req.config);
  const rules = loadRuleSet(req.config.rules);
  if (rules.errors.length > 0 || !rules.value) {
    throw new DubanError('DUBAN_RULES_INVALID', `the rule set in ${req.config.rules} has errors`, {
      where: { file: req.config.rules },
      problems: rules.errors,
      hint: 'run duban rules check to see and fix them',
    });
  }
  const ruleSet = rules.value;
  const calendar = loadCalendar(req.config);
  const kinds = directory.units.map((u) => u.kind);
  const issue = issueInfo(
    plan,
    req.config.issue,
    req.issueNumber ?? null,
    req.date ?? today(),
    kinds,
    head,
    directory.office,
  );
  if (issue.replyCounting === 'working' && !calendar.covers(issue.date)) {
    req.log.warn(
      `the working-day calendar has no holidays for ${issue.date.slice(0, 4)}: the reply date counts Monday to Friday only; add the year in a calendar file (config "calendar")`,
    );
  }
  const maker = await createContextMaker({
    plan,
    planVersion: version,
    directory,
    asOf,
    // 推进方案 filings made in the web decide the milestone rule here too (see Workspace.milestoneFilings).
    judge: async (date) =>
      (await judgeView({ plan, directory, progress, asOf: date, ruleSet, ...(filings ? { filings } : {}) })).view,
    issue,
    issued,
    calendar,
    nextNumber: (reporter) =>
      next.get(reporter) ?? Math.max(0, ...issued.filter((d) => d.reporter === reporter).map((d) => d.number ?? 0)) + 1,
  });

  // The DOCX writer is plain JavaScript: loaded on first use, one per run.
  let writer: ReturnType<typeof startDocx> | undefined;
  const startDocx = () =>
    import('@duban/docx').then(({ createDocxWriter }) => createDocxWriter({ fonts: req.config.fonts }));
  const docxStart = () => (writer ??= startDocx());
  const log = Object.freeze({ ...req.log });
  return {
    asOf,
    directory,
    issueFor: (meta) => maker.issueFor(meta),
    forRun(meta, options, target) {
      const output = Object.freeze({
        dir: target.dir,
        file: target.file,
        resolve: (p: string) => target.resolve(p),
        writeFile: (p: string, d: string | Uint8Array) => target.writeFile(p, d),
      });
      const pdf = Object.freeze(
        contextPdf(
          createGuardedPdfRenderer(start, target, { author: maker.issueFor(meta).office }),
          start,
          pluginTemplateResolver(meta, req.config.templates),
        ),
      );
      const docx = Object.freeze(createGuardedDocxRenderer(docxStart, target));
      return maker.forReporter({ meta, options, output, pdf, docx, log });
    },
    close: async () => {
      const r = renderer;
      renderer = undefined;
      await (await r?.catch(() => undefined))?.close();
    },
  };
}
