/**
 * What the CLI makes of an audit verification: one coded error per kind of
 * failure (shared by `audit verify` and `report`), and the gate `report` passes
 * before it issues anything.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DubanError } from '@duban/core';
import type { AuditHead, AuditVerification, IssuedDocument, Ledger } from '@duban/store';

const CODES: Record<NonNullable<AuditVerification['firstBad']>['kind'], string> = {
  rows: 'DUBAN_AUDIT_MISMATCH',
  chain: 'DUBAN_AUDIT_MISMATCH',
  mac: 'DUBAN_AUDIT_MAC',
  truncated: 'DUBAN_AUDIT_TRUNCATED',
  head: 'DUBAN_AUDIT_HEAD_MISMATCH',
  registry: 'DUBAN_AUDIT_REGISTRY',
};

/** `57:3f2a…` as printed on documents and accepted by --expect-head. */
export function formatHead(head: AuditHead | null): string {
  return head ? `${head.seq}:${head.hash}` : '0:(empty chain)';
}

/** Parses --expect-head SEQ:HASH. */
export function parseHead(text: string): AuditHead {
  const m = /^#?(\d+):([0-9a-fA-F]+)$/.exec(text.trim());
  if (!m) {
    throw new DubanError('DUBAN_AUDIT_BAD_HEAD', `--expect-head ${text} is not SEQ:HASH`, {
      hint: 'copy it as printed on the last issued document or by `duban audit head`, e.g. --expect-head 57:3f2a9c0d1e4b5a6f',
    });
  }
  return { seq: Number(m[1]), hash: m[2]!.toLowerCase() };
}

/** The error for a failed verification, coded by what failed. */
export function auditError(v: AuditVerification, file: string): DubanError {
  const { seq, action, reason, kind } = v.firstBad!;
  const entry =
    kind === 'truncated' || kind === 'head' ? `the chain at entry #${seq}` : `audit entry #${seq} (${action})`;
  const hint =
    kind === 'truncated' || kind === 'head'
      ? 'the ledger is not the one that issued the document carrying this head: find out who replaced or cut it, and restore the ledger from the last backup that contains the head'
      : kind === 'mac'
        ? 'someone without the office key wrote or rewrote the ledger: restore the last good backup and re-apply the later imports with the key'
        : `${v.checked} earlier entries verified; the ledger was changed outside duban at or after entry #${seq}: restore the last good backup (duban backup) and re-apply the later imports`;
  return new DubanError(CODES[kind], `${entry} does not verify: ${reason}`, { where: { file }, hint });
}

/**
 * The check `report` makes in the same snapshot it reads: the chain, MACs (with a
 * key) and registered heads must verify, else nothing is issued — unless the
 * office says so with --allow-unverified, which is warned about loudly and
 * recorded in the registry.
 */
export function checkBeforeIssue(
  ledger: Ledger,
  allowUnverified: boolean,
  warn: (line: string) => void,
): { verified: boolean; head: AuditHead | null } {
  const v = ledger.verifyAudit();
  if (v.signed && !v.macChecked) {
    // Without the key the MACs cannot be checked, and a forged entry would pass.
    throw new DubanError(
      'DUBAN_AUDIT_KEY_REQUIRED',
      'this ledger is signed with an office key; documents are issued only after its MACs are checked',
      {
        where: { file: ledger.path },
        hint: 'set "auditKey" in duban.config.json or DUBAN_AUDIT_KEY to the office key file',
      },
    );
  }
  if (v.ok) return { verified: true, head: v.head };
  const error = auditError(v, ledger.path);
  if (!allowUnverified) {
    throw new DubanError(
      'DUBAN_REPORT_UNVERIFIED',
      `refusing to issue a document from a ledger whose audit chain does not verify: ${error.code}: ${error.message}`,
      {
        where: { file: ledger.path },
        hint: `${error.hint}; run \`duban audit verify\` for details. To issue anyway (the registry records it as unverified), pass --allow-unverified`,
      },
    );
  }
  const bar = '!'.repeat(72);
  for (const line of [
    bar,
    'WARNING: ISSUING FROM A LEDGER WHOSE AUDIT CHAIN DOES NOT VERIFY (--allow-unverified)',
    `${error.code}: ${error.message}`,
    'The registry of issued documents records this document as UNVERIFIED.',
    bar,
  ])
    warn(line);
  return { verified: false, head: v.head };
}

/** SHA-256 of each issued document file named on the command line. */
export async function documentDigests(files: readonly string[]): Promise<{ file: string; sha256: string }[]> {
  const out = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      throw new DubanError(
        'DUBAN_AUDIT_DOCUMENT_READ',
        `cannot read the document ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        { where: { file }, hint: 'name the issued document file (PDF, xlsx …) as it was sent' },
      );
    }
    out.push({ file, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return out;
}

/**
 * Each document must be one this ledger registered (verification has already
 * checked every registered head is in the chain). A document missing from the
 * registry was issued from another ledger, or this one was rolled back or cut to
 * before it was issued: the document itself is the anchor.
 */
export function checkDocuments(
  ledger: Ledger,
  files: readonly { file: string; sha256: string }[],
): { file: string; doc: IssuedDocument }[] {
  if (!files.length) return [];
  const docs = ledger.issuedDocuments();
  return files.map((f) => {
    const doc = docs.find((d) => d.outputs.some((o) => o.sha256 === f.sha256));
    if (!doc) {
      throw new DubanError(
        'DUBAN_AUDIT_UNKNOWN_DOCUMENT',
        `${f.file} (SHA-256 ${f.sha256}) is not in this ledger's registry of issued documents`,
        {
          where: { file: ledger.path },
          hint: 'it was issued from another ledger, or this ledger was rolled back or truncated to before it was issued; restore the ledger that issued it (a backup made after the document)',
        },
      );
    }
    return { file: f.file, doc };
  });
}
