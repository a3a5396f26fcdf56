import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DubanError } from '@duban/core';
import { rowInserter } from './_engine.js';
import { blobDir, blobPath } from './_evidence.js';
import { openLedger } from './_ledger.js';
import { openDatabase } from './_open.js';
import { isPostgresUrl, redactUrl } from './_pg.js';
import type { AuditHead, OpenOptions } from './_types.js';

/**
 * The tables a ledger copy carries, parents before children. Web sessions are
 * working state (logins), not records: they stay behind.
 */
const TABLES: readonly { name: string; key: string }[] = [
  { name: 'audit', key: 'seq' },
  { name: 'plan_versions', key: 'version' },
  { name: 'plan_tasks', key: 'plan_version, number' },
  { name: 'progress', key: 'id' },
  { name: 'issued_documents', key: 'id' },
  { name: 'account_events', key: 'id' },
  { name: 'evidence', key: 'id' },
  { name: 'filings', key: 'id' },
  { name: 'documents', key: 'id' },
];

/** What `copyLedger` did and checked. */
export interface CopyResult {
  /** Rows per table, equal in source and target. */
  rows: Record<string, number>;
  /** The audit head, equal in source and target (null for an empty chain). */
  head: AuditHead | null;
  /** Evidence and document files copied between the two files directories. */
  files: number;
}

/**
 * Copies a ledger between engines (SQLite file ↔ PostgreSQL database, or same to
 * same) in one read snapshot of the source and one write transaction on the
 * target, then checks from a fresh connection that every table has as many rows,
 * the audit head is the same entry and the target's chain verifies. The target
 * must hold no records unless `replace` (its records are then removed in the same
 * transaction, so a failed copy leaves it as it was).
 */
export function copyLedger(
  from: string,
  to: string,
  options: { replace?: boolean; officeKey?: Uint8Array } = {},
): CopyResult {
  const keyed: OpenOptions = options.officeKey ? { officeKey: options.officeKey } : {};
  const same = (p: string) => (isPostgresUrl(p) ? p : resolve(p));
  if (same(from) === same(to)) {
    throw new DubanError('DUBAN_DB_COPY_SAME', `${shown(to)} is both the source and the target`, {
      hint: 'name another file or database as the target',
    });
  }
  const source = openDatabase(from, { readonly: true, mustExist: true });
  let counts: Record<string, number>;
  let head: AuditHead | null;
  try {
    const target = openDatabase(to, {});
    try {
      ({ counts, head } = copyRows(source, target, to, options.replace === true));
    } finally {
      target.close();
    }
  } finally {
    source.close();
  }
  const files = copyFiles(from, to);
  // Checked through a new connection and the public API: what the next command will see.
  const check = openLedger(to, { readonly: true, ...keyed });
  try {
    const rows = countRows(to);
    for (const t of TABLES) {
      if (rows[t.name] !== counts[t.name]) {
        throw new DubanError(
          'DUBAN_DB_COPY_MISMATCH',
          `after the copy ${shown(to)} holds ${rows[t.name]} ${t.name} rows; the source holds ${counts[t.name]}`,
          {
            where: { file: check.path },
            hint: 'nothing else wrote to the target meanwhile? run the copy again with --replace',
          },
        );
      }
    }
    const copied = check.auditHead();
    if ((copied?.seq ?? 0) !== (head?.seq ?? 0) || copied?.hash !== head?.hash) {
      throw new DubanError(
        'DUBAN_DB_COPY_MISMATCH',
        `after the copy the target's audit head is ${fmt(copied)}; the source's is ${fmt(head)}`,
        {
          where: { file: check.path },
          hint: 'run the copy again with --replace',
        },
      );
    }
    const v = check.verifyAudit(head ? { expectHead: head } : {});
    if (!v.ok) {
      throw new DubanError(
        'DUBAN_DB_COPY_MISMATCH',
        `the copied chain does not verify: entry #${v.firstBad?.seq}: ${v.firstBad?.reason}`,
        {
          where: { file: check.path },
          hint: 'verify the source with `duban audit verify`; a copy carries a broken chain as it is',
        },
      );
    }
    return { rows, head, files };
  } finally {
    check.close();
  }
}

/** A location as messages print it: a URL without its password. */
function shown(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}

function fmt(h: AuditHead | null | undefined): string {
  return h ? `#${h.seq}:${h.hash.slice(0, 16)}` : 'empty';
}

type Db = ReturnType<typeof openDatabase>;

function copyRows(
  source: Db,
  target: Db,
  to: string,
  replace: boolean,
): { counts: Record<string, number>; head: AuditHead | null } {
  source.exec('BEGIN'); // one snapshot: a server writing meanwhile cannot tear the copy
  try {
    const head =
      (source.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as AuditHead | undefined) ?? null;
    const counts: Record<string, number> = {};
    target
      .transaction(() => {
        const held = TABLES.filter((t) => target.prepare(`SELECT 1 FROM ${t.name} LIMIT 1`).get() !== undefined).map(
          (t) => t.name,
        );
        if (held.length && !replace) {
          throw new DubanError(
            'DUBAN_DB_COPY_TARGET_NOT_EMPTY',
            `${shown(to)} already holds a ledger (${held.join(', ')}); nothing was copied`,
            {
              where: { file: shown(to) },
              hint: "copy into an empty database or a new file, or pass --replace to replace the target's records with the source's",
            },
          );
        }
        // Children before parents when removing; rows come back parents first.
        for (const t of [...TABLES].reverse()) target.prepare(`DELETE FROM ${t.name}`).run();
        target.pragma('defer_foreign_keys = ON');
        for (const t of TABLES) {
          const rows = source.prepare(`SELECT * FROM ${t.name} ORDER BY ${t.key}`).all() as Record<string, unknown>[];
          counts[t.name] = rows.length;
          if (!rows.length) continue;
          const columns = Object.keys(rows[0]!);
          const insert = rowInserter(
            target,
            `INSERT INTO ${t.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          );
          for (const r of rows) insert.add(columns.map((c) => r[c]));
          insert.flush();
        }
        // The office key's id travels with the chain it signs.
        const keyId = source.prepare("SELECT value FROM ledger_meta WHERE key = 'office_key_id'").get() as
          | { value: string }
          | undefined;
        target.prepare("DELETE FROM ledger_meta WHERE key = 'office_key_id'").run();
        if (keyId) target.prepare("INSERT INTO ledger_meta (key, value) VALUES ('office_key_id', ?)").run(keyId.value);
      })
      .immediate();
    return { counts, head };
  } finally {
    if (source.inTransaction) source.exec('COMMIT');
  }
}

function countRows(to: string): Record<string, number> {
  const db = openDatabase(to, { readonly: true, mustExist: true });
  try {
    const rows: Record<string, number> = {};
    for (const t of TABLES) rows[t.name] = (db.prepare(`SELECT COUNT(*) AS n FROM ${t.name}`).get() as { n: number }).n;
    return rows;
  } finally {
    db.close();
  }
}

/** Evidence and kept documents live as files beside the ledger (or in DUBAN_FILES): they go along. */
function copyFiles(from: string, to: string): number {
  if (blobDir(from) === blobDir(to)) return 0;
  const db = openDatabase(from, { readonly: true, mustExist: true });
  let copied = 0;
  try {
    const shas = db.prepare('SELECT sha256 FROM evidence UNION SELECT sha256 FROM documents').all() as {
      sha256: string;
    }[];
    for (const { sha256 } of shas) {
      const src = blobPath(from, sha256);
      const dest = blobPath(to, sha256);
      if (!existsSync(src) || existsSync(dest)) continue;
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(src, dest);
      copied++;
    }
  } finally {
    db.close();
  }
  return copied;
}
