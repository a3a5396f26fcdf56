/**
 * Who is reporting, and on whose authority. A unit's clerk can type any unit
 * into a CSV or the hidden sheet of a workbook, so a file's unit counts only
 * when the file is bound (an intake workbook carrying a valid office MAC over
 * its unit and plan version), or when the office vouches for it at import:
 * `--from UNIT` (the sender; every row must be that unit's) or `--office`.
 */
import type { Problem } from '@duban/core';
import type { ProgressFile } from '@duban/intake';

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
  verifyBinding(key: Uint8Array, s: { planVersion: number; planDigest: string; unit: string }, mac: string | undefined): boolean;
}

/** One file's line of the import summary and of the audit entry. */
export interface FileAttestation {
  file: string;
  units: string[];
  /** bound workbook | --from U | --office | --office (binding did not verify) */
  authority: string;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** 市发改委、市财政局, or the first five and a count for long lists. */
export function unitList(units: readonly string[]): string {
  if (!units.length) return '(no rows)';
  return units.length <= 6 ? units.join('、') : `${units.slice(0, 5).join('、')}… (${units.length} units)`;
}

/** Checks every file's right to name its units; problems mean nothing may be imported. */
export function attest(files: readonly ProgressFile[], a: Authority): { problems: Problem[]; files: FileAttestation[] } {
  const problems: Problem[] = [];
  const out: FileAttestation[] = [];
  for (const f of files) {
    const units = [...new Set(f.rows.map((r) => text(r.fields.unit)).filter(Boolean).map((u) => a.resolveUnit(u) ?? u))].sort();
    let authority: string | undefined;
    const meta = f.meta;
    if (meta?.binding !== undefined && a.key) {
      const ok = meta.unit !== undefined && meta.planVersion !== undefined && meta.planDigest !== undefined
        && a.verifyBinding(a.key, { planVersion: meta.planVersion, planDigest: meta.planDigest, unit: meta.unit }, meta.binding);
      if (ok && a.from !== undefined && meta.unit !== a.from) {
        problems.push({ code: 'DUBAN_PROGRESS_NOT_SENDER', where: { file: f.file, sheet: '_duban' }, message: `the workbook is bound to ${meta.unit}, but the file was sent by ${a.from} (--from)` });
        continue;
      }
      if (ok) authority = 'bound workbook';
      else if (a.office) authority = '--office (binding did not verify)';
      else {
        problems.push({ code: 'DUBAN_PROGRESS_BINDING', where: { file: f.file, sheet: '_duban' }, message: `the workbook's binding does not match its unit (${meta.unit ?? '?'}) and plan version: its hidden sheet was edited, or it was made with another office key` });
        continue;
      }
    }
    if (!authority && a.from !== undefined) {
      for (const r of f.rows) {
        const u = text(r.fields.unit);
        if (u && (a.resolveUnit(u) ?? u) !== a.from) {
          problems.push({ code: 'DUBAN_PROGRESS_NOT_SENDER', where: { ...r.where, column: r.columns.unit ?? 'unit' }, message: `row names ${u}, but the file was sent by ${a.from} (--from)` });
        }
      }
      authority = `--from ${a.from}`;
    }
    if (!authority && a.office) authority = '--office';
    if (!authority) {
      problems.push({
        code: 'DUBAN_PROGRESS_UNBOUND', where: { file: f.file },
        message: `${f.kind === 'template' ? 'the workbook is not bound by the office key' : 'the file names its reporting unit(s) itself'} (${unitList(units)}); nothing vouches that they sent it`,
      });
      continue;
    }
    out.push({ file: f.file, units, authority });
  }
  return { problems, files: out };
}

/** The attestation recorded in the audit entry: file → units (authority), shortened past 20 files. */
export function attestationText(files: readonly FileAttestation[]): string {
  const name = (f: string) => f.split(/[\\/]/).pop() ?? f;
  const parts = files.slice(0, 20).map((f) => `${name(f.file)}=${f.units.join(',') || '-'} (${f.authority})`);
  if (files.length > 20) parts.push(`… ${files.length - 20} more`);
  return `units: ${parts.join('; ')}`;
}
