import type Database from 'better-sqlite3';
import { PgDatabase } from './_pg.js';
import { statement } from './_statements.js';

/**
 * The engine seam. The store is written against the synchronous subset of
 * better-sqlite3 it uses (prepare → run/get/all/iterate, exec, transaction(fn)
 * with immediate/deferred, inTransaction, pragma, close); PgDatabase implements
 * that subset over PostgreSQL. Its modules keep their `Database.Database` type
 * and receive a PgDatabase through `asStoreDb`: one cast in one place instead of
 * a rewrite of every module, and each query is still written out in SQL.
 */
export type Engine = Database.Database | PgDatabase;

/** A PostgreSQL connection typed as the connection the store's modules take. */
export function asStoreDb(db: PgDatabase): Database.Database {
  return db as unknown as Database.Database;
}

/** True when the store's connection is PostgreSQL. */
export function isPostgres(db: unknown): db is PgDatabase {
  return db instanceof PgDatabase;
}

/** Rows per multi-row INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
const PG_PARAMS_PER_INSERT = 30_000;

/**
 * Inserts rows of one `INSERT INTO t (…) VALUES (?, …)` statement. On SQLite each
 * row is one prepared run (in-process, no round trip). On PostgreSQL each row would
 * be a network round trip, so rows are sent as multi-row INSERTs; call `flush()`
 * before anything reads the table or commits.
 */
export function rowInserter(db: Database.Database, sql: string): { add(values: unknown[]): void; flush(): void } {
  if (!isPostgres(db)) {
    const insert = statement(db, sql);
    return { add: (values) => void insert.run(...values), flush: () => {} };
  }
  const m = /^([\s\S]*?VALUES\s*)(\([^)]*\))\s*$/i.exec(sql);
  if (!m) throw new TypeError(`rowInserter needs INSERT … VALUES (?, …): ${sql}`);
  const width = (m[2]!.match(/\?/g) ?? []).length;
  const perInsert = Math.max(1, Math.floor(PG_PARAMS_PER_INSERT / width));
  const group = m[2]!;
  let pending: unknown[] = [];
  let rows = 0;
  const flush = () => {
    if (!rows) return;
    db.prepare(m[1]! + Array(rows).fill(group).join(', ')).run(...pending);
    pending = [];
    rows = 0;
  };
  return {
    add(values) {
      pending.push(...values);
      if (++rows >= perInsert) flush();
    },
    flush,
  };
}
