import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DubanError } from '@duban/core';
import Database from 'better-sqlite3';
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
    throw new DubanError('DUBAN_STORE_MISSING', `no ledger at ${path}`, {
      where: { file },
      hint: 'run `duban import NOTICE` first to create the ledger, or pass --db PATH',
    });
  }
  if (exists) checkFile(file, path);
  else createLedger(file, path, options);
  let db: Database.Database;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: true,
      timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    });
  } catch (e) {
    throw new DubanError('DUBAN_STORE_OPEN', `cannot open the ledger ${path}: ${(e as Error).message}`, {
      where: { file },
      hint: 'check the path and its permissions',
      cause: e,
    });
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
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw busy(file, e);
    throw e;
  }
}

/** An existing path must be a regular, non-empty file: duban never turns someone's file into a ledger. */
function checkFile(file: string, path: string): void {
  const st = statSync(file);
  const notLedger = (what: string, hint: string) =>
    new DubanError('DUBAN_STORE_NOT_LEDGER', `${path} ${what}, not a ledger file`, { where: { file }, hint });
  if (st.isDirectory()) throw notLedger('is a directory', 'pass --db with a file path');
  if (!st.isFile())
    throw notLedger('is a device, FIFO or socket', 'pass --db with the ledger file, or a new path to create one');
  if (st.size === 0)
    throw notLedger(
      'is an empty file',
      'pass --db with the ledger file, or a path that does not exist yet (duban creates it); remove the empty file if it is yours',
    );
}

/**
 * Creates a new ledger without ever exposing a half-made one: the schema is
 * written to a temporary file beside the target, which is then hard-linked into
 * place (link fails if the name exists, so two processes creating one ledger at
 * once both end up opening the same complete file). Returns false when another
 * process created it first.
 */
function createLedger(file: string, path: string, options: OpenOptions): boolean {
  if (!existsSync(dirname(file))) {
    throw new DubanError(
      'DUBAN_STORE_OPEN',
      `cannot create the ledger ${path}: the directory ${dirname(file)} does not exist`,
      { where: { file }, hint: 'create the directory first, or pass --db with another path' },
    );
  }
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.creating`;
  try {
    const db = new Database(temp, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    try {
      db.pragma('journal_mode = WAL');
      migrate(db);
    } finally {
      db.close(); // checkpoints the WAL into the file, so the link carries everything
    }
    try {
      linkSync(temp, file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } catch (e) {
    if (e instanceof DubanError) throw e;
    throw new DubanError('DUBAN_STORE_OPEN', `cannot create the ledger ${path}: ${(e as Error).message}`, {
      where: { file },
      hint: 'check that the directory is writable',
      cause: e,
    });
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(temp + suffix, { force: true });
  }
}

function checkLedger(db: Database.Database, file: string, path: string, readonly: boolean): void {
  let tables: string[];
  try {
    tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new DubanError('DUBAN_STORE_NOT_LEDGER', `${path} is not a duban ledger (not an SQLite database)`, {
        where: { file },
        hint: 'pass --db with the ledger file, or a new path to create one',
        cause: e,
      });
    }
    if (code === 'SQLITE_BUSY') throw busy(file, e);
    throw new DubanError('DUBAN_STORE_OPEN', `cannot read the ledger ${path}: ${(e as Error).message}`, {
      where: { file },
      hint: 'check the file and its directory are readable (and writable, for commands that write)',
      cause: e,
    });
  }
  if (tables.length === 0) {
    // New ledgers are created complete (createLedger), so an empty database is someone else's file.
    throw new DubanError('DUBAN_STORE_NOT_LEDGER', `${path} is an empty SQLite database, not a duban ledger`, {
      where: { file },
      hint: 'pass --db with the ledger file, or a path that does not exist yet (duban creates it)',
    });
  }
  const isLedger =
    tables.includes('schema_migrations') &&
    tables.includes('ledger_meta') &&
    (db.prepare("SELECT value FROM ledger_meta WHERE key = 'kind'").get() as { value: string } | undefined)?.value ===
      'duban-ledger';
  if (!isLedger) {
    throw new DubanError('DUBAN_STORE_NOT_LEDGER', `${path} is an SQLite database but not a duban ledger`, {
      where: { file },
      hint: 'pass --db with the ledger file, or a new path to create one',
    });
  }
  const applied = appliedVersion(db);
  if (applied > latestSchemaVersion) {
    throw new DubanError(
      'DUBAN_STORE_SCHEMA_NEWER',
      `the ledger has schema version ${applied}; this duban understands up to ${latestSchemaVersion}`,
      {
        where: { file },
        hint: 'upgrade duban to the version that wrote this ledger',
      },
    );
  }
  if (applied < latestSchemaVersion && readonly) {
    throw new DubanError(
      'DUBAN_STORE_SCHEMA_OLDER',
      `the ledger has schema version ${applied} and needs upgrading to ${latestSchemaVersion}`,
      {
        where: { file },
        hint: 'take a copy with `duban backup FILE`, then run a command that writes (such as `duban import NOTICE`) to migrate the ledger',
      },
    );
  }
}

/** The error for a lock held longer than the busy timeout. */
export function busy(file: string, cause: unknown): DubanError {
  return new DubanError(
    'DUBAN_STORE_BUSY',
    'the ledger is locked by another duban process and stayed locked past the wait time',
    { where: { file }, hint: 'wait for the other process to finish and try again', cause },
  );
}
