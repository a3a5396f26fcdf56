/**
 * The SQLite → PostgreSQL differences of duban's SQL, in one place. The store's
 * queries are written once, in the SQL both engines share; what differs is
 * rewritten here: parameter markers, column types of the schema, foreign keys
 * that can be deferred (SQLite's `defer_foreign_keys` pragma).
 */

/** A statement rewritten for PostgreSQL: `$n` markers, and which argument feeds each. */
export interface PgSql {
  text: string;
  /** Per `$n` (n-1): the positional index (number) or the named parameter (string). */
  params: (number | string)[];
}

/**
 * Rewrites `?` and `@name` markers (better-sqlite3's) to `$1…$n`, leaving quoted
 * strings and identifiers alone. A name used twice reuses its `$n`.
 */
export function toPgSql(sql: string): PgSql {
  const params: (number | string)[] = [];
  let out = '';
  let positional = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === '?') {
      params.push(positional++);
      out += `$${params.length}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      let n = params.indexOf(name);
      if (n < 0) n = params.push(name) - 1;
      out += `$${n + 1}`;
      i += name.length;
    } else {
      out += c;
    }
  }
  return { text: out, params };
}

/**
 * A migration's SQLite DDL as PostgreSQL DDL. SQLite's INTEGER is 64-bit, so it
 * becomes BIGINT (session expiry in epoch milliseconds does not fit INTEGER);
 * every foreign key becomes DEFERRABLE, so an import can insert its rows before
 * the audit entry they reference, as it does on SQLite with defer_foreign_keys.
 * Ids are always given by duban (MAX(id)+1 under the write lock), never by the
 * database, so no column needs an identity.
 */
export function toPgDdl(sql: string): string {
  return sql
    .replace(/\bINTEGER\b/g, 'BIGINT')
    .replace(/(REFERENCES\s+\w+\s*\(\s*\w+\s*\))/g, '$1 DEFERRABLE INITIALLY IMMEDIATE');
}

/** Binds one call's arguments (better-sqlite3 style: values, or one object of named values) to `$n` order, as libpq text. */
export function bindParams(params: readonly (number | string)[], args: readonly unknown[]): (string | null)[] {
  const named =
    args.length === 1 && args[0] !== null && typeof args[0] === 'object' && !Buffer.isBuffer(args[0])
      ? (args[0] as Record<string, unknown>)
      : undefined;
  return params.map((p) => toText(typeof p === 'number' ? (named ? undefined : args[p]) : named?.[p]));
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return '\\x' + v.toString('hex'); // bytea input format
  if (typeof v === 'boolean') return v ? '1' : '0'; // stored as integers, as on SQLite
  return String(v);
}
