import type Database from 'better-sqlite3';
import { blobPath, putBlob } from './_evidence.js';
import { recordIssuedDocument } from './_registry.js';
import { statement } from './_statements.js';
import type { AuditHead, IssuedDocument } from './_types.js';
import { type DocumentRow, documentDigest } from './_workspace-rows.js';
import { auditedInsert } from './_workspace-write.js';

/** A document issued through a reporter and kept for download (催办 notice, bulletin, score sheets, ledger). */
export interface KeptDocument {
  id: number;
  /** The reporter that produced it (cuiban, bulletin, …). */
  reporter: string;
  /** The unit it is addressed to (催办), or null. */
  unit: string | null;
  /** The reporting period it concerns (2019-06), or null. */
  period: string | null;
  asOf: string;
  name: string;
  mediaType: string;
  sha256: string;
  bytes: number;
  issuedAt: string;
  actor: string;
}

/** What to record: the file's bytes and where it came from. */
export interface KeptDocumentInput {
  reporter: string;
  unit?: string | null;
  period?: string | null;
  asOf: string;
  name: string;
  mediaType: string;
  data: Uint8Array;
}

/** One reporter run issued from the web: its files, and what the registry of issued documents (发文登记) records about it. */
export interface IssueRecord {
  reporter: string;
  unit?: string | null;
  period?: string | null;
  asOf: string;
  /** 期号, or null for unnumbered documents. */
  issueNumber: number | null;
  /** The issue date printed on the documents. */
  issueDate: string;
  /** The audit head the documents were made from (printed on them). */
  head: AuditHead | null;
  /** False when issued although the chain did not verify. */
  verified: boolean;
  files: readonly { name: string; mediaType: string; data: Uint8Array }[];
}

/**
 * Keeps every file of one reporter run for download and registers the run in the
 * registry of issued documents, as `duban report` does, so `duban audit verify
 * --document FILE` knows a document issued from the web. One transaction: either
 * the files are kept and registered, or nothing is recorded.
 */
export function issueDocuments(
  db: Database.Database,
  ledgerPath: string,
  record: IssueRecord,
  actor: string,
  key?: Uint8Array,
): { documents: KeptDocument[]; registered: IssuedDocument } {
  return db
    .transaction(() => {
      const documents = record.files.map((f) =>
        addDocument(
          db,
          ledgerPath,
          {
            reporter: record.reporter,
            unit: record.unit ?? null,
            period: record.period ?? null,
            asOf: record.asOf,
            name: f.name,
            mediaType: f.mediaType,
            data: f.data,
          },
          actor,
          key,
        ),
      );
      const registered = recordIssuedDocument(
        db,
        {
          reporter: record.reporter,
          issueNumber: record.issueNumber,
          asOf: record.asOf,
          issueDate: record.issueDate,
          head: record.head,
          verified: record.verified,
          actor,
          // The kept copy is the file of record: its path beside the ledger, its digest the one `audit verify --document` looks up.
          outputs: documents.map((d) => ({ path: blobPath(ledgerPath, d.sha256), sha256: d.sha256, bytes: d.bytes })),
        },
        key,
      );
      return { documents, registered };
    })
    .immediate();
}

/** Stores the file content-addressed beside the ledger and records the issue in the audit chain. */
export function addDocument(
  db: Database.Database,
  ledgerPath: string,
  input: KeptDocumentInput,
  actor: string,
  key?: Uint8Array,
): KeptDocument {
  const { sha256, bytes } = putBlob(ledgerPath, input.data);
  return db
    .transaction(() => {
      const { rows } = auditedInsert<DocumentRow>(
        db,
        {
          actor,
          action: `document.${input.reporter}`,
          target: `${input.name}${input.unit ? ` to ${input.unit}` : ''} as of ${input.asOf} (${sha256.slice(0, 12)})`,
          key,
        },
        'documents',
        documentDigest,
        ({ seq, at, nextId }) => [
          {
            id: nextId(),
            reporter: input.reporter,
            unit: input.unit ?? null,
            period: input.period ?? null,
            as_of: input.asOf,
            name: input.name,
            media_type: input.mediaType,
            sha256,
            bytes,
            issued_at: at,
            actor,
            audit_seq: seq,
          },
        ],
      );
      return toDocument(rows[0]!);
    })
    .immediate();
}

/** Issued documents, newest first, optionally of one reporter and/or unit. */
export function listDocuments(
  db: Database.Database,
  filter: { reporter?: string; unit?: string } = {},
): KeptDocument[] {
  const where: string[] = [];
  if (filter.reporter !== undefined) where.push('reporter = @reporter');
  if (filter.unit !== undefined) where.push('unit = @unit');
  return (
    statement(db, `SELECT * FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC`).all(
      filter,
    ) as DocumentRow[]
  ).map(toDocument);
}

/** One issued document by id, or null. */
export function readDocument(db: Database.Database, id: number): KeptDocument | null {
  const r = statement(db, 'SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  return r ? toDocument(r) : null;
}

function toDocument(r: DocumentRow): KeptDocument {
  return {
    id: r.id,
    reporter: r.reporter,
    unit: r.unit,
    period: r.period,
    asOf: r.as_of,
    name: r.name,
    mediaType: r.media_type,
    sha256: r.sha256,
    bytes: r.bytes,
    issuedAt: r.issued_at,
    actor: r.actor,
  };
}
