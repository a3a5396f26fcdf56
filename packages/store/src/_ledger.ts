import type Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DubanError, type Plan, type ProgressReport, type UnitDirectory } from '@duban/core';
import { readAudit } from './_audit.js';
import { busy, openDatabase } from './_open.js';
import { importPlan, listPlanVersions, readPlan } from './_plans.js';
import { appendProgress, listProgress } from './_progress.js';
import type { AppendResult, AuditEntry, AuditVerification, OpenOptions, PlanVersionInfo, ProgressFilter, StoredPlan } from './_types.js';
import { verifyLedger } from './_verify.js';

/** Opens the ledger at `path` (created and migrated unless `readonly` or `mustExist`). */
export function openLedger(path: string, options: OpenOptions = {}): Ledger {
  return new Ledger(path, openDatabase(path, options));
}

/** The SQLite ledger (台账): plan versions, append-only progress, audit chain. Nothing is ever updated or deleted. */
export class Ledger {
  /** Absolute path of the ledger file. */
  readonly path: string;
  readonly #db: Database.Database;

  /** Use `openLedger`; the constructor takes an already checked connection. */
  constructor(path: string, db: Database.Database) {
    this.path = resolve(path);
    this.#db = db;
  }

  /** Closes the connection (checkpointing the WAL when last). */
  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /** New plan version unless identical (same plan digest + directory) to the current one. One transaction + audit entry. */
  importPlan(plan: Plan, directory: UnitDirectory, meta: { actor: string; source: string }): { version: number; created: boolean } {
    return this.#write(() => importPlan(this.#db, plan, directory, meta));
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
  appendProgress(reports: ProgressReport[], meta: { actor: string; source: string; planVersion: number }): AppendResult {
    return this.#write(() => appendProgress(this.#db, reports, meta));
  }

  /** Oldest first. asOf filters report date <= asOf. Superseded entries only with includeSuperseded. */
  listProgress(filter?: ProgressFilter): ProgressReport[] {
    return listProgress(this.#db, filter);
  }

  /** Audit entries oldest first; `limit` keeps the most recent N; `action` filters by action. */
  auditLog(filter?: { limit?: number; action?: string }): AuditEntry[] {
    return readAudit(this.#db, filter);
  }

  /** Recomputes every row digest and the hash chain; names the first entry that does not match. */
  verifyAudit(): AuditVerification {
    return verifyLedger(this.#db);
  }

  /** Consistent online copy while others write (better-sqlite3 db.backup); written to a temp file, then renamed. */
  async backup(dest: string, options: { overwrite?: boolean } = {}): Promise<{ path: string; bytes: number }> {
    const target = resolve(dest);
    if (target === this.path) throw new DubanError('DUBAN_BACKUP_SAME_FILE', 'the backup path is the ledger itself', { where: { file: target }, hint: 'choose another file name' });
    if (existsSync(target) && !options.overwrite) {
      throw new DubanError('DUBAN_BACKUP_EXISTS', `${dest} already exists`, { where: { file: target }, hint: 'choose a new file name, or pass --force to overwrite it', exitCode: 4 });
    }
    if (!existsSync(dirname(target))) throw new DubanError('DUBAN_BACKUP_NO_DIR', `the directory of ${dest} does not exist`, { where: { file: target }, hint: 'create the directory first' });
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

  #write<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY') throw busy(this.path, e);
      throw e;
    }
  }
}
