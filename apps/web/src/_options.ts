import type { AuditHead, Workspace } from '@duban/store';

/** A file a reporter wrote, as the web app reads it back to keep and serve it. */
export interface IssuedFile {
  path: string;
  name: string;
  mediaType: string;
}

/** What the office asks a reporter for. */
export interface IssueRequest {
  reporter: string;
  asOf: string;
  issueNumber?: number;
  /** Reporter options (e.g. the 催办 notice's unit and period). */
  options?: Record<string, unknown>;
}

/** What one reporter run produced: its files, and what the registry of issued documents records about it. */
export interface IssueResult {
  files: IssuedFile[];
  /** 期号 printed on the documents, or null. */
  issueNumber: number | null;
  /** The issue date printed on them. */
  issueDate: string;
  /** The audit head they were made from (printed on them). */
  head: AuditHead | null;
  /** Always true from `duban serve`: it issues only from a ledger whose chain verifies. */
  verified: boolean;
}

/**
 * Runs a reporter against the ledger the way `duban report` does (the audit gate
 * first) and returns the files it wrote (in a directory the caller removes).
 * Injected by the CLI, which owns reporter resolution and the report context, so
 * the web app wires no reporter itself.
 */
export type IssueService = (request: IssueRequest, outDir: string) => Promise<IssueResult>;

/** Options of the web server (`duban serve`). */
export interface WebOptions {
  /** The ledger file. */
  dbPath: string;
  /** Rule set directory. */
  rulesDir: string;
  /** Address to bind: 127.0.0.1 unless the office opens it on the LAN with --host. */
  host?: string;
  /** Port (0 picks a free one). */
  port?: number;
  /** Trust X-Forwarded-* from a reverse proxy (HTTPS termination): cookies become Secure when it says https. */
  trustProxy?: boolean;
  /** Mark cookies Secure always (when served over HTTPS directly or behind a proxy). */
  secureCookies?: boolean;
  /** The working date (YYYY-MM-DD) instead of the calendar date: for training and demonstrations on a past plan. */
  today?: string;
  /** Serve the read-only public page at /public. */
  publicPage?: boolean;
  /** Largest upload in bytes (evidence, workbooks, notices). */
  maxUploadBytes?: number;
  /** Login attempts per client address per 10 minutes. */
  loginAttemptsPerIp?: number;
  /** Login attempts per account name per 10 minutes. */
  loginAttemptsPerAccount?: number;
  /** Issues documents through reporters (injected by the CLI). */
  issue?: IssueService;
  /** Loads a unit directory for notice uploads (the CLI's configured directory). */
  unitDirectory?: () => import('@duban/core').UnitDirectory;
  /** Request log lines (one per request) to stderr. */
  log?: boolean;
  /** An already open workspace (tests, the bench); else opened from dbPath. */
  workspace?: Workspace;
  /** The office key (config auditKey / DUBAN_AUDIT_KEY): every entry the server writes carries its MAC, as the CLI's do. */
  officeKey?: Uint8Array;
}
