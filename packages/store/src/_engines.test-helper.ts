import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PgDatabase } from './_pg.js';

/** Raw SQL on a ledger, outside duban: what tests use to tamper with rows. */
export interface RawDb {
  exec(sql: string): void;
  run(sql: string, ...params: unknown[]): void;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  close(): void;
  /** Lets the next statements break foreign keys, as a forger with the database's own tools can. */
  noForeignKeys(): void;
}

/** One engine the store suite runs on. */
export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** A new, empty ledger location (file path or database URL). */
  fresh(): string;
  raw(location: string): RawDb;
  /** A copy of a closed ledger at a new location (a file copy; CREATE DATABASE … TEMPLATE). */
  copy(location: string): string;
  /** Removes every location made by fresh(). */
  cleanup(): void;
}

function rawOf(db: Database.Database | PgDatabase): RawDb {
  return {
    noForeignKeys: () =>
      void (db instanceof PgDatabase
        ? db.exec('SET session_replication_role = replica')
        : db.pragma('foreign_keys = OFF')),
    exec: (sql) => void db.exec(sql),
    run: (sql, ...p) => void db.prepare(sql).run(...p),
    get: <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T | undefined,
    all: <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[],
    close: () => db.close(),
  };
}

function sqlite(): TestEngine {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    fresh: () => {
      const dir = mkdtempSync(join(tmpdir(), 'duban-store-'));
      dirs.push(dir);
      return join(dir, 'ledger.db');
    },
    raw: (path) => rawOf(new Database(path)),
    copy(path) {
      const dir = mkdtempSync(join(tmpdir(), 'duban-store-'));
      dirs.push(dir);
      copyFileSync(path, join(dir, 'ledger.db'));
      return join(dir, 'ledger.db');
    },
    cleanup: () => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })),
  };
}

/** The cluster started by tests/_support/pg-global.ts; a test run without it is a broken set-up, not a skip. */
export function testPgUrl(): string {
  const url = process.env.DUBAN_TEST_PG_URL;
  if (!url)
    throw new Error(
      'DUBAN_TEST_PG_URL is not set: run the tests with vitest (its globalSetup starts PostgreSQL); install PostgreSQL with `apt-get install postgresql`',
    );
  return url;
}

/** A new empty database on the test cluster (a copy of `template` when given); its URL. */
export function freshPgDatabase(template?: string): string {
  const admin = new PgDatabase(testPgUrl());
  const name = `t_${randomBytes(6).toString('hex')}`;
  try {
    admin.exec(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    admin.close();
  }
  return testPgUrl().replace(/\/[^/]*$/, `/${name}`);
}

function postgres(): TestEngine {
  const made: string[] = [];
  return {
    name: 'postgres',
    fresh: () => {
      const url = freshPgDatabase();
      made.push(url);
      return url;
    },
    raw: (url) => rawOf(new PgDatabase(url)),
    copy(url) {
      const copy = freshPgDatabase(url.slice(url.lastIndexOf('/') + 1));
      made.push(copy);
      return copy;
    },
    cleanup: () => {
      const admin = new PgDatabase(testPgUrl());
      try {
        for (const url of made.splice(0))
          admin.exec(`DROP DATABASE IF EXISTS ${url.slice(url.lastIndexOf('/') + 1)} WITH (FORCE)`);
      } finally {
        admin.close();
      }
    },
  };
}

/** Both engines, for describe.each: the store suite is one suite run twice. */
export const ENGINES: readonly TestEngine[] = [sqlite(), postgres()];
