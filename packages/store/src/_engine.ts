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

/** Rows per COPY: enough to make round trips rare, few enough not to hold a whole import twice. */
const PG_ROWS_PER_COPY = 10_000;

/**
 * Inserts rows of one `INSERT INTO t (…) VALUES (?, …)` statement. On SQLite each
 * row is one prepared run (in-process, no round trip). On PostgreSQL each row would
 * be a network round trip, so rows are sent in batches with COPY; call `flush()`
 * before anything reads the table or commits.
 */
export function rowInserter(db: Database.Database, sql: string): { add(values: unknown[]): void; flush(): void } {
  if (!isPostgres(db)) {
    const insert = statement(db, sql);
    return { add: (values) => void insert.run(...values), flush: () => {} };
  }
  const m = /^\s*INSERT\s+INTO\s+(\w+)\s*(\([^)]*\))\s*VALUES\s*\([?,\s]*\)\s*$/i.exec(sql);
  if (!m) throw new TypeError(`rowInserter needs INSERT INTO t (…) VALUES (?, …): ${sql}`);
  const copy = `COPY ${m[1]} ${m[2]!.replace(/\s+/g, ' ')} FROM STDIN`;
  let lines: string[] = [];
  let only: unknown[] | undefined;
  const flush = () => {
    // COPY costs two round trips (start, end); a lone row (a web submission) is one INSERT.
    if (lines.length === 1 && only) db.prepare(sql).run(...only);
    else if (lines.length) db.copyIn(copy, lines.join(''));
    lines = [];
    only = undefined;
  };
  return {
    add(values) {
      only = lines.length ? undefined : values;
      lines.push(values.map(copyText).join('\t') + '\n');
      if (lines.length >= PG_ROWS_PER_COPY) flush();
    },
    flush,
  };
}

/** One value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
