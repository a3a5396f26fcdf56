import { DubanError } from '@duban/core';
import type Database from 'better-sqlite3';
import { asStoreDb } from './_engine.js';
import { latestSchemaVersion, migrations } from './_migrations.js';
import { PgDatabase } from './_pg.js';
import { toPgDdl } from './_pg-sql.js';
import type { OpenOptions } from './_types.js';

/**
 * Opens a ledger in a PostgreSQL database: connects, checks the database is empty
 * or a duban ledger, and (unless readonly) applies pending migrations. The same
 * versions as on SQLite, each migration's DDL rewritten by toPgDdl.
 */
export function openPostgres(url: string, options: OpenOptions = {}): PgDatabase {
  const db = new PgDatabase(url, {
    readonly: options.readonly ?? false,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
  });
  try {
    const tables = new Set(
      (
        db
          .prepare('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()')
          .all() as { name: string }[]
      ).map((t) => t.name),
    );
    if (tables.size === 0 && (options.readonly || options.mustExist)) {
      throw new DubanError('DUBAN_STORE_MISSING', `no ledger in ${db.name}`, {
        where: { file: db.name },
        hint: 'run `duban import NOTICE` first to create the ledger, or pass --db with the ledger',
      });
    }
    if (tables.size > 0) {
      const isLedger =
        tables.has('schema_migrations') &&
        tables.has('ledger_meta') &&
        (db.prepare("SELECT value FROM ledger_meta WHERE key = 'kind'").get() as { value: string } | undefined)
          ?.value === 'duban-ledger';
      if (!isLedger) {
        throw new DubanError('DUBAN_STORE_NOT_LEDGER', `${db.name} holds tables but is not a duban ledger`, {
          where: { file: db.name },
          hint: 'pass --db with an empty database (duban creates the ledger in it) or a duban ledger',
        });
      }
      const applied = appliedVersion(db);
      if (applied > latestSchemaVersion) {
        throw new DubanError(
          'DUBAN_STORE_SCHEMA_NEWER',
          `the ledger has schema version ${applied}; this duban understands up to ${latestSchemaVersion}`,
          {
            where: { file: db.name },
            hint: 'upgrade duban to the version that wrote this ledger',
          },
        );
      }
      if (applied < latestSchemaVersion && options.readonly) {
        throw new DubanError(
          'DUBAN_STORE_SCHEMA_OLDER',
          `the ledger has schema version ${applied} and needs upgrading to ${latestSchemaVersion}`,
          {
            where: { file: db.name },
            hint: 'run a command that writes (such as `duban import NOTICE`) to migrate the ledger',
          },
        );
      }
      if (applied >= latestSchemaVersion) return db;
    }
    if (!options.readonly) migratePostgres(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function appliedVersion(db: PgDatabase): number {
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

/**
 * Applies pending migrations in one transaction under the write lock, re-reading
 * the applied version inside it: two processes opening a new database at once
 * both end with one schema. PostgreSQL's DDL is transactional, so a failed step
 * leaves nothing behind.
 */
function migratePostgres(db: PgDatabase): void {
  db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const done = appliedVersion(db);
    for (const m of migrations) {
      if (m.version <= done) continue;
      db.exec(toPgDdl(m.sql));
      if (m.version === 1) db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('kind', 'duban-ledger')").run();
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }
  })();
}

/** The PostgreSQL connection as the store's modules take it. */
export function openPostgresStore(url: string, options: OpenOptions = {}): Database.Database {
  return asStoreDb(openPostgres(url, options));
}
