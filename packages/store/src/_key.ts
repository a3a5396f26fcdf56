/**
 * The office key: a secret kept outside the ledger file. Entry hashes are plain
 * SHA-256 over public formulas, so anyone holding the file can recompute a whole
 * chain after editing it; a MAC under a key the attacker does not hold cannot be.
 */

import { createHmac } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { DubanError } from '@duban/core';
import type Database from 'better-sqlite3';

/** Fewest bytes a key file must hold (256 bits). */
export const MIN_KEY_BYTES = 32;
const MAX_KEY_BYTES = 4096;

/** The MAC of one audit entry: HMAC-SHA256 over its hash (which covers every field and its predecessor). */
export function entryMac(key: Uint8Array, hash: string): string {
  return createHmac('sha256', key).update(`duban-audit-mac\u001f${hash}`).digest('hex');
}

/** A short public fingerprint of a key, stored in the ledger to tell "no key" from "another key". */
export function keyId(key: Uint8Array): string {
  return createHmac('sha256', key).update('duban-key-id').digest('hex').slice(0, 16);
}

/** The key id a ledger was signed with, or undefined when it never was. */
export function ledgerKeyId(db: Database.Database): string | undefined {
  return (
    db.prepare("SELECT value FROM ledger_meta WHERE key = 'office_key_id'").get() as { value: string } | undefined
  )?.value;
}

/** Records the key id (inside the caller's write transaction). */
export function setLedgerKeyId(db: Database.Database, key: Uint8Array): void {
  db.prepare(
    "INSERT INTO ledger_meta (key, value) VALUES ('office_key_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(keyId(key));
}

/**
 * Refuses a write that would break the ledger's MAC coverage: a signed ledger
 * written without its key (or with another), or a key used on a ledger that has
 * unsigned history (that history must be verified and signed first).
 */
export function checkWriteKey(db: Database.Database, file: string, key: Uint8Array | undefined): void {
  const stored = ledgerKeyId(db);
  if (stored && !key) {
    throw new DubanError('DUBAN_AUDIT_KEY_REQUIRED', 'this ledger is signed with an office key, and no key was given', {
      where: { file },
      hint: 'set "auditKey" in duban.config.json or DUBAN_AUDIT_KEY to the office key file; entries written without it would fail `duban audit verify`',
    });
  }
  if (stored && key && stored !== keyId(key)) {
    throw new DubanError(
      'DUBAN_AUDIT_KEY_MISMATCH',
      `the office key given (id ${keyId(key)}) is not the one this ledger is signed with (id ${stored})`,
      {
        where: { file },
        hint: 'use the office key file the ledger was signed with',
      },
    );
  }
  if (!stored && key) {
    const entries = (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
    if (entries > 0) {
      throw new DubanError(
        'DUBAN_AUDIT_KEY_NOT_ADOPTED',
        `an office key is configured but the ledger's ${entries} existing audit entries are not signed with it`,
        {
          where: { file },
          hint: 'run `duban audit sign` once: it verifies the chain and signs every entry with the key',
        },
      );
    }
  }
}

/**
 * Reads an office key file: a regular file of 32 to 4096 bytes (any content; a
 * generated key is 64 hex digits), readable by its owner only.
 */
export function readOfficeKey(file: string): Uint8Array {
  const fail = (what: string, hint: string) =>
    new DubanError('DUBAN_AUDIT_KEY_FILE', `office key file ${file} ${what}`, { where: { file }, hint });
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail(
      `cannot be opened (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      'create one with `duban audit keygen FILE` and point "auditKey" (config) or DUBAN_AUDIT_KEY at it',
    );
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw fail('is not a regular file', 'point at the key file itself');
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
      throw fail(
        `can be read or written by other users (mode ${(st.mode & 0o777).toString(8)})`,
        `restrict it: chmod 600 ${file}`,
      );
    if (st.size < MIN_KEY_BYTES || st.size > MAX_KEY_BYTES)
      throw fail(
        `holds ${st.size} bytes; a key has ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES}`,
        'create one with `duban audit keygen FILE`',
      );
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < st.size) {
      const got = readSync(fd, buf, n, st.size - n, n);
      if (got === 0) break;
      n += got;
    }
    return new Uint8Array(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}
