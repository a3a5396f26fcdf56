import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DubanError } from '@duban/core';
import { appliedVersion, latestSchemaVersion, migrate } from './_migrations.js';
import type { OpenOptions } from './_types.js';

/** Default wait for another process's write transaction. */
export const DEFAULT_BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens (and, unless readonly, creates and migrates) a ledger file. Checks that a
 * file is a duban ledger before touching it, so opening the wrong file changes nothing.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const file = resolve(path);
  const exists = existsSync(file);
  if (!exists && (options.readonly || options.mustExist)) {
    throw new DubanError('DUBAN_STORE_MISSING', `no ledger at ${path}`, { where: { file }, hint: 'run `duban import NOTICE` first to create the ledger, or pass --db PATH', exitCode: 3 });
  }
  if (exists && statSync(file).isDirectory()) {
    throw new DubanError('DUBAN_STORE_NOT_LEDGER', `${path} is a directory, not a ledger file`, { where: { file }, hint: 'pass --db with a file path' });
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: exists, timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  } catch (e) {
    throw new DubanError('DUBAN_STORE_OPEN', `cannot open the ledger ${path}: ${(e as Error).message}`, { where: { file }, hint: 'check the path and its permissions', exitCode: 3, cause: e });
  }
  try {
    checkLedger(db, file, path, options.readonly ?? false);
    if (!options.readonly) {
      // Only switch when needed: setting WAL on a WAL file is a no-op, but say so explicitly.
      if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkLedger(db: Database.Database, file: string, path: string, readonly: boolean): void {
  let tables: string[];
  try {
    tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new DubanError('DUBAN_STORE_NOT_LEDGER', `${path} is not a duban ledger (not an SQLite database)`, { where: { file }, hint: 'pass --db with the ledger file, or a new path to create one', cause: e });
    }
    if (code === 'SQLITE_BUSY') throw busy(file, e);
    throw new DubanError('DUBAN_STORE_OPEN', `cannot read the ledger ${path}: ${(e as Error).message}`, { where: { file }, hint: 'check the file and its directory are readable (and writable, for commands that write)', exitCode: 3, cause: e });
  }
  if (tables.length === 0) {
    if (readonly) throw new DubanError('DUBAN_STORE_NOT_LEDGER', `${path} is an empty database, not a duban ledger`, { where: { file }, hint: 'run `duban import NOTICE` to create the ledger' });
    return; // fresh file: migrate() creates the schema
  }
  const isLedger = tables.includes('schema_migrations') && tables.includes('ledger_meta')
    && (db.prepare("SELECT value FROM ledger_meta WHERE key = 'kind'").get() as { value: string } | undefined)?.value === 'duban-ledger';
  if (!isLedger) {
    throw new DubanError('DUBAN_STORE_NOT_LEDGER', `${path} is an SQLite database but not a duban ledger`, { where: { file }, hint: 'pass --db with the ledger file, or a new path to create one' });
  }
  const applied = appliedVersion(db);
  if (applied > latestSchemaVersion) {
    throw new DubanError('DUBAN_STORE_SCHEMA_NEWER', `the ledger has schema version ${applied}; this duban understands up to ${latestSchemaVersion}`, {
      where: { file }, hint: 'upgrade duban to the version that wrote this ledger', exitCode: 3,
    });
  }
  if (applied < latestSchemaVersion && readonly) {
    throw new DubanError('DUBAN_STORE_SCHEMA_OLDER', `the ledger has schema version ${applied} and needs upgrading to ${latestSchemaVersion}`, {
      where: { file }, hint: 'take a copy with `duban backup FILE`, then run a command that writes (such as `duban import NOTICE`) to migrate the ledger', exitCode: 3,
    });
  }
}

/** The error for a lock held longer than the busy timeout. */
export function busy(file: string, cause: unknown): DubanError {
  return new DubanError('DUBAN_STORE_BUSY', 'the ledger is locked by another duban process and stayed locked past the wait time', { where: { file }, hint: 'wait for the other process to finish and try again', exitCode: 4, cause });
}
