import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { DubanError } from '@duban/core';
import type Database from 'better-sqlite3';
import { statement } from './_statements.js';
import { type EvidenceRow, evidenceDigest } from './_workspace-rows.js';
import { auditedInsert } from './_workspace-write.js';

/** A stored evidence file as the workspace lists it. */
export interface EvidenceInfo {
  id: number;
  sha256: string;
  bytes: number;
  mediaType: string;
  name: string;
  unit: string;
  uploadedAt: string;
  actor: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The blob directory beside a ledger: duban.db → duban.files/. */
export function blobDir(ledgerPath: string): string {
  return join(dirname(ledgerPath), `${basename(ledgerPath, extname(ledgerPath))}.files`);
}

/** Path of a blob by its SHA-256; the name is checked, so no caller can reach outside the directory. */
export function blobPath(ledgerPath: string, sha256: string): string {
  if (!HEX64.test(sha256))
    throw new DubanError('DUBAN_FILE_REF', `"${sha256.slice(0, 80)}" is not a file reference`, {
      hint: 'file references are 64 lowercase hex digits (SHA-256)',
    });
  return join(blobDir(ledgerPath), sha256.slice(0, 2), sha256);
}

/**
 * Writes content to the blob store under its SHA-256 (temp file, then rename, so
 * a crash leaves no half file); equal content is stored once.
 */
export function putBlob(ledgerPath: string, data: Uint8Array): { sha256: string; bytes: number } {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const path = blobPath(ledgerPath, sha256);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.${Date.now()}.partial`;
    writeFileSync(temp, data, { mode: 0o640 });
    renameSync(temp, path);
  }
  return { sha256, bytes: data.byteLength };
}

/** Reads a blob back, checking it still hashes to its name; null when absent. */
export function readBlob(ledgerPath: string, sha256: string): Buffer | null {
  const path = blobPath(ledgerPath, sha256);
  if (!existsSync(path)) return null;
  const data = readFileSync(path);
  if (createHash('sha256').update(data).digest('hex') !== sha256) {
    throw new DubanError('DUBAN_FILE_CHANGED', `stored file ${sha256} was changed outside duban`, {
      where: { file: path },
      hint: 'restore the file from a backup',
    });
  }
  return data;
}

/** Stores an evidence file (blob + audited row). The media type must already be checked by the caller. */
export function addEvidence(
  db: Database.Database,
  ledgerPath: string,
  file: { data: Uint8Array; name: string; mediaType: string; unit: string },
  actor: string,
  key?: Uint8Array,
): EvidenceInfo {
  const { sha256, bytes } = putBlob(ledgerPath, file.data);
  return db
    .transaction(() => {
      const { rows } = auditedInsert<EvidenceRow>(
        db,
        {
          actor,
          action: 'evidence.add',
          target: `evidence ${sha256.slice(0, 12)} (${file.unit}, ${bytes} bytes)`,
          key,
        },
        'evidence',
        evidenceDigest,
        ({ seq, at, nextId }) => [
          {
            id: nextId(),
            sha256,
            bytes,
            media_type: file.mediaType,
            name: file.name,
            unit: file.unit,
            uploaded_at: at,
            actor,
            audit_seq: seq,
          },
        ],
      );
      return toInfo(rows[0]!);
    })
    .immediate();
}

/** Evidence records for a SHA-256 (the same file may be uploaded by several units). */
export function evidenceBySha(db: Database.Database, sha256: string): EvidenceInfo[] {
  return (statement(db, 'SELECT * FROM evidence WHERE sha256 = ? ORDER BY id').all(sha256) as EvidenceRow[]).map(
    toInfo,
  );
}

/** Evidence uploaded for a unit, newest first. */
export function evidenceOfUnit(db: Database.Database, unit: string): EvidenceInfo[] {
  return (statement(db, 'SELECT * FROM evidence WHERE unit = ? ORDER BY id DESC').all(unit) as EvidenceRow[]).map(
    toInfo,
  );
}

function toInfo(r: EvidenceRow): EvidenceInfo {
  return {
    id: r.id,
    sha256: r.sha256,
    bytes: r.bytes,
    mediaType: r.media_type,
    name: r.name,
    unit: r.unit,
    uploadedAt: r.uploaded_at,
    actor: r.actor,
  };
}
