/**
 * Who is reporting, and on whose authority. A unit's clerk can type any unit
 * into a CSV or the hidden sheet of a workbook, so a file's unit counts only
 * when the file is bound (an intake workbook carrying a valid office MAC over
 * its unit and plan version), or when the office vouches for it at import:
 * `--from UNIT` (the sender; every row must be that unit's) or `--office`.
 */
import type { Problem } from '@duban/core';
import type { ProgressFile } from './_read.js';
import type { ProgressRow } from './_row.js';

/** How an import may trust the units its files name. */
export interface Authority {
  /** --office: the office vouches for every row of every file. */
  office: boolean;
  /** --from UNIT, canonicalised: the unit that sent the files. */
  from?: string;
  /** The office key, to check workbook bindings. */
  key?: Uint8Array;
  planVersion: number;
  planDigest: string;
  resolveUnit(name: string): string | undefined;
  verifyBinding(
    key: Uint8Array,
    s: { planVersion: number; planDigest: string; unit: string },
    mac: string | undefined,
  ): boolean;
}

/** One file's line of the import summary and of the audit entry. */
export interface FileAttestation {
  file: string;
  units: string[];
  /** bound workbook | --from U | --office | --office (binding did not verify) */
  authority: string;
}

/** A cell as text, trimmed. */
export const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** 市发改委、市财政局, or the first five and a count for long lists. */
export function unitList(units: readonly string[]): string {
  if (!units.length) return '(no rows)';
  return units.length <= 6 ? units.join('、') : `${units.slice(0, 5).join('、')}… (${units.length} units)`;
}

/** What attestation needs of a file read: its kind and metadata (the rows went to validation). */
export type FileRead = Pick<ProgressFile, 'file' | 'kind' | 'meta'>;

/** With --from: a row naming another unit than the sender's. */
export function senderProblem(row: ProgressRow, a: Authority): Problem | undefined {
  const u = text(row.fields.unit);
  if (a.from === undefined || !u || (a.resolveUnit(u) ?? u) === a.from) return undefined;
  return {
    code: 'DUBAN_PROGRESS_NOT_SENDER',
    where: { ...row.where, column: row.columns.unit ?? 'unit' },
    message: `row names ${u}, but the file was sent by ${a.from} (--from)`,
  };
}

/** Checks one file's right to name `units` (canonical names its rows gave); a problem means nothing may be imported. */
export function attestFile(
  f: FileRead,
  units: string[],
  a: Authority,
): { problem?: Problem; attestation?: FileAttestation } {
  const meta = f.meta;
  if (meta?.binding !== undefined && a.key) {
    const ok =
      meta.unit !== undefined &&
      meta.planVersion !== undefined &&
      meta.planDigest !== undefined &&
      a.verifyBinding(
        a.key,
        { planVersion: meta.planVersion, planDigest: meta.planDigest, unit: meta.unit },
        meta.binding,
      );
    if (ok) return { attestation: { file: f.file, units, authority: 'bound workbook' } };
    if (a.office) return { attestation: { file: f.file, units, authority: '--office (binding did not verify)' } };
    return {
      problem: {
        code: 'DUBAN_PROGRESS_BINDING',
        where: { file: f.file, sheet: '_duban' },
        message: `the workbook's binding does not match its unit (${meta.unit ?? '?'}) and plan version: its hidden sheet was edited, or it was made with another office key`,
      },
    };
  }
  if (a.from !== undefined) return { attestation: { file: f.file, units, authority: `--from ${a.from}` } };
  if (a.office) return { attestation: { file: f.file, units, authority: '--office' } };
  return {
    problem: {
      code: 'DUBAN_PROGRESS_UNBOUND',
      where: { file: f.file },
      message: `${f.kind === 'template' ? 'the workbook is not bound by the office key' : 'the file names its reporting unit(s) itself'} (${unitList(units)}); nothing vouches that they sent it`,
    },
  };
}

/** The attestation recorded in the audit entry: file → units (authority), shortened past 20 files. */
export function attestationText(files: readonly FileAttestation[]): string {
  const name = (f: string) => f.split(/[\\/]/).pop() ?? f;
  const parts = files.slice(0, 20).map((f) => `${name(f.file)}=${f.units.join(',') || '-'} (${f.authority})`);
  if (files.length > 20) parts.push(`… ${files.length - 20} more`);
  return `units: ${parts.join('; ')}`;
}
