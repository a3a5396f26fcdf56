import { DubanError } from '@duban/core';
import { finish, firstLine, type NativeClient, newClient, safeFields } from './_pg-client.js';
import { type PgSql, toPgSql } from './_pg-sql.js';
import { PgStatement } from './_pg-statement.js';

/**
 * One advisory lock serializes every write transaction of every duban process on
 * the database: taken first thing after BEGIN, held until COMMIT/ROLLBACK. It is
 * PostgreSQL's counterpart of SQLite's BEGIN IMMEDIATE. Appends read the audit head
 * and write head+1; two servers doing that at once under READ COMMITTED would both
 * read the same head and fork the chain (one then failing on the primary key).
 * SERIALIZABLE with retry would also be correct, but a retried import re-runs all
 * its work; the writes are short, so waiting in line is cheaper than retrying.
 */
export const WRITE_LOCK_KEY = 0x6475_6261_6e; // "duban"

/** The connection lost (server restart, pg_terminate_backend, network): a coded error, the transaction rolled back by the server. */
const LOST_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

/** Hides a password in a URL used in messages. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

/** True when `--db` names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(path: string): boolean {
  return /^postgres(ql)?:\/\//i.test(path);
}

/**
 * The subset of better-sqlite3's Database the store uses, over one PostgreSQL
 * connection. The store's modules take it where they take an SQLite connection
 * (see _engine.ts), so each query is written once.
 */
export class PgDatabase {
  readonly engine = 'postgres' as const;
  readonly name: string;
  readonly readonly: boolean;
  open = true;
  #client: NativeClient;
  #url: string;
  #depth = 0;
  #lockTimeoutMs: number;
  #cache = new Map<string, PgSql>();

  constructor(url: string, options: { readonly?: boolean; busyTimeoutMs?: number } = {}) {
    this.#url = url;
    this.name = redactUrl(url);
    this.readonly = options.readonly ?? false;
    this.#lockTimeoutMs = options.busyTimeoutMs ?? 15_000;
    this.#client = this.#connect();
  }

  #connect(): NativeClient {
    const client = newClient();
    try {
      client.connectSync(this.#url);
    } catch (e) {
      throw new DubanError('DUBAN_STORE_OPEN', `cannot connect to ${this.name}: ${firstLine((e as Error).message)}`, {
        where: { file: this.name },
        hint: 'check that PostgreSQL is running, and the host, port, user, password and database in the URL',
        cause: e,
      });
    }
    // lock_timeout bounds the wait for the write lock, as busy_timeout does on SQLite.
    client.querySync(
      `SET lock_timeout = ${Math.max(1, Math.round(this.#lockTimeoutMs))}; SET client_min_messages = warning${this.readonly ? '; SET default_transaction_read_only = on' : ''}`,
    );
    return client;
  }

  /** True inside BEGIN … COMMIT. */
  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  /** Runs SQL without parameters (several statements allowed); BEGIN is a REPEATABLE READ snapshot, as SQLite's read transaction is. */
  exec(sql: string): this {
    const s = sql.trim().toUpperCase();
    if (s === 'BEGIN') {
      this.#query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      this.#depth++;
    } else if (s === 'COMMIT' || s === 'ROLLBACK') {
      this.#depth = 0;
      this.#locked = false;
      this.#query(s);
    } else {
      this.#query(sql);
    }
    return this;
  }

  /** A statement; `?` and `@name` markers are rewritten once per text. */
  prepare(sql: string): PgStatement {
    let pg = this.#cache.get(sql);
    if (!pg) this.#cache.set(sql, (pg = toPgSql(sql)));
    return new PgStatement(this, pg);
  }

  /**
   * better-sqlite3's db.transaction(fn): the outermost call is BEGIN + the write lock
   * + COMMIT (ROLLBACK on a throw); nested calls are savepoints. Every store
   * transaction writes, so every one takes the lock (see WRITE_LOCK_KEY).
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R) {
    const run = (...args: A): R => {
      if (this.#depth > 0) {
        // Inside a read snapshot (Ledger.snapshot) a write still queues for the lock. The
        // audit primary key would refuse a forked entry anyway; the lock makes it wait instead.
        if (!this.#locked && !this.readonly) this.#lock();
        const sp = `sp${this.#depth}`;
        this.#query(`SAVEPOINT ${sp}`);
        this.#depth++;
        try {
          const r = fn(...args);
          this.#query(`RELEASE SAVEPOINT ${sp}`);
          return r;
        } catch (e) {
          if (this.#depth > 0) this.#query(`ROLLBACK TO SAVEPOINT ${sp}`);
          throw e;
        } finally {
          if (this.#depth > 0) this.#depth--;
        }
      }
      try {
        // BEGIN and the lock in one round trip: a web submission's transaction is a dozen of them.
        this.#query(this.readonly ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
      } catch (e) {
        this.#rollbackQuietly(); // BEGIN may have run before the lock wait timed out
        throw e;
      }
      this.#depth = 1;
      this.#locked = !this.readonly;
      try {
        const r = fn(...args);
        this.#query('COMMIT');
        this.#depth = 0;
        this.#locked = false;
        return r;
      } catch (e) {
        this.#locked = false;
        if (this.#depth > 0) {
          this.#depth = 0;
          try {
            this.#query('ROLLBACK');
          } catch {
            // the connection is gone: the server has rolled back already
          }
        }
        throw e;
      }
    };
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run });
  }

  /** True while this connection's transaction holds the write lock. */
  #locked = false;

  #lock(): void {
    this.#query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
    this.#locked = true;
  }

  #rollbackQuietly(): void {
    try {
      if (this.#client.pq.transactionStatus() !== 0) this.#client.querySync('ROLLBACK'); // 0: PQTRANS_IDLE
    } catch {
      // the connection is gone: the server has rolled back already
    }
  }

  /** The pragmas the store sets: WAL and foreign keys are what PostgreSQL always does; deferring keys is SET CONSTRAINTS. */
  pragma(text: string, _options?: { simple?: boolean }): unknown {
    const t = text.replace(/\s+/g, ' ').trim().toLowerCase();
    if (t === 'defer_foreign_keys = on') return void this.#query('SET CONSTRAINTS ALL DEFERRED');
    if (t === 'journal_mode') return 'wal';
    return undefined;
  }

  /** Closes the connection. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    finish(this.#client);
  }

  /** Online copies of a PostgreSQL ledger are the database's job (pg_dump) or `duban db copy`. */
  backup(): Promise<never> {
    return Promise.reject(
      new DubanError(
        'DUBAN_BACKUP_ENGINE',
        `backup copies an SQLite ledger file; ${this.name} is a PostgreSQL database`,
        {
          hint: 'copy it to an SQLite file with `duban db copy URL FILE`, or use pg_dump',
        },
      ),
    );
  }

  /** Runs one statement; maps a lost connection and a lock wait past the timeout to coded errors. */
  query(text: string, values?: (string | null)[]): { rows: Record<string, unknown>[]; changes: number } {
    return { rows: this.#query(text, values, true), changes: Number(this.#client.pq.cmdTuples()) || 0 };
  }

  /**
   * COPY … FROM STDIN with rows already in COPY's text format: one round trip for
   * thousands of rows, and no parameter parsing (multi-row INSERTs spent most of
   * an import's time there). libpq's copy calls block on a blocking connection,
   * so this stays synchronous too.
   */
  copyIn(text: string, data: string): number {
    this.#ready();
    const pq = this.#client.pq;
    try {
      pq.exec(text);
      if (pq.resultStatus() !== 'PGRES_COPY_IN')
        throw new Error(pq.resultErrorMessage() || pq.errorMessage?.() || 'COPY did not start');
      if (pq.putCopyData(Buffer.from(data, 'utf8')) !== 1 || pq.putCopyEnd() !== 1)
        throw new Error(pq.errorMessage?.() || 'COPY data was not sent');
      let failure = '';
      while (pq.getResult()) {
        if (pq.resultStatus() === 'PGRES_FATAL_ERROR') failure ||= pq.resultErrorMessage();
      }
      if (failure) throw new Error(failure);
      return Number(pq.cmdTuples()) || 0;
    } catch (e) {
      throw this.#error(e as Error);
    }
  }

  #ready(): void {
    if (!this.open) throw new TypeError('The database connection is not open');
    // A connection the server dropped is replaced, but only between transactions:
    // inside one, the work done so far is gone and the caller must hear of it.
    if (this.#lost && this.#depth === 0) this.#reconnect();
  }

  #query(text: string, values?: (string | null)[], prepared = false): Record<string, unknown>[] {
    this.#ready();
    const outside = this.#depth === 0;
    try {
      return this.#send(text, values, prepared);
    } catch (e) {
      const error = this.#error(e as Error);
      // Outside a transaction (a read, a BEGIN) nothing was under way: a server restarted
      // since the last request costs one reconnect, not a failed request. Inside one the
      // work so far is gone, so the error goes to the caller.
      if (!(outside && this.#lost)) throw error;
    }
    this.#reconnect();
    try {
      return this.#send(text, values, prepared);
    } catch (e) {
      throw this.#error(e as Error);
    }
  }

  /**
   * Statements (as opposed to exec's fixed commands) are prepared on the server once
   * per connection: a web request runs the same dozen queries, and parsing and
   * planning each one every time was PostgreSQL CPU the writers wait on under the lock.
   */
  #send(text: string, values: (string | null)[] | undefined, prepared: boolean): Record<string, unknown>[] {
    if (!prepared) return values ? this.#client.querySync(text, values) : this.#client.querySync(text);
    let name = this.#prepared.get(text);
    if (!name) {
      name = `d${this.#prepared.size + 1}`;
      this.#client.prepareSync(name, text, values?.length ?? 0);
      this.#prepared.set(text, name);
    }
    return this.#client.executeSync(name, values ?? []);
  }

  /** Statement text → its prepared name on the current connection (emptied on reconnect). */
  #prepared = new Map<string, string>();

  #lost = false;

  #reconnect(): void {
    finish(this.#client);
    this.#prepared.clear();
    this.#client = this.#connect();
    this.#lost = false;
  }

  #error(e: Error): Error {
    const fields = safeFields(this.#client);
    const state = fields?.sqlState;
    const message = firstLine(e.message);
    if (
      (state && LOST_STATES.has(state)) ||
      (!state &&
        /server closed the connection|no connection to the server|connection.*(lost|closed|terminated)|could not (send|receive)/i.test(
          e.message,
        ))
    ) {
      this.#lost = true;
      this.#depth = 0;
      this.#locked = false;
      return new DubanError(
        'DUBAN_STORE_CONNECTION_LOST',
        `the connection to ${this.name} was lost (${message}); the transaction was rolled back, nothing of it was written`,
        {
          where: { file: this.name },
          hint: 'check that PostgreSQL is running, then run the command again',
          cause: e,
        },
      );
    }
    if (state === '55P03') {
      return new DubanError(
        'DUBAN_STORE_BUSY',
        'the ledger is locked by another duban process and stayed locked past the wait time',
        { where: { file: this.name }, hint: 'wait for the other process to finish and try again', cause: e },
      );
    }
    return Object.assign(new Error(message), { code: state ? `PG_${state}` : 'PG_ERROR', cause: e });
  }
}
