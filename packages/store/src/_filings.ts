import { DubanError } from '@duban/core';
import type Database from 'better-sqlite3';
import { statement } from './_statements.js';
import { type FilingRow, filingDigest } from './_workspace-rows.js';
import { auditedInsert } from './_workspace-write.js';

/** A 推进方案 (implementation plan) filed by a unit for a notice milestone. */
export interface Filing {
  id: number;
  unit: string;
  /** The plan milestone's key. */
  milestone: string;
  /** The date the unit filed it (YYYY-MM-DD). */
  date: string;
  title: string;
  summary: string;
  /** SHA-256 references of the attached files. */
  evidence: string[];
  planVersion: number;
  supersedes: number | null;
  receivedAt: string;
  actor: string;
}

/** What a unit files; validation of the milestone and date against the plan is the caller's. */
export interface FilingInput {
  unit: string;
  milestone: string;
  date: string;
  title: string;
  summary: string;
  evidence: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Appends a filing; a different filing for the same (unit, milestone) supersedes the previous one, an identical one adds nothing. */
export function addFiling(
  db: Database.Database,
  input: FilingInput,
  meta: { actor: string; planVersion: number },
  key?: Uint8Array,
): { filing: Filing; created: boolean } {
  if (!input.unit || !input.milestone || !ISO_DATE.test(input.date)) {
    throw new DubanError(
      'DUBAN_STORE_BAD_FILING',
      'a 推进方案 filing needs a unit, a milestone and a YYYY-MM-DD date',
      { hint: 'validate the filing against the plan before storing it' },
    );
  }
  const body = JSON.stringify({ title: input.title, summary: input.summary, evidence: [...input.evidence].sort() });
  return db
    .transaction(() => {
      const head = statement(db, 'SELECT * FROM filings WHERE unit = ? AND milestone = ? ORDER BY id DESC LIMIT 1').get(
        input.unit,
        input.milestone,
      ) as FilingRow | undefined;
      if (head && head.body === body && head.date === input.date) return { filing: toFiling(head), created: false };
      const { rows } = auditedInsert<FilingRow>(
        db,
        {
          actor: meta.actor,
          action: 'filing.add',
          target: `推进方案 ${input.milestone} of ${input.unit} dated ${input.date}${head ? ` (corrects #${head.id})` : ''}`,
          key,
        },
        'filings',
        filingDigest,
        ({ seq, at, nextId }) => [
          {
            id: nextId(),
            unit: input.unit,
            milestone: input.milestone,
            date: input.date,
            body,
            plan_version: meta.planVersion,
            supersedes: head?.id ?? null,
            received_at: at,
            actor: meta.actor,
            audit_seq: seq,
          },
        ],
      );
      return { filing: toFiling(rows[0]!), created: true };
    })
    .immediate();
}

/** Current filings (superseded ones only with `includeSuperseded`), oldest first. */
export function listFilings(
  db: Database.Database,
  filter: { unit?: string; includeSuperseded?: boolean } = {},
): Filing[] {
  const where: string[] = [];
  if (filter.unit !== undefined) where.push('f.unit = @unit');
  if (!filter.includeSuperseded) where.push('NOT EXISTS (SELECT 1 FROM filings s WHERE s.supersedes = f.id)');
  const rows = statement(
    db,
    `SELECT * FROM filings f ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY f.id`,
  ).all(filter.unit === undefined ? {} : { unit: filter.unit }) as FilingRow[];
  return rows.map(toFiling);
}

function toFiling(r: FilingRow): Filing {
  const b = JSON.parse(r.body) as { title: string; summary: string; evidence: string[] };
  return {
    id: r.id,
    unit: r.unit,
    milestone: r.milestone,
    date: r.date,
    title: b.title,
    summary: b.summary,
    evidence: b.evidence,
    planVersion: r.plan_version,
    supersedes: r.supersedes,
    receivedAt: r.received_at,
    actor: r.actor,
  };
}
