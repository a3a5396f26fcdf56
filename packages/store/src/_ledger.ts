import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DubanError, type Plan, type ProgressReport, type UnitDirectory } from '@duban/core';
import type Database from 'better-sqlite3';
import { auditHead, readAudit } from './_audit.js';
import { checkWriteKey } from './_key.js';
import { busy, openDatabase } from './_open.js';
import { importPlan, listPlanVersions, readPlan } from './_plans.js';
import { appendProgress, listProgress } from './_progress.js';
import { listIssuedDocuments, nextIssueNumber, recordIssuedDocument } from './_registry.js';
import { signChain } from './_sign.js';
import { removeStalePartials } from './_stale.js';
import type {
  AppendResult,
  AuditEntry,
  AuditHead,
  AuditVerification,
  IssuedDocument,
  IssuedDocumentInput,
  OpenOptions,
  PlanVersionInfo,
  ProgressFilter,
  ProgressMeta,
  StoredPlan,
  VerifyOptions,
} from './_types.js';
import { MIN_HEAD_HEX, verifyLedger } from './_verify.js';

/** Opens the ledger at `path` (created and migrated unless `readonly` or `mustExist`). */
export function openLedger(path: string, options: OpenOptions = {}): Ledger {
  return new Ledger(path, openDatabase(path, options), options.officeKey);
}

/** The SQLite ledger (台账): plan versions, append-only progress, audit chain. Nothing is ever updated or deleted. */
export class Ledger {
  /** Absolute path of the ledger file. */
  readonly path: string;
  readonly #db: Database.Database;
  readonly #key: Uint8Array | undefined;

  /** Use `openLedger`; the constructor takes an already checked connection. */
  constructor(path: string, db: Database.Database, officeKey?: Uint8Array) {
    this.path = resolve(path);
    this.#db = db;
    this.#key = officeKey;
  }

  /**
   * Runs `read` in one read transaction: every query inside sees the same
   * snapshot, however many imports commit meanwhile. Nested calls join the outer one.
   */
  snapshot<T>(read: () => T): T {
    if (this.#db.inTransaction) return read();
    this.#db.exec('BEGIN'); // deferred: the snapshot is fixed by the first read
    try {
      const value = read();
      this.#db.exec('COMMIT');
      return value;
    } catch (e) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Closes the connection (checkpointing the WAL when last). */
  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /** New plan version unless identical (same plan digest + directory) to the current one. One transaction + audit entry. */
  importPlan(
    plan: Plan,
    directory: UnitDirectory,
    meta: { actor: string; source: string },
  ): { version: number; created: boolean } {
    return this.#write(() => importPlan(this.#db, plan, directory, meta, this.#key));
  }

  /** The highest plan version, or null before the first import. */
  currentPlan(): StoredPlan | null {
    return readPlan(this.#db);
  }

  /** A given plan version, or null when it does not exist. */
  planVersion(version: number): StoredPlan | null {
    return readPlan(this.#db, version);
  }

  /** Every plan version, oldest first. */
  planVersions(): PlanVersionInfo[] {
    return listPlanVersions(this.#db);
  }

  /** Append-only, idempotent by content; a changed report for the same (task, unit, date) supersedes the earlier one. One transaction, one audit entry. */
  appendProgress(reports: ProgressReport[], meta: ProgressMeta): AppendResult {
    return this.#write(() => appendProgress(this.#db, reports, meta, this.#key));
  }

  /** Oldest first. asOf filters report date <= asOf. Superseded entries only with includeSuperseded. */
  listProgress(filter?: ProgressFilter): ProgressReport[] {
    return listProgress(this.#db, filter);
  }

  /** Audit entries oldest first; `limit` keeps the most recent N; `action` filters by action. */
  auditLog(filter?: { limit?: number; action?: string }): AuditEntry[] {
    return readAudit(this.#db, filter);
  }

  /** The newest audit entry (seq and hash): what an issued document prints; null before the first write. */
  auditHead(): AuditHead | null {
    return auditHead(this.#db);
  }

  /**
   * Recomputes every row digest, the hash chain, every office MAC (when opened with
   * the key) and the head of every registered document, in one snapshot; with
   * `expectHead`, also detects truncation and rollback. Names the first problem.
   */
  verifyAudit(options: VerifyOptions = {}): AuditVerification {
    const expect = options.expectHead;
    if (
      expect &&
      (!Number.isInteger(expect.seq) ||
        expect.seq < 1 ||
        !new RegExp(`^[0-9a-fA-F]{${MIN_HEAD_HEX},64}$`).test(expect.hash))
    ) {
      throw new DubanError(
        'DUBAN_AUDIT_BAD_HEAD',
        `the expected head #${expect.seq}:${expect.hash} is not an entry number and a hash of at least ${MIN_HEAD_HEX} hex digits`,
        {
          hint: 'copy SEQ:HASH as printed on the last issued document or by `duban audit head`, e.g. 57:3f2a9c0d1e4b5a6f',
        },
      );
    }
    return this.snapshot(() => verifyLedger(this.#db, { ...options, ...(this.#key ? { key: this.#key } : {}) }));
  }

  /**
   * Adopts the office key: verifies the chain (it must be intact: a key must not
   * vouch for tampered history), then signs every entry that has no MAC. Returns
   * how many entries were signed.
   */
  signAudit(): { signed: number; head: AuditHead | null } {
    const key = this.#key;
    if (!key)
      throw new DubanError('DUBAN_AUDIT_KEY_REQUIRED', 'signing needs the office key', {
        hint: 'set "auditKey" in duban.config.json or DUBAN_AUDIT_KEY to the key file (make one with `duban audit keygen FILE`)',
      });
    return this.#write(() => signChain(this.#db, this.path, key), false);
  }

  /** Registers an issued document (发文登记) with its own audit entry; one transaction. */
  recordIssuedDocument(doc: IssuedDocumentInput): IssuedDocument {
    return this.#write(() => recordIssuedDocument(this.#db, doc, this.#key));
  }

  /** The registry of issued documents, oldest first (one reporter's with `reporter`). */
  issuedDocuments(filter: { reporter?: string } = {}): IssuedDocument[] {
    return listIssuedDocuments(this.#db, filter);
  }

  /** The 期号 the next document of `reporter` takes: one past its highest registered number, else 1. */
  nextIssueNumber(reporter: string): number {
    return nextIssueNumber(this.#db, reporter);
  }

  /** Consistent online copy while others write (better-sqlite3 db.backup); written to a temp file, then renamed. */
  async backup(dest: string, options: { overwrite?: boolean } = {}): Promise<{ path: string; bytes: number }> {
    const target = resolve(dest);
    if (target === this.path)
      throw new DubanError('DUBAN_BACKUP_SAME_FILE', 'the backup path is the ledger itself', {
        where: { file: target },
        hint: 'choose another file name',
      });
    if (existsSync(target) && !options.overwrite) {
      throw new DubanError('DUBAN_BACKUP_EXISTS', `${dest} already exists`, {
        where: { file: target },
        hint: 'choose a new file name, or pass --force to overwrite it',
      });
    }
    if (!existsSync(dirname(target)))
      throw new DubanError('DUBAN_BACKUP_NO_DIR', `the directory of ${dest} does not exist`, {
        where: { file: target },
        hint: 'create the directory first',
      });
    // A backup killed mid-copy (kill -9) leaves its .partial behind; its process is gone, so it can go.
    removeStalePartials(target);
    const temp = `${target}.${process.pid}.partial`;
    try {
      // One step for all pages: a copy made in steps restarts whenever another process writes.
      await this.#db.backup(temp, { progress: () => 0x7fffffff });
      renameSync(temp, target);
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
    return { path: target, bytes: statSync(target).size };
  }

  #write<T>(fn: () => T, guardKey = true): T {
    try {
      if (guardKey) checkWriteKey(this.#db, this.path, this.#key);
      return fn();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY') throw busy(this.path, e);
      throw e;
    }
  }
}
