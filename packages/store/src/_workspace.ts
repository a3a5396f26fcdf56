import type Database from 'better-sqlite3';
import { type Account, type AccountChange, changeAccount, listAccounts, readAccount } from './_accounts.js';
import {
  addDocument,
  type IssueRecord,
  issueDocuments,
  type KeptDocument,
  type KeptDocumentInput,
  listDocuments,
  readDocument,
} from './_documents.js';
import { addEvidence, type EvidenceInfo, evidenceBySha, evidenceOfUnit, readBlob } from './_evidence.js';
import { addFiling, type Filing, type FilingInput, listFilings } from './_filings.js';
import { type HistoryPage, progressHistory } from './_history.js';
import { checkWriteKey } from './_key.js';
import { Ledger } from './_ledger.js';
import { busy, openDatabase } from './_open.js';
import { type SessionTable, sessionTable } from './_sessions.js';
import { statement } from './_statements.js';
import type { AuditEntry, IssuedDocument, OpenOptions, StoredPlan } from './_types.js';
import { type ActionMeta, auditOnly } from './_workspace-write.js';

/** Opens the ledger with the web workspace's tables (accounts, sessions, evidence, filings, documents). */
export function openWorkspace(path: string, options: OpenOptions = {}): Workspace {
  return new Workspace(path, openDatabase(path, options), options.officeKey);
}

/**
 * The ledger plus what the web workspace keeps beside it, over one connection.
 * Every change is an audited, append-only row except sessions (working state).
 */
export class Workspace {
  /** The ledger itself: plans, progress, audit chain. */
  readonly ledger: Ledger;
  /** Web sessions (not audited). */
  readonly sessions: SessionTable;
  readonly #db: Database.Database;
  readonly #key: Uint8Array | undefined;
  #plan: StoredPlan | null = null;

  /** Use `openWorkspace`. With the office key, every workspace entry carries its MAC, as the ledger's own do. */
  constructor(path: string, db: Database.Database, officeKey?: Uint8Array) {
    this.#db = db;
    this.#key = officeKey;
    this.ledger = new Ledger(path, db, officeKey);
    this.sessions = sessionTable(db);
  }

  /** Absolute path of the ledger file. */
  get path(): string {
    return this.ledger.path;
  }

  /** Closes the shared connection. */
  close(): void {
    this.ledger.close();
  }

  /** A number that changes whenever an audited write lands, from any process: the highest audit seq. */
  revision(): number {
    return (statement(this.#db, 'SELECT MAX(seq) AS s FROM audit').get() as { s: number | null }).s ?? 0;
  }

  /**
   * The current plan version, parsed once per version (a server reads it on every request;
   * parsing the plan JSON each time was most of a request's work). Shared: do not mutate it.
   */
  currentPlan(): StoredPlan | null {
    const v = (statement(this.#db, 'SELECT MAX(version) AS v FROM plan_versions').get() as { v: number | null }).v;
    if (v === null) return null;
    if (this.#plan?.version !== v) this.#plan = this.ledger.planVersion(v);
    return this.#plan;
  }

  /** The newest `limit` reports of a task (optionally one unit's), superseded ones marked, and the total. */
  progressHistory(filter: { task: number; unit?: string; limit: number }): HistoryPage {
    return progressHistory(this.#db, filter);
  }

  /** One account's current state, or null. */
  account(username: string): Account | null {
    return readAccount(this.#db, username);
  }

  /** Every account. */
  accounts(): Account[] {
    return listAccounts(this.#db);
  }

  /** Creates an account, resets or changes its password, disables or enables it; audited. */
  changeAccount(change: AccountChange, actor: string): Account {
    return this.#write(() => changeAccount(this.#db, change, actor, this.#key));
  }

  /** Stores an evidence file content-addressed beside the ledger; audited. */
  addEvidence(file: { data: Uint8Array; name: string; mediaType: string; unit: string }, actor: string): EvidenceInfo {
    return this.#write(() => addEvidence(this.#db, this.path, file, actor, this.#key));
  }

  /** Evidence records of a file by its SHA-256. */
  evidence(sha256: string): EvidenceInfo[] {
    return evidenceBySha(this.#db, sha256);
  }

  /** Evidence a unit uploaded, newest first. */
  evidenceOfUnit(unit: string): EvidenceInfo[] {
    return evidenceOfUnit(this.#db, unit);
  }

  /** A stored file's bytes (checked against its hash), or null. */
  readFile(sha256: string): Buffer | null {
    return readBlob(this.path, sha256);
  }

  /** Files a 推进方案; a changed filing supersedes the unit's previous one for the milestone. */
  addFiling(input: FilingInput, meta: { actor: string; planVersion: number }): { filing: Filing; created: boolean } {
    return this.#write(() => addFiling(this.#db, input, meta, this.#key));
  }

  /** Current 推进方案 filings, oldest first. */
  filings(filter?: { unit?: string; includeSuperseded?: boolean }): Filing[] {
    return listFilings(this.#db, filter);
  }

  /**
   * 推进方案 filings as judging takes them (unit, milestone key, date), or undefined while
   * the office has none stored: then milestones are judged from progress reports, as
   * before filings existed. The web, `duban evaluate` and `duban report` all judge with
   * this, so they never disagree on whether a unit filed its 推进方案 in time.
   */
  milestoneFilings(): { unit: string; milestone: string; date: string }[] | undefined {
    const filings = listFilings(this.#db);
    return filings.length ? filings.map((f) => ({ unit: f.unit, milestone: f.milestone, date: f.date })) : undefined;
  }

  /** Keeps an issued document and records it in the audit chain. */
  addDocument(input: KeptDocumentInput, actor: string): KeptDocument {
    return this.#write(() => addDocument(this.#db, this.path, input, actor, this.#key));
  }

  /** Keeps the files of one reporter run and registers it (发文登记) like `duban report`; one transaction. */
  issueDocuments(record: IssueRecord, actor: string): { documents: KeptDocument[]; registered: IssuedDocument } {
    return this.#write(() => issueDocuments(this.#db, this.path, record, actor, this.#key));
  }

  /** Refuses, before anything is served, a signed ledger opened without its key (DUBAN_AUDIT_KEY_REQUIRED) or with another. */
  checkKey(): void {
    this.#write(() => undefined);
  }

  /** Issued documents, newest first. */
  documents(filter?: { reporter?: string; unit?: string }): KeptDocument[] {
    return listDocuments(this.#db, filter);
  }

  /** One issued document, or null. */
  document(id: number): KeptDocument | null {
    return readDocument(this.#db, id);
  }

  /** Records an action that writes no rows (login, logout, a refused request) in the audit chain. */
  record(meta: ActionMeta): AuditEntry {
    return this.#write(() => auditOnly(this.#db, { ...meta, key: this.#key }));
  }

  #write<T>(fn: () => T): T {
    try {
      // The same guard as the ledger's writes: a signed ledger takes entries with its key only.
      checkWriteKey(this.#db, this.path, this.#key);
      return fn();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY') throw busy(this.path, e);
      throw e;
    }
  }
}
