import { bindParams, type PgSql } from './_pg-sql.js';

/** What a statement needs of its connection. */
export interface PgQuery {
  query(text: string, values?: (string | null)[]): { rows: Record<string, unknown>[]; changes: number };
}

/** A statement over PgDatabase with better-sqlite3's run/get/all/iterate. */
export class PgStatement {
  readonly #db: PgQuery;
  readonly #sql: PgSql;

  constructor(db: PgQuery, sql: PgSql) {
    this.#db = db;
    this.#sql = sql;
  }

  #exec(args: unknown[]) {
    return this.#db.query(this.#sql.text, this.#sql.params.length ? bindParams(this.#sql.params, args) : undefined);
  }

  run(...args: unknown[]): { changes: number; lastInsertRowid: number } {
    return { changes: this.#exec(args).changes, lastInsertRowid: 0 };
  }

  get(...args: unknown[]): unknown {
    return this.#exec(args).rows[0];
  }

  all(...args: unknown[]): unknown[] {
    return this.#exec(args).rows;
  }

  /** Reads every row, then iterates: libpq's synchronous API has no cursor. */
  iterate(...args: unknown[]): IterableIterator<unknown> {
    return this.all(...args)[Symbol.iterator]();
  }
}
